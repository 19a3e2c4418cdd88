// The injection scanner's statistical model: logistic regression over hashed features of the
// normalised text (word unigrams and bigrams, character 2- to 5-grams including spaces), each
// feature hashed into 2^bits buckets in one pass over the text (no substrings). The logit is bias + Σ weight[bucket] / √(feature count), so a
// window's score is a difference of prefix sums and long texts are scored in overlapping windows
// for the price of one pass. Weights are trained by `npm run train:injection`
// (scripts/train-injection.mjs) and shipped as models/injection.json.

import { readFileSync } from 'node:fs';

export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
  /** Word unigrams and bigrams. */
  words: boolean;
  /** Window length in normalised characters; longer texts are scored per window (max). */
  window: number;
  /** Distance between window starts. */
  stride: number;
  /**
   * Short windows, also scored (max over both scales): an instruction planted in a long document
   * is a small part of a long window but most of a short one.
   */
  shortWindow: number;
  shortStride: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  charMin: 2,
  charMax: 5,
  words: true,
  window: 2048,
  stride: 1024,
  shortWindow: 256,
  shortStride: 128,
};

/** The JSON layout of models/injection.json. */
export interface ModelFile {
  format: 'gatehouse-injection-lr/2';
  features: FeatureConfig;
  /** Bias of the logit. */
  bias: number;
  /** Weights are int8: weight = q * scale. */
  scale: number;
  /** base64 of an Int8Array of 2^bits quantised weights. */
  weights: string;
  /** Platt calibration of the logit on held-out training data: p = σ(a·logit + b). */
  calibration: { a: number; b: number };
  /** Decision threshold on the scanner's combined score, chosen on held-out training data. */
  threshold: number;

  /** Provenance: data sources, licences and row counts, seed, feature config, augmentation. */
  meta: Record<string, unknown>;
}

// Character n-grams hash as polynomials of their UTF-16 codes (P = Σ c[i-j]·B^j, the n-gram ending at
// position i), so the 3-, 4- and 5-gram ending at a position cost one multiply-add each and no
// substring; a per-length salt and a Fibonacci multiply whose top bits give the bucket spread them.
// Words hash with FNV-1a over their characters; word features take distinct salts.
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
export const GOLDEN = 0x9e3779b1;
const WORD_SALT = 0x27d4eb2f;
const BIGRAM_SALT = 0x165667b1;
const B1 = 0x01000193;
const B2 = Math.imul(B1, B1);
const B3 = Math.imul(B2, B1);
const B4 = Math.imul(B3, B1);
/** Salt per n-gram length (index = length). */
const LEN_SALT = [0, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab];
const POW = [1, B1, B2, B3, B4];
/** Longest character n-gram the featuriser supports. */
export const MAX_CHAR_NGRAM = 5;

/** Word characters of the featuriser (also the second stage's): ASCII letters, digits and '_', and any non-ASCII letter outside punctuation, symbol and surrogate blocks. */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  return !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0xa0 && c <= 0xbf);
}

/**
 * Calls `visit(bucket, position)` for every feature of `t` (a normalised text) in [from, to): the
 * single definition of the features. A character n-gram belongs to the position of its last
 * character, and so do a word's unigram and its bigram with the previous word. Training uses this function;
 * `InjectionModel.score` inlines the same arithmetic for speed (a test checks that both agree).
 */
export function forEachFeature(
  t: string,
  from: number,
  to: number,
  cfg: FeatureConfig,
  visit: (bucket: number, pos: number) => void,
): void {
  const shift = 32 - cfg.bits;
  const { charMin, charMax } = cfg;
  if (charMax > MAX_CHAR_NGRAM) throw new Error(`injection model: character n-grams up to ${MAX_CHAR_NGRAM}`);
  const prev = [0, 0, 0, 0, 0];
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    let p = c;
    for (let k = 1; k <= charMax && k <= i - from + 1; k++) {
      if (k > 1) p = (p + Math.imul(prev[k - 1] as number, POW[k - 1] as number)) | 0;
      if (k >= charMin) visit(Math.imul(p ^ (LEN_SALT[k] as number), GOLDEN) >>> shift, i);
    }
    for (let k = 4; k > 1; k--) prev[k] = prev[k - 1] as number;
    prev[1] = c;
  }
  if (!cfg.words) return;
  let before = 0;
  for (let i = from; i < to; ) {
    if (!isWordChar(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let h = FNV_OFFSET;
    while (i < to && isWordChar(t.charCodeAt(i))) h = Math.imul(h ^ t.charCodeAt(i++), FNV_PRIME);
    const pos = i - 1;
    visit(Math.imul(h ^ WORD_SALT, GOLDEN) >>> shift, pos);
    if (before !== 0) visit(Math.imul(Math.imul(before, FNV_PRIME) ^ h ^ BIGRAM_SALT, GOLDEN) >>> shift, pos);
    before = h | 1;
  }
}

/** Feature buckets of t[from, to), duplicates kept (for training). */
export function featureBuckets(t: string, from: number, to: number, cfg: FeatureConfig): Int32Array {
  const out: number[] = [];
  forEachFeature(t, from, to, cfg, (b) => {
    out.push(b);
  });
  return Int32Array.from(out);
}

/** Start offsets of windows of `size` every `stride` covering a text of length `len`. */
export function windowStarts(len: number, size: number, stride: number): number[] {
  if (len <= size) return [0];
  const starts: number[] = [];
  for (let s = 0; s + size < len; s += stride) starts.push(s);
  starts.push(len - size);
  return starts;
}

/** Lines shorter than this are not scored on their own. */
const SHORT_MIN_LINE = 24;

/**
 * The short segments a text is scored on besides its long windows: each line of at least
 * `minLine` characters, cut into overlapping `shortWindow` pieces when longer. A planted
 * instruction usually sits on a line of its own inside an email, a table or a code block.
 */
export function shortSegments(t: string, cfg: FeatureConfig, stride = cfg.shortStride, minLine = SHORT_MIN_LINE): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = t.length;
  for (let s = 0; s < n; ) {
    let e = t.indexOf('\n', s);
    if (e < 0) e = n;
    if (e - s >= minLine && e - s < n) {
      if (e - s <= cfg.shortWindow) out.push([s, e]);
      else for (const w of windowStarts(e - s, cfg.shortWindow, stride)) out.push([s + w, s + w + cfg.shortWindow]);
    }
    s = e + 1;
  }
  return out;
}

export interface ModelScore {
  /** Calibrated probability that the (highest-scoring window of the) text is an attack. */
  probability: number;
  logit: number;
  /** The highest-scoring window, in normalised-text offsets. */
  start: number;
  end: number;
}

// Scratch buffers reused across calls (scans are synchronous, so one set suffices): per-position
// prefix sums of quantised weights and of feature counts.
let scratchSums = new Int32Array(4096);
let scratchCounts = new Int32Array(4096);

function growScratch(n: number): void {
  scratchSums = new Int32Array(n + 1024);
  scratchCounts = new Int32Array(n + 1024);
}

export class InjectionModel {
  readonly features: FeatureConfig;
  readonly bias: number;
  /** int8 weights; weight = q * scale. */
  readonly q: Int8Array;
  readonly scale: number;
  readonly calibration: { a: number; b: number };
  readonly threshold: number;
  readonly meta: Record<string, unknown>;

  constructor(file: Pick<ModelFile, 'features' | 'bias' | 'scale' | 'calibration' | 'threshold' | 'meta'>, q: Int8Array) {
    if (q.length !== 1 << file.features.bits)
      throw new Error(`injection model: expected ${1 << file.features.bits} weights, got ${q.length}`);
    this.features = file.features;
    this.bias = file.bias;
    this.q = q;
    this.scale = file.scale;
    this.calibration = file.calibration;
    this.threshold = file.threshold;
    this.meta = file.meta;
  }

  /**
   * Runs the scorer over texts that take every branch (ASCII, Latin-1, Cyrillic and CJK words, a
   * long line, several windows) so that the optimising compiler sees complete type feedback and
   * later scans never fall back from optimised code. A few milliseconds, once, at startup.
   */
  warmUp(): void {
    const base = 'ignore the above, instructions: déjà vu über straße сказано 忽略 指令 test_case_1 — 😀 ';
    const line = base.repeat(8);
    const long = `${line}\n${base}\n`.repeat(12);
    for (let k = 0; k < 4; k++) {
      this.score(long);
      this.score(line);
      this.score(base);
      this.score('x');
      this.score('');
    }
  }

  static fromFile(file: ModelFile): InjectionModel {
    if (file.format !== 'gatehouse-injection-lr/2') throw new Error(`injection model: unknown format ${String(file.format)}`);
    const bytes = Buffer.from(file.weights, 'base64');
    return new InjectionModel(file, new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  }

  /** Reads a weights file synchronously: call once at startup, never per request. */
  static load(path: string | URL): InjectionModel {
    return InjectionModel.fromFile(JSON.parse(readFileSync(path, 'utf8')) as ModelFile);
  }

  calibrate(logit: number): number {
    return 1 / (1 + Math.exp(-(this.calibration.a * logit + this.calibration.b)));
  }

  /** Scores a normalised text: the maximum over its long windows and its short segments (lines). */
  score(t: string): ModelScore {
    const n = t.length;
    if (scratchSums.length <= n) growScratch(n);
    featureSums(t, this.q, this.features, scratchSums, scratchCounts);
    const best = bestWindow(t, this.features, scratchSums, scratchCounts, this.bias, this.scale);
    return { probability: this.calibrate(best.logit), logit: best.logit, start: best.start, end: best.end };
  }
}

interface Window {
  logit: number;
  start: number;
  end: number;
}

/** The best-scoring window (long windows as `windowStarts` lists them, lines as `shortSegments` does) from prefix sums. */
// Each loop runs its single call site at least once per text, so the optimised code never meets
// an unvisited branch (which would cost a deoptimisation on the occasional long text).
function bestWindow(t: string, cfg: FeatureConfig, sums: Int32Array, counts: Int32Array, bias: number, scale: number): Window {
  const n = t.length;
  const best: Window = { logit: Number.NEGATIVE_INFINITY, start: 0, end: n };
  const { window: size, stride, shortWindow: short, shortStride } = cfg;
  for (let s = 0; ; ) {
    const end = Math.min(n, s + size);
    consider(best, sums, counts, bias, scale, Math.max(0, end - size), end);
    s += stride;
    if (end === n) break;
  }
  for (let s = 0; s < n; ) {
    let e = t.indexOf('\n', s);
    if (e < 0) e = n;
    const len = e - s;
    if (len >= SHORT_MIN_LINE && len < n) {
      for (let w = s; ; ) {
        const end = Math.min(e, w + short);
        consider(best, sums, counts, bias, scale, Math.max(s, end - short), end);
        w += shortStride;
        if (end === e) break;
      }
    }
    s = e + 1;
  }
  return best;
}

function consider(best: Window, sums: Int32Array, counts: Int32Array, bias: number, scale: number, s: number, e: number): void {
  const c = (counts[e] as number) - (counts[s] as number);
  const logit = c === 0 ? bias : bias + (scale * ((sums[e] as number) - (sums[s] as number))) / Math.sqrt(c);
  if (logit > best.logit) {
    best.logit = logit;
    best.start = s;
    best.end = e;
  }
}

/**
 * Per-position prefix sums of the quantised weights and of the feature counts of `t` into
 * `sums[0..n]` and `counts[0..n]`: the inlined form of forEachFeature, one pass over the text.
 * (A small function of its own, so that it is optimised once and stays optimised.)
 */
function featureSums(t: string, q: Int8Array, cfg: FeatureConfig, sums: Int32Array, counts: Int32Array): void {
  const n = t.length;
  const shift = 32 - cfg.bits;
  const { charMin, charMax, words } = cfg;
  const g1 = charMin <= 1 && charMax >= 1;
  const g2 = charMin <= 2 && charMax >= 2;
  const g3 = charMin <= 3 && charMax >= 3;
  const g4 = charMin <= 4 && charMax >= 4;
  const g5 = charMin <= 5 && charMax >= 5;
  // From the fifth character on every length has its n-gram: the weights of all five are loaded
  // and masked (-1 keeps a configured length, 0 drops it), so that loop has no branches per
  // length (a branch per length cost more than the extra load, and made the compiler re-check q).
  const m1 = g1 ? -1 : 0;
  const m2 = g2 ? -1 : 0;
  const m3 = g3 ? -1 : 0;
  const m4 = g4 ? -1 : 0;
  const m5 = g5 ? -1 : 0;
  const perChar = (m1 & 1) + (m2 & 1) + (m3 & 1) + (m4 & 1) + (m5 & 1);
  // Constants as int32 locals: values of 2^31 and up (salts, the FNV offset, the golden ratio)
  // would otherwise stay doubles and be converted at every use in the loop (same bits either way).
  const s1 = (LEN_SALT[1] as number) | 0;
  const s2 = (LEN_SALT[2] as number) | 0;
  const s3 = (LEN_SALT[3] as number) | 0;
  const s4 = (LEN_SALT[4] as number) | 0;
  const s5 = (LEN_SALT[5] as number) | 0;
  const offset = FNV_OFFSET | 0;
  const golden = GOLDEN | 0;
  // One pass (the inlined form of forEachFeature): the character n-grams ending at i, and the
  // features of a word that ended at i - 1; running totals give the prefix sums.
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let acc = 0;
  let cnt = 0;
  let inWord = false;
  let wh = offset;
  let before = 0; // hash of the previous word (0: none yet)
  sums[0] = 0;
  counts[0] = 0;
  // i === n is a sentinel space that ends a last word.
  for (let i = 0; i <= n; i++) {
    const c = i < n ? t.charCodeAt(i) : 32;
    if (words) {
      if (i < n && isWordChar(c)) {
        if (!inWord) {
          inWord = true;
          wh = offset;
        }
        wh = Math.imul(wh ^ c, FNV_PRIME);
      } else if (inWord) {
        // The word ended at i - 1: its features join that position's prefix sum.
        inWord = false;
        acc += q[Math.imul(wh ^ WORD_SALT, golden) >>> shift] as number;
        cnt++;
        if (before !== 0) {
          acc += q[Math.imul(Math.imul(before, FNV_PRIME) ^ wh ^ BIGRAM_SALT, golden) >>> shift] as number;
          cnt++;
        }
        sums[i] = acc;
        counts[i] = cnt;
        before = wh | 1;
      }
    }
    if (i === n) break;
    if (i >= 4) {
      const p2 = (c + Math.imul(c1, B1)) | 0;
      const p3 = (p2 + Math.imul(c2, B2)) | 0;
      const p4 = (p3 + Math.imul(c3, B3)) | 0;
      const p5 = (p4 + Math.imul(c4, B4)) | 0;
      acc +=
        ((q[Math.imul(c ^ s1, golden) >>> shift] as number) & m1) +
        ((q[Math.imul(p2 ^ s2, golden) >>> shift] as number) & m2) +
        ((q[Math.imul(p3 ^ s3, golden) >>> shift] as number) & m3) +
        ((q[Math.imul(p4 ^ s4, golden) >>> shift] as number) & m4) +
        ((q[Math.imul(p5 ^ s5, golden) >>> shift] as number) & m5);
      cnt += perChar;
    } else {
      // The first four characters: only the n-grams that fit so far.
      let local = 0;
      let k = 0;
      let p = c;
      if (g1) {
        local += q[Math.imul(p ^ s1, golden) >>> shift] as number;
        k++;
      }
      if (i >= 1) {
        p = (p + Math.imul(c1, B1)) | 0;
        if (g2) {
          local += q[Math.imul(p ^ s2, golden) >>> shift] as number;
          k++;
        }
        if (i >= 2) {
          p = (p + Math.imul(c2, B2)) | 0;
          if (g3) {
            local += q[Math.imul(p ^ s3, golden) >>> shift] as number;
            k++;
          }
          if (i >= 3) {
            p = (p + Math.imul(c3, B3)) | 0;
            if (g4) {
              local += q[Math.imul(p ^ s4, golden) >>> shift] as number;
              k++;
            }
          }
        }
      }
      acc += local;
      cnt += k;
    }
    c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = c;
    sums[i + 1] = acc;
    counts[i + 1] = cnt;
  }
}

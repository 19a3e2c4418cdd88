// The injection scanner's statistical model: logistic regression over hashed features of the
// normalised text (word unigrams and bigrams, character 2- to 5-grams including spaces), each
// feature hashed into 2^bits buckets in one pass over the text (no substrings). The logit is bias + Σ weight[bucket] / √(feature count), so a
// window's score is a difference of prefix sums and long texts are scored in overlapping windows
// for the price of one pass. Weights are trained by `npm run train:injection`
// (scripts/train-injection.mjs) and shipped as models/injection.json.

import { readFileSync } from 'node:fs';
import { CodeUnits } from './normalize.js';

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
// The same constants as int32 module-private values for the scorer's loop, which the compiler
// folds into the code: as written, the salts, the FNV offset and the golden ratio are 2^31 and up
// (doubles, converted at every use), and an exported binding is read through its export cell.
const GOLDEN_I32 = GOLDEN | 0;
const OFFSET_I32 = FNV_OFFSET | 0;
const PRIME = FNV_PRIME | 0;
const SALT1 = (LEN_SALT[1] as number) | 0;
const SALT2 = (LEN_SALT[2] as number) | 0;
const SALT3 = (LEN_SALT[3] as number) | 0;
const SALT4 = (LEN_SALT[4] as number) | 0;
const SALT5 = (LEN_SALT[5] as number) | 0;
/** Longest character n-gram the featuriser supports. */
export const MAX_CHAR_NGRAM = 5;
/** Longest repeated unit whose run stops adding features past its fourth repeat (see forEachFeature). */
const MAX_PERIOD = 6;

/** Word characters of the featuriser (also the second stage's): ASCII letters, digits and '_', and any non-ASCII letter outside punctuation, symbol and surrogate blocks. */
export function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  return !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0xa0 && c <= 0xbf);
}

/** isWordChar of every UTF-16 code unit (1 or 0), for the scorer's loop: one load instead of up to eight comparisons. */
export const WORD_CHAR = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) WORD_CHAR[c] = isWordChar(c) ? 1 : 0;

/**
 * The FNV-1a hashes of a normalised text's words (maximal runs of `isWordChar` characters), in
 * order. Both stages build their word features from them, so a scan hashes the words once:
 * `InjectionModel.score` fills them as it goes and the second stage reads them.
 */
export class WordHashes {
  /** The text the hashes belong to; null when they belong to none (not filled, or filled by a model without word features). */
  text: string | null = null;
  hashes = new Int32Array(256);
  count = 0;

  /** Makes room for the words of a text of `n` characters (at most one word per two characters, rounded up). */
  reserve(n: number): void {
    if (this.hashes.length <= n >> 1) this.hashes = new Int32Array((n >> 1) + 256);
  }
}

/** Fills `out` with the word hashes of `t` (what `InjectionModel.score` leaves there, for a text it did not score). */
export function hashWords(t: string, out: WordHashes): WordHashes {
  const n = t.length;
  out.reserve(n);
  const hashes = out.hashes;
  let count = 0;
  for (let i = 0; i < n; ) {
    if (!isWordChar(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let h = OFFSET_I32;
    while (i < n && isWordChar(t.charCodeAt(i))) h = Math.imul(h ^ t.charCodeAt(i++), PRIME);
    hashes[count++] = h;
  }
  out.count = count;
  out.text = t;
  return out;
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
  const damped = new Uint8Array(to - from);
  const runs = new Int32Array(MAX_PERIOD + 1);
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    let p = c;
    // Past the fourth repeat of a unit of up to MAX_PERIOD characters ("xxxxxxxx", "========",
    // "00 00 00 00 00", "0x00, 0x00, …") a run adds no features: a text that is only a placeholder,
    // a separator or a dump would otherwise be judged on those features alone, its score growing
    // with the length of the run.
    let repeat = false;
    for (let k = 1; k <= MAX_PERIOD; k++) {
      runs[k] = i - k >= from && c === t.charCodeAt(i - k) ? (runs[k] as number) + 1 : 0;
      if ((runs[k] as number) >= 3 * k + 1) repeat = true;
    }
    damped[i - from] = repeat ? 1 : 0;
    for (let k = 1; k <= charMax && k <= i - from + 1 && !repeat; k++) {
      if (k > 1) p = (p + Math.imul(t.charCodeAt(i - k + 1), POW[k - 1] as number)) | 0;
      if (k >= charMin) visit(Math.imul(p ^ (LEN_SALT[k] as number), GOLDEN) >>> shift, i);
    }
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
    // A word that ends inside such a run adds none either (it still counts as the previous word).
    if (damped[pos - from] === 0) {
      visit(Math.imul(h ^ WORD_SALT, GOLDEN) >>> shift, pos);
      if (before !== 0) visit(Math.imul(Math.imul(before, FNV_PRIME) ^ h ^ BIGRAM_SALT, GOLDEN) >>> shift, pos);
    }
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
// prefix sums of quantised weights and of feature counts, interleaved (see featureSums).
let scratchPrefix = new Int32Array(8192);

/** The code units of the text being scored: featureSums reads them (cheaper than charCodeAt, see CodeUnits). */
const scoreUnits = new CodeUnits();

/** Where `score` puts the word hashes when the caller does not want them (no text is kept). */
const scratchWords = new WordHashes();

function growScratch(n: number): void {
  scratchPrefix = new Int32Array(2 * n + 2048);
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

  /**
   * Scores a normalised text: the maximum over its long windows and its short segments (lines).
   * With `words`, also leaves the text's word hashes there (when the model has word features;
   * otherwise `words.text` is null).
   */
  score(t: string, words?: WordHashes): ModelScore {
    const n = t.length;
    if (scratchPrefix.length < 2 * n + 2) growScratch(n);
    const out = words ?? scratchWords;
    out.reserve(n);
    const units = scoreUnits.of(t);
    markDamped(units, n);
    const count = featureSums(units, n, this.q, this.features, scratchPrefix, out.hashes, dampFlags);
    if (words) {
      words.count = count;
      words.text = this.features.words ? t : null;
    }
    const best = bestWindow(t, this.features, scratchPrefix, this.bias, this.scale);
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
function bestWindow(t: string, cfg: FeatureConfig, prefix: Int32Array, bias: number, scale: number): Window {
  const n = t.length;
  const best: Window = { logit: Number.NEGATIVE_INFINITY, start: 0, end: n };
  const { window: size, stride, shortWindow: short, shortStride } = cfg;
  for (let s = 0; ; ) {
    const end = Math.min(n, s + size);
    consider(best, prefix, bias, scale, Math.max(0, end - size), end);
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
        consider(best, prefix, bias, scale, Math.max(s, end - short), end);
        w += shortStride;
        if (end === e) break;
      }
    }
    s = e + 1;
  }
  return best;
}

function consider(best: Window, prefix: Int32Array, bias: number, scale: number, s: number, e: number): void {
  const c = (prefix[2 * e + 1] as number) - (prefix[2 * s + 1] as number);
  const logit = c === 0 ? bias : bias + (scale * ((prefix[2 * e] as number) - (prefix[2 * s] as number))) / Math.sqrt(c);
  if (logit > best.logit) {
    best.logit = logit;
    best.start = s;
    best.end = e;
  }
}

/**
 * 1 at the positions of the text markDamped last read that forEachFeature damps, 0 elsewhere (up to
 * that text's length); [dirtyFrom, dirtyTo) holds every 1, cleared on the next call.
 */
let dampFlags = new Uint8Array(4096);
let dirtyFrom = 0;
let dirtyTo = 0;

/**
 * Marks in dampFlags the positions of the first `n` code units of `t` that forEachFeature damps:
 * for some period 2 ≤ p ≤ MAX_PERIOD, the end of a run of at least 3p + 1 positions whose unit repeats
 * the one p back (positions a + 3p … of a run that starts at a). Such a run holds a multiple of
 * 3p + 1, so only those are probed for period p; a probe that hits is widened both ways to its
 * whole run, once per run. Linear, and under one probe per character.
 */
function markDamped(t: Uint16Array, n: number): void {
  if (dampFlags.length < n) dampFlags = new Uint8Array(Math.max(n, 2 * dampFlags.length));
  else if (dirtyTo > dirtyFrom) dampFlags.fill(0, dirtyFrom, dirtyTo);
  dirtyFrom = n;
  dirtyTo = 0;
  // (Period 1, a run of one character, featureSums checks itself.)
  for (let p = 2; p <= MAX_PERIOD; p++) {
    const stride = 3 * p + 1;
    let end = -1; // the last run of this period ended before here
    for (let i = stride; i < n; i += stride) {
      if (i < end || t[i] !== t[i - p]) continue;
      let a = i;
      while (a - 1 - p >= 0 && t[a - 1] === t[a - 1 - p]) a--;
      let b = i + 1;
      while (b < n && t[b] === t[b - p]) b++;
      end = b;
      if (b - a < stride) continue;
      dampFlags.fill(1, a + 3 * p, b);
      if (a + 3 * p < dirtyFrom) dirtyFrom = a + 3 * p;
      if (b > dirtyTo) dirtyTo = b;
    }
  }
}

/**
 * Per-position prefix sums of the quantised weights and of the feature counts of the text whose
 * `n` code units start `t` (entries past n are ignored), interleaved
 * in `prefix`: for p in [0, n], prefix[2p] is the weight sum and prefix[2p + 1] the number of the
 * features before position p (one array: the loop's two stores share one bounds and type check,
 * 9% fewer instructions than two arrays). The inlined form of forEachFeature, one pass over the text.
 * With word features, the hashes of the words go to `wordHashes` (room for (n >> 1) + 1 needed);
 * returns their number. `damped` is 1 at the positions that add no features for a unit of two or
 * more characters (markDamped's marks: one load per character here, not the six counters
 * forEachFeature keeps, which cost a third of this loop). (A small function of its own, so that it
 * is optimised once and stays optimised; it reads no module state, which made the compiler inline
 * it into `score` and lay the loop out 70% slower.)
 */
function featureSums(
  t: Uint16Array,
  n: number,
  q: Int8Array,
  cfg: FeatureConfig,
  prefix: Int32Array,
  wordHashes: Int32Array,
  damped: Uint8Array,
): number {
  const shift = 32 - cfg.bits;
  const { charMin, charMax, words } = cfg;
  const g1 = charMin <= 1 && charMax >= 1;
  const g2 = charMin <= 2 && charMax >= 2;
  const g3 = charMin <= 3 && charMax >= 3;
  const g4 = charMin <= 4 && charMax >= 4;
  const g5 = charMin <= 5 && charMax >= 5;
  // From the fifth character on every length from 2 up has its n-gram: their weights are loaded
  // and masked (-1 keeps a configured length, 0 drops it), so that loop has no branch per length
  // (a branch per length cost more than the extra load). Unigrams, off in the shipped
  // configuration, keep a branch of their own.
  const m2 = g2 ? -1 : 0;
  const m3 = g3 ? -1 : 0;
  const m4 = g4 ? -1 : 0;
  const m5 = g5 ? -1 : 0;
  const perChar = (g1 ? 1 : 0) + (m2 & 1) + (m3 & 1) + (m4 & 1) + (m5 & 1);
  // One pass (the inlined form of forEachFeature): the character n-grams ending at i, and the
  // features of a word that ended at i - 1; running totals give the prefix sums. The totals
  // wrap as int32 (| 0, no overflow checks in the loop), as the Int32Array stores would.
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let dampedHere = false; // position i - 1 is damped
  let acc = 0;
  let cnt = 0;
  let inWord = false;
  let wh = 0;
  let before = 0; // hash of the previous word (0: none yet)
  let nw = 0;
  prefix[0] = 0;
  prefix[1] = 0;
  // i === n is a sentinel space that ends a last word. (Ending the last word after the loop
  // instead measured twice as slow: the compiler lays the loop out worse.)
  for (let i = 0; i <= n; i++) {
    const c = i < n ? (t[i] as number) : 32;
    if (words) {
      // (The sentinel space is no word character.)
      if (WORD_CHAR[c] === 1) {
        if (!inWord) {
          inWord = true;
          wh = OFFSET_I32;
        }
        wh = Math.imul(wh ^ c, PRIME);
      } else if (inWord) {
        // The word ended at i - 1: its features join that position's prefix sum (none when that
        // position is damped).
        inWord = false;
        if (!dampedHere) {
          acc = (acc + (q[Math.imul(wh ^ WORD_SALT, GOLDEN_I32) >>> shift] as number)) | 0;
          cnt = (cnt + 1) | 0;
          if (before !== 0) {
            acc = (acc + (q[Math.imul(Math.imul(before, PRIME) ^ wh ^ BIGRAM_SALT, GOLDEN_I32) >>> shift] as number)) | 0;
            cnt = (cnt + 1) | 0;
          }
          prefix[2 * i] = acc;
          prefix[2 * i + 1] = cnt;
        }
        wordHashes[nw++] = wh;
        before = wh | 1;
      }
    }
    if (i === n) break;
    // (a single character's run is checked here, on the units the loop holds; longer units marked)
    dampedHere = (i >= 4 && c === c1 && c === c2 && c === c3 && c === c4) || damped[i] === 1;
    if (dampedHere) {
      // Past the fourth repeat of a unit a run adds no n-grams (as forEachFeature).
    } else if (i >= 4) {
      const p2 = (c + Math.imul(c1, B1)) | 0;
      const p3 = (p2 + Math.imul(c2, B2)) | 0;
      const p4 = (p3 + Math.imul(c3, B3)) | 0;
      const p5 = (p4 + Math.imul(c4, B4)) | 0;
      let local =
        ((q[Math.imul(p2 ^ SALT2, GOLDEN_I32) >>> shift] as number) & m2) +
        ((q[Math.imul(p3 ^ SALT3, GOLDEN_I32) >>> shift] as number) & m3) +
        ((q[Math.imul(p4 ^ SALT4, GOLDEN_I32) >>> shift] as number) & m4) +
        ((q[Math.imul(p5 ^ SALT5, GOLDEN_I32) >>> shift] as number) & m5);
      if (g1) local += q[Math.imul(c ^ SALT1, GOLDEN_I32) >>> shift] as number;
      acc = (acc + local) | 0;
      cnt = (cnt + perChar) | 0;
    } else {
      // The first four characters: only the n-grams that fit so far.
      let local = 0;
      let k = 0;
      let p = c;
      if (g1) {
        local += q[Math.imul(p ^ SALT1, GOLDEN_I32) >>> shift] as number;
        k++;
      }
      if (i >= 1) {
        p = (p + Math.imul(c1, B1)) | 0;
        if (g2) {
          local += q[Math.imul(p ^ SALT2, GOLDEN_I32) >>> shift] as number;
          k++;
        }
        if (i >= 2) {
          p = (p + Math.imul(c2, B2)) | 0;
          if (g3) {
            local += q[Math.imul(p ^ SALT3, GOLDEN_I32) >>> shift] as number;
            k++;
          }
          if (i >= 3) {
            p = (p + Math.imul(c3, B3)) | 0;
            if (g4) {
              local += q[Math.imul(p ^ SALT4, GOLDEN_I32) >>> shift] as number;
              k++;
            }
          }
        }
      }
      acc = (acc + local) | 0;
      cnt = (cnt + k) | 0;
    }
    c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = c;
    prefix[2 * i + 2] = acc;
    prefix[2 * i + 3] = cnt;
  }
  return nw;
}

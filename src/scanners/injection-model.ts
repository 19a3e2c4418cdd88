// The injection scanner's statistical model: logistic regression over hashed features of the
// normalised text (word unigrams and bigrams, character 3- to 5-grams including spaces), each
// feature hashed into 2^bits buckets. The logit is bias + Σ weight[bucket] / √(feature count), so a
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
  charMin: 3,
  charMax: 5,
  words: true,
  window: 2048,
  stride: 1024,
  shortWindow: 256,
  shortStride: 128,
};

/** The JSON layout of models/injection.json. */
export interface ModelFile {
  format: 'gatehouse-injection-lr/1';
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

// Features hash with FNV-1a over the characters, then a Fibonacci multiply whose top bits give the
// bucket (cheap and well spread). Word features take distinct salts from character n-grams.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b1;
const WORD_SALT = 0x27d4eb2f;
const BIGRAM_SALT = 0x165667b1;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  return !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xd800 && c <= 0xdfff) && !(c >= 0xa0 && c <= 0xbf);
}

/**
 * Calls `visit(bucket, position)` for every feature of `t` (a normalised text) in [from, to): the
 * single definition of the features. Training uses it; `InjectionModel.score` inlines the same
 * arithmetic for speed (a test checks that both agree).
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
  for (let i = from; i < to; i++) {
    let h = FNV_OFFSET;
    const lim = Math.min(charMax, to - i);
    for (let k = 0; k < lim; k++) {
      h = Math.imul(h ^ t.charCodeAt(i + k), FNV_PRIME);
      if (k + 1 >= charMin) visit(Math.imul(h + k, GOLDEN) >>> shift, i);
    }
  }
  if (!cfg.words) return;
  let prev = 0;
  for (let i = from; i < to; ) {
    if (!isWordChar(t.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    let h = FNV_OFFSET;
    while (i < to && isWordChar(t.charCodeAt(i))) h = Math.imul(h ^ t.charCodeAt(i++), FNV_PRIME);
    visit(Math.imul(h ^ WORD_SALT, GOLDEN) >>> shift, s);
    if (prev !== 0) visit(Math.imul(Math.imul(prev, FNV_PRIME) ^ h ^ BIGRAM_SALT, GOLDEN) >>> shift, s);
    prev = h | 1;
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

/**
 * The short segments a text is scored on besides its long windows: each line of at least
 * `minLine` characters, cut into overlapping `shortWindow` pieces when longer. A planted
 * instruction usually sits on a line of its own inside an email, a table or a code block.
 */
export function shortSegments(t: string, cfg: FeatureConfig, stride = cfg.shortStride, minLine = 24): Array<[number, number]> {
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

// Scratch buffers reused across calls (scans are synchronous, so one set suffices).
let scratchSums = new Float64Array(4096);
let scratchCounts = new Uint32Array(4096);

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

  static fromFile(file: ModelFile): InjectionModel {
    if (file.format !== 'gatehouse-injection-lr/1') throw new Error(`injection model: unknown format ${String(file.format)}`);
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
    const cfg = this.features;
    const n = t.length;
    if (scratchSums.length < n + 1) {
      scratchSums = new Float64Array(n + 1024);
      scratchCounts = new Uint32Array(n + 1024);
    }
    const sums = scratchSums;
    const counts = scratchCounts;
    const q = this.q;
    const shift = 32 - cfg.bits;
    const { charMin, charMax } = cfg;
    // Per-position feature sums and counts (the inlined form of forEachFeature), then prefix sums.
    sums[0] = 0;
    counts[0] = 0;
    const words = cfg.words;
    let prev = 0; // hash of the previous word (0: none yet)
    let wordStart = -1;
    let wh = FNV_OFFSET;
    // One pass: character n-grams starting at i, and the word hash carried along.
    for (let i = 0; i <= n; i++) {
      const c = i < n ? t.charCodeAt(i) : 32;
      if (words) {
        if (i < n && isWordChar(c)) {
          if (wordStart < 0) {
            wordStart = i;
            wh = FNV_OFFSET;
          }
          wh = Math.imul(wh ^ c, FNV_PRIME);
        } else if (wordStart >= 0) {
          // Word features belong to the word's first position (as in forEachFeature).
          let local = q[Math.imul(wh ^ WORD_SALT, GOLDEN) >>> shift] as number;
          let cnt = 1;
          if (prev !== 0) {
            local += q[Math.imul(Math.imul(prev, FNV_PRIME) ^ wh ^ BIGRAM_SALT, GOLDEN) >>> shift] as number;
            cnt++;
          }
          sums[wordStart + 1] = (sums[wordStart + 1] as number) + local;
          counts[wordStart + 1] = (counts[wordStart + 1] as number) + cnt;
          prev = wh | 1;
          wordStart = -1;
        }
      }
      if (i === n) break;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let local = 0;
      const lim = charMax < n - i ? charMax : n - i;
      for (let k = 1; k < lim; k++) {
        h = Math.imul(h ^ t.charCodeAt(i + k), FNV_PRIME);
        if (k + 1 >= charMin) local += q[Math.imul(h + k, GOLDEN) >>> shift] as number;
      }
      // Word features are added to their first position when the word ends, after this write.
      sums[i + 1] = local;
      counts[i + 1] = lim >= charMin ? lim - charMin + 1 : 0;
    }
    for (let i = 1; i <= n; i++) {
      sums[i] = (sums[i] as number) + (sums[i - 1] as number);
      counts[i] = (counts[i] as number) + (counts[i - 1] as number);
    }
    const scale = this.scale;
    let best = Number.NEGATIVE_INFINITY;
    let bestStart = 0;
    let bestEnd = n;
    const consider = (s: number, e: number) => {
      const c = (counts[e] as number) - (counts[s] as number);
      const logit = c === 0 ? this.bias : this.bias + (scale * ((sums[e] as number) - (sums[s] as number))) / Math.sqrt(c);
      if (logit > best) {
        best = logit;
        bestStart = s;
        bestEnd = e;
      }
    };
    for (const s of windowStarts(n, cfg.window, cfg.stride)) consider(s, Math.min(n, s + cfg.window));
    for (const [s, e] of shortSegments(t, cfg)) consider(s, e);
    return { probability: this.calibrate(best), logit: best, start: bestStart, end: bestEnd };
  }
}

// The injection scanner's second stage: a logistic regression over the whole normalised text that
// sees what the windowed first-stage model (injection-model.ts) cannot: which words, word bigrams
// and trigrams occur anywhere in the document (presence, not counts), together with the
// first-stage logit, the text's length and the rule families' scores. Long role-play jailbreaks
// ("stay in character", "two responses", "no restrictions" spread over several thousand
// characters) and benign "act as" prompts differ in the mix of such phrases more than in any one
// window. Its calibrated probability is one more independent witness in the scanner's noisy-OR;
// the threshold on that combined score was chosen on out-of-fold training scores. Trained by
// `npm run train:injection` (scripts/train-injection.mjs), shipped as models/injection-stage2.json.

import { readFileSync } from 'node:fs';
import { FNV_PRIME, GOLDEN, hashWords, WordHashes } from './injection-model.js';

export interface Stage2Config {
  /** log2 of the number of hash buckets of the word features. */
  bits: number;
  /** Rule families whose scores are dense features, in weight order. */
  families: string[];
  /** Length buckets: ⌊log2(1 + length)⌋, capped at this. */
  maxLengthBucket: number;
  /** The first-stage logit enters as logit / logitScale. */
  logitScale: number;
}

/** The JSON layout of models/injection-stage2.json. */
export interface Stage2File {
  format: 'gatehouse-injection-stage2/1';
  features: Stage2Config;
  bias: number;
  /** Word-feature weights are int8: weight = q * scale; base64 of an Int8Array of 2^bits. */
  scale: number;
  weights: string;
  /** Dense weights (float): see `denseLayout`. */
  dense: number[];
  /** Platt calibration of the stage-2 logit on out-of-fold training scores: p = σ(a·logit + b). */
  calibration: { a: number; b: number };
  /** Decision threshold on the scanner's combined score (rules, first stage and second stage). */
  threshold: number;
  meta: Record<string, unknown>;
}

/** Index of each dense weight: [logit, length one-hot…, rules score, families…, logit × length one-hot…]. */
export function denseLayout(cfg: Stage2Config): {
  logit: number;
  length: number;
  rules: number;
  families: number;
  logitByLength: number;
  size: number;
} {
  const buckets = cfg.maxLengthBucket + 1;
  const length = 1;
  const rules = length + buckets;
  const families = rules + 1;
  const logitByLength = families + cfg.families.length;
  return { logit: 0, length, rules, families, logitByLength, size: logitByLength + buckets };
}

// Module-private int32 copies of the featuriser's hash constants, which the compiler folds into
// docSum's code (an imported binding is read through its cell, and GOLDEN is a double as written).
const PRIME = FNV_PRIME | 0;
const GOLDEN_I32 = GOLDEN | 0;

const UNIGRAM_SALT = 0x27d4eb2f;
const BIGRAM_SALT = 0x165667b1;
const TRIGRAM_SALT = 0x5bd1e995;

// Presence marks: a bucket counts once per text. A per-call stamp avoids clearing the array.
let stamps = new Uint16Array(0);
let stamp = 0;

function nextStamp(size: number): void {
  if (stamps.length !== size) {
    stamps = new Uint16Array(size);
    stamp = 0;
  }
  stamp = (stamp + 1) & 0xffff;
  if (stamp === 0) {
    stamps.fill(0);
    stamp = 1;
  }
}

/** Word hashes of texts the caller did not bring hashes for. */
const ownWords = new WordHashes();

/** The word hashes of `t`: `words` when they are t's (filled by the first stage), else computed here. */
function wordsOf(t: string, words: WordHashes | undefined): WordHashes {
  return words !== undefined && words.text === t ? words : hashWords(t, ownWords);
}

/**
 * Calls `visit(bucket)` once for each distinct word-feature bucket of `t` (a normalised text):
 * unigrams, bigrams and trigrams of words. Returns the number of distinct buckets. The single
 * definition of the sparse features, for training and inference.
 */
export function forEachDocFeature(t: string, bits: number, visit: (bucket: number) => void): number {
  const { hashes, count } = hashWords(t, ownWords);
  ownWords.text = null;
  nextStamp(1 << bits);
  const shift = 32 - bits;
  let distinct = 0;
  let before = 0;
  let before2 = 0;
  for (let k = 0; k < count; k++) {
    const h = hashes[k] as number;
    let b = Math.imul(h ^ UNIGRAM_SALT, GOLDEN) >>> shift;
    if (stamps[b] !== stamp) {
      stamps[b] = stamp;
      distinct++;
      visit(b);
    }
    if (before !== 0) {
      b = Math.imul(Math.imul(before, FNV_PRIME) ^ h ^ BIGRAM_SALT, GOLDEN) >>> shift;
      if (stamps[b] !== stamp) {
        stamps[b] = stamp;
        distinct++;
        visit(b);
      }
      if (before2 !== 0) {
        b = Math.imul(Math.imul(Math.imul(before2, FNV_PRIME) ^ before, FNV_PRIME) ^ h ^ TRIGRAM_SALT, GOLDEN) >>> shift;
        if (stamps[b] !== stamp) {
          stamps[b] = stamp;
          distinct++;
          visit(b);
        }
      }
    }
    before2 = before;
    before = h | 1;
  }
  return distinct;
}

const LOGIT_CLAMP = 20;

let docDistinct = 0;

/**
 * The inlined form of forEachDocFeature for scoring: the sum of the weights of the distinct
 * buckets of the words `hashes[0..count)` (their number left in `docDistinct`). A test checks
 * that both agree.
 */
function docSum(hashes: Int32Array, count: number, q: Int8Array, bits: number): number {
  nextStamp(1 << bits);
  const marks = stamps;
  const mark = stamp;
  const shift = 32 - bits;
  let distinct = 0;
  let sum = 0;
  let before = 0;
  let before2 = 0;
  for (let k = 0; k < count; k++) {
    const h = hashes[k] as number;
    let b = Math.imul(h ^ UNIGRAM_SALT, GOLDEN_I32) >>> shift;
    if (marks[b] !== mark) {
      marks[b] = mark;
      distinct++;
      sum += q[b] as number;
    }
    if (before !== 0) {
      b = Math.imul(Math.imul(before, PRIME) ^ h ^ BIGRAM_SALT, GOLDEN_I32) >>> shift;
      if (marks[b] !== mark) {
        marks[b] = mark;
        distinct++;
        sum += q[b] as number;
      }
      if (before2 !== 0) {
        b = Math.imul(Math.imul(Math.imul(before2, PRIME) ^ before, PRIME) ^ h ^ TRIGRAM_SALT, GOLDEN_I32) >>> shift;
        if (marks[b] !== mark) {
          marks[b] = mark;
          distinct++;
          sum += q[b] as number;
        }
      }
    }
    before2 = before;
    before = h | 1;
  }
  docDistinct = distinct;
  return sum;
}

/** The dense features as (index, value) pairs; `rules` is the noisy-OR of the family scores. */
export function denseFeatures(
  cfg: Stage2Config,
  length: number,
  modelLogit: number,
  families: Record<string, number>,
): Array<[number, number]> {
  const lay = denseLayout(cfg);
  // Clamped: a text without any model score has logit -Infinity.
  const z = Math.max(-LOGIT_CLAMP, Math.min(LOGIT_CLAMP, modelLogit)) / cfg.logitScale;
  const bucket = Math.min(cfg.maxLengthBucket, Math.floor(Math.log2(1 + length)));
  const out: Array<[number, number]> = [
    [lay.logit, z],
    [lay.length + bucket, 1],
  ];
  let miss = 1;
  for (const f in families) miss *= 1 - (families[f] as number);
  out.push([lay.rules, 1 - miss]);
  cfg.families.forEach((f, k) => {
    const s = families[f];
    if (s) out.push([lay.families + k, s]);
  });
  out.push([lay.logitByLength + bucket, z]);
  return out;
}

export class InjectionStage2 {
  readonly features: Stage2Config;
  readonly bias: number;
  readonly q: Int8Array;
  readonly scale: number;
  readonly dense: Float64Array;
  private readonly layout: ReturnType<typeof denseLayout>;
  readonly calibration: { a: number; b: number };
  readonly threshold: number;
  readonly meta: Record<string, unknown>;

  constructor(file: Omit<Stage2File, 'format' | 'weights'>, q: Int8Array) {
    if (q.length !== 1 << file.features.bits)
      throw new Error(`injection stage 2: expected ${1 << file.features.bits} weights, got ${q.length}`);
    if (file.dense.length !== denseLayout(file.features).size) throw new Error('injection stage 2: dense weights do not match the layout');
    this.features = file.features;
    this.bias = file.bias;
    this.q = q;
    this.scale = file.scale;
    this.dense = Float64Array.from(file.dense);
    this.layout = denseLayout(file.features);
    this.calibration = file.calibration;
    this.threshold = file.threshold;
    this.meta = file.meta;
  }

  static fromFile(file: Stage2File): InjectionStage2 {
    if (file.format !== 'gatehouse-injection-stage2/1') throw new Error(`injection stage 2: unknown format ${String(file.format)}`);
    const bytes = Buffer.from(file.weights, 'base64');
    return new InjectionStage2(file, new Int8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  }

  /** Reads a weights file synchronously: call once at startup, never per request. */
  static load(path: string | URL): InjectionStage2 {
    return InjectionStage2.fromFile(JSON.parse(readFileSync(path, 'utf8')) as Stage2File);
  }

  /**
   * The stage-2 logit of a normalised text, given the first stage's logit on it (max over windows
   * and decoded views) and the strongest rule score per family. `words`: the text's word hashes if
   * the caller has them (the first stage leaves them when it scores `t`); used only when they are t's.
   */
  logit(t: string, modelLogit: number, families: Record<string, number>, words?: WordHashes): number {
    const { hashes, count } = wordsOf(t, words);
    const sum = docSum(hashes, count, this.q, this.features.bits);
    ownWords.text = null; // keep no reference to a scanned text
    const z = this.bias + (docDistinct > 0 ? (this.scale * sum) / Math.sqrt(docDistinct) : 0);
    return this.addDense(z, t.length, modelLogit, families);
  }

  /**
   * z plus the dense features' terms: what `denseFeatures` lists, added in its order (so the sum is
   * the same to the bit), without building the list. A test checks both against each other.
   */
  private addDense(z: number, length: number, modelLogit: number, families: Record<string, number>): number {
    const cfg = this.features;
    const lay = this.layout;
    const w = this.dense;
    const zl = Math.max(-LOGIT_CLAMP, Math.min(LOGIT_CLAMP, modelLogit)) / cfg.logitScale;
    const bucket = Math.min(cfg.maxLengthBucket, Math.floor(Math.log2(1 + length)));
    z += (w[lay.logit] as number) * zl;
    z += (w[lay.length + bucket] as number) * 1;
    let miss = 1;
    for (const f in families) miss *= 1 - (families[f] as number);
    z += (w[lay.rules] as number) * (1 - miss);
    const names = cfg.families;
    for (let k = 0; k < names.length; k++) {
      const v = families[names[k] as string];
      if (v) z += (w[lay.families + k] as number) * v;
    }
    return z + (w[lay.logitByLength + bucket] as number) * zl;
  }

  /** Calibrated probability that the text is an attack, from the stage-2 logit. */
  probability(t: string, modelLogit: number, families: Record<string, number>, words?: WordHashes): number {
    const z = this.logit(t, modelLogit, families, words);
    return 1 / (1 + Math.exp(-(this.calibration.a * z + this.calibration.b)));
  }
}

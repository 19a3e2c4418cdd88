// The injection scanner's second stage (src/scanners/injection-stage2.ts), trained by
// scripts/train-injection.mjs after the first-stage model: logistic regression over a text's
// distinct word uni-, bi- and trigrams (hashed) plus dense features (the first stage's
// out-of-fold logit, length bucket, rule scores). Stacked on out-of-fold first-stage logits, so
// it learns how far to trust the first stage, not to copy it. Deterministic (fixed seed and order).

import { mulberry32 } from './injection-augment.mjs';

const sig = (x) => 1 / (1 + Math.exp(-x));

/** Fisher–Yates shuffle of `order` in place with `rand` (one epoch's visiting order). */
export function shuffle(order, rand) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

/**
 * Feature vectors of one row: `t` its normalised text, `modelLogit` the (out-of-fold) first-stage
 * logit, `families` the rule families' scores. Sparse buckets come first, dense features follow at
 * 2^bits + index.
 */
export function stage2Example(stage2, cfg, t, modelLogit, families) {
  const buckets = [];
  const distinct = stage2.forEachDocFeature(t, cfg.bits, (b) => {
    buckets.push(b);
  });
  const norm = distinct > 0 ? 1 / Math.sqrt(distinct) : 0;
  const size = 1 << cfg.bits;
  const dense = stage2.denseFeatures(cfg, t.length, modelLogit, families);
  const idx = new Int32Array(buckets.length + dense.length);
  const val = new Float64Array(buckets.length + dense.length);
  buckets.forEach((b, k) => {
    idx[k] = b;
    val[k] = norm;
  });
  dense.forEach(([i, v], k) => {
    idx[buckets.length + k] = size + i;
    val[buckets.length + k] = v;
  });
  return { idx, val };
}

/** Adagrad logistic regression with L2, class-balanced; items are { idx, val, y, wt? } (weight 1 by default). */
export function fitStage2(items, dims, opts) {
  return averaged(opts.bag ?? 1, opts.seed, (seed) => fitStage2Once(items, dims, opts, seed));
}

/** The weights of `fitWith(seed)` for `bag` seeds from `seed` on, averaged (for a linear model, its logits averaged). */
export function averaged(bag, seed, fitWith) {
  if (bag <= 1) return fitWith(seed);
  let acc = null;
  for (let k = 0; k < bag; k++) {
    const m = fitWith(seed + k);
    if (!acc) acc = m;
    else {
      for (let i = 0; i < m.w.length; i++) acc.w[i] += m.w[i];
      acc.bias += m.bias;
    }
  }
  for (let i = 0; i < acc.w.length; i++) acc.w[i] /= bag;
  acc.bias /= bag;
  return acc;
}

function fitStage2Once(items, dims, { epochs, learningRate, l2 }, seed) {
  const w = new Float64Array(dims);
  const g2 = new Float64Array(dims).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const total = [0, 0];
  for (const it of items) total[it.y] += it.wt ?? 1;
  const classWeight = [(total[0] + total[1]) / 2 / Math.max(1e-9, total[0]), (total[0] + total[1]) / 2 / Math.max(1e-9, total[1])];
  const rand = mulberry32(seed);
  const order = items.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    shuffle(order, rand);
    for (const o of order) {
      const { idx, val, y, wt = 1 } = items[o];
      let z = bias;
      for (let k = 0; k < idx.length; k++) z += w[idx[k]] * val[k];
      const g = (sig(z) - y) * wt * classWeight[y];
      biasG2 += g * g;
      bias -= (learningRate * g) / Math.sqrt(biasG2);
      for (let k = 0; k < idx.length; k++) {
        const b = idx[k];
        const grad = g * val[k] + l2 * w[b];
        g2[b] += grad * grad;
        w[b] -= (learningRate * grad) / Math.sqrt(g2[b]);
      }
    }
  }
  return { w, bias };
}

/** int8 sparse weights (as the scanner reads them), float dense weights. */
export function quantiseStage2({ w, bias }, bits) {
  const size = 1 << bits;
  let max = 0;
  for (let i = 0; i < size; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max / 127 || 1;
  const q = new Int8Array(size);
  for (let i = 0; i < size; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  const dense = Array.from(w.subarray(size), (x) => Number(x.toPrecision(8)));
  return { q, scale: Number(scale.toPrecision(8)), bias: Number(bias.toPrecision(8)), dense };
}

/** The logit of the quantised model on an example (what the scanner computes). */
export function stage2Logit(qm, bits, { idx, val }) {
  const size = 1 << bits;
  let z = qm.bias;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    z += i < size ? qm.q[i] * qm.scale * val[k] : qm.dense[i - size] * val[k];
  }
  return z;
}

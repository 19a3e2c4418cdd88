#!/usr/bin/env node
// Trains the injection scanner's linear model and writes models/injection.json (npm run
// train:injection; needs a build: it imports the compiled featuriser and scanner from dist/ so that
// training and inference share one definition).
//
// - Data: ../shared/data/injection/train.jsonl, only rows whose licence permits shipping (MIT,
//   Apache-2.0, CC0, CC-BY, ODC-BY); research-use rows (Tensor Trust) and rows that inherit unknown
//   licences (self-instruct's T0/P3 templated tasks) are left out. Plus deterministic synthetic rows
//   (scripts/injection-augment.mjs) for the families the data under-represents, and the blind probe
//   texts of earlier sessions (models/training/injection-probes.jsonl; INJECTION_PROBES=0 leaves them out).
// - Model: logistic regression on hashed features, Adagrad with L2, class-balanced, fixed seed and
//   stable order, so a rerun writes a byte-identical file.
// - Threshold: 5-fold out-of-fold scores (grouped by document) of the full scanner (rules + model)
//   on the licensed training rows; the shipped threshold gives ≈1% false positives there. The
//   model's Platt calibration comes from the same out-of-fold logits. dev.jsonl is never read.
// - Second stage (scripts/train-injection-stage2.mjs, src/scanners/injection-stage2.ts): stacked on
//   the out-of-fold first-stage logits, written to models/injection-stage2.json with its own
//   calibration and the threshold on the full score (rules, first and second stage), chosen the
//   same way.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, syntheticRows } from './injection-augment.mjs';
import { exclusionOf, licenceOf, SHIPPABLE } from './injection-licences.mjs';
import { averaged, fitStage2, quantiseStage2, shuffle, stage2Example, stage2Logit } from './train-injection-stage2.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/src/scanners/', import.meta.url);
if (!existsSync(new URL('injection.js', DIST))) {
  console.error('dist/src/scanners/injection.js not found: run `npm run build` first');
  process.exit(1);
}
const { normalize } = await import(new URL('normalize.js', DIST).href);
const { DEFAULT_FEATURES, InjectionModel, featureBuckets, shortSegments } = await import(new URL('injection-model.js', DIST).href);
const { analyzeInjection } = await import(new URL('injection.js', DIST).href);
const stage2 = await import(new URL('injection-stage2.js', DIST).href);

const DATA = process.env.GATEHOUSE_DATA_DIR ?? `${ROOT}../shared/data`;
const SEED = 20_251_123;
const FOLDS = 5;
// Hyper-parameters (INJECTION_* environment variables override them for experiments only).
const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const EPOCHS = env('INJECTION_EPOCHS', 20);
const LEARNING_RATE = env('INJECTION_LR', 0.2);
const L2 = env('INJECTION_L2', 1e-6);
const TARGET_FPR = 0.01;
const CFG = {
  ...DEFAULT_FEATURES,
  bits: env('INJECTION_BITS', DEFAULT_FEATURES.bits),
  charMin: env('INJECTION_CHARMIN', DEFAULT_FEATURES.charMin),
  charMax: env('INJECTION_CHARMAX', DEFAULT_FEATURES.charMax),
};
const OUT_FILE = process.env.INJECTION_OUT ?? `${ROOT}models/injection.json`;
const STAGE2_OUT_FILE = process.env.INJECTION_STAGE2_OUT ?? `${ROOT}models/injection-stage2.json`;
// The second stage (src/scanners/injection-stage2.ts).
const STAGE2 = {
  features: {
    bits: env('INJECTION_STAGE2_BITS', 16),
    families: [
      'instruction_override',
      'role_play_jailbreak',
      'prompt_extraction',
      'indirect_injection',
      'role_marker',
      'exfiltration',
      'tool_abuse',
    ],
    maxLengthBucket: 15,
    logitScale: 4,
  },
  epochs: env('INJECTION_STAGE2_EPOCHS', 10),
  learningRate: env('INJECTION_STAGE2_LR', 0.1),
  l2: env('INJECTION_STAGE2_L2', 1e-5),
  seed: SEED + env('INJECTION_SHUFFLE2', 0),
  bag: env('INJECTION_BAG2', 1),
};

function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function hash32(s) {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

const t0 = Date.now();
const all = readJsonl(`${DATA}/injection/train.jsonl`);
const used = [];
const excluded = {};
for (const row of all) {
  const lic = licenceOf(row);
  const reason = exclusionOf(row);
  if (reason) {
    const k = `${row.source}/${row.category}`;
    excluded[k] ??= { rows: 0, reason };
    excluded[k].rows++;
    continue;
  }
  used.push({
    text: row.text,
    label: row.label,
    source: row.source,
    category: row.category,
    group: row.group ?? row.id,
    licence: lic,
    real: true,
  });
}
const synthetic = syntheticRows(SEED).map((r) => ({ ...r, licence: 'Apache-2.0 (Gatehouse, generated)', real: false }));
// Probe texts written for Gatehouse by writers who never saw the detector's code or data: attacks
// and hard negatives by family (models/training/README.md). Grouped by family, so the out-of-fold
// score of a family comes from a model that saw none of it.
//
// Their weight in the first stage and in the second. Out of fold (second stage, TPR at 1% FPR on the
// licensed rows / on the probe rows, each family scored by a model that never saw it), against 90.5%
// on the licensed rows without probes: first-stage weight 0 → 90.3 / 74.1, 0.05 → 90.2 / 77.6,
// 0.1 → 90.1 / 78.2, 0.2 → 89.7 / 78.5, 0.3 → 89.0 / 78.5 (second stage at 1 each time); weight 1
// in both: 87.2 / 78.9. Probe attacks in the first stage cost the licensed rows (BIPIA's planted
// instructions most); in the second stage they cost nothing. (Measured before two weak rules were
// tempered; with them, 0.05 and 1 give 90.3 / 77.4.)
// Twenty-second session, tried and not kept: the sessions 20 and 21 blind probes (495 texts) added
// to the file. Means of three visiting orders (licensed out of fold / dev TPR at 1% FPR / attacks
// of a new blind probe, of 120), before that session's two text-level rules: without them 89.7 /
// 86.4 / 76.3, with them at 0.05 and 1 88.9 / 85.5 / 81.7, at 0.05 and 0.5 89.2 / 85.8 / 82.3.
// With the rules (which catch much of the same): without 89.6 / 86.6 / 79.0, with them at 0.05
// and 0.5 89.1 / 85.0 / 81.0.
const PROBE_WEIGHT = env('INJECTION_PROBE_WEIGHT', 0.05);
const PROBE_NEG_WEIGHT = env('INJECTION_PROBE_NEG_WEIGHT', PROBE_WEIGHT);
const PROBE_WEIGHT2 = env('INJECTION_PROBE_WEIGHT2', 1);
// INJECTION_PROBES_FILE: another probe file, for experiments only.
const PROBES_FILE = process.env.INJECTION_PROBES_FILE ?? `${ROOT}models/training/injection-probes.jsonl`;
const probes = (process.env.INJECTION_PROBES === '0' ? [] : readJsonl(PROBES_FILE)).map((r) => ({
  text: r.text,
  label: r.label,
  source: 'gatehouse_probes',
  category: `${r.label ? 'attack' : 'benign'}_${r.family}`,
  group: `probe-${r.probe}-${r.family}`,
  licence: 'Apache-2.0 (written for Gatehouse)',
  real: false,
  probe: true,
  weight: r.label ? PROBE_WEIGHT : PROBE_NEG_WEIGHT,
}));
const rows = [...used, ...synthetic, ...probes].sort((a, b) =>
  a.group < b.group ? -1 : a.group > b.group ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0,
);
for (const r of rows) r.fold = hash32(`${SEED}:${r.group}`) % FOLDS;

// ---- features ---------------------------------------------------------------------------------------
// Long windows (non-overlapping) and short windows, as the model scores them at inference. Benign
// rows: every window is a negative. Attack rows: multiple-instance learning, since only part of a
// long attack (an instruction planted in a table) may be the attack: a first model trained on long
// windows picks each attack's highest-scoring long and short window, and only those are positives.
// Where the injected span of an indirect attack is known (below), only windows and lines that
// contain it are candidates, and the rest of the document counts as benign.
const MAX_WINDOWS = 16;
function windows(t, size, stride) {
  const out = [];
  if (t.length === 0) return out;
  for (let s = 0; out.length < MAX_WINDOWS * (size / stride); s += stride) {
    const b = featureBuckets(t, s, Math.min(t.length, s + size), CFG);
    if (b.length > 0) out.push(b);
    if (s + size >= t.length) break;
  }
  return out;
}
// Indirect injections (BIPIA: a benign email / table / code context with an instruction inserted
// somewhere): the injected span is located in the normalised text, so that only the windows and lines
// that contain it are attack examples and the rest of the document (benign context) is not. The
// span is the difference from the document's clean twin (same group, label 0) where the file has
// one; otherwise the longest injected instruction seen in a twin difference that the text contains.
const SPAN_MODE = process.env.INJECTION_SPANS ?? 'neg';
function insertedSpan(t, c) {
  let p = 0;
  const m = Math.min(t.length, c.length);
  while (p < m && t.charCodeAt(p) === c.charCodeAt(p)) p++;
  let q = 0;
  while (q < m - p && t.charCodeAt(t.length - 1 - q) === c.charCodeAt(c.length - 1 - q)) q++;
  return p < t.length - q ? [p, t.length - q] : null;
}
for (const r of rows) r.norm = normalize(r.text).text;
const spanStats = { located: 0, of: 0, withoutTwin: 0 };
if (SPAN_MODE !== 'off') {
  const cleanByGroup = new Map();
  for (const r of rows) if (r.real && r.label === 0 && r.source === 'bipia_train') cleanByGroup.set(r.group, r.norm);
  const injected = new Set();
  const pending = [];
  for (const r of rows) {
    if (!r.real || r.label !== 1 || r.source !== 'bipia_train') continue;
    const c = cleanByGroup.get(r.group);
    const span = c === undefined ? null : insertedSpan(r.norm, c);
    if (span) {
      r.span = span;
      const inj = r.norm.slice(span[0], span[1]).trim();
      if (inj.length >= 16) injected.add(inj);
    } else pending.push(r);
  }
  const known = [...injected].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const r of pending) {
    const inj = known.find((k) => r.norm.includes(k));
    if (inj) {
      const a = r.norm.indexOf(inj);
      r.span = [a, a + inj.length];
    }
  }
  spanStats.located = rows.filter((r) => r.span).length;
  spanStats.of = rows.filter((r) => r.real && r.label === 1 && r.source === 'bipia_train').length;
  spanStats.withoutTwin = pending.filter((r) => r.span).length;
  console.error(
    `injected spans located in ${spanStats.located} of ${spanStats.of} BIPIA attacks (${spanStats.withoutTwin} without a clean twin)`,
  );
}
const overlaps = (span, s, e) => span[0] < e && s < span[1];
for (const r of rows) {
  const t = r.norm;
  if (r.span) {
    // Windows and lines with the injected span are the attack's instances; the rest is context.
    r.long = [];
    r.longCtx = [];
    for (let s = 0; s < t.length && r.long.length + r.longCtx.length < MAX_WINDOWS; s += CFG.window) {
      const e = Math.min(t.length, s + CFG.window);
      const b = featureBuckets(t, s, e, CFG);
      if (b.length > 0) (overlaps(r.span, s, e) ? r.long : r.longCtx).push(b);
    }
    r.short = [];
    r.shortCtx = [];
    for (const [s, e] of shortSegments(t, CFG, CFG.shortStride).slice(0, 4 * MAX_WINDOWS)) {
      const b = featureBuckets(t, s, e, CFG);
      if (b.length > 0) (overlaps(r.span, s, e) ? r.short : r.shortCtx).push(b);
    }
    // The injected text on its own (it may sit inside a longer line).
    const inj = featureBuckets(t, r.span[0], r.span[1], CFG);
    if (inj.length > 0) r.short.push(inj);
    continue;
  }
  r.long = windows(t, CFG.window, CFG.window);
  const segs = shortSegments(t, CFG, r.label === 1 ? CFG.shortStride : CFG.shortWindow);
  r.short = segs
    .slice(0, 4 * MAX_WINDOWS)
    .map(([s, e]) => featureBuckets(t, s, e, CFG))
    .filter((b) => b.length > 0);
}

function dot(w, bias, ex) {
  let z = 0;
  for (let k = 0; k < ex.length; k++) z += w[ex[k]];
  return bias + z / Math.sqrt(ex.length);
}

function best(w, bias, list) {
  let top = list[0];
  let topZ = Number.NEGATIVE_INFINITY;
  for (const ex of list) {
    const z = dot(w, bias, ex);
    if (z > topZ) {
      topZ = z;
      top = ex;
    }
  }
  return top;
}

// The windows and lines of an indirect attack without the injected text are benign context: they
// are benign examples (INJECTION_SPANS=neg, the default) or left out (=drop; =off: no spans, every
// attack is handled like the others). The attack instance of such a document is the best-scoring of
// its lines with the injection and the injected text alone, not its long window: a 2,048-character
// window is mostly the context (median injection 66 characters in 1,200), and taking it as an attack
// taught the model the context (a wide padded clean table scored logit 30 out of fold; 9 of the 30
// benign rows the 1% FPR threshold let through were clean BIPIA tables). Out of fold with the second
// stage: TPR at 1% FPR 84.8% -> 89.6% (context left out instead: 87.8%; long window kept at weight
// 0.3: 86.3%, at 1 with the context as benign: 85.0%). INJECTION_SPAN_LONG_WEIGHT sets that weight.
function contextItems(r, out) {
  if (SPAN_MODE === 'drop' || !r.span) return;
  for (const ex of r.longCtx) out.push({ ex, y: 0, wt: 1 / Math.sqrt(r.longCtx.length) });
  for (const ex of r.shortCtx) out.push({ ex, y: 0, wt: 1 / Math.sqrt(r.shortCtx.length) });
}
const SPAN_LONG_WEIGHT = env('INJECTION_SPAN_LONG_WEIGHT', 0);
const LONG_WITH_SPAN = SPAN_LONG_WEIGHT > 0;

// Extra weight on benign rows whose category matches (experiments only; off by default: 2x on the
// role-play prompts gave 88.7% out of fold instead of 89.6%, with as many of them above the threshold).
const HARD_NEG_RE = process.env.INJECTION_HARDNEG_RE ? new RegExp(process.env.INJECTION_HARDNEG_RE) : null;
const HARD_NEG_WEIGHT = env('INJECTION_HARDNEG_WEIGHT', 1);

function train(subset) {
  const items = [];
  for (const r of subset) {
    const rw = r.weight ?? 1;
    for (const ex of r.long) items.push({ ex, y: r.label, wt: rw / Math.sqrt(r.long.length) });
    if (r.span) for (const ex of r.longCtx) items.push({ ex, y: 0, wt: 1 / Math.sqrt(r.longCtx.length) });
  }
  const first = fit(items, 3);
  const second = [];
  for (const r of subset) {
    const rw = r.weight ?? 1;
    if (r.label === 0) {
      const hw = rw * (HARD_NEG_RE?.test(r.category) ? HARD_NEG_WEIGHT : 1);
      for (const ex of r.long) second.push({ ex, y: 0, wt: hw / Math.sqrt(r.long.length) });
      for (const ex of r.short) second.push({ ex, y: 0, wt: hw / Math.sqrt(r.short.length) });
    } else {
      if (r.long.length > 0 && (LONG_WITH_SPAN || !r.span))
        second.push({ ex: best(first.w, first.bias, r.long), y: 1, wt: r.span ? SPAN_LONG_WEIGHT : rw });
      if (r.short.length > 0) second.push({ ex: best(first.w, first.bias, r.short), y: 1, wt: rw });
      contextItems(r, second);
    }
  }
  return fit(second, EPOCHS);
}

// Visiting order: INJECTION_SHUFFLE offsets the shuffle seed; INJECTION_BAG=K averages the weights of
// K fits with K visiting orders (for a linear model, the average of their logits). Experiments only.
// The visiting order alone moves the figures: shuffle offsets 0-3 (both stages) gave 90.3, 89.0,
// 89.7 and 89.3% out of fold on the licensed rows (TPR at 1% FPR) and 87.5, 87.0, 84.8 and 85.5% on
// dev; so differences under about one point out of fold (two on dev) are noise. Averaging five orders
// (INJECTION_BAG=5 and INJECTION_BAG2=5) did not lift it: 89.3 and 88.7% out of fold (offsets 0, 5).
const SHUFFLE = env('INJECTION_SHUFFLE', 0);
const BAG = env('INJECTION_BAG', 1);
function fit(items, epochs) {
  return averaged(BAG, SEED + SHUFFLE, (seed) => fitOnce(items, epochs, seed));
}

function fitOnce(items, epochs, seed) {
  const size = 1 << CFG.bits;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const total = [0, 0];
  for (const it of items) total[it.y] += it.wt;
  const classWeight = [(0.5 * (total[0] + total[1])) / Math.max(1e-9, total[0]), (0.5 * (total[0] + total[1])) / Math.max(1e-9, total[1])];
  const rand = mulberry32(seed);
  const order = items.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rand);
    for (const idx of order) {
      const { ex, y, wt } = items[idx];
      const norm = 1 / Math.sqrt(ex.length);
      let z = bias;
      for (let k = 0; k < ex.length; k++) z += w[ex[k]] * norm;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - y) * wt * classWeight[y];
      biasG2 += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(biasG2);
      const gf = g * norm;
      for (let k = 0; k < ex.length; k++) {
        const b = ex[k];
        const grad = gf + L2 * w[b];
        g2[b] += grad * grad;
        w[b] -= (LEARNING_RATE * grad) / Math.sqrt(g2[b]);
      }
    }
  }
  return { w, bias };
}

// int8 quantisation: the shipped weights are what every evaluation below uses.
function quantise({ w, bias }) {
  let max = 0;
  for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { q, scale: Number(scale.toPrecision(8)), bias: Number(bias.toPrecision(8)) };
}

function modelFrom(qm, calibration = { a: 1, b: 0 }, threshold = 0.5) {
  return new InjectionModel({ features: CFG, bias: qm.bias, scale: qm.scale, calibration, threshold, meta: {} }, qm.q);
}

// ---- out-of-fold scores for calibration and the threshold -----------------------------------------
const oofLogit = new Float64Array(rows.length);
// The out-of-fold scanner view of each row for the second stage: the first-stage logit as the
// scanner computes it (max over windows and decoded views) and the rule families.
const oofScan = new Array(rows.length);
for (let f = 0; f < FOLDS; f++) {
  const qm = quantise(train(rows.filter((r) => r.fold !== f)));
  const m = modelFrom(qm);
  rows.forEach((r, i) => {
    if (r.fold !== f) return;
    oofLogit[i] = m.score(r.norm).logit;
    const a = analyzeInjection(r.text, m);
    oofScan[i] = { logit: a.modelLogit, families: a.families };
  });
  console.error(`fold ${f + 1}/${FOLDS} done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

// Platt scaling on the licensed rows' out-of-fold logits (class-balanced).
function platt(xs, ys) {
  let a = 1;
  let b = 0;
  const npos = ys.filter((y) => y === 1).length;
  const nneg = ys.length - npos;
  for (let it = 0; it < 400; it++) {
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * xs[i] + b)));
      const wt = ys[i] === 1 ? 0.5 / npos : 0.5 / nneg;
      ga += (p - ys[i]) * xs[i] * wt;
      gb += (p - ys[i]) * wt;
    }
    a -= 1.0 * ga;
    b -= 1.0 * gb;
  }
  return { a: Number(a.toPrecision(6)), b: Number(b.toPrecision(6)) };
}
const realIdx = rows.map((r, i) => (r.real ? i : -1)).filter((i) => i >= 0);
const calibration = platt(
  realIdx.map((i) => oofLogit[i]),
  realIdx.map((i) => rows[i].label),
);

// Combined scanner score per row, out of fold: the rules plus the calibrated out-of-fold model.
const calibrated = (z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b)));
const combined = rows.map((r, i) => {
  const rulesOnly = analyzeInjection(r.text, null);
  const p = calibrated(oofLogit[i]);
  return 1 - (1 - rulesOnly.score) * (1 - p);
});

function thresholdFor(indices, scores = combined) {
  const neg = indices.filter((i) => rows[i].label === 0).map((i) => scores[i]);
  neg.sort((x, y) => y - x);
  const allowed = Math.floor(neg.length * TARGET_FPR);
  // Just above the (allowed+1)-th highest benign score, rounded up (rounding to nearest could land
  // below it and let one more benign row through).
  const t = (neg[allowed] ?? 0) + 1e-6;
  return Math.min(0.999, Math.ceil(t * 1e4) / 1e4);
}
const threshold = thresholdFor(realIdx);
if (process.env.INJECTION_DIAG) {
  // Out-of-fold scores per row, for looking at errors (not part of the model file).
  const diag = rows.map((r, i) =>
    JSON.stringify({
      s: Number(combined[i].toFixed(4)),
      p: Number(calibrated(oofLogit[i]).toFixed(4)),
      y: r.label,
      src: r.source,
      cat: r.category,
      text: r.text.slice(0, 300),
    }),
  );
  writeFileSync(process.env.INJECTION_DIAG, `${diag.join('\n')}\n`);
}

function rates(indices, t, scores = combined) {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  let neg = 0;
  for (const i of indices) {
    const hit = scores[i] >= t;
    if (rows[i].label === 1) {
      pos++;
      if (hit) tp++;
    } else {
      neg++;
      if (hit) fp++;
    }
  }
  return {
    tpr: Number((tp / Math.max(1, pos)).toFixed(4)),
    fpr: Number((fp / Math.max(1, neg)).toFixed(4)),
    positives: pos,
    negatives: neg,
  };
}
const synthIdx = rows.map((r, i) => (r.real || r.probe ? -1 : i)).filter((i) => i >= 0);
const probeIdx = rows.map((r, i) => (r.probe ? i : -1)).filter((i) => i >= 0);

// ---- second stage: stacked on the out-of-fold first-stage logits ----------------------------------
// Its own out-of-fold logits (same folds) give its calibration and the threshold on the scanner's
// full score: a noisy-OR of the rules, the calibrated first stage and the calibrated second stage.
const s2cfg = STAGE2.features;
const s2dims = (1 << s2cfg.bits) + stage2.denseLayout(s2cfg).size;
const s2items = rows.map((r, i) => ({
  ...stage2Example(stage2, s2cfg, r.norm, oofScan[i].logit, oofScan[i].families),
  y: r.label,
  wt: r.probe ? PROBE_WEIGHT2 : 1,
}));
const oof2 = new Float64Array(rows.length);
for (let f = 0; f < FOLDS; f++) {
  const qm = quantiseStage2(
    fitStage2(
      s2items.filter((_, i) => rows[i].fold !== f),
      s2dims,
      STAGE2,
    ),
    s2cfg.bits,
  );
  rows.forEach((r, i) => {
    if (r.fold === f) oof2[i] = stage2Logit(qm, s2cfg.bits, s2items[i]);
  });
}
const calibration2 = platt(
  realIdx.map((i) => oof2[i]),
  realIdx.map((i) => rows[i].label),
);
const noisyOr = (families) => {
  let miss = 1;
  for (const f in families) miss *= 1 - families[f];
  return 1 - miss;
};
const combined2 = rows.map((_, i) => {
  const p1 = calibrated(oofScan[i].logit);
  const p2 = 1 / (1 + Math.exp(-(calibration2.a * oof2[i] + calibration2.b)));
  return 1 - (1 - noisyOr(oofScan[i].families)) * (1 - p1) * (1 - p2);
});
const threshold2 = thresholdFor(realIdx, combined2);
if (process.env.INJECTION_DIAG2) {
  // Out-of-fold first-stage logits and full scores per row (diagnostics only).
  const diag = rows.map((r, i) =>
    JSON.stringify({
      i,
      f: r.fold,
      y: r.label,
      real: r.real,
      src: r.source,
      cat: r.category,
      g: r.group,
      z1: Number(oofScan[i].logit.toFixed(3)),
      s1: Number(combined[i].toFixed(5)),
      s2: Number(combined2[i].toFixed(5)),
      z2: Number(oof2[i].toFixed(3)),
    }),
  );
  writeFileSync(process.env.INJECTION_DIAG2, `${diag.join('\n')}\n`);
}
const stage2Rates = {
  licensed: rates(realIdx, threshold2, combined2),
  synthetic: rates(synthIdx, threshold2, combined2),
  probes: rates(probeIdx, threshold2, combined2),
};
const final2 = quantiseStage2(fitStage2(s2items, s2dims, STAGE2), s2cfg.bits);
console.error(`stage 2 done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

// ---- final model on every licensed and synthetic row ----------------------------------------------
const final = quantise(train(rows));

const sources = {};
for (const r of used) {
  const k = r.source;
  sources[k] ??= { licence: r.licence, rows: 0, attacks: 0, benign: 0 };
  sources[k].rows++;
  if (r.label === 1) sources[k].attacks++;
  else sources[k].benign++;
}
const file = {
  format: 'gatehouse-injection-lr/2',
  features: CFG,
  bias: final.bias,
  scale: final.scale,
  calibration,
  threshold,
  meta: {
    trainedOn: 'shared/data/injection/train.jsonl (licensed rows only) + Gatehouse synthetic rows + Gatehouse probe texts',
    shippableLicences: SHIPPABLE,
    sources,
    excluded,
    synthetic: {
      generator: 'scripts/injection-augment.mjs',
      rows: synthetic.length,
      attacks: synthetic.filter((r) => r.label === 1).length,
      benign: synthetic.filter((r) => r.label === 0).length,
      licence: 'Apache-2.0 (written for Gatehouse)',
    },
    probes: {
      file: 'models/training/injection-probes.jsonl',
      rows: probes.length,
      attacks: probes.filter((r) => r.label === 1).length,
      benign: probes.filter((r) => r.label === 0).length,
      weightFirstStage: { attacks: PROBE_WEIGHT, benign: PROBE_NEG_WEIGHT },
      weightSecondStage: PROBE_WEIGHT2,
      licence: 'Apache-2.0 (written for Gatehouse)',
    },
    rowsUsed: used.length + synthetic.length + probes.length,
    seed: SEED,
    training: {
      algorithm: 'logistic regression, Adagrad, L2; multiple-instance selection of attack windows',
      indirectAttacks:
        SPAN_MODE === 'off'
          ? 'every window of an attack row is a candidate attack instance'
          : `injected span located in ${spanStats.located} of ${spanStats.of} BIPIA attacks (${spanStats.withoutTwin} without a clean twin in the file): ` +
            `the attack instance is the best-scoring of its lines with it and the injected text alone${LONG_WITH_SPAN ? ` (and its best long window with it, weight ${SPAN_LONG_WEIGHT})` : ', not a long window'}; ` +
            `the other windows and lines are ${SPAN_MODE === 'drop' ? 'left out' : 'benign examples'}`,
      epochs: EPOCHS,
      learningRate: LEARNING_RATE,
      l2: L2,
      classBalanced: true,
      quantisation: 'int8',
    },
    threshold: {
      method: `${FOLDS}-fold out-of-fold (grouped by document) combined score; FPR ≤ ${TARGET_FPR} on licensed training rows`,
      outOfFoldLicensed: rates(realIdx, threshold),
      outOfFoldSynthetic: rates(synthIdx, threshold),
      outOfFoldProbes: rates(probeIdx, threshold),
    },
  },
  weights: Buffer.from(final.q.buffer).toString('base64'),
};
mkdirSync(dirname(OUT_FILE), { recursive: true });
writeFileSync(OUT_FILE, `${JSON.stringify(file, null, 1)}\n`);
const file2 = {
  format: 'gatehouse-injection-stage2/1',
  features: s2cfg,
  bias: final2.bias,
  scale: final2.scale,
  dense: final2.dense,
  calibration: calibration2,
  threshold: threshold2,
  meta: {
    stage1: 'models/injection.json (out-of-fold logits of it as a feature; same rows, folds and seed)',
    trainedOn: file.meta.trainedOn,
    rowsUsed: file.meta.rowsUsed,
    seed: SEED,
    training: {
      algorithm: 'logistic regression, Adagrad, L2, class-balanced; stacked on out-of-fold first-stage logits',
      epochs: STAGE2.epochs,
      learningRate: STAGE2.learningRate,
      l2: STAGE2.l2,
      quantisation: 'int8 word-feature weights, float dense weights',
    },
    threshold: {
      method: `${FOLDS}-fold out-of-fold noisy-OR of rules, first and second stage; FPR ≤ ${TARGET_FPR} on licensed training rows`,
      outOfFoldLicensed: stage2Rates.licensed,
      outOfFoldSynthetic: stage2Rates.synthetic,
      outOfFoldProbes: stage2Rates.probes,
      stage1OnlyOutOfFoldLicensed: file.meta.threshold.outOfFoldLicensed,
    },
  },
  weights: Buffer.from(final2.q.buffer).toString('base64'),
};
writeFileSync(STAGE2_OUT_FILE, `${JSON.stringify(file2, null, 1)}\n`);
console.error(
  `wrote ${OUT_FILE}: ${used.length} licensed + ${synthetic.length} synthetic + ${probes.length} probe rows, threshold ${threshold}, ` +
    `out-of-fold ${JSON.stringify(file.meta.threshold.outOfFoldLicensed)}; stage 2: threshold ${threshold2}, ` +
    `out-of-fold ${JSON.stringify(stage2Rates.licensed)}, probes ${JSON.stringify(stage2Rates.probes)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
);

#!/usr/bin/env node
// Reports the injection scanner's quality on shared/data/injection/dev.jsonl (or the file given as
// the first argument): TPR at FPR ≤ 1% (threshold swept on this file, for the report only),
// precision / recall / FPR / F1 at the shipped threshold, and recall and FPR per source/category so
// weak families are visible. Needs a build (imports dist/). `--json` prints the figures as JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { createInjectionScanner, analyzeInjection, shippedInjectionModel } = await import(
  new URL('../dist/src/scanners/injection.js', import.meta.url).href
);

const args = process.argv.slice(2);
const json = args.includes('--json');
const file = args.find((a) => !a.startsWith('--')) ?? `${process.env.GATEHOUSE_DATA_DIR ?? `${ROOT}../shared/data`}/injection/dev.jsonl`;
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

const scanner = createInjectionScanner();
const model = shippedInjectionModel();
const scored = rows.map((r) => {
  const res = scanner.scan(r.text);
  const rulesOnly = analyzeInjection(r.text, null).score;
  return { y: r.label, s: res.score, flagged: res.flagged, rules: rulesOnly, group: `${r.source}/${r.category}`, source: r.source };
});

function tprAtFpr(list, key, maxFpr) {
  const neg = list.filter((x) => x.y === 0).map((x) => x[key]);
  const pos = list.filter((x) => x.y === 1).map((x) => x[key]);
  neg.sort((a, b) => b - a);
  const allowed = Math.floor(neg.length * maxFpr);
  const t = (neg[allowed] ?? 0) + 1e-9;
  const tp = pos.filter((s) => s >= t).length;
  const fp = neg.filter((s) => s >= t).length;
  return { threshold: Number(t.toFixed(4)), tpr: tp / pos.length, fpr: fp / neg.length };
}

function confusion(list, pred) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const x of list) {
    const p = pred(x);
    if (x.y === 1 && p) tp++;
    else if (x.y === 1) fn++;
    else if (p) fp++;
    else tn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return {
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    fpr: fp / Math.max(1, fp + tn),
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
  };
}

const atShipped = confusion(scored, (x) => x.flagged);
const swept = tprAtFpr(scored, 's', 0.01);
const rulesSwept = tprAtFpr(scored, 'rules', 0.01);
const groups = {};
for (const x of scored) {
  groups[x.group] ??= { n: 0, label: x.y, hit: 0, hitSwept: 0 };
  const g = groups[x.group];
  g.n++;
  if (x.flagged) g.hit++;
  if (x.s >= swept.threshold) g.hitSwept++;
}
const report = {
  file,
  rows: scored.length,
  attacks: scored.filter((x) => x.y === 1).length,
  benign: scored.filter((x) => x.y === 0).length,
  shippedThreshold: scanner.threshold,
  atShippedThreshold: atShipped,
  tprAtFpr1pct: swept,
  rulesOnlyTprAtFpr1pct: rulesSwept,
  model: { trainedRows: model.meta.rowsUsed, threshold: model.threshold },
  byGroup: groups,
};
if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  console.log(`${file}: ${report.rows} rows (${report.attacks} attacks, ${report.benign} benign)`);
  console.log(`TPR at FPR ≤ 1% (threshold swept on this file: ${swept.threshold}): ${pct(swept.tpr)} (FPR ${pct(swept.fpr)})`);
  console.log(`rules alone, TPR at FPR ≤ 1%: ${pct(rulesSwept.tpr)}`);
  console.log(
    `at the shipped threshold ${scanner.threshold}: precision ${pct(atShipped.precision)}  recall ${pct(atShipped.recall)}  FPR ${pct(atShipped.fpr)}  F1 ${atShipped.f1.toFixed(3)}  (tp ${atShipped.tp} fp ${atShipped.fp} fn ${atShipped.fn} tn ${atShipped.tn})`,
  );
  console.log('\nper source/category (attacks: recall; benign: false-positive rate), shipped / swept threshold');
  for (const [k, g] of Object.entries(groups).sort((a, b) => b[1].label - a[1].label || a[0].localeCompare(b[0]))) {
    const kind = g.label === 1 ? 'recall' : 'FPR   ';
    console.log(
      `  ${k.padEnd(62)} ${String(g.n).padStart(4)}  ${kind} ${pct(g.hit / g.n).padStart(6)} / ${pct(g.hitSwept / g.n).padStart(6)}`,
    );
  }
}

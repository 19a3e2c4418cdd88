#!/usr/bin/env node
// Text-level quality of one scanner on a labelled JSON Lines file (label 1/0 per row):
//   node scripts/eval-scanner.mjs <scanner> <file.jsonl> [--threshold 0.5] [--show-fp] [--json]
// Loads dist/src/scanners/<scanner>.js (build first) and calls its factory create<Pascal>Scanner.
// A row's `meta` (string, or the string values of an object) is passed as context.systemPrompts
// and its `canaries` (if any) as context.canaries, so the leak scanner is evaluated the same way.
// Prints TP/FP/FN/TN, precision, recall, F1 and FPR, then the ids of the misses (FN, and FP with
// --show-fp) with the top finding: texts are not printed, so the output can be shared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--threshold'));
const [scannerName, file] = positional;
if (!scannerName || !file) {
  console.error('usage: node scripts/eval-scanner.mjs <scanner> <file.jsonl> [--threshold t] [--show-fp] [--json]');
  process.exit(2);
}

const pascal = scannerName.replace(/(^|[-_])([a-z])/g, (_, __, c) => c.toUpperCase());
const modulePath = join(process.cwd(), 'dist', 'src', 'scanners', `${scannerName}.js`);
const mod = await import(pathToFileURL(modulePath).href);
const factory = mod[`create${pascal}Scanner`];
if (typeof factory !== 'function') {
  console.error(`${modulePath} exports no create${pascal}Scanner`);
  process.exit(2);
}
const threshold = option('--threshold');
const scanner = factory(threshold === undefined ? {} : { threshold: Number(threshold) });

function contextOf(row) {
  const ctx = {};
  const meta = row.meta;
  if (typeof meta === 'string') ctx.systemPrompts = [meta];
  else if (meta && typeof meta === 'object') {
    const prompts = Object.values(meta).filter((v) => typeof v === 'string' && v.length > 0);
    if (prompts.length) ctx.systemPrompts = prompts;
  }
  if (Array.isArray(row.canaries)) ctx.canaries = row.canaries;
  return ctx;
}

const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
const misses = [];
const started = process.hrtime.bigint();
for (const row of rows) {
  const result = scanner.scan(row.text, contextOf(row));
  const predicted = result.flagged;
  const actual = Number(row.label) === 1;
  if (predicted && actual) tp++;
  else if (predicted) fp++;
  else if (actual) fn++;
  else tn++;
  if (predicted !== actual && (actual || flag('--show-fp'))) {
    const top = [...result.findings].sort((a, b) => b.score - a.score)[0];
    misses.push({
      kind: actual ? 'FN' : 'FP',
      id: row.id ?? row.meta?.sample_id,
      category: row.category,
      score: Number(result.score.toFixed(3)),
      top: top ? `${top.type} ${top.score.toFixed(2)} ${top.evidence}` : '',
    });
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const precision = tp + fp ? tp / (tp + fp) : 0;
const recall = tp + fn ? tp / (tp + fn) : 0;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
const fpr = fp + tn ? fp / (fp + tn) : 0;
const summary = {
  scanner: scannerName,
  file,
  rows: rows.length,
  threshold: scanner.threshold,
  tp,
  fp,
  fn,
  tn,
  precision,
  recall,
  f1,
  fpr,
  ms,
};
if (flag('--json')) {
  console.log(JSON.stringify({ ...summary, misses }, null, 2));
} else {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  console.log(`${scannerName} on ${file} (${rows.length} rows, threshold ${scanner.threshold}, ${ms.toFixed(0)} ms)`);
  console.log(`TP ${tp}  FP ${fp}  FN ${fn}  TN ${tn}`);
  console.log(`precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  FPR ${pct(fpr)}`);
  for (const m of misses) console.log(`${m.kind} ${m.id} [${m.category}] score=${m.score} ${m.top}`);
}

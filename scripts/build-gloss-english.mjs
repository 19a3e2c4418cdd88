#!/usr/bin/env node
// Writes models/gloss/english.json: the common English words, which never count as evidence that a
// text is in another language (German "die" and "also", Spanish "no", Italian "come" are English words
// too). The list is the words of at least MIN_ROWS English rows of the licensed injection training data
// (../shared/data/injection/train.jsonl, the rows the model may be trained on), normalised as the
// scanner normalises text. Needs a build (imports the compiled normaliser). Deterministic.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/src/scanners/', import.meta.url);
if (!existsSync(new URL('normalize.js', DIST))) {
  console.error('dist/src/scanners/normalize.js not found: run `npm run build` first');
  process.exit(1);
}
const { normalize } = await import(new URL('normalize.js', DIST).href);
const DATA = process.env.GATEHOUSE_DATA_DIR ?? `${ROOT}../shared/data`;
const MIN_ROWS = 5;
const SHIPPABLE = /^(MIT|Apache-2\.0|CC0|CC-BY|ODC-BY|PIGuard repo MIT; WildGuardTest is ODC-BY)/;

const rows = readFileSync(`${DATA}/injection/train.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .filter((r) => r.lang === 'en' && SHIPPABLE.test(r.licence ?? '') && !/T0\/P3/.test(r.licence ?? ''));
const df = new Map();
for (const r of rows) {
  const words = new Set(normalize(r.text).text.match(/[a-z]+/g) ?? []);
  for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
}
const words = [...df.entries()]
  .filter(([w, n]) => n >= MIN_ROWS && w.length > 0)
  .map(([w]) => w)
  .sort();
const out = {
  format: 'gatehouse-gloss-english/1',
  source: `words of at least ${MIN_ROWS} of the ${rows.length} licensed English rows of shared/data/injection/train.jsonl`,
  words,
};
writeFileSync(new URL('../models/gloss/english.json', import.meta.url), `${JSON.stringify(out, null, 0)}\n`);
console.log(`models/gloss/english.json: ${words.length} words from ${rows.length} rows`);

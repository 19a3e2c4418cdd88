#!/usr/bin/env node
// Builds models/injection-gloss.json, the injection scanner's cross-lingual glossaries
// (npm run build:gloss; needs a build: it imports the compiled normaliser and compiler).
//
// - Sources: models/gloss/<lang>.json, one per language: exact word forms and stems mapped to
//   English (written for Gatehouse, Apache-2.0; see models/README.md).
// - models/gloss/english.json, rewritten here: the common English words, which never count as
//   evidence that a text is in another language (German "die" and "also", Spanish "no", Italian
//   "come" are English words too): the words of at least MIN_ROWS English rows of the licensed
//   injection training data (../shared/data/injection/train.jsonl, the rows the model may be
//   trained on). Without the data the existing list is kept.
// - The compiled file has every key normalised as the scanner normalises text, so loading it costs
//   no normalisation. Deterministic: a rerun writes the same bytes.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exclusionOf } from './injection-licences.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = new URL('../dist/src/scanners/', import.meta.url);
if (!existsSync(new URL('injection-gloss.js', DIST))) {
  console.error('dist/src/scanners/injection-gloss.js not found: run `npm run build` first');
  process.exit(1);
}
const { normalize } = await import(new URL('normalize.js', DIST).href);
const { compileGlossary } = await import(new URL('injection-gloss.js', DIST).href);
const GLOSS = new URL('../models/gloss/', import.meta.url);
const DATA = process.env.GATEHOUSE_DATA_DIR ?? `${ROOT}../shared/data`;
const MIN_ROWS = 5;
const ENGLISH_SHARE = 0.15;
const FUNCTION_WORDS = new Set(
  'the and to of is you that it for your be with on this are as not or will can have i me my what an from at by we do if all any was would should they he she there which their about how'.split(
    ' ',
  ),
);

const trainFile = `${DATA}/injection/train.jsonl`;
if (existsSync(trainFile)) {
  const rows = readFileSync(trainFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((r) => r.lang === 'en' && exclusionOf(r) === null);
  // A row labelled English may be mostly Spanish or Italian ("que", "una", "para" then looked
  // English): only rows whose words are at least ENGLISH_SHARE English function words count.
  const df = new Map();
  let englishRows = 0;
  for (const r of rows) {
    const words = normalize(r.text).text.match(/[a-z]+/g) ?? [];
    const core = words.filter((w) => FUNCTION_WORDS.has(w)).length;
    if (words.length === 0 || core < ENGLISH_SHARE * words.length) continue;
    englishRows++;
    for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const words = [...df.entries()]
    .filter(([, n]) => n >= MIN_ROWS)
    .map(([w]) => w)
    .sort();
  const english = {
    format: 'gatehouse-gloss-english/1',
    source: `words of at least ${MIN_ROWS} of the ${englishRows} licensed English rows of shared/data/injection/train.jsonl (of ${rows.length} labelled English, those whose words are at least ${ENGLISH_SHARE * 100} % English function words)`,
    words,
  };
  writeFileSync(new URL('english.json', GLOSS), `${JSON.stringify(english)}\n`);
  console.log(`models/gloss/english.json: ${words.length} words from ${englishRows} rows`);
} else console.log(`${trainFile} not found: models/gloss/english.json kept`);

const names = readdirSync(GLOSS)
  .filter((f) => f.endsWith('.json') && f !== 'english.json')
  .sort();
const lexicons = names.map((f) => JSON.parse(readFileSync(new URL(f, GLOSS), 'utf8')));
const english = JSON.parse(readFileSync(new URL('english.json', GLOSS), 'utf8')).words;
const compiled = compileGlossary(lexicons, english);
writeFileSync(new URL('../models/injection-gloss.json', import.meta.url), `${JSON.stringify(compiled)}\n`);
for (const l of compiled.languages) {
  const count = (s) => (s ? s.split('\n').length : 0);
  console.log(`${l.lang}: ${count(l.entries)} entries, ${count(l.stems)} stems`);
}

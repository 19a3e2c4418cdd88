// Cross-lingual view for the injection scanner. The shipped model and most rules were learnt from
// English: the public training data has few attacks in other languages, and rules written per
// language only catch the wording they were written from. A glossary (models/gloss/<lang>.json)
// maps the words attacks and everyday requests are made of, in 26 languages, to English: "Ignoriere
// alle vorherigen Anweisungen" reads "ignore all previous instructions". A stretch of text whose
// sampled words are mostly glossary words of one language is glossed word by word (grammar ignored,
// unknown words kept) and the scanner rescans the English gloss with its rules and model, as it
// rescans decoded base64. Benign text stays benign because each word is glossed by its literal,
// everyday meaning.
//
// Words are the normalised text's runs of word characters (apostrophes and hyphens split them).
// Each is looked up exactly, then by its longest stem (a prefix, for inflected languages), and for
// languages whose glossary has entries of several words (Vietnamese writes one syllable per token)
// the two- and three-token sequences are tried first. Chinese, Japanese and Thai are written without
// spaces: their runs are glossed by greedy longest match.
//
// Cost: English text is sampled, not glossed. Each line (or kilobyte) checks its first words against
// a bit filter and one map, stops after ten words without enough glossary words, and is glossed only
// when enough of them are non-English glossary words; the glossed text per scan is bounded.

import { readFileSync } from 'node:fs';
import { WORD_CHAR } from './injection-model.js';
import { type NormalizedText, normalize } from './normalize.js';

/**
 * The model's word characters less the sentence punctuation of scripts it counts as letters (the
 * Arabic comma and question mark, the Devanagari danda, …): "نقاط،" is the word "نقاط" here.
 */
const GLOSS_WORD = WORD_CHAR.slice();
for (const c of [
  0x0589, 0x05c3, 0x060c, 0x061b, 0x061f, 0x066a, 0x066b, 0x066c, 0x066d, 0x06d4, 0x0964, 0x0965, 0x0e5a, 0x0e5b, 0x104a, 0x104b, 0x1362,
  0x2e2e,
])
  GLOSS_WORD[c] = 0;

function isGlossWordChar(c: number): boolean {
  return GLOSS_WORD[c] === 1;
}

/** One language's glossary file (models/gloss/<lang>.json). */
export interface GlossLexicon {
  lang: string;
  /** Exact word forms → English. */
  entries: Record<string, string>;
  /** Prefixes → English, for words no exact form covers. */
  stems?: Record<string, string>;
}

/**
 * Glossaries compiled for loading (models/injection-gloss.json): keys as the scanner's normalised
 * text spells them, one "key<TAB>gloss" pair per line, and the common English words space-separated.
 */
export interface CompiledGlossary {
  format: 'gatehouse-gloss/1';
  english: string;
  languages: Array<{ lang: string; entries: string; stems: string }>;
}

/**
 * Compiles glossaries: normalises every key as the scanner normalises text and drops those that
 * are not words (or, in the unspaced scripts, longer than MAX_RUN_KEY characters). Where two forms
 * normalise to one key ("cómo" and "como"), the form written as the key keeps its gloss.
 */
export function compileGlossary(lexicons: readonly GlossLexicon[], english: readonly string[] = []): CompiledGlossary {
  const englishWords = [...new Set(english.map((w) => normalize(w).text).filter((w) => w.length > 0))].sort();
  const languages = lexicons.map((lex) => {
    const exact = new Map<string, string>();
    for (const [form, gloss] of Object.entries(lex.entries)) {
      const key = glossKey(form);
      const g = cleanGloss(gloss);
      if (!key || !g) continue;
      if (isRunScript(key.charCodeAt(0)) && (key.length > MAX_RUN_KEY || !allRunScript(key))) continue;
      if (!exact.has(key) || key === form.toLowerCase()) exact.set(key, g);
    }
    const stems = new Map<string, string>();
    for (const [form, gloss] of Object.entries(lex.stems ?? {})) {
      const key = glossKey(form);
      const g = cleanGloss(gloss);
      if (!key || !g || key.includes(' ') || key.length < MIN_STEM || isRunScript(key.charCodeAt(0))) continue;
      if (!stems.has(key) || key === form.toLowerCase()) stems.set(key, g);
    }
    const lines = (m: Map<string, string>) =>
      [...m]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([k, g]) => `${k}\t${g}`)
        .join('\n');
    return { lang: lex.lang, entries: lines(exact), stems: lines(stems) };
  });
  return { format: 'gatehouse-gloss/1', english: englishWords.join(' '), languages };
}

/** A gloss as one line of plain words. */
function cleanGloss(g: string): string {
  let out = '';
  for (const part of g.split(/\s+/)) if (part) out += out ? ` ${part}` : part;
  return out;
}

function forEachPair(lines: string, f: (key: string, gloss: string) => void): void {
  if (!lines) return;
  for (const line of lines.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) f(line.slice(0, tab), line.slice(tab + 1));
  }
}

/** A glossed stretch of a normalised text. */
export interface GlossView {
  /** The language whose glossary was used. */
  lang: string;
  /** The stretch's [start, end) in the normalised text. */
  start: number;
  end: number;
  /** The English gloss. */
  text: string;
}

export interface GlossLimits {
  /** Most characters of the chunks whose language is decided separately (each line is one or more). */
  chunkChars: number;
  /** Words sampled per chunk to decide its language. */
  sampleWords: number;
  /** Most characters glossed per text. */
  maxChars: number;
  /** Most views per text (contiguous chunks of one language make one view). */
  maxViews: number;
}

export const DEFAULT_GLOSS_LIMITS: GlossLimits = { chunkChars: 1024, sampleWords: 24, maxChars: 32_768, maxViews: 16 };

/** Fewest non-English glossary words among the sampled ones for a chunk to count as that language. */
const MIN_HITS = 2;
/** Least share of the sampled words that must be the language's glossary words. */
const MIN_SHARE = 0.3;
/** After this many sampled words, a chunk with fewer than EARLY_HITS words of any one glossary is not glossed. */
const EARLY_WORDS = 10;
const EARLY_HITS = 2;
/** Shortest stem tried (Korean and Arabic stems are short; Latin-script ones are at least 5). */
const MIN_STEM = 2;
/** Longest key of the unspaced scripts' glossaries (Thai words with their vowel and tone marks run to 10). */
const MAX_RUN_KEY = 12;

/** Han, kana and Thai: written without spaces, glossed by longest match. (Hangul is spaced.) */
export function isRunScript(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x0e00 && c <= 0x0e7f)
  );
}

export class Glossary {
  readonly languages: readonly string[];
  /** Per language: exact forms (single words and, where `multiword`, spaced sequences) → English. */
  private readonly exact: Map<string, string>[];
  private readonly stems: Map<string, string>[];
  /** Per language: keys in the unspaced scripts → English. */
  private readonly runs: Map<string, string>[];
  private readonly multiword: boolean[];
  /** Word → bit mask of the languages whose glossary has it (common English words left out). */
  private readonly wordLangs = new Map<string, number>();
  /** Unspaced-script key → bit mask of languages. */
  private readonly runLangs = new Map<string, number>();
  /**
   * A bit per (first three characters, length) of the `wordLangs` keys, so most English words are
   * ruled out without a substring and a map lookup (with the shipped glossaries 2.6 % of the bits are set).
   */
  private readonly wordFilter = new Uint32Array(1 << (FILTER_BITS - 5));
  /** Longest unspaced-script key, over all languages and per language. */
  private maxRun = 0;
  private readonly maxRunOf: number[] = [];
  /** Stem lengths in use, longest first. */
  private readonly stemLengths: number[];
  private readonly hits: Float64Array;

  /** A glossary from compiled glossaries (see compileGlossary); `Glossary.fromLexicons` compiles first. */
  constructor(compiled: CompiledGlossary) {
    if (compiled.format !== 'gatehouse-gloss/1') throw new Error(`unknown glossary format ${String(compiled.format)}`);
    if (compiled.languages.length > 31) throw new Error('at most 31 glossary languages');
    const englishWords = new Set(compiled.english.split(' '));
    this.languages = compiled.languages.map((l) => l.lang);
    this.exact = [];
    this.stems = [];
    this.runs = [];
    this.multiword = [];
    const lengths = new Set<number>();
    compiled.languages.forEach((lex, li) => {
      const exact = new Map<string, string>();
      const runs = new Map<string, string>();
      let multi = false;
      forEachPair(lex.entries, (key, gloss) => {
        if (isRunScript(key.charCodeAt(0))) {
          runs.set(key, gloss);
          this.runLangs.set(key, (this.runLangs.get(key) ?? 0) | (1 << li));
          if (key.length > (this.maxRunOf[li] ?? 0)) this.maxRunOf[li] = key.length;
          if (key.length > this.maxRun) this.maxRun = key.length;
          return;
        }
        exact.set(key, gloss);
        if (key.includes(' ')) multi = true;
        else if (!englishWords.has(key)) {
          this.wordLangs.set(key, (this.wordLangs.get(key) ?? 0) | (1 << li));
          const b = filterSlot(key, 0, key.length);
          this.wordFilter[b >>> 5] = (this.wordFilter[b >>> 5] as number) | (1 << (b & 31));
        }
      });
      const stems = new Map<string, string>();
      forEachPair(lex.stems, (key, gloss) => {
        stems.set(key, gloss);
        lengths.add(key.length);
      });
      this.exact.push(exact);
      this.stems.push(stems);
      this.runs.push(runs);
      this.multiword.push(multi);
    });
    this.stemLengths = [...lengths].sort((a, b) => b - a);
    this.hits = new Float64Array(compiled.languages.length);
  }

  /**
   * @param lexicons one per language (at most 31)
   * @param english common English words: they never count as evidence of another language
   */
  static fromLexicons(lexicons: readonly GlossLexicon[], english: readonly string[] = []): Glossary {
    return new Glossary(compileGlossary(lexicons, english));
  }

  /** The compiled glossary shipped as models/injection-gloss.json (built by `npm run build:gloss`). */
  static load(file: URL): Glossary {
    return new Glossary(JSON.parse(readFileSync(file, 'utf8')) as CompiledGlossary);
  }

  /** English glosses of the stretches of `n` written in a glossary language, bounded by `limits`. */
  views(n: NormalizedText, limits: GlossLimits = DEFAULT_GLOSS_LIMITS): GlossView[] {
    const t = n.text;
    const out: GlossView[] = [];
    let budget = limits.maxChars;
    let open: { lang: number; start: number; end: number; parts: string[] } | null = null;
    const close = () => {
      if (open) out.push({ lang: this.languages[open.lang] as string, start: open.start, end: open.end, text: open.parts.join('') });
      open = null;
    };
    for (let pos = 0; pos < t.length && budget > 0; ) {
      let end = Math.min(t.length, pos + limits.chunkChars);
      // A line is a chunk of its own (a document may quote another language line by line).
      const br = t.indexOf('\n', pos);
      if (br >= 0 && br < end) end = br + 1;
      else if (end < t.length) {
        // End the chunk at the next space or line break if one is near.
        let k = end;
        while (k < t.length && k < end + 64 && t.charCodeAt(k) !== 32 && t.charCodeAt(k) !== 10) k++;
        if (k < t.length && k < end + 64) end = k;
      }
      const lang = this.detect(t, pos, end, limits.sampleWords);
      if (lang < 0) close();
      else {
        const glossed = this.render(t, pos, Math.min(end, pos + budget), lang);
        budget -= glossed.length;
        const cur = open as { lang: number; start: number; end: number; parts: string[] } | null;
        if (cur && cur.lang === lang && cur.end === pos) {
          cur.parts.push(glossed);
          cur.end = end;
        } else {
          close();
          if (out.length >= limits.maxViews) break;
          open = { lang, start: pos, end, parts: [glossed] };
        }
      }
      pos = end;
    }
    close();
    return out;
  }

  /** The language of t[s, e) by its first `sample` words, or -1 when no glossary language dominates. */
  private detect(t: string, s: number, e: number, sample: number): number {
    const hits = this.hits;
    hits.fill(0);
    const word = GLOSS_WORD;
    let sampled = 0;
    let checked = false;
    for (let i = s; i < e && sampled < sample; ) {
      if (word[t.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < e && word[t.charCodeAt(j)] === 1) j++;
      if (isRunScript(t.charCodeAt(i))) {
        // Unspaced script: each longest match is a word; unmatched characters count half a word.
        for (let k = i; k < j && sampled < sample; ) {
          if (!isRunScript(t.charCodeAt(k))) {
            k++;
            continue;
          }
          let matched = 0;
          for (let len = Math.min(this.maxRun, j - k); len >= 1 && !matched; len--) {
            const m = this.runLangs.get(t.slice(k, k + len));
            if (m !== undefined) {
              addBits(hits, m);
              matched = len;
            }
          }
          sampled += matched ? 1 : 0.5;
          k += matched || 1;
        }
      } else {
        sampled++;
        const b = filterSlot(t, i, j);
        if (((this.wordFilter[b >>> 5] as number) & (1 << (b & 31))) !== 0) {
          const m = this.wordLangs.get(t.slice(i, j));
          if (m !== undefined) addBits(hits, m);
        }
      }
      i = j;
      // Most chunks are English: after the first words without enough glossary words, stop.
      if (!checked && sampled >= EARLY_WORDS) {
        checked = true;
        if (maxOf(hits) < EARLY_HITS) return -1;
      }
    }
    let best = -1;
    let bestHits = 0;
    for (let l = 0; l < hits.length; l++) {
      const h = hits[l] as number;
      if (h > bestHits) {
        best = l;
        bestHits = h;
      }
    }
    return best >= 0 && bestHits >= MIN_HITS && bestHits >= MIN_SHARE * sampled ? best : -1;
  }

  /** t[s, e) with each word of language `lang` replaced by its English gloss. */
  private render(t: string, s: number, e: number, lang: number): string {
    const exact = this.exact[lang] as Map<string, string>;
    const runs = this.runs[lang] as Map<string, string>;
    const multi = this.multiword[lang] as boolean;
    const negation = POST_NEGATION.get(this.languages[lang] as string);
    const word = GLOSS_WORD;
    const parts: string[] = [];
    let copied = s;
    for (let i = s; i < e; ) {
      if (word[t.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < e && word[t.charCodeAt(j)] === 1) j++;
      if (multi) {
        // Three, then two tokens joined by single spaces.
        const j2 = nextWordEnd(t, j, e);
        const j3 = j2 > 0 ? nextWordEnd(t, j2, e) : -1;
        const g3 = j3 > 0 ? exact.get(t.slice(i, j3)) : undefined;
        const g2 = g3 === undefined && j2 > 0 ? exact.get(t.slice(i, j2)) : undefined;
        if (g3 !== undefined || g2 !== undefined) {
          parts.push(t.slice(copied, i), (g3 ?? g2) as string);
          i = g3 !== undefined ? j3 : j2;
          copied = i;
          continue;
        }
      }
      parts.push(t.slice(copied, i));
      if (isRunScript(t.charCodeAt(i)) || hasRunScript(t, i, j)) this.renderRun(t, i, j, exact, runs, this.maxRunOf[lang] ?? 0, parts);
      else {
        const gloss = this.glossWord(t.slice(i, j), lang);
        // A verb that opens a clause followed by the negation ("Vergiss nicht, …"): "do not forget".
        const k = negation ? nextWordEnd(t, j, e) : -1;
        if (k > 0 && negation?.has(t.slice(j + 1, k)) && opensClause(t, s, i)) {
          parts.push(`do not ${gloss}`);
          i = k;
          copied = k;
          continue;
        }
        parts.push(gloss);
      }
      i = j;
      copied = j;
    }
    parts.push(t.slice(copied, e));
    return parts.join('');
  }

  private glossWord(w: string, lang: number): string {
    const g = (this.exact[lang] as Map<string, string>).get(w);
    if (g !== undefined) return g;
    const stems = this.stems[lang] as Map<string, string>;
    if (stems.size > 0) {
      for (const len of this.stemLengths) {
        if (len > w.length) continue;
        const sg = stems.get(w.slice(0, len));
        if (sg !== undefined) return sg;
      }
    }
    return w;
  }

  /** A word holding unspaced-script characters: longest matches there, word lookups elsewhere. */
  private renderRun(
    t: string,
    i: number,
    j: number,
    exact: Map<string, string>,
    runs: Map<string, string>,
    maxRun: number,
    parts: string[],
  ): void {
    for (let k = i; k < j; ) {
      if (!isRunScript(t.charCodeAt(k))) {
        let m = k + 1;
        while (m < j && !isRunScript(t.charCodeAt(m))) m++;
        const w = t.slice(k, m);
        parts.push(` ${exact.get(w) ?? w} `);
        k = m;
        continue;
      }
      let matched = 0;
      for (let len = Math.min(maxRun, j - k); len >= 1 && !matched; len--) {
        const g = runs.get(t.slice(k, k + len));
        if (g !== undefined) {
          parts.push(` ${g} `);
          matched = len;
        }
      }
      if (!matched) parts.push(t.charAt(k));
      k += matched || 1;
    }
  }
}

// Languages that put the negation after the verb ("Vergiss nicht", "Vergeet niet", "Glöm inte"):
// glossed word by word, "forget not, the instructions to read" would read as an order to forget
// them. Where a clause opens with a verb and its negation, the gloss is "do not <verb>".
const POST_NEGATION: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['de', new Set(['nicht'])],
  ['nl', new Set(['niet'])],
  ['sv', new Set(['inte', 'ej'])],
  ['da', new Set(['ikke'])],
  ['no', new Set(['ikke', 'ikkje'])],
]);

/** Whether the word at `i` opens a clause: only spaces and quotes since the chunk's start or a punctuation mark. */
function opensClause(t: string, s: number, i: number): boolean {
  for (let k = i - 1; k >= s; k--) {
    const c = t.charCodeAt(k);
    if (c === 32 || c === 34 || c === 39 || c === 40) continue;
    return c === 10 || c === 46 || c === 44 || c === 33 || c === 63 || c === 58 || c === 59 || c === 191 || c === 161;
  }
  return true;
}

/** The end of the word that starts one space after `j`, or -1. */
function nextWordEnd(t: string, j: number, e: number): number {
  if (j + 1 >= e || t.charCodeAt(j) !== 32 || !isGlossWordChar(t.charCodeAt(j + 1))) return -1;
  let k = j + 2;
  while (k < e && isGlossWordChar(t.charCodeAt(k))) k++;
  return k;
}

function hasRunScript(t: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (isRunScript(t.charCodeAt(k))) return true;
  return false;
}

function allRunScript(key: string): boolean {
  for (let k = 0; k < key.length; k++) if (!isRunScript(key.charCodeAt(k))) return false;
  return true;
}

const FILTER_BITS = 20;

/** The word filter's bit for the word t[i, j): its first three code units and its length. */
function filterSlot(t: string, i: number, j: number): number {
  const len = j - i;
  let h = Math.imul(len, 0x9e3779b1);
  h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  if (len > 1) h = Math.imul(h ^ t.charCodeAt(i + 1), 0x01000193);
  if (len > 2) h = Math.imul(h ^ t.charCodeAt(i + 2), 0x01000193);
  return (Math.imul(h, 0x85ebca6b) >>> (32 - FILTER_BITS)) & ((1 << FILTER_BITS) - 1);
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) if ((a[k] as number) > m) m = a[k] as number;
  return m;
}

function addBits(hits: Float64Array, mask: number): void {
  for (let m = mask, l = 0; m !== 0; m >>>= 1, l++) if ((m & 1) !== 0) hits[l] = (hits[l] as number) + 1;
}

/** A glossary key as the scanner's normalised text spells it, or '' when it is not one word or spaced words. */
function glossKey(form: string): string {
  const key = normalize(form.trim()).text;
  if (!key) return '';
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c !== 32 && !isGlossWordChar(c)) return '';
  }
  return key;
}

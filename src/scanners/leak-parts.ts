// Partial and re-spelled leaks of a protected secret, for the leak scanner:
//   parts    a secret of several words or segments ("elbow pizza", "tram=32", "user:jabberwock")
//            whose segments are all named, in any order, close together ("the code starts with
//            'elbow', the second word is 'pizza'");
//   symbols  a secret made only of symbols or emoji, every one of which appears in the output;
//   rot13    the secret's letters rotated by 13;
//   spelled  the secret spelled by the first letters of words ("Alfa Victor Oscar …", an acrostic
//            of one word per line), of lines (an acrostic poem), or by one-letter words ("the
//            first letter is a, the second is v, then o, c, a, d, o").
import { newWordList, tokenize, type WordList } from './leak-overlap.js';

/** Segments all named within this many output words of each other make a leak. */
const PART_WINDOW = 40;

export interface PartsPlan {
  /** hash of each distinct segment (as the tokenizer hashes words) */
  hashes: Int32Array;
  /** each segment as it reads in normalized text */
  texts: string[];
}

/**
 * The segments worth matching: distinct normalized words of two or more characters, together at
 * least five characters with one of at least three; undefined when the secret is a single
 * segment (the whole-value search covers it) or the segments are too slight to mean anything.
 */
export function partsOf(value: string, norm: string): PartsPlan | undefined {
  const list = tokenize(value, newWordList(16));
  const codes = list.normCodes;
  const seen = new Map<number, string>();
  for (let i = 0; i < list.count; i++) {
    const from = list.normStart[i] as number;
    const to = i + 1 < list.count ? (list.normStart[i + 1] as number) : list.normLength;
    if (to - from < 2) continue;
    seen.set(list.hash[i] as number, String.fromCharCode(...codes.subarray(from, to)));
  }
  const texts = [...seen.values()];
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (texts.length === 0 || total < 5 || !texts.some((t) => t.length >= 3)) return undefined;
  if (texts.length === 1 && (texts[0] === norm || (texts[0] as string).length < 6)) return undefined;
  return { hashes: Int32Array.from(seen.keys()), texts };
}

/** Word span of the first window of the output in which every segment stands as a word. */
export function findParts(words: WordList, parts: PartsPlan): { start: number; end: number } | undefined {
  const k = parts.hashes.length;
  const last = new Int32Array(k).fill(-1);
  for (let i = 0; i < words.count; i++) {
    const h = words.hash[i] as number;
    let p = -1;
    for (let j = 0; j < k; j++) if (parts.hashes[j] === h) p = j;
    if (p === -1) continue;
    last[p] = i;
    let first = i;
    for (let j = 0; j < k; j++) first = Math.min(first, last[j] as number);
    if (first !== -1 && i - first <= PART_WINDOW) return { start: words.start[first] as number, end: words.end[i] as number };
  }
  return undefined;
}

const SYMBOL = /^\p{S}$/u;

/** The distinct symbols of a secret made only of symbols (emoji, pictographs, signs) and spaces. */
export function symbolsOf(value: string): string[] | undefined {
  const out = new Set<string>();
  for (const ch of value) {
    if (ch === ' ' || ch === '\ufe0f' || ch === '\u200d') continue; // emoji presentation and joiners
    if (!SYMBOL.test(ch) || ch.charCodeAt(0) < 128) return undefined;
    out.add(ch);
  }
  return out.size > 0 ? [...out] : undefined;
}

/** Letters a-z rotated by 13 (the value is normalized: lower-case). */
export function rot13(norm: string): string {
  let out = '';
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(((c - 97 + 13) % 26) + 97) : norm[i];
  }
  return out;
}

/** Secrets at least this long are looked for spelled (a shorter one is spelled by chance too often). */
export const MIN_SPELLED = 6;

/** A spelled reading of the output: one letter per word, and the word each letter came from. */
interface Spelling {
  letters: string;
  words: number[];
}

/** The output read three ways, built once per scan (see SpelledViews.of). */
export class SpelledViews {
  private constructor(
    /** the first letter or digit of every word of three or more */
    readonly initials: Spelling,
    /** the first letter or digit of every line's first word */
    readonly lines: Spelling,
    /** every word of a single letter or digit */
    readonly singles: Spelling,
    /** every letter and digit inside double quotes, the quotations joined ("avo" … "cado") */
    readonly quoted: Spelling,
  ) {}

  static of(text: string, words: WordList): SpelledViews {
    const initials: Spelling = { letters: '', words: [] };
    const lines: Spelling = { letters: '', words: [] };
    const singles: Spelling = { letters: '', words: [] };
    const quoted: Spelling = { letters: '', words: [] };
    const codes = words.normCodes;
    let lineStart = true;
    let inQuote = false;
    let prevEnd = 0;
    for (let i = 0; i < words.count; i++) {
      const start = words.start[i] as number;
      for (let k = prevEnd; k < start; k++) {
        const ch = text.charCodeAt(k);
        if (ch === 10) lineStart = true;
        else if (ch === 34) inQuote = !inQuote;
        else if (ch === 0x201c || ch === 0xab) inQuote = true;
        else if (ch === 0x201d || ch === 0xbb) inQuote = false;
      }
      prevEnd = words.end[i] as number;
      const from = words.normStart[i] as number;
      const to = i + 1 < words.count ? (words.normStart[i + 1] as number) : words.normLength;
      if (to <= from) continue;
      const c = String.fromCharCode(codes[from] as number);
      // NATO code words and acrostic lines are words of three letters or more ("x", "of", "i" in
      // code or prose would spell by chance).
      if (to - from >= 3) {
        initials.letters += c;
        initials.words.push(i);
      }
      if (lineStart) {
        lines.letters += c;
        lines.words.push(i);
        lineStart = false;
      }
      if (to - from === 1) {
        singles.letters += c;
        singles.words.push(i);
      }
      if (inQuote) {
        for (let k = from; k < to; k++) quoted.words.push(i);
        quoted.letters += String.fromCharCode(...codes.subarray(from, to));
      }
    }
    return new SpelledViews(initials, lines, singles, quoted);
  }
}

/**
 * The word span over which the output spells `norm` (a normalized secret), and how. One-letter
 * words and quotations must follow each other closely (at most `gap` words apart): letters
 * scattered over a text, or over code with one-letter names, spell words by chance.
 */
export function findSpelled(views: SpelledViews, norm: string): { first: number; last: number; how: string } | undefined {
  for (const [how, sp, gap] of [
    ['initials', views.initials, Number.POSITIVE_INFINITY],
    ['lines', views.lines, Number.POSITIVE_INFINITY],
    ['letters', views.singles, 6],
    ['quoted', views.quoted, 12],
  ] as const) {
    for (let i = sp.letters.indexOf(norm); i !== -1; i = sp.letters.indexOf(norm, i + 1)) {
      let k = i + 1;
      while (k < i + norm.length && (sp.words[k] as number) - (sp.words[k - 1] as number) <= gap) k++;
      if (k === i + norm.length) return { first: sp.words[i] as number, last: sp.words[k - 1] as number, how: `spelled-${how}` };
    }
  }
  return undefined;
}

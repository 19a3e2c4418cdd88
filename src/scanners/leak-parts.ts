// Partial and re-spelled leaks of a protected secret, for the leak scanner:
//   parts    a secret of several words or segments ("elbow pizza", "tram=32", "user:jabberwock")
//            whose segments are all named, in any order, close together ("the code starts with
//            'elbow', the second word is 'pizza'");
//   symbols  a secret made only of symbols or emoji, every one of which appears in the output;
//   rot13    the secret's letters rotated by 13.
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

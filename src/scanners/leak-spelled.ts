// Re-spelled leaks of a protected secret, for the leak scanner (see leak.ts findValue):
//   lookalike  letters of other scripts that look Latin, or leetspeak digits ("аvосаdо", "4v0c4d0");
//   morse      Morse code (".- ...- ---");
//   a1z26      alphabet positions ("1-22-15-3-1-4-15");
//   nato       NATO code words ("Alfa Victor Oscar …");
//   lines      the first letters of lines (an acrostic);
//   letters    one-letter words close together ("the first letter is a, the second is v, then o …");
//   quoted     split between quotations close together ("avo" … "cado").
// Every view is read from the output's characters in one pass, and only when a cheap test says
// the output can hold it: most answers hold none, and they pay a few string searches.
import { NATO_WORDS } from './decoders.js';
import { latinLookalike } from './normalize.js';

/** Secrets at least this long are looked for spelled (a shorter one is spelled by chance too often). */
export const MIN_SPELLED = 6;

/** Letters read from the output, each with the span of the characters it came from; separate runs are joined by a space. */
export interface Letters {
  letters: string;
  starts: number[];
  ends: number[];
}

function emptyLetters(): Letters {
  return { letters: '', starts: [], ends: [] };
}

function push(l: Letters, letter: string, start: number, end: number): void {
  l.letters += letter;
  l.starts.push(start);
  l.ends.push(end);
}

/** Ends a run: a space (which no normalized secret holds) unless the letters are empty or end one already. */
function breakRun(l: Letters): void {
  if (l.letters.length > 0 && !l.letters.endsWith(' ')) push(l, ' ', -1, -1);
}

/** The span of `needle` in `l`, if its letters are there in one run, consecutive letters at most `gap` characters apart. */
export function findLetters(l: Letters, needle: string, gap = Number.POSITIVE_INFINITY): { start: number; end: number } | undefined {
  for (let i = l.letters.indexOf(needle); i !== -1; i = l.letters.indexOf(needle, i + 1)) {
    let k = i + 1;
    while (k < i + needle.length && (l.starts[k] as number) - (l.ends[k - 1] as number) <= gap) k++;
    if (k === i + needle.length) return { start: l.starts[i] as number, end: l.ends[k - 1] as number };
  }
  return undefined;
}

// --- look-alikes and leetspeak

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };
/** What lookalikeFold changes: leetspeak digits, and Greek, Cyrillic and Armenian letters. */
const FOLDED = /[013-57-9\u0370-\u058f]/g;

function foldOne(ch: string): string {
  const latin = latinLookalike(ch.charCodeAt(0));
  return latin !== undefined ? String.fromCharCode(latin | 32) : (LEET[ch] ?? ch);
}

/**
 * A normalized text (letters and digits, lower case) with look-alike letters of other scripts read
 * as Latin and leetspeak digits as letters, one unit for one (offsets are kept). Applied to the
 * secret and to the output alike, so a verbatim match stays a match.
 */
export function lookalikeFold(norm: string): string {
  return norm.replace(FOLDED, foldOne);
}

// --- NATO code words

/** The NATO code words of each letter (normalize.ts's list, variants included: alfa/alpha, juliett/juliet, …). */
const NATO: Readonly<Record<string, readonly string[]>> = (() => {
  const byLetter: Record<string, string[]> = {};
  for (const w of NATO_WORDS) {
    const letter = w.charAt(0);
    byLetter[letter] = [...(byLetter[letter] ?? []), w];
  }
  return byLetter;
})();

/**
 * The secret spelled in NATO code words as the normalized output reads it ("alfavictoroscar…"),
 * in up to four spellings (alfa/alpha, juliett/juliet, whiskey/whisky); undefined when it holds other characters.
 */
export function natoNeedles(norm: string): string[] | undefined {
  let out = [''];
  for (const ch of norm) {
    const words = NATO[ch];
    if (!words) return undefined;
    out = words.length === 1 || out.length >= 4 ? out.map((o) => o + words[0]) : out.flatMap((o) => words.map((w) => o + w));
  }
  return out;
}

// --- Morse code and alphabet positions

const MORSE: Readonly<Record<string, string>> = {
  '.-': 'a',
  '-...': 'b',
  '-.-.': 'c',
  '-..': 'd',
  '.': 'e',
  '..-.': 'f',
  '--.': 'g',
  '....': 'h',
  '..': 'i',
  '.---': 'j',
  '-.-': 'k',
  '.-..': 'l',
  '--': 'm',
  '-.': 'n',
  '---': 'o',
  '.--.': 'p',
  '--.-': 'q',
  '.-.': 'r',
  '...': 's',
  '-': 't',
  '..-': 'u',
  '...-': 'v',
  '.--': 'w',
  '-..-': 'x',
  '-.--': 'y',
  '--..': 'z',
  '-----': '0',
  '.----': '1',
  '..---': '2',
  '...--': '3',
  '....-': '4',
  '.....': '5',
  '-....': '6',
  '--...': '7',
  '---..': '8',
  '----.': '9',
};

function isDot(c: number): boolean {
  return c === 46 || c === 0x2022 || c === 0xb7;
}
function isDash(c: number): boolean {
  return c === 45 || c === 0x2212 || c === 0x2013 || c === 0x2014;
}
function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Morse: a letter's code mixes dots and dashes, and a secret this long has such a letter. */
const MORSE_SIGNS = ['.-', '-.', '\u2022-', '-\u2022', '\u00b7-', '-\u00b7', '.\u2013', '\u2013.', '.\u2014', '\u2014.'];

/** Runs of Morse code in the output, decoded (letters separated by spaces, words by "/" or "|"). */
export function morseLetters(text: string): Letters {
  const out = emptyLetters();
  if (!MORSE_SIGNS.some((s) => text.includes(s))) return out;
  const n = text.length;
  let inRun = false;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!isDot(c) && !isDash(c)) {
      if (inRun && c !== 32 && c !== 47 && c !== 124 && c !== 10 && c !== 9) {
        breakRun(out);
        inRun = false;
      }
      i++;
      continue;
    }
    const start = i;
    let code = '';
    for (; i < n && code.length <= 6; i++) {
      const d = text.charCodeAt(i);
      if (isDot(d)) code += '.';
      else if (isDash(d)) code += '-';
      else break;
    }
    const letter = MORSE[code];
    if (letter !== undefined && (i >= n || !isAsciiWord(text.charCodeAt(i)))) {
      push(out, letter, start, i);
      inRun = true;
    } else if (inRun) {
      breakRun(out);
      inRun = false;
    }
  }
  return out;
}

/** Two numbers with only separators between them: without one, no run of positions. */
const NUMBER_PAIR = /\d[-, ]{1,3}\d/;

/** Fewer numbers in a row than this are not read as positions (a date, a range, a score). */
const MIN_CODES = 4;

/** The next digit (native search: prose between numbers is skipped, not walked). */
const DIGIT = /\d/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Runs of alphabet positions (1 = a … 26 = z; "1-22-15", "1, 22, 15", "1 22 15") in the output, decoded. */
export function positionLetters(text: string): Letters {
  const out = emptyLetters();
  if (!NUMBER_PAIR.test(text)) return out;
  const n = text.length;
  DIGIT.lastIndex = 0;
  for (let m = DIGIT.exec(text); m !== null; m = DIGIT.exec(text)) {
    // One run: numbers separated by hyphens, commas or spaces.
    let i = m.index;
    const run = emptyLetters();
    while (i < n && isDigit(text.charCodeAt(i))) {
      const start = i;
      let v = 0;
      while (i < n && isDigit(text.charCodeAt(i)) && i - start < 3) v = v * 10 + text.charCodeAt(i++) - 48;
      const next = i < n ? text.charCodeAt(i) : 32;
      const prev = start > 0 ? text.charCodeAt(start - 1) : 32;
      if (v < 1 || v > 26 || isDigit(next) || next === 46 || prev === 46) break;
      push(run, String.fromCharCode(96 + v), start, i);
      let j = i;
      while (j < n && j - i < 3 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 45 || text.charCodeAt(j) === 44)) j++;
      if (j === i || !isDigit(text.charCodeAt(j))) break;
      i = j;
    }
    if (run.letters.length >= MIN_CODES) {
      push(run, ' ', -1, -1);
      out.letters += run.letters;
      out.starts.push(...run.starts);
      out.ends.push(...run.ends);
    }
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    DIGIT.lastIndex = i + 1;
  }
  return out;
}

// --- line initials, one-letter words, quotations

function lowerAscii(c: number): string {
  return String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
}

/**
 * The secret spelled by the first ASCII letters or digits of consecutive lines (an acrostic): the
 * span from the first to the last of those lines' initials. Lines are only compared, no string of
 * initials is built: most lines do not open with the secret's first letter.
 */
export function findLineInitials(text: string, norm: string): { start: number; end: number } | undefined {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines < norm.length; i = text.indexOf('\n', i + 1)) lines++;
  if (lines < norm.length) return undefined;
  const first = norm.charCodeAt(0);
  for (let i = 0; i < text.length; i = text.indexOf('\n', i) + 1 || text.length) {
    const start = initialAt(text, i);
    if (start >= text.length || lowerCode(text.charCodeAt(start)) !== first) continue;
    let line = i;
    let k = 1;
    let at = start;
    for (; k < norm.length; k++) {
      line = text.indexOf('\n', line) + 1;
      if (line === 0) break;
      at = initialAt(text, line);
      if (at >= text.length || lowerCode(text.charCodeAt(at)) !== norm.charCodeAt(k)) break;
    }
    if (k === norm.length) return { start, end: at + 1 };
  }
  return undefined;
}

function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Offset of the first ASCII letter or digit of the line starting at `i` (its end when it has none). */
function initialAt(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) !== 10 && !isAsciiWord(text.charCodeAt(j))) j++;
  return j;
}

/** Every one-letter ASCII word ("a", "v"; not the "s" of "it's"), with its offset. */
export function singleLetters(text: string): Letters {
  const out = emptyLetters();
  const n = text.length;
  let wordStart = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0 && i === wordStart + 1 && c !== 39 && (wordStart === 0 || text.charCodeAt(wordStart - 1) !== 39))
      push(out, lowerAscii(text.charCodeAt(wordStart)), wordStart, i);
    wordStart = -1;
  }
  return out;
}

export interface Quote {
  /** letters and digits, normalized as the leak scanner normalizes text */
  text: string;
  start: number;
  end: number;
}

const QUOTE_OPEN = new Set([34, 0x201c, 0xab]);
const QUOTE_CLOSE = new Set([34, 0x201d, 0xbb]);

/** The quotations in double quotes (straight, curly or guillemets), up to 64 characters each. */
export function quotations(text: string, normalize: (s: string) => string): Quote[] {
  const out: Quote[] = [];
  // Two quotations need four quote marks (straight ones, the usual case, counted first).
  let marks = 0;
  for (let i = text.indexOf('"'); i !== -1 && marks < 4; i = text.indexOf('"', i + 1)) marks++;
  if (marks < 4 && !text.includes('\u201c') && !text.includes('\u00ab')) return out;
  for (let i = 0; i < text.length; i++) {
    if (!QUOTE_OPEN.has(text.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < text.length && j - i <= 64 && !QUOTE_CLOSE.has(text.charCodeAt(j)) && text.charCodeAt(j) !== 10) j++;
    if (j < text.length && QUOTE_CLOSE.has(text.charCodeAt(j)) && j > i + 1) {
      out.push({ text: normalize(text.slice(i + 1, j)), start: i + 1, end: j });
      i = j;
    }
  }
  return out;
}

/** Quotations this close (characters between one's end and the next one's start) may hold a secret between them. */
const QUOTE_GAP = 80;

/** Two or more quotations close together that hold exactly the secret between them ("avo" … "cado"). */
export function findInQuotes(quotes: readonly Quote[], norm: string): { start: number; end: number } | undefined {
  for (let a = 0; a < quotes.length; a++) {
    let joined = (quotes[a] as Quote).text;
    if (!norm.startsWith(joined) || joined.length === 0) continue;
    for (let b = a + 1; b < quotes.length && joined.length < norm.length; b++) {
      if ((quotes[b] as Quote).start - (quotes[b - 1] as Quote).end > QUOTE_GAP) break;
      joined += (quotes[b] as Quote).text;
      if (joined === norm) return { start: (quotes[a] as Quote).start, end: (quotes[b] as Quote).end };
    }
  }
  return undefined;
}

// --- what a secret needs of an output before its spelled views are worth reading

/** English letters from the rarest to the most frequent (the last two, a and i, are common one-letter words). */
const RARITY = 'zqxjkvbpygfwmucldrhsnoteai';

/**
 * Per secret, computed once: the longest Morse code of its letters, the largest alphabet position
 * of two digits among them, and its rarest letter other than a and i. An output without that
 * code, that number or that letter standing alone cannot spell the secret in Morse, in positions
 * or in one-letter words, and skips reading those views.
 */
export interface SpellHints {
  morse: string;
  position: string;
  lone: string;
}

export function spellHints(norm: string): SpellHints {
  let morse = '';
  let position = 0;
  let lone = '';
  const code = Object.fromEntries(Object.entries(MORSE).map(([k, v]) => [v, k]));
  for (const ch of norm) {
    const m = code[ch] ?? '';
    if (m.length > morse.length) morse = m;
    const p = ch.charCodeAt(0) - 96;
    if (p >= 1 && p <= 26 && p > position) position = p;
    if (RARITY.indexOf(ch) < RARITY.length - 2 && (lone === '' || RARITY.indexOf(ch) < RARITY.indexOf(lone))) lone = ch;
  }
  return { morse, position: position >= 10 ? String(position) : '', lone };
}

/** Whether the output may hold the secret in Morse code. */
export function mayHoldMorse(text: string, h: SpellHints): boolean {
  return h.morse !== '' && (text.includes(h.morse) || text.includes('\u2022') || text.includes('\u00b7') || text.includes('\u2212'));
}

/** Whether the output may hold the secret as alphabet positions. */
export function mayHoldPositions(text: string, h: SpellHints): boolean {
  return h.position === '' || text.includes(h.position);
}

/** Whether the output has the secret's rarest letter standing alone ("v" in "then v,"), in either case. */
export function mayHoldLetters(text: string, h: SpellHints): boolean {
  if (h.lone === '') return true;
  for (const letter of [h.lone, h.lone.toUpperCase()]) {
    for (let k = text.indexOf(letter); k !== -1; k = text.indexOf(letter, k + 1)) {
      const before = k > 0 ? text.charCodeAt(k - 1) : 32;
      const after = k + 1 < text.length ? text.charCodeAt(k + 1) : 32;
      if (!isAsciiWord(before) && !isAsciiWord(after) && before !== 39 && after !== 39) return true;
    }
  }
  return false;
}

/** A leetspeak digit against a letter, or a Greek, Cyrillic or Armenian letter: where a disguised token can be. */
const MAY_FOLD = /[A-Za-z][013-57-9]|[013-57-9][A-Za-z]|[\u0370-\u058f]/g;

function isTokenCode(c: number): boolean {
  return isAsciiWord(c) || (c >= 0x370 && c <= 0x58f);
}

/** Tokens looked at per output (a text made of such tokens is not searched past them). */
const MAX_FOLD_TOKENS = 256;

/** A token of the output that mixes in a look-alike or leetspeak character, folded (see lookalikeFold). */
export interface FoldedToken {
  start: number;
  folded: string;
}

/**
 * The output's tokens that mix in a look-alike letter of another script or a leetspeak digit
 * ("4v0c4d0", "аvосаdо"), folded; read once per output and shared by every secret.
 */
export function foldedTokens(text: string): FoldedToken[] {
  const out: FoldedToken[] = [];
  MAY_FOLD.lastIndex = 0;
  for (let m = MAY_FOLD.exec(text); m !== null && out.length < MAX_FOLD_TOKENS; m = MAY_FOLD.exec(text)) {
    let s = m.index;
    while (s > 0 && isTokenCode(text.charCodeAt(s - 1))) s--;
    let e = m.index + m[0].length;
    while (e < text.length && isTokenCode(text.charCodeAt(e))) e++;
    MAY_FOLD.lastIndex = e;
    out.push({ start: s, folded: lookalikeFold(text.slice(s, e).toLowerCase()) });
  }
  return out;
}

/** A secret written as one of those tokens (`folded`: lookalikeFold of the normalized secret). */
export function findLookalike(tokens: readonly FoldedToken[], folded: string): { start: number; end: number } | undefined {
  for (const t of tokens) {
    const k = t.folded.indexOf(folded);
    // Every token unit is one code unit, so offsets in the token are offsets in the text.
    if (k !== -1) return { start: t.start + k, end: t.start + k + folded.length };
  }
  return undefined;
}

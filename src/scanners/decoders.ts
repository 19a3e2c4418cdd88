// The readers behind decodeViews (decode.ts), one per encoding: each finds the segments of its
// encoding in a text (base64, base32 and hex runs, percent-encoding, quoted-printable, HTML numeric
// references, reversed instruction words, braille, NATO spelling, uuencode, ascii85) and adds them,
// decoded, within the view budget (taker), or builds a character-for-character view of a normalised
// text (ROT13, leetspeak, letter spacing, dotted letters). Each is linear in what it reads.

import { decodeUtf16, hexVal, isAsciiAlnum, type NormalizedText, sourceSpan } from './normalize.js';

// Character codes (module-local: an imported binding is read through its cell in the hot loops).
const SPACE = 32;
const NEWLINE = 10;

export type ViewKind =
  | 'base64'
  | 'base32'
  | 'hex'
  | 'percent'
  | 'quoted-printable'
  | 'entity'
  | 'braille'
  | 'nato'
  | 'uuencode'
  | 'ascii85'
  | 'reversed'
  | 'rot13'
  | 'leet'
  | 'spacing'
  | 'dotted';

export interface DecodeLimits {
  /** Most views returned. */
  maxViews: number;
  /** Longest decoded text per view, in characters (longer decodings are cut). */
  maxViewChars: number;
  /** Budget of decoded characters over all views. */
  maxTotalChars: number;
  /** Shortest encoded run considered (base64 / hex characters). */
  minEncodedLength: number;
}

// The base64 and base64url alphabets (hex digits included) as a table: the run scans test every
// character of the text, and a load is cheaper than the seven-way comparison.
export const BASE64_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  BASE64_CHARS[c] =
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95 ? 1 : 0;

function isBase64Char(c: number): boolean {
  return c < 128 && BASE64_CHARS[c] === 1;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

// Decoded bytes count as text when they are valid-looking UTF-8 made mostly of printable characters
// with some letters and spaces: random key material or hashes decode to noise and are skipped.
export function asText(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const s = utf8.decode(bytes);
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
    else printable++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 0xff) letters++;
    if (c === 32) spaces++;
  }
  if (bad > s.length * 0.05 || printable < s.length * 0.9) return null;
  if (letters < s.length * 0.5 || spaces === 0) return null;
  return s;
}

// Base32 lengths (mod 8) that end on a whole byte: 8 characters hold 5 bytes; 2, 4, 5 and 7 hold 1 to 4.
const BASE32_LENGTHS = Uint8Array.from([1, 0, 1, 0, 1, 1, 0, 1]);

/** text[start, end), all base32 letters (either case) and digits 2-7, as bytes (at most maxBytes). */
function decodeBase32(text: string, start: number, end: number, maxBytes: number): Uint8Array {
  const out = new Uint8Array(Math.min(maxBytes, Math.floor(((end - start) * 5) / 8)));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let p = start; p < end && k < out.length; p++) {
    const c = text.charCodeAt(p);
    acc = ((acc << 5) | (c <= 57 ? c - 24 : (c | 32) - 97)) & 0x1fff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function decodeBase64(seg: string, maxBytes: number): Uint8Array {
  const usable = Math.min(seg.length, Math.floor((maxBytes * 4) / 3) + 4);
  // Node's base64 decoder also accepts the URL-safe alphabet.
  return Buffer.from(seg.slice(0, usable), 'base64');
}

// One run of hex byte pairs from `i` (optionally `\x` / `0x` prefixed, optionally separated by
// space, colon or comma); collects the bytes into `out` when given.
export function hexRun(text: string, i: number, maxBytes: number, out: number[] | null): { end: number; pairs: number } {
  const n = text.length;
  let j = i;
  let pairs = 0;
  while (j < n && pairs < maxBytes) {
    let k = j;
    const c = text.charCodeAt(k);
    if ((c === 92 || c === 48) && (text.charCodeAt(k + 1) | 32) === 120) k += 2;
    const h = hexVal(text.charCodeAt(k));
    if (h < 0) break;
    const l = hexVal(text.charCodeAt(k + 1));
    if (l < 0) break;
    if (out) out.push(h * 16 + l);
    pairs++;
    j = k + 2;
    const sep = text.charCodeAt(j);
    if ((sep === 32 || sep === 58 || sep === 44) && j + 1 < n && (hexVal(text.charCodeAt(j + 1)) >= 0 || text.charCodeAt(j + 1) === 92))
      j++;
  }
  return { end: j, pairs };
}

export interface Segment {
  kind: Exclude<ViewKind, 'rot13' | 'leet' | 'spacing' | 'dotted'>;
  start: number;
  end: number;
  decoded: string;
}

/** What is left of a text's view budget: views, and characters over all views. Decoders spend it as they take segments. */
export interface ViewBudget {
  views: number;
  chars: number;
}

// Adds a decoded segment within the view budget (its text cut to the per-view and total limits).
export function taker(limits: DecodeLimits, out: Segment[], budget: ViewBudget): (s: Segment) => void {
  return (s) => {
    if (budget.views <= 0 || budget.chars <= 0) return;
    const decoded = s.decoded.slice(0, Math.min(limits.maxViewChars, budget.chars));
    budget.views--;
    budget.chars -= decoded.length;
    out.push({ ...s, decoded });
  };
}

// Finds encoded segments in `text` with one linear pass per encoding.
export function findEncodedSegments(
  text: string,
  limits: DecodeLimits,
  out: Segment[],
  budget: ViewBudget,
  from = 0,
  to = text.length,
  percent = true,
): void {
  const n = to;
  const take = taker(limits, out, budget);
  const maxBytes = limits.maxViewChars * 4;
  const minPairs = limits.minEncodedLength / 2;
  const tryHex = (at: number): number => {
    const run = hexRun(text, at, maxBytes, null);
    if (run.pairs < minPairs) return -1;
    const bytes: number[] = [];
    hexRun(text, at, maxBytes, bytes);
    const decoded = asText(Uint8Array.from(bytes));
    if (decoded) take({ kind: 'hex', start: at, end: run.end, decoded });
    return run.end;
  };
  // One pass over runs of the base64 alphabet (a superset of hex digits): base64 / base64url runs
  // with optional '=' padding, contiguous hex ("69676e6f7265"), byte-separated hex ("69 67 6e",
  // "69:67") and escaped hex ("\x69\x67", "0x69 0x67").
  for (let i = from; i < n && budget.views > 0; ) {
    const c0 = text.charCodeAt(i);
    if (c0 === 92 && (text.charCodeAt(i + 1) | 32) === 120) {
      const end = tryHex(i);
      i = end > i ? end : i + 2;
      continue;
    }
    if (!isBase64Char(c0)) {
      i++;
      continue;
    }
    const start = i;
    let upper = 0;
    let lower = 0;
    let digits = 0;
    let nonHex = 0;
    // Characters outside the base32 alphabet (digits 0, 1, 8, 9 and the base64 symbols).
    let notBase32 = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        upper++;
        if (c > 70) nonHex++;
      } else if (c >= 97 && c <= 122) {
        lower++;
        if (c > 102) nonHex++;
      } else if (c >= 48 && c <= 57) {
        digits++;
        if (c < 50 || c > 55) notBase32++;
      } else if (isBase64Char(c)) {
        nonHex++;
        notBase32++;
      } else break;
    }
    const len = i - start;
    const sep = text.charCodeAt(i);
    const separated = (sep === 32 || sep === 58 || sep === 44) && i + 2 < n;
    if ((len === 2 && nonHex === 0) || (len === 4 && c0 === 48 && (text.charCodeAt(start + 1) | 32) === 120)) {
      // Possibly the first byte of a separated hex run.
      if (separated && hexVal(text.charCodeAt(i + 1)) >= 0) {
        const end = tryHex(start);
        if (end > i) i = end;
      }
      continue;
    }
    if (len < limits.minEncodedLength) continue;
    if (nonHex === 0 && len % 2 === 0) {
      const end = tryHex(start);
      if (end > i) i = end;
      if (end >= 0) continue;
    }
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
    // Plain words and identifiers are base64 characters too: require the case mix of encoded data.
    if (upper > 0 && lower > 0 && upper + digits >= len * 0.15) {
      const decoded = asText(decodeBase64(text.slice(start, i), maxBytes));
      if (decoded) take({ kind: 'base64', start, end, decoded });
    } else if (notBase32 === 0 && (upper === 0) !== (lower === 0) && BASE32_LENGTHS[len % 8] === 1) {
      // Base32 (RFC 4648 §6): one case, digits 2-7, a length that whole bytes leave, up to six '='.
      // Upper-case identifiers and lower-case words are such runs too: asText turns them away (their
      // decoded bytes are noise).
      const decoded = asText(decodeBase32(text, start, i, maxBytes));
      if (decoded) {
        while (end < text.length && end - i < 6 && text.charCodeAt(end) === 61) end++;
        take({ kind: 'base32', start, end, decoded });
      }
    }
    i = end;
  }
  if (percent) escapeSegments(text, PERCENT, limits, out, budget, from, to);
}

// Byte escapes: a mark and two hex digits per byte, with plain printable characters between them.
interface EscapeForm {
  kind: 'percent' | 'quoted-printable';
  /** The escape's mark: '%' or '='. */
  mark: number;
  /** Reads a hex digit (-1 when it is none). */
  hex: (c: number) => number;
  /** Escapes the run must open with, one after the other, before anything is collected. */
  leading: number;
  /** Percent-encoding: '+' is a space and a space ends the run. Quoted-printable: spaces are literal and a mark before a line break is a soft break. */
  quotedPrintable: boolean;
}

// Percent-encoding with at least a few escapes in a run ("%69%67%6E%6F%72%65").
export const PERCENT: EscapeForm = { kind: 'percent', mark: 37, hex: hexVal, leading: 0, quotedPrintable: false };
// Quoted-printable (RFC 2045 §6.7: upper-case hex, "=" at a line end a soft line break), opening
// with six escapes in a row ("=49=67=6E=6F=72=65"): a mail body that merely has a few escaped
// accents ("caf=C3=A9"), an assignment ("x=10") or "a == b" does not start a run.
export const QUOTED_PRINTABLE: EscapeForm = { kind: 'quoted-printable', mark: 61, hex: upperHexVal, leading: 6, quotedPrintable: true };

function upperHexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Length of the quoted-printable soft line break at `j` ("=\n" or "=\r\n"), else 0. */
function softBreakAt(text: string, j: number): number {
  const c = text.charCodeAt(j + 1);
  if (c === 10) return 2;
  return c === 13 && text.charCodeAt(j + 2) === 10 ? 3 : 0;
}

/** Whether `form.leading` escapes (soft breaks between them allowed, as many) follow from `i`. */
function opensWithEscapes(text: string, i: number, n: number, form: EscapeForm): boolean {
  let count = 0;
  // (Soft breaks are bounded too: a start among thousands of them must not read them all.)
  for (let k = i, softs = 0; count < form.leading; ) {
    if (k >= n || text.charCodeAt(k) !== form.mark) return false;
    const soft = form.quotedPrintable ? softBreakAt(text, k) : 0;
    if (soft > 0) {
      if (++softs > form.leading) return false;
      k += soft;
      continue;
    }
    if (form.hex(text.charCodeAt(k + 1)) < 0 || form.hex(text.charCodeAt(k + 2)) < 0) return false;
    count++;
    k += 3;
  }
  return true;
}

export function escapeSegments(
  text: string,
  form: EscapeForm,
  limits: DecodeLimits,
  out: Segment[],
  budget: ViewBudget,
  from = 0,
  to = text.length,
): void {
  const take = taker(limits, out, budget);
  const n = to;
  const maxBytes = limits.maxViewChars * 4;
  const { mark, hex, quotedPrintable } = form;
  const markChar = String.fromCharCode(mark);
  for (let i = text.indexOf(markChar, from); i >= 0 && i < n && budget.views > 0; i = text.indexOf(markChar, i + 1)) {
    if (form.leading > 0 && !opensWithEscapes(text, i, n, form)) continue;
    let j = i;
    let escapes = 0;
    const bytes: number[] = [];
    while (j < n && bytes.length < maxBytes) {
      const c = text.charCodeAt(j);
      if (c === mark) {
        const soft = quotedPrintable ? softBreakAt(text, j) : 0;
        if (soft > 0) {
          j += soft;
          continue;
        }
        const h = hex(text.charCodeAt(j + 1));
        const l = hex(text.charCodeAt(j + 2));
        if (h < 0 || l < 0) break;
        bytes.push(h * 16 + l);
        escapes++;
        j += 3;
      } else if ((c > 32 && c < 127) || (quotedPrintable && (c === 32 || c === 9))) {
        bytes.push(c === 43 && !quotedPrintable ? 32 : c);
        j++;
      } else break;
    }
    if (escapes >= 6) {
      const decoded = asText(Uint8Array.from(bytes));
      if (decoded) take({ kind: form.kind, start: i, end: j, decoded });
    }
    if (j > i) i = j - 1;
  }
}

/**
 * Runs of HTML numeric character references (`&#73;&#103;…`, `&#x49;…`), with plain printable
 * characters between them, decoded when they hold at least six references: a way to spell an
 * instruction that a browser or a markdown renderer shows as text.
 */
export function entitySegments(text: string, limits: DecodeLimits, out: Segment[], budget: ViewBudget): void {
  const take = taker(limits, out, budget);
  const max = limits.maxViewChars;
  for (let i = text.indexOf('&#'); i >= 0 && budget.views > 0; i = text.indexOf('&#', i + 1)) {
    let j = i;
    let refs = 0;
    let decoded = '';
    let lastRef = i;
    let lastLength = 0;
    while (j < text.length && decoded.length < max) {
      const c = text.charCodeAt(j);
      if (c === 38 && text.charCodeAt(j + 1) === 35) {
        // &#NNN; or &#xHHH;
        const hexForm = (text.charCodeAt(j + 2) | 32) === 120;
        let k = j + (hexForm ? 3 : 2);
        let cp = 0;
        const digitsFrom = k;
        while (k < text.length && k - digitsFrom < 7) {
          const d = hexForm ? hexVal(text.charCodeAt(k)) : text.charCodeAt(k) - 48;
          if (d < 0 || d > (hexForm ? 15 : 9)) break;
          cp = cp * (hexForm ? 16 : 10) + d;
          k++;
        }
        if (k === digitsFrom || text.charCodeAt(k) !== 59 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) break;
        decoded += String.fromCodePoint(cp);
        refs++;
        j = k + 1;
        lastRef = j;
        lastLength = decoded.length;
      } else if (c >= 32 && c < 127) {
        decoded += text[j];
        j++;
      } else break;
    }
    // The run ends with its last reference: plain text after it ("</p>") is not part of it.
    if (refs >= 6 && lastLength >= 8) take({ kind: 'entity', start: i, end: lastRef, decoded: decoded.slice(0, lastLength) });
    if (j > i) i = j - 1;
  }
}

// Words an instruction to the model is made of, written backwards ("snoitcurtsni suoiverp lla
// erongi"): two of them in a text make it worth reading reversed.
const REVERSED_WORDS = ['erongi', 'snoitcurtsni', 'tpmorp', 'suoiverp', 'laever', 'metsys', 'drowssap', 'dragersid', 'selur', 'ruoy'];

/** The text read backwards, when at least two instruction words appear reversed in it. */
export function reversedSegment(t: string, sourceLength: number, limits: DecodeLimits, out: Segment[], budget: ViewBudget): void {
  // "instructions" or "prompt" backwards first, searched by their rarer letters: most texts hold
  // neither and cost two short searches (about 1 µs on a 2 KB prompt).
  if (!t.includes('curtsn') && !t.includes('pmorp')) return;
  let words = 0;
  for (const w of REVERSED_WORDS) if (t.includes(w) && ++words >= 2) break;
  if (words < 2) return;
  const part = t.length > limits.maxViewChars ? t.slice(0, limits.maxViewChars) : t;
  taker(limits, out, budget)({ kind: 'reversed', start: 0, end: sourceLength, decoded: [...part].reverse().join('') });
}

// Grade-1 (uncontracted) braille: the ASCII character of each six-dot cell (bit k is dot k + 1 of
// U+2800 + bits), 0 for the cells that stand for none. Letters a-j use dots 1, 2, 4, 5; k-t add
// dot 3; u, v, x, y, z add dots 3 and 6; w is j plus dot 6.
const BRAILLE = new Uint8Array(64);
{
  const aToJ = [0x01, 0x03, 0x09, 0x19, 0x11, 0x0b, 0x1b, 0x13, 0x0a, 0x1a];
  for (let k = 0; k < 10; k++) {
    BRAILLE[aToJ[k] as number] = 97 + k;
    BRAILLE[(aToJ[k] as number) | 0x04] = 107 + k;
  }
  for (let k = 0; k < 5; k++) BRAILLE[(aToJ[k] as number) | 0x24] = 'uvxyz'.charCodeAt(k);
  BRAILLE[0x3a] = 119; // w
  for (const [cell, ch] of [
    [0x02, ','],
    [0x06, ';'],
    [0x12, ':'],
    [0x32, '.'],
    [0x16, '!'],
    [0x26, '?'],
    [0x04, "'"],
    [0x24, '-'],
  ] as const)
    BRAILLE[cell] = ch.charCodeAt(0);
}
const BRAILLE_NUMBER_SIGN = 0x3c;
// Fewest cells that make a braille run.
export const BRAILLE_MIN_CELLS = 8;
const BRAILLE_CAPITAL_SIGN = 0x20;

function isBraille(c: number): boolean {
  return c >= 0x2800 && c <= 0x28ff;
}

/**
 * Runs of Unicode braille cells (with spaces and line breaks between words) of at least eight
 * cells, read as grade-1 English: letters, the number sign before a-j for digits, the capital sign
 * dropped, and the common punctuation; cells of no letter (eight-dot patterns) are skipped.
 */
export function brailleSegments(source: string, from: number, to: number, limits: DecodeLimits, out: Segment[], budget: ViewBudget): void {
  const take = taker(limits, out, budget);
  const n = Math.min(source.length, to);
  const max = limits.maxViewChars;
  for (let i = from; i < n && budget.views > 0; i++) {
    if (!isBraille(source.charCodeAt(i))) continue;
    let cells = 0;
    let letters = 0;
    let digits = false;
    let decoded = '';
    let end = i;
    let j = i;
    for (; j < n; j++) {
      const c = source.charCodeAt(j);
      if (isBraille(c)) {
        cells++;
        end = j + 1;
        if (decoded.length >= max) continue;
        const cell = c - 0x2800;
        if (cell === 0) {
          decoded += ' ';
          digits = false;
        } else if (cell === BRAILLE_NUMBER_SIGN) digits = true;
        else if (cell !== BRAILLE_CAPITAL_SIGN) {
          const ch = cell < 64 ? (BRAILLE[cell] as number) : 0;
          if (ch >= 97 && ch <= 106 && digits) decoded += String.fromCharCode(ch === 106 ? 48 : ch - 48);
          else if (ch !== 0) {
            digits = false;
            decoded += String.fromCharCode(ch);
            if (ch >= 97) letters++;
          }
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9) {
        digits = false;
        if (decoded.length < max && decoded.length > 0 && decoded.charCodeAt(decoded.length - 1) !== SPACE) decoded += ' ';
      } else break;
    }
    if (cells >= BRAILLE_MIN_CELLS && letters >= 4) take({ kind: 'braille', start: i, end, decoded: decoded.trimEnd() });
    i = j;
  }
}

// The NATO phonetic alphabet (ICAO spelling and the common variants); the leak scanner reads it too.
export const NATO_WORDS: readonly string[] = [
  'alfa',
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliett',
  'juliet',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
  'uniform',
  'victor',
  'whiskey',
  'whisky',
  'xray',
  'yankee',
  'zulu',
];
const NATO_BY_FIRST: string[][] = Array.from({ length: 26 }, () => []);
for (const w of NATO_WORDS) NATO_BY_FIRST[w.charCodeAt(0) - 97]?.push(w);
// Per first letter, the code words' second letters (bit k: the letter a + k); "ray" (of "x-ray",
// whose "x-" natoWordAt checks) counts under r.
export const NATO_SECOND = new Uint32Array(26);
for (const w of [...NATO_WORDS, 'ray'])
  NATO_SECOND[w.charCodeAt(0) - 97] = (NATO_SECOND[w.charCodeAt(0) - 97] as number) | (1 << (w.charCodeAt(1) - 97));
// Fewest code words in a row that make a NATO-spelled run.
export const NATO_MIN_WORDS = 6;

/** Whether u[s, s + len), lower-case letters, is a NATO code word (or the "ray" of "x-ray"). */
export function natoWordAt(u: Uint16Array, s: number, len: number): boolean {
  const first = u[s] as number;
  if (first === 114 && len === 3) return u[s + 1] === 97 && u[s + 2] === 121 && s >= 2 && u[s - 1] === 45 && u[s - 2] === 120;
  const group = NATO_BY_FIRST[first - 97] as string[];
  for (let g = 0; g < group.length; g++) {
    const w = group[g] as string;
    if (w.length !== len) continue;
    let k = 1;
    while (k < len && u[s + k] === w.charCodeAt(k)) k++;
    if (k === len) return true;
  }
  return false;
}

/** Whether the lower-case letters u[s, s + len) are a word that may sit inside a NATO run: "space", "stop", the "x" of "x-ray". */
export function natoFillerAt(u: Uint16Array, s: number, len: number): boolean {
  if (len === 1) return u[s] === 120 && u[s + 1] === 45;
  if (len === 5) return u[s] === 115 && u[s + 1] === 112 && u[s + 2] === 97 && u[s + 3] === 99 && u[s + 4] === 101;
  return len === 4 && u[s] === 115 && u[s + 1] === 116 && u[s + 2] === 111 && u[s + 3] === 112;
}

/** The letter that the token u[a, b) spells as a NATO code word ("x-ray" included), else 0. */
function natoLetter(u: Uint16Array, a: number, b: number): number {
  const first = u[a] as number;
  if (!isLower(first) || b - a < 4 || b - a > 8) return 0;
  if (b - a === 5 && first === 120 && u[a + 1] === 45) return natoWordAt(u, a + 2, 3) ? first : 0;
  for (let k = a + 1; k < b; k++) if (!isLower(u[k] as number)) return 0;
  return natoWordAt(u, a, b - a) ? first : 0;
}

// Tokens that stand for a word break between spelled words.
const NATO_BREAKS = ['(space)', '/', '|', 'space', 'stop', '[space]', '//'];

/** Whether the token u[a, b) is one of NATO_BREAKS. */
function natoBreakAt(u: Uint16Array, a: number, b: number): boolean {
  for (const w of NATO_BREAKS) {
    if (w.length !== b - a) continue;
    let k = 0;
    while (k < w.length && u[a + k] === w.charCodeAt(k)) k++;
    if (k === w.length) return true;
  }
  return false;
}

/**
 * Runs of at least six NATO code words ("India Golf November Oscar Romeo Echo") in the normalised
 * text `n` from `from`, read as the letters they spell; "(space)", "/", "|", "space", "stop", a
 * comma or full stop after a code word, or a line break separate words. A call sign or two
 * ("Alpha team, Bravo team") is not a run.
 */
export function natoSegments(
  n: NormalizedText,
  u: Uint16Array,
  from: number,
  to: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: ViewBudget,
): void {
  const take = taker(limits, out, budget);
  const len = Math.min(n.text.length, to);
  const max = limits.maxViewChars;
  let i = from;
  while (i < len && budget.views > 0) {
    let runStart = -1;
    let runEnd = 0;
    let words = 0;
    let decoded = '';
    let gap = false;
    let k = i;
    let e = i;
    for (;;) {
      while (k < len && (u[k] === SPACE || u[k] === NEWLINE)) {
        if (u[k] === NEWLINE) gap = true;
        k++;
      }
      if (k >= len) {
        e = len;
        break;
      }
      e = k;
      while (e < len && u[e] !== SPACE && u[e] !== NEWLINE) e++;
      // A comma or full stop after a code word ends the spelled word.
      const last = u[e - 1];
      const stop = e - k > 1 && (last === 44 || last === 46);
      const letter = natoLetter(u, k, stop ? e - 1 : e);
      if (letter !== 0) {
        if (runStart < 0) runStart = k;
        if (gap && decoded.length > 0 && decoded.length < max) decoded += ' ';
        gap = stop;
        if (decoded.length < max) decoded += String.fromCharCode(letter);
        words++;
        runEnd = stop ? e - 1 : e;
      } else if (runStart >= 0 && natoBreakAt(u, k, e)) gap = true;
      else break;
      k = e;
    }
    if (words >= NATO_MIN_WORDS) {
      const span = sourceSpan(n, runStart, runEnd);
      take({ kind: 'nato', start: span.start, end: span.end, decoded });
    }
    i = Math.max(e, i + 1);
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether u[s, s + 5) is "begin". */
export function isBegin(u: Uint16Array, s: number): boolean {
  return u[s] === 98 && u[s + 1] === 101 && u[s + 2] === 103 && u[s + 3] === 105 && u[s + 4] === 110;
}

/** Where the line after a line break at `j` starts ("\n", "\r\n", or the same written as JSON escapes), else -1. */
function afterLineBreak(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (c === 10) return j + 1;
  if (c === 13) return text.charCodeAt(j + 1) === 10 ? j + 2 : -1;
  if (c !== 92) return -1;
  const e = text.charCodeAt(j + 1);
  if (e === 110) return j + 2;
  return e === 114 && text.charCodeAt(j + 2) === 92 && text.charCodeAt(j + 3) === 110 ? j + 4 : -1;
}

// Longest file name read in a uuencode header.
const UUENCODE_MAX_HEADER = 256;

/**
 * uuencoded files (POSIX uuencode): a "begin <mode> <name>" line, then lines of a length character
 * (32 + bytes on the line) and four characters in 32-96 per three bytes, up to a line of no bytes
 * ("`") or the first line that is not one. Line breaks may be written as JSON escapes.
 */
export function uuencodeSegments(source: string, from: number, limits: DecodeLimits, out: Segment[], budget: ViewBudget): void {
  const take = taker(limits, out, budget);
  const n = source.length;
  const maxBytes = limits.maxViewChars * 4;
  for (let i = source.indexOf('begin ', from); i >= 0 && budget.views > 0; i = source.indexOf('begin ', i + 1)) {
    // The header: three or four octal digits, a space, a name, a line break.
    let k = i + 6;
    while (k < n && k - i - 6 < 4 && source.charCodeAt(k) >= 48 && source.charCodeAt(k) <= 55) k++;
    if (k - i - 6 < 3 || source.charCodeAt(k) !== SPACE) continue;
    let line = -1;
    let j = k + 1;
    for (; j < n && j - k < UUENCODE_MAX_HEADER && line < 0; j++) line = afterLineBreak(source, j);
    if (line < 0) continue;
    // A header line that ends in an escaped line break is inside a JSON string: so are the data
    // lines, whose '"' and '\\' are escaped too.
    const json = source.charCodeAt(j - 1) === 92;
    const bytes: number[] = [];
    let end = line;
    for (k = line; k < n && bytes.length < maxBytes; ) {
      const count = source.charCodeAt(k) - 32;
      if (count <= 0 || count > 63) break;
      const before = bytes.length;
      let p = k + 1;
      let ok = true;
      for (let g = 0; g * 3 < count && ok; g++) {
        let v = 0;
        for (let x = 0; x < 4; x++) {
          let c = source.charCodeAt(p++);
          if (json && c === 92) {
            c = source.charCodeAt(p++);
            if (c !== 34 && c !== 92 && c !== 47) ok = false;
          }
          if (!(c >= 32 && c <= 96)) ok = false;
          v = (v << 6) | ((c - 32) & 63);
        }
        for (let b = 0; b < 3 && g * 3 + b < count; b++) bytes.push((v >> (16 - 8 * b)) & 0xff);
      }
      if (!ok || p > n) {
        bytes.length = before;
        break;
      }
      end = p;
      const next = afterLineBreak(source, end);
      if (next < 0) break;
      k = next;
    }
    const decoded = asText(Uint8Array.from(bytes));
    if (decoded) take({ kind: 'uuencode', start: i, end, decoded });
    i = Math.max(i, end - 1);
  }
}

// Shortest ascii85 run decoded, and fewest characters in it outside the letters, digits and base64
// symbols (ascii85 of text has about one in four: "8S;pZEb-A%Cht55Eb0E.").
export const ASCII85_MIN_RUN = 20;
export const ASCII85_MIN_MARKS = 3;

/** An ascii85 character ('!' to 'u', and 'z' for four zero bytes). */
function isAscii85(c: number): boolean {
  return (c >= 33 && c <= 117) || c === 122;
}

/**
 * Runs of ascii85 (Adobe's "<~ ~>" delimiters optional) in source[from, to): at least 20
 * characters and three marks (ASCII85_MIN_MARKS), no whitespace, decoded five characters to four
 * bytes from the start of the run (or after a quote, colon or '=' among its first characters). A
 * start whose first four bytes are not printable ASCII is not decoded further: URLs, JSON and code
 * make such runs, and their bytes are noise.
 */
export function ascii85Segments(source: string, from: number, to: number, limits: DecodeLimits, out: Segment[], budget: ViewBudget): void {
  const take = taker(limits, out, budget);
  const n = Math.min(source.length, to);
  const maxBytes = limits.maxViewChars * 4;
  for (let i = from; i < n && budget.views > 0; ) {
    const start = i;
    let marks = 0;
    for (; i < n; i++) {
      const c = source.charCodeAt(i);
      if (!isAscii85(c)) break;
      // An escape ("\n", "\u0041") is whitespace or another character in the normalised text.
      if (c === 92) {
        const e = source.charCodeAt(i + 1);
        if (e === 110 || e === 116 || e === 114 || e === 117) break;
      }
      if (c < 128 && BASE64_CHARS[c] === 0 && c !== 122) marks++;
    }
    if (i - start >= ASCII85_MIN_RUN && marks >= ASCII85_MIN_MARKS) {
      // The run may begin with a key or a quote that is not part of the data ('"data":"8S;p…'):
      // the data may also start after a quote, colon or '=' among its first characters.
      for (let at = start; at < start + 24 && i - at >= ASCII85_MIN_RUN; at++) {
        if (at > start && !isDataDelimiter(source.charCodeAt(at - 1))) continue;
        if (!printableGroup(source, at)) continue;
        // Data opened by a quote ends before the closing one.
        const quote = at > start ? source.charCodeAt(at - 1) : 0;
        const end = (quote === 34 || quote === 39) && source.charCodeAt(i - 1) === quote ? i - 1 : i;
        const bytes = decodeAscii85(source, at, end, maxBytes);
        const decoded = bytes ? asText(bytes) : null;
        if (decoded) {
          take({ kind: 'ascii85', start: at, end, decoded });
          break;
        }
      }
    }
    if (i === start) i++;
  }
}

function isDataDelimiter(c: number): boolean {
  return c === 34 || c === 39 || c === 58 || c === 61;
}

/** Whether the five ascii85 characters from `at` decode to four printable ASCII bytes (text does; URLs, JSON and code mostly do not). */
function printableGroup(source: string, at: number): boolean {
  let v = 0;
  for (let p = at; p < at + 5; p++) {
    const c = source.charCodeAt(p);
    if (c < 33 || c > 117) return false;
    v = v * 85 + (c - 33);
  }
  return (
    v <= 0xffffffff &&
    isPrintableAscii(v >>> 24) &&
    isPrintableAscii((v >>> 16) & 0xff) &&
    isPrintableAscii((v >>> 8) & 0xff) &&
    isPrintableAscii(v & 0xff)
  );
}

/** source[start, end), ascii85 characters, as bytes (at most maxBytes); null when a group overflows or holds a misplaced 'z'. */
function decodeAscii85(source: string, start: number, end: number, maxBytes: number): Uint8Array | null {
  const out = new Uint8Array(Math.min(maxBytes, Math.ceil(((end - start) * 4) / 5) * 4 + 4));
  let k = 0;
  let v = 0;
  let g = 0;
  for (let p = start; p < end && k + 4 <= out.length; p++) {
    const c = source.charCodeAt(p);
    if (c === 122) {
      if (g !== 0) return null;
      k += 4; // four zero bytes
    } else {
      v = v * 85 + (c - 33);
      if (++g === 5) {
        if (v > 0xffffffff) return null;
        out[k++] = v >>> 24;
        out[k++] = (v >>> 16) & 0xff;
        out[k++] = (v >>> 8) & 0xff;
        out[k++] = v & 0xff;
        v = 0;
        g = 0;
      }
    }
  }
  // A last group of g characters holds g - 1 bytes: padded with 'u'.
  if (g > 1 && k + 4 <= out.length) {
    for (let pad = g; pad < 5; pad++) v = v * 85 + 84;
    if (v > 0xffffffff) return null;
    const last = [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    for (let b = 0; b < g - 1; b++) out[k++] = last[b] as number;
  }
  return out.subarray(0, k);
}

function isPrintableAscii(b: number): boolean {
  return (b >= 32 && b < 127) || b === 9 || b === 10 || b === 13;
}

export function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(((c - 97 + 13) % 26) + 97) : s[i];
  }
  return out;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

export function isLeetChar(c: number): boolean {
  return (c >= 48 && c <= 57 && c !== 50 && c !== 54) || c === 64 || c === 36 || c === 33;
}

export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

// Character-for-character view: words mixing letters with leet digits/symbols ("1gn0r3") spelled out.
export function leetView(n: NormalizedText): NormalizedText | null {
  const t = n.text;
  let out = '';
  let changed = 0;
  let last = 0;
  for (let i = 0; i < t.length; ) {
    const c = t.charCodeAt(i);
    if (!isLower(c) && !isLeetChar(c)) {
      i++;
      continue;
    }
    const start = i;
    let letters = 0;
    let leet = 0;
    while (i < t.length) {
      const d = t.charCodeAt(i);
      if (isLower(d)) letters++;
      else if (isLeetChar(d)) leet++;
      else break;
      i++;
    }
    // Trailing '!' is punctuation, not a letter.
    let end = i;
    while (end > start && t.charCodeAt(end - 1) === 33) {
      end--;
      leet--;
    }
    // Leetspeak puts digits or symbols inside or in front of letters ("1gn0r3", "s3cr3t"); trailing
    // digits ("covid19", "mp3") are ordinary identifiers.
    let inner = false;
    for (let k = start; k < end - 1 && !inner; k++) inner = isLeetChar(t.charCodeAt(k)) && isLower(t.charCodeAt(k + 1));
    if (inner && letters >= 2 && leet >= 1) {
      out += t.slice(last, start);
      for (let k = start; k < end; k++) out += LEET[t[k] as string] ?? t[k];
      last = end;
      changed++;
    }
  }
  if (changed === 0 || (changed < 2 && t.length > 200)) return null;
  out += t.slice(last);
  return { text: out, offsets: n.offsets, hasCjk: n.hasCjk };
}

// View with runs of single letters joined ("i g n o r e  a l l" → "ignore all"; a double space or
// punctuation separates words). Only when a run of at least 5 spaced letters exists.
export function spacingView(source: string, n: NormalizedText): NormalizedText | null {
  const t = n.text;
  let found = false;
  let run = 0;
  // Hop from space to space: a run is "x y z ..." with single characters between single spaces.
  for (let i = t.indexOf(' '); i >= 0 && i + 2 < t.length; ) {
    const single = isAsciiAlnum(t.charCodeAt(i + 1)) && t.charCodeAt(i + 2) === SPACE;
    if (single) {
      if (++run >= 5) {
        found = true;
        break;
      }
      i += 2;
    } else {
      run = 0;
      i = t.indexOf(' ', i + 1);
    }
  }
  if (!found) return null;
  // Rebuild from the source so that a wider gap (two spaces, a slash, a newline) still separates words.
  const text: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === SPACE) {
      const prevSingle = i >= 1 && isAsciiAlnum(t.charCodeAt(i - 1)) && (i < 2 || t.charCodeAt(i - 2) === SPACE);
      const nextSingle = i + 1 < t.length && isAsciiAlnum(t.charCodeAt(i + 1)) && (i + 2 >= t.length || t.charCodeAt(i + 2) === SPACE);
      const srcFrom = n.offsets[i - 1] ?? 0;
      const srcTo = n.offsets[i + 1] ?? 0;
      // A single space in the source between two single letters joins them.
      if (prevSingle && nextSingle && srcTo - srcFrom <= 2 && source.charCodeAt(srcFrom + 1) === SPACE) continue;
    }
    text.push(c);
    offsets.push(n.offsets[i] ?? 0);
  }
  offsets.push(n.offsets[t.length] ?? source.length);
  return { text: decodeUtf16(Uint16Array.from(text), text.length), offsets: Uint32Array.from(offsets), hasCjk: n.hasCjk };
}

// Fewest letters of a dotted word ("i.g.n.o.r.e") that make a dotted view: dotted acronyms
// ("F.R.E.V.A.") are shorter.
export const DOTTED_MIN_LETTERS = 6;

/** Whether t[i] is a letter standing alone between characters that are not letters or digits. */
function singleLetterAt(t: string, i: number): boolean {
  return isLower(t.charCodeAt(i)) && !isAsciiAlnum(t.charCodeAt(i - 1)) && !isAsciiAlnum(t.charCodeAt(i + 1));
}

// View with the full stops inside dotted words dropped ("i.g.n.o.r.e a.l.l" → "ignore all"), when
// one has DOTTED_MIN_LETTERS letters. A dotted word is single letters joined by full stops that
// does not run into a longer word: abbreviated Java packages ("o.s.b.f.s.DefaultListableBeanFactory")
// are not one.
export function dottedView(n: NormalizedText): NormalizedText | null {
  const t = n.text;
  const drop = new Uint8Array(t.length);
  let found = false;
  for (let i = 0; i < t.length; i++) {
    if (!singleLetterAt(t, i) || t.charCodeAt(i + 1) !== 46 || !singleLetterAt(t, i + 2)) continue;
    let k = i + 2;
    let letters = 2;
    while (t.charCodeAt(k + 1) === 46 && singleLetterAt(t, k + 2)) {
      k += 2;
      letters++;
    }
    const joined =
      (t.charCodeAt(i - 1) === 46 && isAsciiAlnum(t.charCodeAt(i - 2))) ||
      (t.charCodeAt(k + 1) === 46 && isAsciiAlnum(t.charCodeAt(k + 2)));
    if (!joined) {
      for (let d = i + 1; d < k; d += 2) drop[d] = 1;
      if (letters >= DOTTED_MIN_LETTERS) found = true;
    }
    i = k;
  }
  if (!found) return null;
  const text: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (drop[i] === 1) continue;
    text.push(t.charCodeAt(i));
    offsets.push(n.offsets[i] ?? 0);
  }
  offsets.push(n.offsets[t.length] ?? 0);
  return { text: decodeUtf16(Uint16Array.from(text), text.length), offsets: Uint32Array.from(offsets), hasCjk: n.hasCjk };
}

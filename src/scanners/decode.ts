// Decoded views of a prompt for the threat scanners to rescan: decodeViews finds embedded base64,
// base32, ascii85, hex, percent-encoded, quoted-printable, uuencoded, HTML-entity, braille,
// NATO-alphabet, reversed, ROT13, leetspeak, letter-spaced and dotted-letter segments (with the
// readers of decoders.ts) and returns them normalised, each with its span of the original text. A
// hint pass over the normalised text first tells which readers can find anything, so ordinary prose
// skips their scans. All work is linear in the input and the decoded views are capped in number and
// size, so hostile input stays cheap.

import {
  ASCII85_MIN_MARKS,
  ASCII85_MIN_RUN,
  ascii85Segments,
  asText,
  BASE64_CHARS,
  BRAILLE_MIN_CELLS,
  brailleSegments,
  type DecodeLimits,
  DOTTED_MIN_LETTERS,
  dottedView,
  entitySegments,
  escapeSegments,
  findEncodedSegments,
  hexRun,
  isBegin,
  isDigit,
  isLeetChar,
  isLower,
  leetView,
  NATO_MIN_WORDS,
  NATO_SECOND,
  NATO_WORDS,
  natoFillerAt,
  natoSegments,
  natoWordAt,
  PERCENT,
  QUOTED_PRINTABLE,
  reversedSegment,
  rot13,
  type Segment,
  spacingView,
  taker,
  uuencodeSegments,
  type ViewKind,
} from './decoders.js';
import { CodeUnits, hexVal, isAsciiAlnum, type NormalizedText, normalize, sourceSpan } from './normalize.js';

// Character codes (module-local: an imported binding is read through its cell in the hot loops).
const SPACE = 32;
const NEWLINE = 10;

export interface DecodedView {
  kind: ViewKind;
  /** Span of the original text that this view decodes. */
  start: number;
  end: number;
  /** The decoded text, normalised. */
  normalized: NormalizedText;
  /** True when `normalized.offsets` point into the original text (character-for-character views); else into the decoded segment. */
  mapsToSource: boolean;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxViews: 8, maxViewChars: 4096, maxTotalChars: 16_384, minEncodedLength: 16 };

/** Maps a [start, end) span of a view's text to a span of the original text. */
export function viewSourceSpan(view: DecodedView, start: number, end: number): { start: number; end: number } {
  if (!view.mapsToSource) return { start: view.start, end: view.end };
  return sourceSpan(view.normalized, start, end);
}

// Prefilters: native regex scans (each linear, checked by the regex-safety test) that decide
// whether a decoder needs to look at all, so ordinary prose costs a few fast passes.
// End of the run found by the last nextLongRun call (scans are synchronous).
let runEnd = 0;

/** Shortest run nextLongRun returns. */
const LONG_RUN = 16;

/** Start of the next maximal run of at least 16 run characters from `from` in the `n` code units `u` (its end in `runEnd`), or -1. */
function nextLongRun(u: Uint16Array, n: number, from: number): number {
  // isBase64Char with the table in a local (a module constant is read from the module context at each use).
  const base64 = BASE64_CHARS;
  // `i` is where a maximal run may start (at `from`, or after a character outside the alphabet).
  // Rather than reading every character (prose is mostly short runs: words), each step reads the
  // 16 characters from i backwards up to the last one outside the alphabet, and the next possible
  // start is just after it: a step usually reads a few characters and moves on by ten or more.
  for (let i = from; i + LONG_RUN <= n; ) {
    let j = i + LONG_RUN - 1;
    while (j >= i && (u[j] as number) < 128 && base64[u[j] as number] === 1) j--;
    if (j >= i) {
      i = j + 1;
      continue;
    }
    // u[i, i + 16) are all run characters: the run starts at i; find its end.
    let s = i;
    i += LONG_RUN;
    while (i < n && (u[i] as number) < 128 && base64[u[i] as number] === 1) i++;
    // A run right after a JSON / code escape ("\nSWdub3Jl…") starts after the escape's letter.
    if (s > 0 && u[s - 1] === 92) {
      const e = u[s];
      if (e === 110 || e === 116 || e === 114) s++;
    }
    if (i - s >= LONG_RUN) {
      runEnd = i;
      return s;
    }
  }
  return -1;
}

// Source offsets where hex bytes written apart start: "69 67 6e …", "0x69 0x67 …" (hopping from
// space to space in the normalised text, whose code units are `u`) and "\x69\x67…".
function separatedHexStarts(source: string, n: NormalizedText, u: Uint16Array, minPairs: number): number[] {
  const out: number[] = [];
  const t = n.text;
  let run = 0;
  let runStart = 0;
  // A loop over the code units, not an indexOf call per space: prose has a space every few
  // characters. (The constant as a local: a module constant is read from the module context at
  // each use.)
  const end = t.length;
  const space = SPACE;
  for (let p = 0; p < end && out.length < 8; p++) {
    while (p < end && u[p] !== space) p++;
    if (p === end) break;
    // The chunk ending at p: "hh" or "0xhh".
    const two = p >= 2 && hexVal(u[p - 1] as number) >= 0 && hexVal(u[p - 2] as number) >= 0;
    const len = two && p >= 4 && u[p - 4] === 48 && u[p - 3] === 120 ? 4 : 2;
    const bounded = p - len === 0 || (p - len > 0 && (u[p - len - 1] === SPACE || u[p - len - 1] === NEWLINE));
    if (two && bounded) {
      if (run === 0) runStart = p - len;
      if (++run === minPairs - 1) out.push(n.offsets[runStart] ?? 0);
    } else run = 0;
  }
  for (let i = source.indexOf('\\x'); i >= 0 && out.length < 16; i = source.indexOf('\\x', i + 1)) {
    if (i === 0 || source.charCodeAt(i - 1) !== 120 || source.charCodeAt(i - 4) !== 92) out.push(i);
  }
  return out;
}
// ROT13 forms of common English words ("the", "and", "you", "is", "to", "of", "all", "ignore", ...).
const ROT13_WORDS = ['gur', 'naq', 'lbh', 'lbhe', 'vf', 'guvf', 'gung', 'jvgu', 'nyy', 'sbe', 'ner', 'vtaber'];
const ROT13_WORD = /\b(?:gur|naq|lbh|lbhe|vf|guvf|gung|jvgu|nyy|sbe|ner|vtaber)\b/g;
if (ROT13_WORD.source !== `\\b(?:${ROT13_WORDS.join('|')})\\b`) throw new Error('ROT13_WORD and ROT13_WORDS differ');
const ROT13_HINT = /\brot[- ]?13\b/;

// For the hint pass: the ROT13 words and "rot" (which ROT13_HINT starts with) by first letter, with
// what finding one means. A match of either regex is a whole run of lower-case letters (\b on both
// sides), so the pass compares each such run of two to six letters with these.
const ROT13_NAME = 'rot';
const ROT13_BY_FIRST: Array<Array<{ word: string; hint: number }>> = Array.from({ length: 26 }, () => []);
for (const word of ROT13_WORDS) ROT13_BY_FIRST[word.charCodeAt(0) - 97]?.push({ word, hint: 0 });
ROT13_BY_FIRST[ROT13_NAME.charCodeAt(0) - 97]?.push({ word: ROT13_NAME, hint: 1 });
const ROT13_MAX_WORD = Math.max(ROT13_NAME.length, ...ROT13_WORDS.map((w) => w.length));

function looksRot13(t: string): boolean {
  if (ROT13_HINT.test(t)) return true;
  ROT13_WORD.lastIndex = 0;
  const first = ROT13_WORD.exec(t);
  if (first === null) return false;
  // Two different ROT13 words.
  for (let m = ROT13_WORD.exec(t); m !== null; m = ROT13_WORD.exec(t)) if (m[0] !== first[0]) return true;
  return false;
}
const LEET_HINT = /[a-z][0134578@$][a-z]/g;
const SPACED_HINT = /(?:^|\s)[a-z0-9](?: [a-z0-9]){4}(?:\s|$)/g;
// Six single letters joined by full stops ("i.g.n.o.r.e"), not inside a longer word or number.
const DOTTED_HINT = /(?:^|[^a-z0-9])[a-z](?:\.[a-z]){5}(?:[^a-z0-9]|$)/g;

// One pass over the normalised text that tells which decoders can find anything, so ordinary prose
// skips their scans. Each hint is a superset of what its decoder looks for, so the views are the
// same as without the hints.
// A run of 16+ base64/hex characters. The source holds one only if this text does, or if it has
// escapes ("\u0041" is one character here), which the caller checks first.
const HINT_RUN = 1;
// A run of space-separated "hh" / "0xhh" chunks as long as separatedHexStarts needs (same test).
const HINT_HEX = 2;
// A leet digit or symbol between two letters (a superset of what LEET_HINT matches).
const HINT_LEET = 4;
// Five letters or digits with single spaces between them (the core of SPACED_HINT).
const HINT_SPACED = 8;
// A '%' (percent-encoding).
const HINT_PERCENT = 16;
// A ROT13 word as ROT13_WORD finds them (as a run of lower-case letters: a superset).
const HINT_ROT13 = 32;
// "rot" as a word (ROT13_HINT can match).
const HINT_ROT13_NAME = 64;
// "=HH=" (quoted-printable's six escapes in a row hold one).
const HINT_QP = 128;
// BRAILLE_MIN_CELLS braille cells (anywhere: a superset of a run of them).
const HINT_BRAILLE = 256;
// NATO_MIN_WORDS code words in a row (as runs of lower-case letters; between them only words that
// separate spelled words, "x" of "x-ray", and characters other than letters: a superset of a run).
const HINT_NATO = 512;
// "begin" and a space before a digit (a uuencode header).
const HINT_UUENCODE = 1024;
// A stretch without whitespace of ASCII85_MIN_RUN characters or more holding ASCII85_MIN_MARKS or
// more of the ascii85 characters that are neither letters, digits nor base64 symbols (a superset of
// an ascii85 run: such a run is characters of the text's own, no whitespace).
const HINT_ASCII85 = 2048;
// Five full stops two apart, each between two letters (the core of DOTTED_HINT).
const HINT_DOTTED = 4096;
const ALL_HINTS =
  HINT_RUN |
  HINT_HEX |
  HINT_LEET |
  HINT_SPACED |
  HINT_PERCENT |
  HINT_ROT13 |
  HINT_ROT13_NAME |
  HINT_QP |
  HINT_BRAILLE |
  HINT_NATO |
  HINT_UUENCODE |
  HINT_ASCII85 |
  HINT_DOTTED;

// The hint for the lower-case letter run u[s, s + len): HINT_ROT13 or HINT_ROT13_NAME when it is
// one of their words, else 0.
function rot13HintAt(u: Uint16Array, s: number, len: number): number {
  const group = ROT13_BY_FIRST[(u[s] as number) - 97] as Array<{ word: string; hint: number }>;
  for (let g = 0; g < group.length; g++) {
    const { word, hint } = group[g] as { word: string; hint: number };
    if (word.length !== len) continue;
    let k = 1;
    while (k < len && u[s + k] === word.charCodeAt(k)) k++;
    if (k === len) return hint === 0 ? HINT_ROT13 : HINT_ROT13_NAME;
  }
  return 0;
}

// Per first letter, bit k set when a word of k letters starting with it is one the hint pass looks
// at: a ROT13 word or "rot", a NATO code word (or the "ray" of "x-ray"), a word that may sit inside
// a NATO run ("space", "stop", the "x" of "x-ray"), "begin" (uuencode).
const HINT_WORD_LENGTHS = new Uint32Array(26);
for (const w of [...ROT13_WORDS, ROT13_NAME, ...NATO_WORDS, 'ray', 'space', 'stop', 'x', 'begin'])
  HINT_WORD_LENGTHS[w.charCodeAt(0) - 97] = (HINT_WORD_LENGTHS[w.charCodeAt(0) - 97] as number) | (1 << w.length);

// Where the leet, spaced and ROT13 hints first held (set by encodedHints; scans are synchronous): their
// regexes start there instead of at the start of the text (see encodedHints).
let firstLeetHint = 0;
let firstSpacedHint = 0;
let firstDottedHint = 0;
let firstRot13Hint = 0;
// Where the first and the last braille cells are, and where the first NATO run starts and the
// last one ends (in the normalised text; the last ones exclusive).
let firstBrailleHint = 0;
let lastBrailleHint = 0;
let firstNatoHint = 0;
let lastNatoHint = 0;
// Where the first uuencode header starts (in the normalised text).
let firstUuencodeHint = 0;
// The stretches that HINT_ASCII85 found, as [start, end) pairs of the normalised text; past
// ASCII85_MAX_STRETCHES, the last pair's end moves to the last one's.
const ASCII85_MAX_STRETCHES = 8;
/** Source characters of such stretches that one text has read for ascii85 runs, at most. */
const ASCII85_MAX_SCAN = 65_536;
const ascii85Stretches = new Int32Array(2 * ASCII85_MAX_STRETCHES);
let ascii85StretchCount = 0;

// The code units of the normalised text and of the source, for decodeViews' scans.
const textUnits = new CodeUnits();
const sourceRunUnits = new CodeUnits();

/** Whether u[i] (of `n` code units) has a lower-case letter on each side. */
function betweenLetters(u: Uint16Array, i: number, n: number): boolean {
  return i > 0 && i + 1 < n && isLower(u[i - 1] as number) && isLower(u[i + 1] as number);
}

/** Every hint, each from the start of the text: what encodedHints would say if it could rule nothing out. */
function noHints(): number {
  firstLeetHint = 0;
  firstSpacedHint = 0;
  firstDottedHint = 0;
  firstRot13Hint = 0;
  firstBrailleHint = 0;
  lastBrailleHint = Number.MAX_SAFE_INTEGER;
  firstNatoHint = 0;
  lastNatoHint = Number.MAX_SAFE_INTEGER;
  firstUuencodeHint = 0;
  ascii85Stretches[0] = 0;
  ascii85Stretches[1] = 0x7fffffff;
  ascii85StretchCount = 1;
  return ALL_HINTS;
}

/**
 * Hints for the normalised text `t`, whose code units are `u`; also sets firstLeetHint,
 * firstSpacedHint and firstRot13Hint to no later than the first LEET_HINT, SPACED_HINT and
 * ROT13_WORD matches can start (a leet match starts at the letter before its hint's character; a
 * spaced match at most 8 characters before the fourth joint of its five letters; a ROT13 word
 * where its letters do).
 */
function encodedHints(t: string, u: Uint16Array, minHexPairs: number): number {
  let hints = 0;
  firstLeetHint = 0;
  firstSpacedHint = 0;
  firstDottedHint = 0;
  firstRot13Hint = 0;
  firstBrailleHint = 0;
  lastBrailleHint = 0;
  firstNatoHint = 0;
  lastNatoHint = 0;
  firstUuencodeHint = 0;
  ascii85StretchCount = 0;
  let marks = 0;
  let stretch = 0;
  let dots = 0;
  let lastDot = -2;
  let brailleCells = 0;
  let natoWords = 0;
  let natoStart = 0;
  const wordLengths = HINT_WORD_LENGTHS;
  const natoSecond = NATO_SECOND;
  let run = 0;
  let chunks = 0;
  let joints = 0;
  let lastJoint = -2;
  const n = t.length;
  const base64 = BASE64_CHARS; // a local: a module constant is read from the module context at each use
  for (let i = 0; i < n; i++) {
    const c = u[i] as number;
    if (isLower(c)) {
      // Lower-case letters, most of a text, only extend a base64 run: a tight loop takes a run of them.
      let j = i + 1;
      while (j < n && isLower(u[j] as number)) j++;
      run += j - i;
      if (run >= 16) hints |= HINT_RUN;
      // Most words are none of the words below: one load by first letter and length rules them out.
      if (j - i < 16 && ((wordLengths[c - 97] as number) >>> (j - i)) & 1) {
        if (j - i >= 2 && j - i <= ROT13_MAX_WORD) {
          const rot = rot13HintAt(u, i, j - i);
          if (rot === HINT_ROT13 && (hints & HINT_ROT13) === 0) firstRot13Hint = i;
          hints |= rot;
        }
        if (((natoSecond[c - 97] as number) >>> ((u[i + 1] as number) - 97)) & 1 && natoWordAt(u, i, j - i)) {
          if (natoWords++ === 0) natoStart = i;
          if (natoWords >= NATO_MIN_WORDS) {
            if ((hints & HINT_NATO) === 0) firstNatoHint = natoStart;
            hints |= HINT_NATO;
            lastNatoHint = j;
          }
        } else if (natoWords > 0 && !natoFillerAt(u, i, j - i)) natoWords = 0;
        if (c === 98 && j - i === 5 && u[j] === SPACE && isDigit(u[j + 1] as number) && (hints & HINT_UUENCODE) === 0 && isBegin(u, i)) {
          hints |= HINT_UUENCODE;
          firstUuencodeHint = i;
        }
      } else natoWords = 0;
      i = j - 1;
      continue;
    }
    if (c < 128 && base64[c] === 1) {
      if (++run >= 16) hints |= HINT_RUN;
      if (c <= 57 && (hints & HINT_LEET) === 0 && isLeetChar(c) && betweenLetters(u, i, n)) {
        hints |= HINT_LEET;
        firstLeetHint = i - 1;
      }
      continue;
    }
    run = 0;
    if (c !== SPACE) {
      if (c >= 33 && c <= 117) marks++;
      else {
        if (marks >= ASCII85_MIN_MARKS && i - stretch >= ASCII85_MIN_RUN) hints |= ascii85Stretch(stretch, i);
        marks = 0;
        stretch = i + 1;
      }
      if (c === 37) hints |= HINT_PERCENT;
      else if (c === 61) {
        if (hexVal(u[i + 1] as number) >= 0 && hexVal(u[i + 2] as number) >= 0 && u[i + 3] === 61) hints |= HINT_QP;
      } else if (c >= 0x2800 && c <= 0x28ff) {
        if (brailleCells++ === 0) firstBrailleHint = i;
        if (brailleCells >= BRAILLE_MIN_CELLS) hints |= HINT_BRAILLE;
        lastBrailleHint = i + 1;
      } else if ((c === 64 || c === 36) && (hints & HINT_LEET) === 0 && betweenLetters(u, i, n)) {
        hints |= HINT_LEET;
        firstLeetHint = i - 1;
      } else if (c === 46 && betweenLetters(u, i, n)) {
        dots = i - lastDot === 2 ? dots + 1 : 1;
        lastDot = i;
        // A DOTTED_HINT match starts at most 10 characters before its fifth full stop.
        if (dots >= DOTTED_MIN_LETTERS - 1 && (hints & HINT_DOTTED) === 0) {
          hints |= HINT_DOTTED;
          firstDottedHint = Math.max(0, i - 10);
        }
      }
      continue;
    }
    if (marks !== 0) {
      if (marks >= ASCII85_MIN_MARKS && i - stretch >= ASCII85_MIN_RUN) hints |= ascii85Stretch(stretch, i);
      marks = 0;
    }
    stretch = i + 1;
    // A single space between two letters or digits: four of them two apart make a spaced run.
    if (i > 0 && i + 1 < n && isAsciiAlnum(u[i - 1] as number) && isAsciiAlnum(u[i + 1] as number)) {
      joints = i - lastJoint === 2 ? joints + 1 : 1;
      lastJoint = i;
      if (joints >= 4 && (hints & HINT_SPACED) === 0) {
        hints |= HINT_SPACED;
        firstSpacedHint = Math.max(0, i - 8);
      }
    }
    // The chunk that ends at this space, as separatedHexStarts reads it.
    const two = i >= 2 && hexVal(u[i - 1] as number) >= 0 && hexVal(u[i - 2] as number) >= 0;
    const len = two && i >= 4 && u[i - 4] === 48 && u[i - 3] === 120 ? 4 : 2;
    if (two && (i - len === 0 || u[i - len - 1] === SPACE || u[i - len - 1] === NEWLINE)) {
      if (++chunks >= minHexPairs - 1) hints |= HINT_HEX;
    } else chunks = 0;
  }
  if (marks >= ASCII85_MIN_MARKS && n - stretch >= ASCII85_MIN_RUN) hints |= ascii85Stretch(stretch, n);
  return hints;
}

/** Records the stretch [start, end) for HINT_ASCII85 (which it returns). */
function ascii85Stretch(start: number, end: number): number {
  if (ascii85StretchCount < ASCII85_MAX_STRETCHES) {
    ascii85Stretches[2 * ascii85StretchCount] = start;
    ascii85StretchCount++;
  }
  ascii85Stretches[2 * ascii85StretchCount - 1] = end;
  return HINT_ASCII85;
}

// A slice of a normalised text that keeps its offsets into the original.
function slice(n: NormalizedText, a: number, b: number): NormalizedText {
  return { text: n.text.slice(a, b), offsets: n.offsets.subarray(a, b + 1), hasCjk: n.hasCjk };
}

// Ranges of ±radius characters around the matches of a global regex, merged; at most `max`.
// Whole-text views of a long text would multiply the work, so the character-for-character views
// (ROT13, leetspeak, spacing) are built only around their evidence.
// `from`: no match starts before it.
function rangesAround(re: RegExp, t: string, radius: number, max: number, from = 0): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = from;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    const a = Math.max(0, m.index - radius);
    const b = Math.min(t.length, m.index + m[0].length + radius);
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else if (out.length < max) out.push([a, b]);
    else break;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * Decoded views of `source` for rescanning: embedded base64 / base32 / hex / percent-encoded
 * segments (recursively, two levels deep), HTML references, quoted-printable, braille, NATO
 * spelling, ascii85 and uuencode, and ROT13, leetspeak, letter-spacing and dotted-letter views
 * around the signs of them. Bounded by `limits` whatever the input.
 */
export function decodeViews(source: string, normalized: NormalizedText, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): DecodedView[] {
  const views: DecodedView[] = [];
  const budget = { views: limits.maxViews, chars: limits.maxTotalChars };
  const segments: Segment[] = [];
  const t = normalized.text;
  // With escapes in the source the hints cannot rule out a run of the source ("\u0041" is one
  // character of the text): the run scan runs, as without hints, and the hint pass only once it has
  // left views to find (a long JSON text has often filled the budget with its base64 by then). The
  // other hints are the normalised text's own characters, which escapes do not hide.
  const tu = textUnits.of(t); // read before the views are normalised below (see CodeUnits)
  const escapes = source.includes('\\');
  let hints = escapes ? noHints() : encodedHints(t, tu, limits.minEncodedLength / 2);
  // Encoded data: long runs of the base64 alphabet (contiguous hex included), separated hex bytes.
  if ((hints & HINT_RUN) !== 0) {
    const su = sourceRunUnits.of(source);
    for (let at = nextLongRun(su, source.length, 0); at >= 0 && budget.views > 0; at = nextLongRun(su, source.length, runEnd)) {
      findEncodedSegments(source, limits, segments, budget, at, runEnd, false);
    }
  }
  if (escapes && budget.views > 0) hints = encodedHints(t, tu, limits.minEncodedLength / 2);
  let covered = -1;
  // (Once the view budget is spent, nothing below adds a view: the scans that only look for views are skipped.)
  const hexStarts =
    budget.views > 0 && ((hints & HINT_HEX) !== 0 || source.includes('\\x'))
      ? separatedHexStarts(source, normalized, tu, limits.minEncodedLength / 2)
      : [];
  for (const at of hexStarts) {
    if (at < covered || budget.views <= 0) continue;
    const run = hexRun(source, at, limits.maxViewChars * 4, null);
    covered = run.end;
    if (run.pairs >= limits.minEncodedLength / 2) {
      const bytes: number[] = [];
      hexRun(source, at, limits.maxViewChars * 4, bytes);
      const decoded = asText(Uint8Array.from(bytes));
      if (decoded) taker(limits, segments, budget)({ kind: 'hex', start: at, end: run.end, decoded });
    }
  }
  if (budget.views > 0 && (hints & HINT_PERCENT) !== 0) escapeSegments(source, PERCENT, limits, segments, budget);
  if (budget.views > 0 && source.includes('&#')) entitySegments(source, limits, segments, budget);
  if (budget.views > 0) reversedSegment(t, source.length, limits, segments, budget);
  // (tu still holds t's code units: nothing above normalises.)
  if (budget.views > 0 && (hints & HINT_QP) !== 0) escapeSegments(source, QUOTED_PRINTABLE, limits, segments, budget);
  if (budget.views > 0 && (hints & HINT_BRAILLE) !== 0) {
    const to = (normalized.offsets[lastBrailleHint - 1] ?? source.length) + 1;
    brailleSegments(source, normalized.offsets[firstBrailleHint] ?? 0, to, limits, segments, budget);
  }
  if (budget.views > 0 && (hints & HINT_NATO) !== 0) natoSegments(normalized, tu, firstNatoHint, lastNatoHint, limits, segments, budget);
  if (budget.views > 0 && (hints & HINT_ASCII85) !== 0) {
    // URLs, JSON and code make such stretches too: a long text reads at most ASCII85_MAX_SCAN
    // characters of them (the last recorded stretch runs to the last one found).
    let left = ASCII85_MAX_SCAN;
    for (let k = 0; k < ascii85StretchCount && budget.views > 0 && left > 0; k++) {
      const a = ascii85Stretches[2 * k] as number;
      const b = ascii85Stretches[2 * k + 1] as number;
      const from = normalized.offsets[Math.min(a, t.length)] ?? source.length;
      const to = Math.min(b >= t.length ? source.length : (normalized.offsets[b - 1] ?? source.length) + 1, from + left);
      left -= to - from;
      ascii85Segments(source, from, to, limits, segments, budget);
    }
  }
  if (budget.views > 0 && (hints & HINT_UUENCODE) !== 0)
    uuencodeSegments(source, normalized.offsets[firstUuencodeHint] ?? 0, limits, segments, budget);
  for (const s of segments) {
    views.push({ kind: s.kind, start: s.start, end: s.end, normalized: normalize(s.decoded), mapsToSource: false });
    // One more level: base64 of hex, hex of base64, ...
    const inner: Segment[] = [];
    findEncodedSegments(s.decoded, limits, inner, budget);
    for (const v of inner) views.push({ kind: v.kind, start: s.start, end: s.end, normalized: normalize(v.decoded), mapsToSource: false });
  }
  const local = (kind: ViewKind, ranges: Array<[number, number]>, build: (part: NormalizedText) => NormalizedText | null) => {
    for (const [a, b] of ranges) {
      if (budget.views <= 0 || budget.chars <= 0) return;
      const part = slice(normalized, a, Math.min(b, a + limits.maxViewChars));
      const view = build(part);
      if (!view) continue;
      budget.views--;
      budget.chars -= view.text.length;
      views.push({
        kind,
        start: part.offsets[0] ?? 0,
        end: part.offsets[part.text.length] ?? source.length,
        normalized: view,
        mapsToSource: true,
      });
    }
  };
  const open = () => budget.views > 0 && budget.chars > 0;
  if (open()) {
    const rotRanges = (hints & HINT_ROT13) !== 0 ? rangesAround(ROT13_WORD, t, 512, 4, firstRot13Hint) : [];
    if ((hints & HINT_ROT13_NAME) !== 0 && t.includes(ROT13_NAME) && ROT13_HINT.test(t))
      rotRanges.unshift([0, Math.min(t.length, limits.maxViewChars)]);
    local('rot13', rotRanges, (part) => (looksRot13(part.text) ? { ...part, text: rot13(part.text) } : null));
  }
  if (open() && (hints & HINT_LEET) !== 0) local('leet', rangesAround(LEET_HINT, t, 256, 4, firstLeetHint), leetView);
  if (open() && (hints & HINT_SPACED) !== 0)
    local('spacing', rangesAround(SPACED_HINT, t, 256, 4, firstSpacedHint), (part) => spacingView(source, part));
  if (open() && (hints & HINT_DOTTED) !== 0) local('dotted', rangesAround(DOTTED_HINT, t, 256, 4, firstDottedHint), dottedView);
  return views;
}

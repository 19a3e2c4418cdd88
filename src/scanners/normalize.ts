// Text normalisation for the threat scanners: one canonical, lower-cased view of a prompt (NFKC
// compatibility folding, Latin diacritics dropped, look-alike letters mapped to Latin inside
// mixed-script words, invisible format/bidi controls removed, whitespace collapsed) with an offset
// map back to the original text, plus decoded "views" of embedded base64, base32, ascii85, hex,
// percent-encoded, quoted-printable, uuencoded, HTML-entity, braille, NATO-alphabet, reversed,
// ROT13, leetspeak, letter-spaced and dotted-letter segments that the scanners rescan. All work is linear in the
// input and the decoded views are capped in number and size, so hostile input stays cheap.

export interface NormalizedText {
  /** Canonical text: lower-cased, folded, controls stripped, each whitespace run collapsed to one space (or one '\n' if it held a line break). */
  readonly text: string;
  /** `offsets[i]` is the UTF-16 offset in the source of the character that produced `text[i]`; `offsets[text.length]` is the source length. */
  readonly offsets: Uint32Array;
  /** True when the text holds Han, kana or Hangul characters (CJK rules then run). */
  readonly hasCjk: boolean;
}

/** Maps a [start, end) span of `n.text` to the corresponding span of its source. */
export function sourceSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const s = n.offsets[Math.max(0, Math.min(start, n.text.length))] ?? 0;
  const last = Math.max(start, Math.min(end, n.text.length) - 1);
  // The end maps to just past the last source character that produced the span.
  const e = end >= n.text.length ? (n.offsets[n.text.length] ?? s) : nextSourceBoundary(n, last);
  return { start: s, end: Math.max(s, e) };
}

function nextSourceBoundary(n: NormalizedText, i: number): number {
  const here = n.offsets[i] ?? 0;
  for (let j = i + 1; j <= n.text.length; j++) {
    const o = n.offsets[j] ?? 0;
    if (o > here) return o;
  }
  return n.offsets[n.text.length] ?? here;
}

// Format and bidi controls, joiners, variation selectors and fillers: invisible, so an attacker can
// put them inside a keyword ("ig\u200Bnore") without the reader seeing anything.
function isInvisible(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff0 && cp <= 0xfff8) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    (cp >= 0xe0000 && cp <= 0xe001f) ||
    cp === 0xe007f ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

function isUnicodeSpace(cp: number): boolean {
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

// Scripts written without spaces between words (CJK; Thai and Lao), which the injection rules match
// by keyword co-occurrence instead of by tokens.
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x0e00 && cp <= 0x0eff)
  );
}

// Letters of other scripts that render like Latin ones (a subset of Unicode's confusables.txt for
// Cyrillic, Greek and Armenian). They are mapped only inside words that also hold Latin letters or
// consist solely of such look-alikes, so genuine Russian or Greek words keep their own letters.
const SCRIPT_LOOKALIKES: ReadonlyMap<number, number> = new Map(
  [
    // Cyrillic lower case
    ['а', 'a'],
    ['е', 'e'],
    ['ё', 'e'],
    ['һ', 'h'],
    ['і', 'i'],
    ['ї', 'i'],
    ['ј', 'j'],
    ['о', 'o'],
    ['р', 'p'],
    ['с', 'c'],
    ['у', 'y'],
    ['х', 'x'],
    ['ѕ', 's'],
    ['ԁ', 'd'],
    ['ԛ', 'q'],
    ['ԝ', 'w'],
    ['ɡ', 'g'],
    ['ӏ', 'l'],
    ['ո', 'n'],
    ['ս', 'u'],
    ['օ', 'o'],
    ['ց', 'g'],
    // Cyrillic upper case
    ['А', 'a'],
    ['В', 'b'],
    ['Е', 'e'],
    ['Ё', 'e'],
    ['І', 'i'],
    ['Ї', 'i'],
    ['Ј', 'j'],
    ['К', 'k'],
    ['М', 'm'],
    ['Н', 'h'],
    ['О', 'o'],
    ['Р', 'p'],
    ['С', 'c'],
    ['Т', 't'],
    ['У', 'y'],
    ['Х', 'x'],
    ['Ѕ', 's'],
    ['Ԁ', 'd'],
    ['Ԛ', 'q'],
    ['Ԝ', 'w'],
    // Greek
    ['α', 'a'],
    ['β', 'b'],
    ['ε', 'e'],
    ['ι', 'i'],
    ['κ', 'k'],
    ['ν', 'v'],
    ['ο', 'o'],
    ['ρ', 'p'],
    ['τ', 't'],
    ['υ', 'u'],
    ['χ', 'x'],
    ['Α', 'a'],
    ['Β', 'b'],
    ['Ε', 'e'],
    ['Ζ', 'z'],
    ['Η', 'h'],
    ['Ι', 'i'],
    ['Κ', 'k'],
    ['Μ', 'm'],
    ['Ν', 'n'],
    ['Ο', 'o'],
    ['Ρ', 'p'],
    ['Τ', 't'],
    ['Υ', 'y'],
    ['Χ', 'x'],
  ].map(([from, to]) => [(from as string).codePointAt(0) as number, (to as string).charCodeAt(0)]),
);

/** The Latin letter a Cyrillic, Greek or Armenian look-alike renders as, if it is one (for the leak scanner). */
export function latinLookalike(cp: number): number | undefined {
  return SCRIPT_LOOKALIKES.get(cp);
}

// Look-alikes with no compatibility decomposition and no language of their own in a prompt (IPA,
// small capitals, dotless i, Latin-like symbols): always mapped.
const ALWAYS_LOOKALIKES: ReadonlyMap<number, string> = new Map(
  [
    ['ı', 'i'],
    ['ɩ', 'i'],
    ['ɑ', 'a'],
    ['ɒ', 'a'],
    ['ɔ', 'c'],
    ['ɛ', 'e'],
    ['ɢ', 'g'],
    ['ɪ', 'i'],
    ['ʟ', 'l'],
    ['ɴ', 'n'],
    ['ʀ', 'r'],
    ['ʏ', 'y'],
    ['ᴀ', 'a'],
    ['ʙ', 'b'],
    ['ᴄ', 'c'],
    ['ᴅ', 'd'],
    ['ᴇ', 'e'],
    ['ꜰ', 'f'],
    ['ʜ', 'h'],
    ['ᴊ', 'j'],
    ['ᴋ', 'k'],
    ['ᴍ', 'm'],
    ['ᴏ', 'o'],
    ['ᴘ', 'p'],
    ['ꞯ', 'q'],
    ['ꜱ', 's'],
    ['ᴛ', 't'],
    ['ᴜ', 'u'],
    ['ᴠ', 'v'],
    ['ᴡ', 'w'],
    ['ᴢ', 'z'],
    ['ø', 'o'],
    ['ł', 'l'],
    ['đ', 'd'],
    ['ħ', 'h'],
    ['ŧ', 't'],
    ['ƒ', 'f'],
    ['æ', 'ae'],
    ['œ', 'oe'],
    ['ß', 'ss'],
    ['‘', "'"],
    ['’', "'"],
    ['‚', "'"],
    ['‛', "'"],
    ['“', '"'],
    ['”', '"'],
    ['„', '"'],
    ['«', '"'],
    ['»', '"'],
    ['‐', '-'],
    ['‑', '-'],
    ['‒', '-'],
    ['–', '-'],
    ['—', '-'],
    ['−', '-'],
  ].map(([from, to]) => [(from as string).codePointAt(0) as number, to as string]),
);

const FOLD_CACHE_LIMIT = 20_000;
const foldCache = new Map<number, string>();

// The folded form of one non-ASCII code point: ASCII when compatibility decomposition plus dropping
// combining marks gives ASCII (é→e, ﬁ→fi, fullwidth and mathematical letters), else its NFKC form.
function foldCodePoint(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out: string;
  const always = ALWAYS_LOOKALIKES.get(cp);
  if (always !== undefined) out = always;
  else if (cp >= 0x300 && cp <= 0x36f) out = '';
  else {
    const ch = String.fromCodePoint(cp);
    const d = ch.normalize('NFKD');
    let ascii = '';
    let allAscii = true;
    for (let i = 0; i < d.length; i++) {
      const c = d.charCodeAt(i);
      if (c >= 0x300 && c <= 0x36f) continue;
      if (c >= 128) {
        allAscii = false;
        break;
      }
      ascii += d[i];
    }
    if (allAscii && ascii.length > 0) out = ascii.toLowerCase();
    else {
      out = ch.normalize('NFKC').toLowerCase();
      // NFKC may itself yield an always-mapped look-alike or a space.
      if (out.length === 1) out = ALWAYS_LOOKALIKES.get(out.charCodeAt(0)) ?? out;
    }
  }
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, out);
  return out;
}

const SPACE = 32;
const NEWLINE = 10;

// Output buffers reused across calls (normalize is synchronous and finish copies its results out),
// so that a call allocates only the text and the offsets it returns; a Buffer over the same memory
// turns the code units into a string without a TextDecoder call. Texts longer than SCRATCH_LIMIT
// get buffers of their own, so that one huge text does not pin a huge scratch.
const SCRATCH_LIMIT = 1 << 20;
const OWN_OFFSETS_FROM = 1 << 16;
let scratch = scratchOf(4096);

function scratchOf(capacity: number): { buf: Uint16Array; off: Uint32Array; bytes: Buffer } {
  const buf = new Uint16Array(capacity);
  return { buf, off: new Uint32Array(capacity + 1), bytes: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) };
}

// The text the last normalize call returned, and its code units: the buffer it was built in, which
// holds them until the next normalize call (which may write to it). CodeUnits hands these out for
// that text instead of copying it: the scanner reads a text's code units right after normalising
// it, in the rules, the model and decodeViews (a copy of a long text each, ~2% of its scan).
let lastText: string | null = null;
let lastUnits: Uint16Array = scratch.buf;

/**
 * A reusable copy of strings' UTF-16 code units, made by one native call (Buffer.write copies them
 * as they are, lone surrogates included). Loops that read every character of a text read it from
 * here: in V8's optimised code `charCodeAt` costs several times a typed-array load, as it dispatches
 * on the string's representation on each call. Each user keeps its own instance, valid until its
 * next `of` call and the next normalize call (the units of the text normalize last returned are
 * its own buffer, not a copy); texts longer than SCRATCH_LIMIT get a copy of their own.
 */
export class CodeUnits {
  private units = new Uint16Array(4096);
  private bytes = Buffer.from(this.units.buffer);

  /** The code units of `t`; entries past `t.length` are stale. Read them only. */
  of(t: string): Uint16Array {
    if (t === lastText) return lastUnits;
    if (t.length > this.units.length) {
      if (t.length > SCRATCH_LIMIT) {
        const own = new Uint16Array(t.length);
        Buffer.from(own.buffer).write(t, 0, 'utf16le');
        return own;
      }
      this.units = new Uint16Array(Math.max(t.length, this.units.length * 2));
      this.bytes = Buffer.from(this.units.buffer);
    }
    this.bytes.write(t, 0, 'utf16le');
    return this.units;
  }
}

const sourceUnits = new CodeUnits();

class Builder {
  buf: Uint16Array;
  off: Uint32Array;
  len = 0;
  constructor(capacity: number) {
    if (capacity > scratch.buf.length && capacity <= SCRATCH_LIMIT) scratch = scratchOf(capacity);
    const own = capacity <= scratch.buf.length ? scratch : null;
    this.buf = own ? own.buf : new Uint16Array(capacity);
    // A long text's offsets go into an array of its own, handed over without the copy that the
    // shared scratch array needs (4 bytes per code unit: 4 MB for a 1 MiB text).
    this.off = own && capacity < OWN_OFFSETS_FROM ? own.off : new Uint32Array(capacity + 1);
  }
  ensure(extra: number): void {
    if (this.len + extra < this.buf.length) return;
    const cap = Math.max(this.buf.length * 2, this.len + extra + 16);
    const b = new Uint16Array(cap);
    b.set(this.buf.subarray(0, this.len));
    const o = new Uint32Array(cap + 1);
    o.set(this.off.subarray(0, this.len));
    this.buf = b;
    this.off = o;
  }
  /** `surrogates`: the text may hold lone surrogates or U+FEFF, which TextDecoder rewrites (lone surrogates) or drops (a leading BOM). */
  finish(sourceLength: number, hasCjk: boolean, surrogates: boolean): NormalizedText {
    if (this.len > 0 && (this.buf[this.len - 1] === SPACE || this.buf[this.len - 1] === NEWLINE)) this.len--;
    this.off[this.len] = sourceLength;
    // Other code units decode to themselves, which the Buffer copy gives for less.
    const text =
      surrogates || this.buf !== scratch.buf ? decodeUtf16(this.buf, this.len) : scratch.bytes.toString('utf16le', 0, this.len * 2);
    // Without such units, the text's code units are the buffer's.
    if (!surrogates) {
      lastText = text;
      lastUnits = this.buf;
    }
    return { text, offsets: this.off === scratch.off ? this.off.slice(0, this.len + 1) : this.off.subarray(0, this.len + 1), hasCjk };
  }
}

const utf16 = new TextDecoder('utf-16le');

function decodeUtf16(buf: Uint16Array, len: number): string {
  return utf16.decode(buf.subarray(0, len));
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

// At the end of a word: maps its look-alike letters to Latin when the word is (also) Latin.
function applyLookalikes(buf: Uint16Array, pending: number[], map: boolean): null {
  if (map) for (let k = 0; k < pending.length; k += 2) buf[pending[k] as number] = pending[k + 1] as number;
  return null;
}

// Whether f[k], a surrogate, has its other half next to it in `f`: a pair decodes to itself either
// way, so texts whose only surrogates are such pairs (emoji) keep the cheaper Buffer decoding.
function pairedSurrogate(f: string, k: number): boolean {
  const c = f.charCodeAt(k);
  if (c <= 0xdbff) {
    const d = f.charCodeAt(k + 1);
    return d >= 0xdc00 && d <= 0xdfff;
  }
  if (c <= 0xdfff) {
    const d = f.charCodeAt(k - 1);
    return d >= 0xd800 && d <= 0xdbff;
  }
  return false;
}

/** Normalises `source` into the canonical form the rules and the model read. Linear time. */
export function normalize(source: string): NormalizedText {
  // This call may overwrite the last text's units (before reading the source's: they may be those).
  lastText = null;
  const n = source.length;
  const src = sourceUnits.of(source);
  const b = new Builder(n + 16);
  let buf = b.buf;
  let off = b.off;
  let len = 0;
  let hasCjk = false;
  let surrogates = false;
  // Current word, for the mixed-script look-alike decision.
  let wordHasLatin = false;
  let wordHasForeign = false;
  let pending: number[] | null = null; // pairs: output index, Latin replacement
  for (let i = 0; i < n; i++) {
    let c = src[i] as number;
    const at = i;
    if (c === 92 && i + 1 < n) {
      // Escapes as they appear in JSON tool results and code: "\n", "\t", "\r" are whitespace and
      // "\u0069" is the character it names, so an escaped instruction reads like a plain one.
      const e = src[i + 1] as number;
      if (e === 110 || e === 116 || e === 114) {
        i++;
        c = e === 116 ? 9 : 10;
      } else if (e === 117 && i + 5 < n) {
        const v =
          (hexVal(src[i + 2] as number) << 12) |
          (hexVal(src[i + 3] as number) << 8) |
          (hexVal(src[i + 4] as number) << 4) |
          hexVal(src[i + 5] as number);
        if (
          v >= 0 &&
          hexVal(src[i + 2] as number) >= 0 &&
          hexVal(src[i + 3] as number) >= 0 &&
          hexVal(src[i + 4] as number) >= 0 &&
          hexVal(src[i + 5] as number) >= 0 &&
          v < 128 &&
          v > 32
        ) {
          i += 5;
          c = v;
        }
      }
    }
    if (c < 128) {
      // ASCII: capacity n + 16 always suffices here (one output unit per input unit).
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        wordHasLatin = true;
        buf[len] = c;
        off[len++] = at;
        // The rest of the run of plain ASCII (most of a text) in a tight loop, which the compiler
        // optimises far better than a trip round this one per character: letters and digits, and
        // while no look-alike waits for its word's end (`pending`), the spaces and printable
        // punctuation between them, which end a word here as they do below. Anything else (a
        // backslash, another whitespace or control character, non-ASCII) goes round the outer loop.
        let j = i + 1;
        for (; j < n; j++) {
          let d = src[j] as number;
          if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57)) wordHasLatin = true;
          else if (d >= 65 && d <= 90) {
            d += 32;
            wordHasLatin = true;
          } else if (d >= 32 && d < 127 && d !== 92 && pending === null) {
            wordHasLatin = false;
            wordHasForeign = false;
            // A space after a space or a line break adds nothing (len > 0 here: this run wrote).
            if (d === SPACE && (buf[len - 1] === SPACE || buf[len - 1] === NEWLINE)) continue;
          } else break;
          buf[len] = d;
          off[len++] = j;
        }
        i = j - 1;
        continue;
      }
      if (pending !== null) pending = applyLookalikes(buf, pending, wordHasLatin || !wordHasForeign);
      wordHasLatin = false;
      wordHasForeign = false;
      if (c <= 32 || c === 127) {
        if (len === 0) continue;
        const last = buf[len - 1];
        if (c === 10 || c === 13) {
          if (last === SPACE) buf[len - 1] = NEWLINE;
          else if (last !== NEWLINE) {
            buf[len] = NEWLINE;
            off[len++] = at;
          }
        } else if (last !== SPACE && last !== NEWLINE) {
          buf[len] = SPACE;
          off[len++] = at;
        }
        continue;
      }
      buf[len] = c;
      off[len++] = at;
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = src[i + 1] as number;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isInvisible(cp)) continue;
    if (isUnicodeSpace(cp)) {
      if (pending !== null) pending = applyLookalikes(buf, pending, wordHasLatin || !wordHasForeign);
      wordHasLatin = false;
      wordHasForeign = false;
      if (len === 0) continue;
      const ws = cp === 0x2028 || cp === 0x2029 || cp === 0x85 ? NEWLINE : SPACE;
      const last = buf[len - 1];
      if (last === SPACE && ws === NEWLINE) buf[len - 1] = NEWLINE;
      else if (last !== SPACE && last !== NEWLINE) {
        buf[len] = ws;
        off[len++] = at;
      }
      continue;
    }
    // Unicode tag characters spell ASCII invisibly ("ASCII smuggling"): reveal them.
    if (cp >= 0xe0020 && cp <= 0xe007e) {
      let t = cp - 0xe0000;
      if (t >= 65 && t <= 90) t += 32;
      buf[len] = t;
      off[len++] = at;
      continue;
    }
    const latin = SCRIPT_LOOKALIKES.get(cp);
    if (latin !== undefined) {
      const own = foldCodePoint(cp);
      if (pending === null) pending = [];
      pending.push(len, latin);
      buf[len] = own.length === 1 ? own.charCodeAt(0) : latin;
      off[len++] = at;
      continue;
    }
    if (!hasCjk && isCjk(cp)) hasCjk = true;
    const f = foldCodePoint(cp);
    if (f.length === 0) continue;
    if (len + f.length + 2 >= buf.length - (n - i)) {
      b.len = len;
      b.ensure(f.length + 2 + (n - i));
      buf = b.buf;
      off = b.off;
    }
    for (let k = 0; k < f.length; k++) {
      const fc = f.charCodeAt(k);
      if (fc >= 0xd800 && (fc <= 0xdfff || fc === 0xfeff) && !pairedSurrogate(f, k)) surrogates = true;
      if (fc === SPACE || (fc < 128 && !isAsciiAlnum(fc))) {
        if (pending !== null) pending = applyLookalikes(buf, pending, wordHasLatin || !wordHasForeign);
        wordHasLatin = false;
        wordHasForeign = false;
        if (fc === SPACE && (len === 0 || buf[len - 1] === SPACE || buf[len - 1] === NEWLINE)) continue;
      } else if (fc < 128) wordHasLatin = true;
      else wordHasForeign = true;
      buf[len] = fc;
      off[len++] = at;
    }
  }
  if (pending !== null) applyLookalikes(buf, pending, wordHasLatin || !wordHasForeign);
  b.len = len;
  return b.finish(n, hasCjk, surrogates);
}

// ---------------------------------------------------------------------------------------------
// Decoded views

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

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxViews: 8, maxViewChars: 4096, maxTotalChars: 16_384, minEncodedLength: 16 };

/** Maps a [start, end) span of a view's text to a span of the original text. */
export function viewSourceSpan(view: DecodedView, start: number, end: number): { start: number; end: number } {
  if (!view.mapsToSource) return { start: view.start, end: view.end };
  return sourceSpan(view.normalized, start, end);
}

// The base64 and base64url alphabets (hex digits included) as a table: the run scans test every
// character of the text, and a load is cheaper than the seven-way comparison.
const BASE64_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  BASE64_CHARS[c] =
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 45 || c === 95 ? 1 : 0;

function isBase64Char(c: number): boolean {
  return c < 128 && BASE64_CHARS[c] === 1;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

// Decoded bytes count as text when they are valid-looking UTF-8 made mostly of printable characters
// with some letters and spaces: random key material or hashes decode to noise and are skipped.
function asText(bytes: Uint8Array): string | null {
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
function hexRun(text: string, i: number, maxBytes: number, out: number[] | null): { end: number; pairs: number } {
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

interface Segment {
  kind: Exclude<ViewKind, 'rot13' | 'leet' | 'spacing' | 'dotted'>;
  start: number;
  end: number;
  decoded: string;
}

// Adds a decoded segment within the view budget (its text cut to the per-view and total limits).
function taker(limits: DecodeLimits, out: Segment[], budget: { views: number; chars: number }): (s: Segment) => void {
  return (s) => {
    if (budget.views <= 0 || budget.chars <= 0) return;
    const decoded = s.decoded.slice(0, Math.min(limits.maxViewChars, budget.chars));
    budget.views--;
    budget.chars -= decoded.length;
    out.push({ ...s, decoded });
  };
}

// Finds encoded segments in `text` with one linear pass per encoding.
function findEncodedSegments(
  text: string,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
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
const PERCENT: EscapeForm = { kind: 'percent', mark: 37, hex: hexVal, leading: 0, quotedPrintable: false };
// Quoted-printable (RFC 2045 §6.7: upper-case hex, "=" at a line end a soft line break), opening
// with six escapes in a row ("=49=67=6E=6F=72=65"): a mail body that merely has a few escaped
// accents ("caf=C3=A9"), an assignment ("x=10") or "a == b" does not start a run.
const QUOTED_PRINTABLE: EscapeForm = { kind: 'quoted-printable', mark: 61, hex: upperHexVal, leading: 6, quotedPrintable: true };

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

function escapeSegments(
  text: string,
  form: EscapeForm,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
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
function entitySegments(text: string, limits: DecodeLimits, out: Segment[], budget: { views: number; chars: number }): void {
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
function reversedSegment(
  t: string,
  sourceLength: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
): void {
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
const BRAILLE_MIN_CELLS = 8;
const BRAILLE_CAPITAL_SIGN = 0x20;

function isBraille(c: number): boolean {
  return c >= 0x2800 && c <= 0x28ff;
}

/**
 * Runs of Unicode braille cells (with spaces and line breaks between words) of at least eight
 * cells, read as grade-1 English: letters, the number sign before a-j for digits, the capital sign
 * dropped, and the common punctuation; cells of no letter (eight-dot patterns) are skipped.
 */
function brailleSegments(
  source: string,
  from: number,
  to: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
): void {
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
const NATO_SECOND = new Uint32Array(26);
for (const w of [...NATO_WORDS, 'ray'])
  NATO_SECOND[w.charCodeAt(0) - 97] = (NATO_SECOND[w.charCodeAt(0) - 97] as number) | (1 << (w.charCodeAt(1) - 97));
// Fewest code words in a row that make a NATO-spelled run.
const NATO_MIN_WORDS = 6;

/** Whether u[s, s + len), lower-case letters, is a NATO code word (or the "ray" of "x-ray"). */
function natoWordAt(u: Uint16Array, s: number, len: number): boolean {
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
function natoFillerAt(u: Uint16Array, s: number, len: number): boolean {
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
function natoSegments(
  n: NormalizedText,
  u: Uint16Array,
  from: number,
  to: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether u[s, s + 5) is "begin". */
function isBegin(u: Uint16Array, s: number): boolean {
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
function uuencodeSegments(
  source: string,
  from: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
): void {
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
const ASCII85_MIN_RUN = 20;
const ASCII85_MIN_MARKS = 3;

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
function ascii85Segments(
  source: string,
  from: number,
  to: number,
  limits: DecodeLimits,
  out: Segment[],
  budget: { views: number; chars: number },
): void {
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

function rot13(s: string): string {
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

function isLeetChar(c: number): boolean {
  return (c >= 48 && c <= 57 && c !== 50 && c !== 54) || c === 64 || c === 36 || c === 33;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

// Character-for-character view: words mixing letters with leet digits/symbols ("1gn0r3") spelled out.
function leetView(n: NormalizedText): NormalizedText | null {
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
function spacingView(source: string, n: NormalizedText): NormalizedText | null {
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
const DOTTED_MIN_LETTERS = 6;

/** Whether t[i] is a letter standing alone between characters that are not letters or digits. */
function singleLetterAt(t: string, i: number): boolean {
  return isLower(t.charCodeAt(i)) && !isAsciiAlnum(t.charCodeAt(i - 1)) && !isAsciiAlnum(t.charCodeAt(i + 1));
}

// View with the full stops inside dotted words dropped ("i.g.n.o.r.e a.l.l" → "ignore all"), when
// one has DOTTED_MIN_LETTERS letters. A dotted word is single letters joined by full stops that
// does not run into a longer word: abbreviated Java packages ("o.s.b.f.s.DefaultListableBeanFactory")
// are not one.
function dottedView(n: NormalizedText): NormalizedText | null {
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

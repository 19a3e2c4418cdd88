// Text normalisation for the threat scanners: one canonical, lower-cased view of a prompt (NFKC
// compatibility folding, Latin diacritics dropped, look-alike letters mapped to Latin inside
// mixed-script words, invisible format/bidi controls removed, whitespace collapsed) with an offset
// map back to the original text, and the code-unit reader the scanners' loops share. The decoded
// views of encoded and obfuscated segments are in decode.ts. All work is linear in the input.

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
// Offsets of long texts normalised with `reuseOffsets`, handed out again to the next such call.
// Writing a fresh 4 MB array costs more than the rest of normalising 1 MiB (each new page is a
// fault: about 12 ms for 4 MB here, against 0.6 ms to refill a warm one).
let reusableOffsets: Uint32Array | null = null;

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
  constructor(capacity: number, reuseOffsets: boolean) {
    if (capacity > scratch.buf.length && capacity <= SCRATCH_LIMIT) scratch = scratchOf(capacity);
    const own = capacity <= scratch.buf.length ? scratch : null;
    this.buf = own ? own.buf : new Uint16Array(capacity);
    // A long text's offsets go into an array of its own, handed over without the copy that the
    // shared scratch array needs (4 bytes per code unit: 4 MB for a 1 MiB text); with
    // `reuseOffsets`, into the one the last such call used when it is large enough.
    if (own && capacity < OWN_OFFSETS_FROM) this.off = own.off;
    else if (!reuseOffsets) this.off = new Uint32Array(capacity + 1);
    else {
      if (reusableOffsets === null || reusableOffsets.length < capacity + 1) reusableOffsets = new Uint32Array(capacity + 1);
      this.off = reusableOffsets;
    }
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

export function decodeUtf16(buf: Uint16Array, len: number): string {
  return utf16.decode(buf.subarray(0, len));
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

export function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
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

/**
 * Normalises `source` into the canonical form the rules and the model read. Linear time.
 * `reuseOffsets`: the caller is done with the result's `offsets` before it next calls normalize
 * with this flag (the injection scan, which maps its findings to the source before it returns):
 * a long text's offsets then go into an array kept for such calls instead of a new one.
 */
export function normalize(source: string, reuseOffsets = false): NormalizedText {
  // This call may overwrite the last text's units (before reading the source's: they may be those).
  lastText = null;
  const n = source.length;
  const src = sourceUnits.of(source);
  const b = new Builder(n + 16, reuseOffsets);
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

// Text views shared by the leak scanner's parts: what a disguised token "reads as" (letters and
// digits only, lower-cased, compatibility forms folded) and an offset-preserving lower-casing.
// Each view of a scanned text is built at most once per scan, with native string operations.

/** Zero-width and formatting characters that disguise a token without changing how it reads. */
export function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200f) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff || code === 0x00ad || code === 0x180e;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** 0 not yet known, 1 letter or digit, 2 neither: one regex test per distinct UTF-16 unit. */
const wordCodes = new Uint8Array(0x10000);

/** A letter or digit (UTF-16 code unit; a lone surrogate is neither). */
export function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  let k = wordCodes[code] as number;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    wordCodes[code] = k;
  }
  return k === 1;
}

export function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af);
}

/** Compatibility forms (full-width, letter-like, circled, ligatures, super/subscripts, phonetic) that need NFKC to read as plain letters. */
export function isCompat(code: number): boolean {
  return (
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2100 && code <= 0x214f) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0xfb00 && code <= 0xfb4f) ||
    (code >= 0x2070 && code <= 0x209f) ||
    (code >= 0x1d00 && code <= 0x1dbf) ||
    code === 0xd835
  );
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMPAT = /[\uff00-\uffef\u2100-\u214f\u2460-\u24ff\ufb00-\ufb4f\u2070-\u209f\u1d00-\u1dbf\ud835]/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Lower-cased text with the original's offsets. `toLowerCase` keeps the length of every code
 * point but U+0130 (İ → "i" + combining dot); İ reads as "i", so it is lower-cased as "I".
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replaceAll('\u0130', 'I').toLowerCase();
}

/** Letters and digits only, lower-cased, NFKC-folded: what a disguised token reads as. */
export function normalize(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, '');
  // NFKC (ICU) is costly; only compatibility forms need it to read as plain letters.
  const folded = COMPAT.test(text) ? text.normalize('NFKC') : text;
  // Final sigma depends on context; the output is read a character at a time, so σ stands for both.
  return folded.toLowerCase().replace(NOT_WORD, '').replaceAll('\u03c2', '\u03c3');
}

/** 0 not yet known; otherwise the lower-case of a BMP letter or digit, read on its own. */
const lowerCodes = new Uint16Array(0x10000);

/** Lower case of one letter or digit code unit (İ reads as i, ς as σ). */
export function lowerCodeUnit(code: number): number {
  let l = lowerCodes[code] as number;
  if (l === 0) {
    const s = String.fromCharCode(code).toLowerCase();
    l = s.length === 1 ? s.charCodeAt(0) : s.charCodeAt(0) === 0x69 ? 0x69 : code;
    if (l === 0x3c2) l = 0x3c3;
    lowerCodes[code] = l;
  }
  return l;
}

const folds = new Map<number, string>();

/** How a compatibility character or an astral letter reads (NFKC, lower case, letters and digits only); cached. */
export function foldCodePoint(cp: number): string {
  let f = folds.get(cp);
  if (f === undefined) {
    f = normalize(String.fromCodePoint(cp));
    folds.set(cp, f);
  }
  return f;
}

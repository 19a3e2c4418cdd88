// A same-length folded view of the text for the PII recognizers: full-width forms and Arabic-Indic
// or Devanagari digits become ASCII, and a Unicode dash, no-break or other wide space, or
// zero-width character between two digits becomes '-' or ' '. Each character maps to exactly one,
// so every offset found in the view is an offset in the original text. Values pasted from word
// processors ("123–45–6789", "4111 1111 1111 1111") and values obfuscated with look-alike digits
// are then read like plain ones; dashes between words are left alone.

/**
 * Characters the fold may change: full-width letters and digits, other-script digits, and the
 * dashes, wide spaces and zero-width characters that fold only between two digits. One character
 * class, so the native scan skips ASCII text quickly.
 */
const CANDIDATE =
  /[\u00a0\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u2000-\u2015\u202f\u205f\u2060\u2212\u3000\ufe58\ufe63\ufeff\uff0d\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/** A digit in any of the folded scripts, as its ASCII code, or -1. */
function digitOf(c: number): number {
  if (c >= 48 && c <= 57) return c;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10 + 48;
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660 + 48;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0 + 48;
  if (c >= 0x0966 && c <= 0x096f) return c - 0x0966 + 48;
  return -1;
}

/** The folded code of the character at `at` (a fold candidate), or -1 to keep it. */
export function foldAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const d = digitOf(c);
  if (d >= 0) return d;
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return c - 0xfee0;
  const sep = separatorOf(c);
  // Separators only between two digits: "123–45–6789" folds, "2024 – a year" stays.
  if (sep < 0 || digitOf(text.charCodeAt(at - 1)) < 0 || digitOf(text.charCodeAt(at + 1)) < 0) return -1;
  // Nine digits or more close by: a year or page range ("2010–2015", "pp. 12–15") is no value.
  let digits = 0;
  for (let j = Math.max(0, at - 10); j < Math.min(text.length, at + 11); j++) if (digitOf(text.charCodeAt(j)) >= 0) digits++;
  if (digits < 9) return -1;
  return sep;
}

/** The ASCII separator a Unicode dash, dot or space stands for, or -1 (primes, degrees and other symbols stay). */
function separatorOf(c: number): number {
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return 45;
  if (c === 0xff0e) return 46;
  const space = c === 0xa0 || (c >= 0x2000 && c <= 0x200d) || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
  return space ? 32 : -1;
}

/** The folded view of `text` (the text itself when nothing needs folding). */
export function foldForPii(text: string): string {
  CANDIDATE.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const f = foldAt(text, m.index);
    if (f < 0) continue;
    out += text.slice(last, m.index) + String.fromCharCode(f);
    last = m.index + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

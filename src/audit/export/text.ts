// Text hygiene shared by the SIEM encoders. Every audit field may carry attacker-chosen text
// (paths, model names, stage reasons, X-Forwarded-For), so each encoder runs a value through
// the same three steps, in this order: clean (make it safe for a line-based transport),
// truncate (to the format's documented limit), then escape (the format's own rules). Escaping
// last means a limit never cuts an escape sequence in half, and a limit counts the characters
// a parser gives back, which is how CEF and RFC 5424 state their limits.
// Character loops rather than regexes: linear on any input, and the regex-safety test has
// nothing to prove.

/** U+FFFD REPLACEMENT CHARACTER: visibly "something was here", never a delimiter anywhere. */
export const REPLACEMENT = '\uFFFD';

/**
 * What `clean` does with CR and LF: keep them (the format has escapes for them), turn each into a
 * space (a one-line field with no escape), or replace them like any other control.
 */
export type LineBreaks = 'keep' | 'space' | 'replace';

/**
 * Replaces with U+FFFD every character that breaks or spoofs a line-oriented log pipeline:
 * - C0 controls other than CR/LF (NUL truncates C strings downstream; TAB, VT, FF and ESC confuse
 *   field splitters and terminals) and DEL;
 * - C1 controls (U+0085 NEL ends a line for some viewers) and U+2028/U+2029 (line and paragraph
 *   separators), which would let a value fake a new event in a viewer;
 * - lone surrogates, which have no UTF-8 encoding (Buffer would silently substitute them anyway;
 *   doing it here keeps the string equal to the bytes that are sent).
 * CR and LF are handled per `lineBreaks`. Well-formed surrogate pairs (emoji) pass unchanged.
 */
export function clean(s: string, lineBreaks: LineBreaks): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c === 10 || c === 13) {
      if (lineBreaks !== 'keep') rep = lineBreaks === 'space' ? ' ' : REPLACEMENT;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      rep = REPLACEMENT;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else rep = REPLACEMENT;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      rep = REPLACEMENT;
    }
    if (rep !== null) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The longest prefix of `s` of at most `max` UTF-16 code units that does not end between the
 * two halves of a surrogate pair (an emoji is dropped whole, never split into a lone surrogate).
 * Counting code units is conservative: a limit stated in characters is never exceeded.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end);
}

/**
 * A syslog header field (RFC 5424 §6.2: PRINTUSASCII, %d33-126): every other character becomes
 * `_`, the result is cut to `max`, and an empty value becomes the NILVALUE `-`.
 */
export function printableAscii(s: string | null | undefined, max: number): string {
  if (!s) return '-';
  let out = '';
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    out += c >= 33 && c <= 126 ? s[i] : '_';
  }
  return out;
}

// Character classes, entropy, placeholder tests and small decoders shared by the secret rules, and
// the code-unit copy of a text that the secrets and PII scanners' single passes read.
// Scanning is done with loops over char codes; the few regexes here only ever see one candidate
// value (at most a few hundred characters), never the scanned text.

/** Bit flags per ASCII code; non-ASCII characters belong to no class. */
export const ALNUM = 1;
/** Standard base64 alphabet (A-Z a-z 0-9 + /). */
export const B64 = 2;
/** base64url alphabet (A-Z a-z 0-9 - _). */
export const URL64 = 4;
export const HEX = 8;
/** Identifier characters of config keys: A-Z a-z 0-9 _ . - */
export const IDENT = 16;
export const DIGIT = 32;
export const UPPER = 64;
export const LOWER = 128;
/** Base64 padding '='. */
export const PAD = 256;

const CC = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let f = 0;
  const digit = c >= 48 && c <= 57;
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  if (digit || upper || lower) f |= ALNUM | B64 | URL64 | IDENT;
  if (digit) f |= DIGIT | HEX;
  if (upper) f |= UPPER;
  if (lower) f |= LOWER;
  if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) f |= HEX;
  if (ch === '+' || ch === '/') f |= B64;
  if (ch === '-' || ch === '_') f |= URL64 | IDENT;
  if (ch === '.') f |= IDENT;
  if (ch === '=') f |= PAD;
  CC[c] = f;
}

export function cls(code: number): number {
  return code < 128 ? (CC[code] as number) : 0;
}

/** True when `text[i]` is in none of `mask`'s classes (or i is outside the text). */
export function notIn(text: string, i: number, mask: number): boolean {
  return i < 0 || i >= text.length || (cls(text.charCodeAt(i)) & mask) === 0;
}

/** End index of the run of `mask` characters starting at `from`, reading at most `max`. */
export function runEnd(text: string, from: number, mask: number, max = 512): number {
  const stop = Math.min(text.length, from + max);
  let i = from;
  while (i < stop && (cls(text.charCodeAt(i)) & mask) !== 0) i++;
  return i;
}

/** Start index of the run of `mask` characters ending just before `to`, reading at most `max`. */
export function runStart(text: string, to: number, mask: number, max = 512): number {
  const stop = Math.max(0, to - max);
  let i = to;
  while (i > stop && (cls(text.charCodeAt(i - 1)) & mask) !== 0) i--;
  return i;
}

/** True when every character of `s` is in `mask`. */
export function allIn(s: string, mask: number): boolean {
  for (let i = 0; i < s.length; i++) if ((cls(s.charCodeAt(i)) & mask) === 0) return false;
  return s.length > 0;
}

/** `s` without its trailing run of `mask` characters. */
export function stripTrailing(s: string, mask: number): string {
  let end = s.length;
  while (end > 0 && (cls(s.charCodeAt(end - 1)) & mask) !== 0) end--;
  return s.slice(0, end);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface Shape {
  digits: number;
  upper: number;
  lower: number;
  other: number;
  /** lower→upper and upper→lower switches between adjacent letters. */
  caseSwitches: number;
}

export function shape(s: string): Shape {
  const r: Shape = { digits: 0, upper: 0, lower: 0, other: 0, caseSwitches: 0 };
  let prev = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cls(s.charCodeAt(i));
    if (f & DIGIT) r.digits++;
    else if (f & UPPER) r.upper++;
    else if (f & LOWER) r.lower++;
    else r.other++;
    const kind = f & (UPPER | LOWER);
    if (kind && prev && kind !== prev) r.caseSwitches++;
    prev = kind;
  }
  return r;
}

/** Number of character classes (digit, upper, lower, other) present. */
export function classCount(sh: Shape): number {
  return (sh.digits > 0 ? 1 : 0) + (sh.upper > 0 ? 1 : 0) + (sh.lower > 0 ? 1 : 0) + (sh.other > 0 ? 1 : 0);
}

/** Longest run of consecutive ascending code points (`abcdef`, `123456`): keyboard-made fakes. */
export function longestAscendingRun(s: string): number {
  let best = s.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    if (s.charCodeAt(i) === s.charCodeAt(i - 1) + 1) {
      run++;
      if (run > best) best = run;
    } else run = 1;
  }
  return best;
}

const FILLER = new Set(['x', 'X', '*', '#', '.', '0', '1', '_', '-', '•', '…']);

/**
 * Conventional stand-in text in place of a token body: mostly `x`/`*`/`#`/`0`, an ascending
 * keyboard run, or the usual words (`your`, `here`, `replace`, ...).
 */
export function isFillerBody(body: string): boolean {
  if (body.length === 0) return true;
  let filler = 0;
  let run = 0;
  let longest = 0;
  for (const ch of body) {
    if (FILLER.has(ch)) {
      filler++;
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  if (filler * 2 >= body.length && longest >= 4) return true;
  if (longestAscendingRun(body) >= 10) return true;
  const low = body.toLowerCase();
  for (const w of FILLER_WORDS) if (low.includes(w)) return true;
  return false;
}

const FILLER_WORDS = ['your', 'here', 'replace', 'insert', 'placeholder', 'redacted', 'changeme', '<', '>', '{{', '${', '...'];

/** All characters equal: carries no entropy, but some test fixtures use it for real-format tokens. */
export function isOneRepeatedChar(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== s.charCodeAt(0)) return false;
  return s.length > 1;
}

/**
 * Values published as examples in vendor documentation, copied into countless READMEs and
 * manifests: Kubernetes' Secret example (`password: MWYyZDFlMmU2N2Rm`, base64 of 1f2d1e2e67df).
 */
const DOCUMENTED_EXAMPLES = new Set(['MWYyZDFlMmU2N2Rm', '1f2d1e2e67df']);

const LEET: Readonly<Record<string, string>> = { $: 's', '@': 'a', '0': 'o', '1': 'i', '3': 'e', '4': 'a' };
const INTENSIFIERS = new Set(['super', 'very', 'top', 'my', 'your', 'our', 'the', 'a', 'some', 'another', 'new', 'old', 'default']);

/** Words that stand in for a value in docs, templates and tests. */
const PLACEHOLDER_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'key',
  'test',
  'testing',
  'example',
  'sample',
  'dummy',
  'fake',
  'foo',
  'bar',
  'baz',
  'qux',
  'foobar',
  'hello',
  'world',
  'helloworld',
  'changeme',
  'changeit',
  'letmein',
  'admin',
  'root',
  'user',
  'username',
  'guest',
  'default',
  'none',
  'null',
  'nil',
  'undefined',
  'empty',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'required',
  'optional',
  'todo',
  'tbd',
  'xxx',
  'yyy',
  'zzz',
  'abc',
  'string',
  'value',
  'mypassword',
  'mysecret',
  'secretkey',
  'accesskey',
  'apitoken',
  'notasecret',
  'notapassword',
  'lorem',
  'ipsum',
]);

/**
 * A value that only stands in for a secret: a stand-in word (optionally prefixed with my/your
 * and suffixed with digits: `mypassword`, `secret123`), filler, templating or a variable.
 */
export function isPlaceholderValue(value: string): boolean {
  if (value.length === 0) return true;
  if (isTemplated(value)) return true;
  if (isOneRepeatedChar(value)) return true;
  if (isFillerBody(value)) return true;
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  const full = value.toLowerCase();
  // pa$$word, p@ssw0rd, s3cr3t: a stand-in word in leetspeak
  const unleet = full.replace(/[$@0134]/g, (c) => LEET[c] as string);
  if (unleet !== full && PLACEHOLDER_WORDS.has(unleet)) return true;
  // SuperSecretToken, my_secret_password: stand-in words and intensifiers only
  if (/^[a-z_-]+$/i.test(value) && value.length >= 6) {
    const parts = value.split(/[-_]|(?<=[a-z])(?=[A-Z])/);
    if (parts.length > 1 && parts.every((p) => PLACEHOLDER_WORDS.has(p.toLowerCase()) || INTENSIFIERS.has(p.toLowerCase()))) return true;
  }
  if (PLACEHOLDER_WORDS.has(full)) return true;
  // mypassword, your_api_key, myapikey123: a stand-in word with a possessive. A bare word with
  // digits (secret123) is kept: it is also what weak real passwords look like.
  const low = full.replace(/^(?:my|your|the)[_-]?/, '');
  if (low !== full) {
    let end = low.length;
    while (end > 0 && (cls(low.charCodeAt(end - 1)) & DIGIT) !== 0) end--;
    const stem = low.slice(0, end).replace(/[_-]/g, '');
    if (stem.length === 0 || PLACEHOLDER_WORDS.has(stem)) return true;
  }
  // foo-bar, foo_bar_baz, hello-world: metasyntactic words joined.
  const parts = low.split(/[-_.]/);
  if (parts.length > 1 && parts.every((p) => p.length === 0 || PLACEHOLDER_WORDS.has(p))) return true;
  return false;
}

/** `$VAR`, `${VAR}`, `$(cmd)`, `{{ x }}`, `<%= x %>`, `%s`, `%(name)s`, `#{x}`, `<your-key>`, `{name}`, `[PASSWORD]`. */
export function isTemplated(value: string): boolean {
  const c = value[0];
  if (c === '$' || c === '%' || c === '<' || c === '`') return true;
  if (value.includes('{{') || value.includes('${') || value.includes('<%') || value.includes('#{') || value.includes('$(')) return true;
  if ((c === '{' && value.endsWith('}')) || (c === '[' && value.endsWith(']'))) {
    // {name} / [PASSWORD] are placeholders; {ZqL5kVrX1n8tA2}-style braces around a value are not.
    const inner = value.slice(1, -1);
    const sh = shape(inner);
    return sh.digits === 0 || inner.includes(' ') || /^[A-Z_]+$/.test(inner);
  }
  return false;
}

/** Base64 or base64url decode to a latin1 string; undefined when the alphabet or length is wrong. */
export function decodeBase64(s: string): string | undefined {
  let t = s;
  while (t.endsWith('=')) t = t.slice(0, -1);
  for (let i = 0; i < t.length; i++) if ((cls(t.charCodeAt(i)) & (B64 | URL64)) === 0) return undefined;
  if (t.length % 4 === 1) return undefined;
  return Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

let crcTable: Int32Array | undefined;

/** CRC-32 (IEEE 802.3), as used by GitHub's and npm's token checksums. */
export function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < s.length; i++) crc = (crcTable[(crc ^ s.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of an unsigned 32-bit integer, left-padded with '0' to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = B62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * Masked form for evidence: first and last four characters of a long value, two of a medium
 * one, nothing of a short one. Never enough to use or to brute-force the value.
 */
export function mask(value: string): string {
  const v = value.replace(/\s+/g, ' ');
  if (v.length >= 24) return `${v.slice(0, 4)}…${v.slice(-4)}`;
  if (v.length >= 16) return `${v.slice(0, 2)}…${v.slice(-2)}`;
  return '…';
}

/** Texts up to this length keep their code-unit copy buffer between scans; longer ones get a buffer of their own. */
const KEEP_UNITS = 1 << 20;
/** Zeros after the last code unit: look-aheads past the end read 0, which the passes' tests never match (as NaN from charCodeAt). */
const UNITS_PAD = 8;
let keptUnits = Buffer.allocUnsafeSlow(2 * 4096);
/** Node writes UTF-16LE; a typed-array view reads it back only on a little-endian machine. */
const NATIVE_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The UTF-16 code units of `text` and UNITS_PAD zeros, copied by one native write: the pass then
 * reads a typed array instead of calling charCodeAt per character, which must look through a sliced
 * or concatenated string each time (and deoptimises the first time it reads past the end).
 * The array is valid until the next call: the buffer is reused, which is safe because scans are
 * synchronous and neither pass asks for a second copy while it still reads the first.
 */
export function unitsOf(text: string): Uint16Array {
  const n = text.length + UNITS_PAD;
  let buf = keptUnits;
  if (buf.length < 2 * n) {
    buf = Buffer.allocUnsafeSlow(2 * Math.max(n, buf.length));
    if (n <= KEEP_UNITS) keptUnits = buf;
  }
  const units = new Uint16Array(buf.buffer, buf.byteOffset, n);
  if (NATIVE_LE) buf.write(text, 0, 2 * text.length, 'utf16le');
  else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  units.fill(0, text.length);
  return units;
}

/**
 * Whether a base64 value opens as DER of public material: a certificate or a SubjectPublicKeyInfo
 * (a SEQUENCE whose first member is a SEQUENCE), or a PKCS#1 RSA public key (a SEQUENCE whose first
 * member is a long INTEGER, the modulus). Private keys open with a one-byte version INTEGER instead.
 */
export function isPublicDer(v: string): boolean {
  if (v.charCodeAt(0) !== 77 || v.length < 60) return false; // 'M': base64 of 0x30
  const head = decodeBase64(v.slice(0, 16));
  if (head === undefined || head.charCodeAt(0) !== 0x30) return false;
  const l = head.charCodeAt(1);
  const i = l === 0x81 ? 3 : l === 0x82 ? 4 : l < 0x80 ? 2 : -1;
  if (i < 0) return false;
  const first = head.charCodeAt(i);
  const firstLen = head.charCodeAt(i + 1);
  return first === 0x30 || (first === 0x02 && firstLen >= 0x81);
}

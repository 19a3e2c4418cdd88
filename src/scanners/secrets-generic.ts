// Rules that need context rather than a prefix: `<name> = <value>` assignments whose name says
// "secret" (password, api_key, client_secret, Authorization: Bearer …), credentials inside URLs
// (postgres://user:pass@host, https://user:pass@host), `curl -u user:pass` and Bundler's
// BUNDLE_<HOST>=user:pass. A value passes only if it is not a placeholder, a template, a
// variable, code, a path or a word, and (for names that do not say "password") has entropy.
import { type Hit, VENDOR_PREFIXES } from './secrets-rules.js';
import {
  ALNUM,
  allIn,
  B64,
  classCount,
  DIGIT,
  decodeBase64,
  entropy,
  HEX,
  IDENT,
  isFillerBody,
  isOneRepeatedChar,
  isPlaceholderValue,
  isPublicDer,
  isTemplated,
  LOWER,
  notIn,
  PAD,
  runEnd,
  runStart,
  type Shape,
  shape,
  stripTrailing,
  UPPER,
  URL64,
} from './secrets-util.js';

type KeyClass = 'password' | 'secret' | 'weak';

/**
 * "Password" in German, Dutch, Spanish, Portuguese, French (mot de passe), Finnish, Danish,
 * Norwegian, Swedish, Turkish and Polish, with and without their diacritics.
 */
const FOREIGN_PASSWORD_WORDS = [
  'passwort',
  'kennwort',
  'wachtwoord',
  'contraseña',
  'contrasena',
  'clave',
  'senha',
  'passe',
  'salasana',
  'adgangskode',
  'passord',
  'lösenord',
  'losenord',
  'şifre',
  'sifre',
  'hasło',
  'haslo',
];
const FOREIGN = new Set(FOREIGN_PASSWORD_WORDS);

/** The foreign words the keyword pass does not find (no `pass` in them), as ASCII-initial anchors. */
export const FOREIGN_ANCHORS = [
  'kennwort',
  'wachtwoord',
  'contraseña',
  'contrasena',
  'clave',
  'senha',
  'salasana',
  'adgangskode',
  'losenord',
  'sifre',
  'hasło',
  'haslo',
];

/** Anchor handler for FOREIGN_ANCHORS: the same assignment and prose rules as the keywords. */
export function foreignPasswordAt(text: string, at: number, anchor: string): Hit | undefined {
  return assignmentAt(text, at, at + anchor.length, { lastNameEnd: 0 });
}

/** Name suffixes (normalised: lower case, no separators) that make a name secret-bearing. */
const SUFFIXES: ReadonlyArray<readonly [string, KeyClass]> = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['passphrase', 'password'],
  ['pwd', 'password'],
  ['pass', 'password'],
  ['pw', 'password'],
  // run together in LDAP and SSSD configs (nslcd/ldap.conf `bindpw`, slapd `rootpw`, sssd `ldap_default_authtok`)
  ['bindpw', 'password'],
  ['rootpw', 'password'],
  ['authtok', 'password'],
  // Redis: redis.conf and redis-server flags (`requirepass …`, `--masterauth …`)
  ['requirepass', 'password'],
  ['masterauth', 'password'],
  // Wi-Fi pre-shared keys (wpa_supplicant psk=, hostapd wpa_psk=)
  ['psk', 'password'],
  // "password" in other languages (prose and config written in them)
  ...FOREIGN_PASSWORD_WORDS.map((w) => [w, 'password'] as const),
  ['secret', 'secret'],
  ['secretkey', 'secret'],
  // Rails' secret_key_base, Django-style *_SECRET_KEY_BASE
  ['secretkeybase', 'secret'],
  ['token', 'secret'],
  ['apikey', 'secret'],
  ['privatekey', 'secret'],
  ['accesskey', 'secret'],
  ['authkey', 'secret'],
  ['masterkey', 'secret'],
  ['signingkey', 'secret'],
  ['accountkey', 'secret'],
  // WordPress' keys and salts (wp-config.php): AUTH_KEY is above, NONCE_KEY would be a bare key
  ['noncekey', 'secret'],
  ['loggedinkey', 'secret'],
  ['authsalt', 'secret'],
  ['noncesalt', 'secret'],
  ['loggedinsalt', 'secret'],
  ['credentials', 'secret'],
  ['credential', 'secret'],
  ['creds', 'secret'],
  ['authorization', 'secret'],
  ['auth', 'secret'],
  ['key', 'weak'],
  ['keyid', 'weak'],
  ['accessid', 'weak'],
  ['login', 'weak'],
];

/**
 * Words that qualify a name without changing what it holds: environment, version, role, encoding.
 * (Not `hash`, `url`, `name`, `id`, `type`, `file`, `path`: those change what the value is.)
 */
const QUALIFIERS = new Set([
  'prod',
  'production',
  'prd',
  'dev',
  'development',
  'staging',
  'stage',
  'stg',
  'test',
  'testing',
  'qa',
  'uat',
  'live',
  'sandbox',
  'local',
  'old',
  'new',
  'prev',
  'previous',
  'next',
  'current',
  'value',
  'val',
  'v',
  'backup',
  'primary',
  'secondary',
  'default',
  'main',
  'alt',
  'b64',
  'base64',
  'raw',
  'plain',
  'plaintext',
  'str',
  'string',
  'override',
  'fallback',
  'temp',
  'tmp',
]);

/** Names that look secret-bearing but are not: public keys, CSRF tokens, nonces. */
const NOT_SECRET_NAMES = ['public', 'publishable', 'csrf', 'xsrf', 'authenticity', 'nonce', 'tokenizer'];

/** Shared between callers through classifyName's cache: read-only. */
interface Name {
  readonly cls: KeyClass;
  readonly norm: string;
  /** The name ends with an id segment (`access_id`, `key_id`): identifiers are allowed weaker. */
  readonly isId: boolean;
}

/** Split an identifier into lower-case words at separators and camelCase humps. */
function words(ident: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < ident.length; i++) {
    const ch = ident[i] as string;
    if (ch === '_' || ch === '-' || ch === '.') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const up = ch >= 'A' && ch <= 'Z';
    const prev = ident[i - 1] ?? '';
    const next = ident[i + 1] ?? '';
    const prevLowerOrDigit = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
    const prevUpper = prev >= 'A' && prev <= 'Z';
    const nextLower = next >= 'a' && next <= 'z';
    if (up && cur && (prevLowerOrDigit || (prevUpper && nextLower))) {
      out.push(cur);
      cur = '';
    }
    cur += ch.toLowerCase();
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * classifyName's results by identifier (null: not a secret-bearing name). The same names recur, in
 * a text and across requests ("password", "api_key", prose words like "credible" or "keyboard"), and
 * splitting one into words and testing every suffix costs about a microsecond. Bounded: cleared when full.
 * Callers only read the Name objects, so they are shared.
 */
const nameCache = new Map<string, Name | null>();
const NAME_CACHE_MAX = 1024;

export function classifyName(ident: string): Name | undefined {
  const cached = nameCache.get(ident);
  if (cached !== undefined) return cached ?? undefined;
  const name = classifyNameOnce(ident);
  if (nameCache.size >= NAME_CACHE_MAX) nameCache.clear();
  nameCache.set(ident, name ?? null);
  return name;
}

function classifyNameOnce(ident: string): Name | undefined {
  const ws = words(ident);
  while (ws.length > 0 && /^\d+$/.test(ws[ws.length - 1] as string)) ws.pop();
  const last = ws[ws.length - 1];
  if (!last) return undefined;
  // bot_token3, access_token1: numbered variants of a name
  ws[ws.length - 1] = stripTrailing(last, DIGIT);
  // API_KEY_PROD, db_password_staging, secret_v2: a secret-bearing name with a qualifier after it
  while (ws.length > 1 && QUALIFIERS.has(ws[ws.length - 1] as string)) ws.pop();
  const norm = ws.join('');
  // (WordPress' NONCE_KEY and NONCE_SALT are secrets: the nonces are derived from them)
  if (norm !== 'noncekey' && norm !== 'noncesalt') for (const bad of NOT_SECRET_NAMES) if (norm.includes(bad)) return undefined;
  let best: readonly [string, KeyClass] | undefined;
  for (const s of SUFFIXES) {
    if (!norm.endsWith(s[0]) || (best && best[0].length >= s[0].length)) continue;
    // The suffix must be whole trailing words (so `monkey`, `compass` do not count), unless it
    // is long enough to be unambiguous inside a run-together name (SLAPIKEY, softlayerapikey).
    let acc = '';
    let whole = false;
    for (let i = ws.length - 1; i >= 0 && acc.length < s[0].length; i--) {
      acc = (ws[i] as string) + acc;
      if (acc === s[0]) whole = true;
    }
    if (whole || s[0].length >= 5) best = s;
  }
  if (!best) return undefined;
  return { cls: best[1], norm, isId: best[0].endsWith('id') };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DOTTED_CODE = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const IDENT_VALUE = /^[A-Za-z][A-Za-z0-9]{0,15}(?:_[A-Za-z0-9]{1,10})+$/;
const SLUG = /^[a-z0-9]{1,10}(?:-[a-z0-9]{1,10}){2,}$/;
const CONSTANT = /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/;
/**
 * A part of a snake_case name: one case, or camelCase words (each capital followed by a lower-case
 * letter), then at most three digits, or a short number: `user`, `DB`, `myPass2`, `32`, not the pieces of a random string
 * (`FduRjI`, `gxTKn8`, `AKGowe`).
 */
function wordySegment(w: string): boolean {
  const digits = w.length - stripTrailing(w, DIGIT).length;
  const body = w.slice(0, w.length - digits);
  if (digits > 3) return false;
  if (body.length === 0) return true; // a number: `DOC_Vector_5_32`
  if (!allIn(body, UPPER | LOWER)) return false;
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      const d = body.charCodeAt(i + 1);
      if (!(d >= 97 && d <= 122)) return false;
    }
  }
  return true;
}
/** `jjwt-jackson-0.11.2`, `v1.2.3`: a name ending in a version number (two numeric parts at least). */
function looksLikeVersion(v: string): boolean {
  let tail = v.slice(Math.max(v.lastIndexOf('-'), v.lastIndexOf('_')) + 1);
  if (tail.startsWith('v')) tail = tail.slice(1);
  const parts = tail.split('.');
  return parts.length >= 2 && allIn(parts[0] as string, DIGIT) && allIn(parts[1] as string, DIGIT) && parts.every((p) => allIn(p, ALNUM));
}
const FILE_NAME = /\.(?:pem|key|p12|pfx|crt|cer|der|jks|json|txt|ya?ml|xml|env|keystore|keytab|pub|html?|js|ts|py|png|jpg|gif|svg)$/i;
const STANDIN = [
  'fake',
  'dummy',
  'example',
  'sample',
  'placeholder',
  'changeme',
  'replace',
  'insert',
  'your',
  'here',
  'xxxx',
  'redacted',
  'secret_',
];

function hasWhitespace(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

/** Symbols other than the separators - _ . */
function symbols(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (notIn(v, i, ALNUM | URL64 | IDENT)) n++;
  return n;
}

/** Letters only, camelCase or single-case: a word or a name, not a random string. */
function wordish(sh: Shape): boolean {
  const letters = sh.upper + sh.lower;
  return sh.digits === 0 && letters > 0 && sh.caseSwitches / letters < 0.25;
}

/** Shared rejection of non-secret values: placeholders, templates, code, paths, URLs, names. */
export function notAValue(v: string, vendorChecked = true): boolean {
  if (v.length === 0 || v.length > 1000 || hasWhitespace(v)) return true;
  if (isPlaceholderValue(v) || hasStandin(v)) return true;
  if (v.includes('://') || v.includes('->') || v.includes('::') || v.includes('(') || v.includes(')')) return true;
  const c = v[0];
  if (c === '/' || c === '~' || c === '.' || c === '@' || c === '&' || c === '*' || /^[A-Za-z]:\\/.test(v)) return true;
  if (FILE_NAME.test(v) || DOTTED_CODE.test(v)) return true;
  // a certificate or a public key in base64 DER
  if (c === 'M' && isPublicDer(v)) return true;
  if ((IDENT_VALUE.test(v) && v.split('_').every(wordySegment)) || SLUG.test(v) || CONSTANT.test(v) || looksLikeVersion(v)) return true;
  if (vendorChecked) for (const p of VENDOR_PREFIXES) if (v.startsWith(p)) return true;
  return false;
}

/**
 * A quoted password that a generated-password generator made, though its characters read as code or
 * a path to notAValue: `define('DB_PASSWORD', 'M9])DDNrvR{RF9b]CyH+')`, `password: ".hUwvhUfrw.5c5P…"`.
 * Quoted, under a password's name, with upper and lower case, digits and symbols all present and
 * no word-like part: not `(none)`, `@Model.Password`, `*****` or `../secrets/db.txt`.
 */
function strongLiteral(v: string): boolean {
  if (v.length < 10 || v.length > 128 || notAValueLoose(v) || v.includes('://')) return false;
  for (const p of VENDOR_PREFIXES) if (v.startsWith(p)) return false;
  const sh = shape(v);
  if (classCount(sh) < 4 || entropy(v) < 3.3 || FILE_NAME.test(v)) return false;
  // Words (`@Model.Password`, `(getPassword)`: a capital or not, then five lower-case letters or
  // more) are code; a generator's letters switch case too often for that.
  let lowerRun = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 97 || c > 122) lowerRun = 0;
    else if (++lowerRun >= 5) return false;
  }
  return true;
}

/**
 * A quoted key that a framework generated from a symbol-rich alphabet, which notAValue takes for
 * code: Django's SECRET_KEY (`beh6sb_d)(ba9…`, also after its `django-insecure-` marker),
 * WordPress' AUTH_KEY salts (`4h).v+:8d>fx…`). Long, dense (many distinct characters), with
 * symbols and digits and few word-long runs of lower-case letters; never spaced.
 */
function generatedKey(v: string): boolean {
  const body = v.startsWith('django-insecure-') ? v.slice(16) : v;
  // The alphabets hold `$ % ( # {`, so a draw may start with `$` or hold `$(`: only a template's
  // whole shape (`${NAME}`, `$(cmd)`, `{{ x }}`, `<%= x %>`, `#{x}`) makes it one.
  if (body.length < 32 || body.length > 128 || hasWhitespace(body) || templateShape(body) || body.includes('://')) return false;
  // (`<`, `>`, `{`, `$` and `.` are in the alphabet of WordPress' salts; elsewhere `<key>`, `${`, `...` mark stand-ins)
  if (isOneRepeatedChar(body) || isFillerBody(body.replace(/[<>{$.]/g, '!')) || hasStandin(body)) return false;
  const sh = shape(body);
  if (classCount(sh) < 3 || sh.digits === 0 || symbols(body) < 3 || entropy(body) < 4.2) return false;
  // Words: code has many runs of five lower-case letters or more, and their letters are a third or
  // more vowels. A draw from Django's alphabet (half of it lower-case letters) has such runs too,
  // but of random letters: about one in five a vowel.
  let lowerRun = 0;
  let runVowels = 0;
  let inWords = 0;
  let vowels = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      if (++lowerRun >= 16) return false;
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) runVowels++;
      continue;
    }
    if (lowerRun >= 5) {
      inWords += lowerRun;
      vowels += runVowels;
    }
    lowerRun = 0;
    runVowels = 0;
  }
  return inWords * 10 < body.length * 4 || (inWords * 10 < body.length * 7 && vowels * 10 < inWords * 3);
}

/** Template syntax with its name inside (`${DJANGO_KEY}`, `$(cat key)`, `{{ secret }}`, `<%= k %>`, `#{key}`, `%(key)s`). */
function templateShape(v: string): boolean {
  if (/^\$[A-Za-z_]\w*$/.test(v)) return true;
  for (const [open, shape] of TEMPLATE_SHAPES) {
    for (let i = v.indexOf(open); i !== -1; i = v.indexOf(open, i + 1)) if (shape.test(v.slice(i))) return true;
  }
  return false;
}

/** Each template's opening, and its shape from there (`v` is at most 128 characters long). */
const TEMPLATE_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['${', /^\$\{[A-Za-z_][\w.]*[}:]/],
  ['$(', /^\$\([a-z]+[ )]/],
  ['{{', /^\{\{ ?[\w.]+ ?\}\}/],
  ['<%', /^<%=? ?[\w.]+ ?%>/],
  ['#{', /^#\{\w+\}/],
  ['%(', /^%\(\w+\)s/],
];

/**
 * A passphrase as a password's value: "c0rrect-h0rse-battery-staple", "purple_monkey_dishwasher_42".
 * A slug or snake_case identifier elsewhere, it is a password when a password names it and it has
 * three words or more with a letter swapped for a digit inside a word ("h0rse"), or four plain ones.
 */
function passphrase(v: string): boolean {
  if (hasWhitespace(v) || isPlaceholderValue(v)) return false;
  if (wordsAndNumber(v)) return true;
  if (!(SLUG.test(v) || IDENT_VALUE.test(v)) || hasStandin(v)) return false;
  const parts = v.toLowerCase().split(/[-_]/);
  if (parts.length < 3 || parts.some((w) => w.length < 3)) return false;
  if (parts.some(digitInsideWord)) return true;
  // Four plain words, none a word that names where a value comes from ("get_from_env_var").
  return parts.length >= 4 && !parts.some((w) => VALUE_SOURCE_WORDS.has(w));
}
/**
 * Words joined by one separator and ending in a number, as password generators and people make
 * them: "falcon.copper.thistle52", "maple-pelican-bramble7", "Hunter-Kestrel-77". Three words of
 * 3-12 letters, or two when one is capitalised (a slug or a dotted code path is lower case), none
 * a word of code or configuration ("settings.db.password1", "get-from-env-2" are no passwords).
 */
function wordsAndNumber(v: string): boolean {
  if (v.length > 64) return false;
  const body = stripTrailing(v, DIGIT);
  const digits = v.length - body.length;
  const sep = body[body.search(/[-_.]/)];
  if (digits === 0 || digits > 4 || sep === undefined) return false;
  // "Hunter-Kestrel-77": the number may stand as a part of its own
  const words = (body.endsWith(sep) ? body.slice(0, -1) : body).split(sep);
  let capitalised = false;
  for (const w of words) {
    if (w.length < 3 || w.length > 12 || !allIn(w, UPPER | LOWER)) return false;
    const low = w.toLowerCase();
    if (VALUE_SOURCE_WORDS.has(low) || CODE_WORDS.has(low)) return false;
    if (w !== low) {
      if (w.slice(1) !== low.slice(1)) return false; // one capital, first: "Kestrel", not "sessionId"
      capitalised = true;
    }
  }
  return words.length >= 3 || (words.length === 2 && capitalised);
}
const CODE_WORDS = new Set(
  'self this env environ process config settings conf app application db database password passwd pass pwd secret token user username name data default test tests prod dev staging local server client admin root api service http https www com org net io'.split(
    ' ',
  ),
);

/** A lower-case letter, digits, a lower-case letter: "h0rse", "b4tt3ry". (A loop: a regex search would rescan digit runs.) */
function digitInsideWord(w: string): boolean {
  for (let i = 1; i < w.length - 1; i++) {
    const c = w.charCodeAt(i - 1);
    if (c < 97 || c > 122) continue;
    let j = i;
    while (j < w.length && w.charCodeAt(j) >= 48 && w.charCodeAt(j) <= 57) j++;
    const d = w.charCodeAt(j);
    if (j > i && d >= 97 && d <= 122) return true;
    i = j;
  }
  return false;
}
const VALUE_SOURCE_WORDS = new Set(
  'get set from env var vars read load fetch file files config conf use the to of value values secret secrets vault ref key'.split(' '),
);

/** base64 of prose (`ZHVtbXkgdGV4dA==` = "dummy text"): an encoded sentence, not key material. */
function encodesText(v: string): boolean {
  if (v.length < 16 || !allB64(stripTrailing(v, PAD))) return false;
  const d = decodeBase64(v);
  if (d === undefined || !d.includes(' ')) return false;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/** Score of a value assigned to a secret-bearing name; 0 = not a secret. */
export function assessValue(v: string, name: Name, header = false, quoted = false): number {
  // A value in an Authorization header is a credential by position: no vendor veto there.
  if (
    notAValue(v, !header) &&
    !(name.cls === 'password' && (passphrase(v) || (quoted && strongLiteral(v)))) &&
    !(name.cls !== 'weak' && quoted && generatedKey(v))
  )
    return 0;
  const sh = shape(v);
  if (sh.digits === v.length || encodesText(v)) return 0;
  if (UUID.test(v)) {
    // Version-1 UUIDs are a timestamp and a MAC address: identifiers, not secret material.
    if (name.isId || v[14] === '1') return 0;
    return name.cls === 'weak' ? 0.55 : 0.6;
  }
  const ent = entropy(v);
  if (name.cls === 'password') {
    if (v.length < 6) return 0;
    const mixed = sh.digits > 0 || (sh.upper > 0 && sh.lower > 0) || symbols(v) > 0;
    if ((!mixed && !passphrase(v)) || (sh.lower + sh.upper === 0 && symbols(v) === 0)) return 0;
    return ent >= 3.5 && v.length >= 10 ? 0.7 : 0.6;
  }
  if (wordish(sh)) return 0;
  // Short strings cannot reach their alphabet's entropy: the bar scales with what is reachable.
  const reachable = Math.log2(Math.min(v.length, allHex(v) ? 16 : 62));
  if (name.cls === 'secret') {
    if (v.length < 10 || ent < Math.min(3, 0.7 * reachable) || classCount(sh) < 2) return 0;
    return v.length >= 20 && ent >= 3.5 ? 0.75 : 0.65;
  }
  if (v.length < 12 || classCount(sh) < 2) return 0;
  if (!(ent >= Math.min(3.5, 0.85 * reachable) || (v.length >= 32 && ent >= 2.9))) return 0;
  return v.length >= 24 && ent >= 3.7 ? 0.65 : 0.55;
}

const QUOTES = new Set(['"', "'", '`']);
const VALUE_END = new Set([' ', '\t', '\n', '\r', '"', "'", '`', ';', ',', ')', '(', '}', '{', ']', '[', '<', '>', '&', '|']);
const HEADER_SCHEMES = new Set(['bearer', 'basic', 'token', 'api-token', 'apikey', 'digest', 'bot', 'jwt', 'oauth', 'ssws', 'key']);

interface ReadValue {
  start: number;
  end: number;
  value: string;
}

/** The value of a blank-separated config line: everything up to the next blank (`bindpw p&ss#w0rd`). */
function lineWord(text: string, i: number): ReadValue | undefined {
  let j = i;
  while (j < text.length && j - i < 1000 && !' \t\r\n'.includes(text[j] as string)) j++;
  return j > i ? { start: i, end: j, value: text.slice(i, j) } : undefined;
}

/** Read a quoted (escape-aware) or bare value at `i`; `\"…\"` (quoted inside a JSON string) too. */
function readValue(text: string, i: number): ReadValue | undefined {
  const q = text[i] as string;
  if (q === '\\' && QUOTES.has(text[i + 1] as string)) {
    const close = text.indexOf(`\\${text[i + 1]}`, i + 2);
    if (close === -1 || close - i > 1002) return undefined;
    return { start: i + 2, end: close, value: text.slice(i + 2, close) };
  }
  if (QUOTES.has(q)) {
    let j = i + 1;
    const stop = Math.min(text.length, i + 1002);
    while (j < stop && text[j] !== q && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    if (text[j] !== q) return undefined;
    return { start: i + 1, end: j, value: text.slice(i + 1, j) };
  }
  let j = i;
  const stop = Math.min(text.length, i + 1001);
  while (j < stop && !VALUE_END.has(text[j] as string)) j++;
  // a sentence-final full stop is not part of the value
  while (j > i && (text[j - 1] === '.' || text[j - 1] === ':')) j--;
  return j > i ? { start: i, end: j, value: text.slice(i, j) } : undefined;
}

/**
 * ODBC connection strings brace a value that holds special characters: `…;UID=app;PWD={p@ss;w0rd};`.
 * Only in that form (the pair follows a `;`, the brace closes before `;`, a quote or the end), so
 * JSX and templates (`password={pw}`, `{password}`) are not read as one.
 */
function odbcBraced(text: string, nameStart: number, k: number): ReadValue | undefined {
  let b = nameStart - 1;
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
  if (text[b] !== ';') return undefined;
  let close = k + 1;
  const stop = Math.min(text.length, k + 257);
  while (close < stop && text[close] !== '}') close++;
  if (text[close] !== '}') return undefined;
  const after = text[close + 1];
  if (after !== undefined && after !== ';' && !QUOTES.has(after) && after !== '\n' && after !== '\r') return undefined;
  const value = text.slice(k + 1, close);
  return value.length === 0 || hasWhitespace(value) ? undefined : { start: k + 1, end: close, value };
}

/**
 * Key/value pairs that name a secret in one field and hold it in the next: the quote at `q` opens
 * the value of a `key=`/`name=` attribute or a `"key":`/`"name":` member, and at `k` (after its
 * closing quote) follows `value=` or `, "value":`. Returns the index of the value, or -1.
 */
function pairValueAt(text: string, q: number, k: number): number {
  let b = q - 1;
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
  const sep = text[b];
  if (sep !== '=' && sep !== ':') return -1;
  if (sep === ':' && (text[b - 1] === '"' || text[b - 1] === "'")) b--;
  const field = text.slice(Math.max(0, b - 4), b).toLowerCase();
  if (field !== 'name' && !field.endsWith('key')) return -1;
  let i = k;
  // <entry key="db.password">…</entry>: Java's XML properties, the value is the element's text
  if (sep === '=' && text[i] === '>') return i + 1;
  if (sep === ':') {
    if (text[i] !== ',') return -1;
    i = skipSpace(text, i + 1);
    if (text[i] !== '"' && text[i] !== "'") return -1;
    i++;
  }
  if (text.slice(i, i + 5).toLowerCase() !== 'value') return -1;
  i += 5;
  if (sep === ':') {
    // the closing quote of "value"
    if (text[i] !== '"' && text[i] !== "'") return -1;
    i++;
  }
  i = skipBlanks(text, i);
  return text[i] === sep ? skipBlanks(text, i + 1) : -1;
}

/** Verbs that read, check or derive a credential rather than set one: `getSecret("name")`. */
const NOT_SETTERS = new Set([
  'get',
  'fetch',
  'read',
  'load',
  'find',
  'lookup',
  'resolve',
  'has',
  'is',
  'delete',
  'remove',
  'revoke',
  'rotate',
  'create',
  'generate',
  'new',
  'validate',
  'verify',
  'check',
  'parse',
  'decode',
  'encode',
  'hash',
  'mask',
  'redact',
  'to',
  'from',
  'on',
  'handle',
  'require',
  'use',
]);

/** `setApiKey(`, `withToken(`, or a builder method `.apiKey(` / `.password(` (a name without a verb). */
function isSetterCall(text: string, s: number, ident: string): boolean {
  const dot = ident.lastIndexOf('.');
  const first = words(ident.slice(dot + 1))[0] ?? '';
  if (first === 'set' || first === 'with') return true;
  return (dot >= 0 || text[s - 1] === '.') && !NOT_SETTERS.has(first);
}

/** What follows a type or variable in code: list and statement ends, unions, generics, blocks. */
const CODE_FOLLOW = new Set([',', ';', ')', '|', '>', '<', '}', '&']);

/** An identifier as code names them (camelCase, PascalCase, snake_case; few digits), not a random string. */
function codeIdentifier(v: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(v) || shape(v).digits > 2) return false;
  // words of a name (`isApiKeyProvider`: is/api/key/provider) are runs of letters; a random string
  // split at its case changes falls into one- and two-letter pieces
  const ws = words(v.replace(/\$/g, ''));
  let letters = 0;
  for (const w of ws) {
    if (!/^[a-z]+\d{0,2}$/.test(w)) return false;
    letters += w.length;
  }
  return ws.length > 0 && letters >= 3 * ws.length;
}

/** `Type =` / `Type<T>? =` at `k` (an annotation or declaration type): the index after '=', or -1. */
function typedEquals(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return -1;
  let i = k;
  const stop = Math.min(text.length, k + 40);
  while (i < stop && (!notIn(text, i, IDENT) || '<>[]?|'.includes(text[i] as string))) i++;
  i = skipBlanks(text, i);
  if (text[i] !== '=' || text[i + 1] === '=' || text[i + 1] === '>') return -1;
  return i + 1;
}

/** `|`, `|-`, `>+`, `>2` … then the end of the line: the start of the next line's indented value. */
function blockScalarStart(text: string, k: number): number {
  let i = k + 1;
  const digitOrSign = (c: number) => c === 45 || c === 43 || (c >= 49 && c <= 57);
  while (i < text.length && i - k < 4 && digitOrSign(text.charCodeAt(i))) i++;
  i = skipBlanks(text, i);
  if (text[i] === '\r') i++;
  if (text[i] !== '\n') return k;
  const indent = i + 1;
  const j = skipBlanks(text, indent);
  return j > indent ? j : k;
}

/** The line holding `i` starts with `|` (a Markdown table row, not a `A | B` union in code). */
function isTableRow(text: string, i: number): boolean {
  let b = i;
  while (b > 0 && i - b < 512 && text[b - 1] !== '\n') b--;
  return text[skipBlanks(text, b)] === '|';
}

/** Index of the last non-blank character at or before `i` (-1 if none). */
function skipBlanksBack(text: string, i: number): number {
  let j = i;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j;
}

/** Blanks and line breaks. */
function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
  return j;
}

function skipBlanks(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}

// `.=` `+=` `??=`: PHP concatenation, make's append, null-coalescing assignment
const OPERATORS = [':::=', '::=', '??=', ':=', '?=', '+=', '.=', '=>', '==', '=', ':'];

const PROSE_OPERATORS = ['is:', 'is ', 'was:', 'was ', 'are:', 'are ', 'è ', 'è:'];
/** The same copulas in the languages of FOREIGN_PASSWORD_WORDS (short ones only after those words). */
const FOREIGN_OPERATORS = [
  'ist:',
  'ist ',
  'lautet:',
  'lautet ',
  'es:',
  'es ',
  'est:',
  'est ',
  'é ',
  'è ',
  'e ',
  'är ',
  'er ',
  'on ',
  'to ',
  'jest ',
  'is ',
  'is:',
];

/** `is` / `was` (optionally with a colon) after a secret-bearing name in prose, or ''. */
function proseOperator(text: string, k: number, foreign = false): string {
  for (const o of foreign ? FOREIGN_OPERATORS : PROSE_OPERATORS) {
    if (text.length <= k + o.length) continue;
    let j = 0;
    while (j < o.length && ((text.charCodeAt(k + j) | 32) === o.charCodeAt(j) || o[j] === ' ' || o[j] === ':')) {
      if ((o[j] === ' ' || o[j] === ':') && text[k + j] !== o[j]) break;
      j++;
    }
    if (j === o.length) return o;
  }
  return '';
}

/** Words before "clave" that make it no password: "palabra clave" (keyword), "punto clave" (key point). */
const CLAVE_NOT_AFTER: ReadonlySet<string> = new Set(['palabra', 'palabras', 'punto', 'puntos', 'idea', 'factor', 'pieza', 'elemento']);
/** The word that ends before the blanks before index s, lower-cased (at most 16 characters back). */
function wordBefore(text: string, s: number): string {
  let e = s;
  while (e > 0 && s - e < 4 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  if (e === s) return '';
  let b = e;
  while (b > 0 && e - b < 16 && qualifierChar(text.charCodeAt(b - 1))) b--;
  return text.slice(b, e).toLowerCase();
}

/** Prepositions that open words saying which password is meant: "for the FTP server", "del wifi". */
const QUALIFIER_PREPS: ReadonlySet<string> = new Set(
  'for to of on at from del de du des für fur zum zur vom van voor per di della dello da do dla för til till'.split(' '),
);
/** Copulas after such words (any case), and the colon of a label. */
const QUALIFIED_COPULAS = [
  'is:',
  'is ',
  'was ',
  'es:',
  'es ',
  'est:',
  'est ',
  'ist:',
  'ist ',
  'lautet:',
  'lautet ',
  'è ',
  'é ',
  'är ',
  'er ',
  'jest ',
];

/**
 * After a password's name, up to five words that say which password ("for the FTP server", "del
 * server FTP", "für den NAS") and then a copula or a colon; or one word and a colon ("mot de passe
 * admin : …"). The index where the value starts, or -1. Reads at most five short words.
 */
function qualifiedOperator(text: string, k: number): number {
  let i = k;
  let prep = false;
  for (let n = 0; ; n++) {
    if (n > 0 && prep) {
      const ahead = text.slice(i, i + 7).toLowerCase();
      for (const o of QUALIFIED_COPULAS) if (ahead.startsWith(o)) return skipBlanks(text, i + o.length);
    }
    if (n === 5) return -1;
    const ws = i;
    while (i < text.length && i - ws < 24 && qualifierChar(text.charCodeAt(i))) i++;
    if (i === ws || i - ws === 24) return -1;
    if (n === 0) prep = QUALIFIER_PREPS.has(text.slice(ws, i).toLowerCase());
    let j = i;
    while (text[j] === ' ') j++;
    if (text[j] === ':' && (prep || n === 0) && text[j + 1] !== '/') return skipBlanks(text, j + 1);
    if (text[i] !== ' ') return -1;
    i++;
  }
}
/** Letters (any script), digits, `-` and `_`. */
function qualifierChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * A value told in a sentence: everything up to the next blank, without the sentence's closing
 * punctuation (`.`, `,`, `;`, `:`, `?`, a closing bracket or quote), so "Osaka&2026" keeps its `&`.
 */
function proseValue(text: string, k: number): ReadValue | undefined {
  let e = k;
  while (e < text.length && e - k < 128 && !isBlankCode(text.charCodeAt(e))) e++;
  while (e > k && '.,;:?)]"\'»”’'.includes(text[e - 1] as string)) e--;
  if (e === k) return undefined;
  return { start: k, end: e, value: text.slice(k, e) };
}
function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000;
}

export interface AssignState {
  /** End of the last name examined: several keywords in one name are examined once. */
  lastNameEnd: number;
}

/** Keys of configs that separate key and value by blanks (nslcd.conf, ldap.conf, slapd.conf, redis.conf). */
const SPACE_KEYS: ReadonlySet<string> = new Set(['bindpw', 'rootpw', 'requirepass', 'masterauth']);

/** `<secret-bearing name> <operator> <value>` around a keyword found at [kwStart, kwEnd). */
export function assignmentAt(text: string, kwStart: number, kwEnd: number, st: AssignState): Hit | undefined {
  if (kwStart < st.lastNameEnd) return undefined;
  let s = runStart(text, kwStart, IDENT, 64);
  let e = runEnd(text, kwEnd, IDENT, 64);
  st.lastNameEnd = e;
  while (e > s && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
  const flag = text[s] === '-';
  // (a quoted flag is a quoted key: `["redis-server", "--requirepass", "…"]`)
  const quotedKey = s > 0 && QUOTES.has(text[s - 1] as string);
  while (s < e && text[s] === '-') s++;
  const ident = text.slice(s, e);
  let name = classifyName(ident);
  if (!name) return undefined;
  // Spanish "clave" is a password, but "palabra clave" a keyword and "clave pública" a public key
  if (name.norm === 'clave' && CLAVE_NOT_AFTER.has(wordBefore(text, s))) return undefined;
  if (name.norm === 'clave' && /^\s+p[uú]blica/i.test(text.slice(e, e + 10))) return undefined;
  // operator
  let k = e;
  if (text[k] === '\\' && QUOTES.has(text[k + 1] as string)) k++;
  if (QUOTES.has(text[k] as string)) k++;
  if (text[k] === ']') k++;
  const afterName = k;
  k = skipBlanks(text, k);
  let op = '';
  let prose = false; // a value told in a sentence
  let qualified = false; // … after words that say which password
  const opAt = k;
  for (const o of OPERATORS) {
    if (text.startsWith(o, k)) {
      op = o;
      break;
    }
  }
  // only a quoted name followed by `,` or `value` can be the first half of a key/value pair
  const pairStart = text[k] === ',' || text[k] === 'v' || text[k] === 'V' || text[k] === '>';
  const pair = !op && quotedKey && pairStart ? pairValueAt(text, s - 1, k) : -1;
  if (op) k += op.length;
  else if (flag && k > afterName) op = ' ';
  else if (pair > 0) {
    // <add key="ApiKey" value="…"/>, {"name": "api_token", "value": "…"}: key/value pairs
    op = 'value=';
    k = pair;
  } else if (quotedKey && text[k] === ',') {
    op = ',';
    k++;
  } else if (text[k] === '|' && text[skipBlanksBack(text, s - 1)] === '|' && isTableRow(text, s)) {
    // | api_key | … |: a Markdown table row, the value in the next cell
    op = '|';
    k++;
  } else if (text[s - 1] === '<' && text[k] === '>') {
    // <apiToken>…</apiToken>, the value on its own line or not
    op = '>';
    k = skipSpace(text, k + 1);
    if (ident === 'key') {
      // A property list's <key>ApiKey</key> <string>…</string>: the element names the secret and
      // the string after it holds it (<key>CFBundleDisplayName</key> names nothing secret).
      const rel = text.slice(k, k + 70).indexOf('</key>'); // (bounded: no rescan of a long text)
      if (rel === -1) return undefined;
      const close = k + rel;
      const named = classifyName(text.slice(k, close).trim());
      const v = skipSpace(text, close + 6);
      if (!named || !text.startsWith('<string>', v)) return undefined;
      name = named;
      k = v + 8;
    }
  } else if (text[k] === '(' && k === afterName && isSetterCall(text, s, ident)) {
    // setApiKey("…"), withToken("…"), .apiKey("…"): a setter or builder given a literal
    op = '(';
    k++;
  } else if (k > afterName && typedEquals(text, k) > 0) {
    // Go `var apiToken string = "…"`, C# `string apiToken = …` (the type before the name is not read)
    op = '=';
    k = typedEquals(text, k);
  } else if (k > afterName && SPACE_KEYS.has(ident.toLowerCase()) && (s === 0 || text[s - 1] === '\n')) {
    // nslcd.conf / ldap.conf / slapd.conf: `bindpw <value>` at the start of a line
    op = ' ';
  } else {
    // "my password is Hq7m…", "the token was: …": a credential told in a sentence. The value rules
    // below still apply, so "the password is incorrect" or "the token is expired" stay negative.
    op = k > afterName && name.cls !== 'weak' ? proseOperator(text, k, FOREIGN.has(name.norm)) : '';
    if (op) k += op.length;
    else if (k > afterName && name.cls === 'password') {
      // "the password for the FTP server is …", "la contraseña del wifi es …", "le mot de passe admin : …"
      const v = qualifiedOperator(text, k);
      if (v < 0) return undefined;
      op = 'is ';
      qualified = true;
      k = v;
    } else return undefined;
    prose = true;
  }
  if (op === '==' && text[k] === '=') return undefined;
  // Shell parameter expansion: `${DB_PASSWORD:?must be set}` holds a message, `${DB_PASSWORD:-…}`
  // and `${DB_PASSWORD:=…}` a hard-coded default (which is read)
  if (op === ':' && text[s - 1] === '{' && text[s - 2] === '$') {
    if (text[k] === '?') return undefined;
    if (text[k] === '-' || text[k] === '=') k++;
  }
  // `cond ? duplexKey : 'x'`: the colon of a conditional expression, not of a key
  if (op === ':') {
    let b = s - 1;
    while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
    if (text[b] === '?') return undefined;
  }
  k = skipBlanks(text, k);
  if (op === ':') {
    // TypeScript/Kotlin/Swift `apiToken: string = "…"`: a type annotation, then the value
    const typed = typedEquals(text, k);
    if (typed > 0) k = skipBlanks(text, typed);
    // YAML block scalars `api_token: |` / `>-`: the value is on the next, indented line
    else if (text[k] === '|' || text[k] === '>') k = blockScalarStart(text, k);
  }
  if ((op === ',' || op === '(') && !QUOTES.has(text[k] as string)) return undefined;
  let rv =
    text[k] === '{' && op === '='
      ? odbcBraced(text, s, k)
      : op === ' ' && !flag
        ? lineWord(text, k)
        : prose && !QUOTES.has(text[k] as string)
          ? proseValue(text, k)
          : readValue(text, k);
  if (!rv) return undefined;
  // After a qualifier, a capitalised word is a sentence going on ("… is Changed weekly"): the
  // value must have a digit or a symbol.
  if (qualified && shape(rv.value).digits === 0 && symbols(rv.value) === 0) return undefined;
  // process.env.API_KEY || "…", config.token ?? '…': the literal fallback of a variable is hard-coded
  if (!QUOTES.has(text[rv.start - 1] as string)) {
    const alt = skipBlanks(text, rv.end);
    if ((text.startsWith('||', alt) || text.startsWith('??', alt)) && text[alt + 2] !== '=') {
      const fallback = readValue(text, skipBlanks(text, alt + 2));
      if (fallback && QUOTES.has(text[fallback.start - 1] as string)) rv = fallback;
    }
  }
  // <add key="ApiKey" value="…"/>: the key attribute names the secret, the value attribute holds it
  if (name.norm === 'key' && (op === '=' || op === ':') && QUOTES.has(text[rv.start - 1] as string)) {
    const v = pairValueAt(text, rv.start - 1, skipBlanks(text, rv.end + 1));
    if (v > 0) {
      const named = classifyName(rv.value);
      const value = named && readValue(text, skipBlanks(text, v));
      if (!named || !value || !QUOTES.has(text[value.start - 1] as string)) return undefined;
      name = named;
      rv = value;
    }
  }
  // Keywords inside this value are part of it, not names of further assignments; but a URL's
  // query names its own parameters (`pw = "jdbc:…?user=app&password=…"`).
  if (!rv.value.includes('://')) st.lastNameEnd = Math.max(st.lastNameEnd, rv.end);
  // `password = TextField()`, `token = cfg[…]`, `key = flag ? a : b`, `key = a + b`: an unquoted
  // name called, indexed or continued by an operator is code
  if (!QUOTES.has(text[rv.start - 1] as string)) {
    if (text[rv.end] === '(' || text[rv.end] === '[') return undefined;
    const after = skipBlanks(text, rv.end);
    const next = text[after];
    if (after > rv.end && (next === '?' || next === '+' || next === '*' || next === '=')) return undefined;
    // `password: KDFInput,` `privateKey: NonSharedBuffer;` `refresh_token: newToken }`, and
    // `password = newPassword;`: a type or a variable in code, not a literal (a literal is quoted)
    const spaced = op === '=' && text[opAt - 1] === ' ' && text[opAt + 1] === ' ';
    const follow = CODE_FOLLOW.has(text[rv.end] as string) || ((op === ':' || spaced) && (next === '|' || next === '&'));
    if ((op === ':' || spaced) && follow && codeIdentifier(rv.value)) return undefined;
  }
  // `abc…` / `abc...`: shown truncated, i.e. redacted or elided
  if (text.startsWith('..', rv.end) || text[rv.end] === '…') return undefined;
  let type = name.cls === 'password' ? 'password_assignment' : 'secret_assignment';
  let family = 'generic';
  let rule = name.cls === 'password' ? 'password-assignment' : 'secret-assignment';
  // "Authorization": "Bearer <token>": scheme and credential quoted together (JSON, dicts, fetch headers)
  const space = rv.value.indexOf(' ');
  if (space > 0 && HEADER_SCHEMES.has(rv.value.slice(0, space).toLowerCase())) {
    const cred = { start: rv.start + space + 1, end: rv.end, value: rv.value.slice(space + 1) };
    if (cred.value.length === 0 || hasWhitespace(cred.value)) return undefined;
    if (rv.value.slice(0, space).toLowerCase() === 'basic') return basicHeader(cred);
    rv = cred;
    rule = 'auth-header';
    type = 'auth_header';
  }
  // Authorization: Bearer <token> / Basic <base64 user:pass>
  else if (name.norm.endsWith('authorization') || name.norm.endsWith('auth') || HEADER_SCHEMES.has(rv.value.toLowerCase())) {
    const scheme = rv.value.toLowerCase();
    if (HEADER_SCHEMES.has(scheme) && (text[rv.end] === ' ' || text[rv.end] === '\t')) {
      const next = readValue(text, skipBlanks(text, rv.end));
      if (!next) return undefined;
      if (scheme === 'basic') return basicHeader(next);
      rv = next;
      rule = 'auth-header';
      type = 'auth_header';
    }
  }
  if (sealedCiphertext(text, rv)) return undefined;
  // Names that say which credential this is.
  const n = name.norm;
  // git's `user.signingkey = 7DB1167EC02E06A1`: the id (or upper-case fingerprint) of a GPG key, public
  if (n === 'signingkey' && /^(?:0x)?(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{16}|[0-9A-F]{40})$/.test(rv.value)) return undefined;
  if (n.includes('aws') && n.endsWith('secretaccesskey')) {
    // The name fixes the format (40 base64 characters): anything else there (an encrypted blob, a
    // reference) is not an AWS secret key; and a random one is, even where it starts like a path
    // ("/orE3Qy/++yP…", which the generic value checks take for one).
    if (rv.value.length !== 40 || !allB64(rv.value) || isFillerBody(rv.value) || entropy(rv.value) < 4) return undefined;
    return awsSecretKey(rv);
  }
  let score = assessValue(
    rv.value,
    name,
    type === 'auth_header' || name.norm.endsWith('authorization'),
    QUOTES.has(text[rv.start - 1] as string),
  );
  if (score === 0) return undefined;
  if (!ibmFormat(n, rv.value)) return undefined;
  if (rv.value.length === 40 && (n.includes('aws') || n.endsWith('secretaccesskey')) && allB64(rv.value)) {
    return awsSecretKey(rv);
  }
  if (n.endsWith('accountkey') || n.endsWith('sharedaccesskey')) {
    if (rv.value === AZURITE_KEY) return hit('azure-storage-key', 'azure_storage_key', 'azure', rv, 0.3, 'Azurite emulator public key');
    if (rv.value.length >= 40 && allB64(stripTrailing(rv.value, PAD)))
      return hit('azure-storage-key', 'azure_storage_key', 'azure', rv, 0.9);
  }
  if (
    n.includes('azure') ||
    (n.endsWith('clientsecret') && /azure|tenant|microsoft|entra/i.test(text.slice(Math.max(0, s - 300), rv.end + 300)))
  ) {
    type = 'azure_client_secret';
    family = 'azure';
    rule = 'azure-client-secret';
    score = Math.max(score, 0.7);
  } else if (n.includes('twilio')) {
    type = 'twilio_auth_token';
    family = 'twilio';
    rule = 'twilio-auth-token';
  }
  return hit(rule, type, family, rv, score);
}

/**
 * IBM credentials whose name fixes the format, as AWS's does: a Cloud IAM API key is 44
 * characters of A-Z a-z 0-9 _ -, a Cloud Object Storage HMAC secret key 48 hex digits. Another
 * value under such a name is a different string (a reference, a longer composed value).
 */
function ibmFormat(norm: string, v: string): boolean {
  if (norm.includes('cos') && (norm.includes('ibm') || norm.includes('hmac')) && /secret(?:access)?key$/.test(norm)) {
    return v.length === 48 && allHex(v);
  }
  if (norm.includes('ibmcloud') || norm.includes('ibmiam') || norm.includes('cloudiam')) {
    return v.length === 44 && allIn(v, ALNUM | URL64);
  }
  return true;
}

function allHex(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (notIn(v, i, HEX)) return false;
  return v.length > 0;
}

function allB64(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (notIn(v, i, B64)) return false;
  return v.length > 0;
}

function hit(rule: string, type: string, family: string, rv: ReadValue, score: number, note?: string): Hit {
  return { rule, type, family, start: rv.start, end: rv.end, score, value: rv.value, ...(note ? { note } : {}) };
}

function basicHeader(rv: ReadValue): Hit | undefined {
  const decoded = decodeBase64(rv.value);
  if (decoded === undefined || !/^[\x20-\x7e]*$/.test(decoded.replace(/[\x80-\xff]/g, 'x'))) return undefined;
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  // A password may hold single spaces ("etl:cobalt meadow orca90"); credentialPair, made for
  // values read out of text where a blank ends the value, judges it with the spaces joined.
  const pass = decoded.slice(colon + 1);
  const spaced = pass.trim() === pass && !/\s\s|[\t\r\n]/.test(pass);
  const score = credentialPair(decoded.slice(0, colon), spaced ? pass.replace(/ /g, '-') : pass);
  if (score === 0) return undefined;
  return hit('basic-auth-header', 'basic_auth_header', 'basic_auth', rv, Math.max(score, 0.8), 'decoded user:password');
}

/** The storage emulator's (Azurite's) account key, published in Microsoft's documentation: not a secret. */
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Sealed Secrets' `encryptedData:` values: ciphertext for the cluster's key (a version byte that
 * base64-encodes as `Ag`, then hundreds of characters), safe to commit by design.
 */
function sealedCiphertext(text: string, rv: ReadValue): boolean {
  if (rv.value.length < 200 || !rv.value.startsWith('Ag') || !allB64(stripTrailing(rv.value, PAD))) return false;
  // (within the 8 KB before the value: a bounded read per candidate, whatever the text's length)
  const before = text.slice(Math.max(0, rv.start - 8192), rv.start);
  return before.includes('encryptedData') && before.includes('SealedSecret');
}

/** An AWS secret access key by its name; AWS's documented example is reported, not flagged. */
function awsSecretKey(rv: ReadValue): Hit {
  const example = rv.value.endsWith('EXAMPLEKEY');
  return hit('aws-secret-access-key', 'aws_secret_key', 'aws', rv, example ? 0.3 : 0.9, example ? 'AWS documented example' : undefined);
}

/**
 * A Basic credential in a string of code, without a header name before it:
 * `HeaderValue::from_static("Basic c3ZjOn…")`, `'Basic ' + …` excluded (the base64 must follow in
 * the same string and decode to user:password). `at` is the opening quote.
 */
export function quotedBasic(text: string, at: number, anchor: string): Hit | undefined {
  const from = at + anchor.length;
  const end = runEnd(text, from, B64 | PAD, 1000);
  if (text[end] !== anchor[0] || end - from < 8) return undefined;
  return basicHeader({ start: from, end, value: text.slice(from, end) });
}

/** Score of an explicit user:password pair; 0 when either side is a placeholder. */
export function credentialPair(user: string, pass: string): number {
  if (pass.length === 0) {
    // `token:` / `<token>@host`: the user part carries the secret
    return looksRandom(user) ? 0.8 : 0;
  }
  if (pass === user || pass.length < 4 || isOneRepeatedChar(pass) || notAValueLoose(pass)) return 0;
  // `username:…`, `${USER}:…`, `YOUR_USER:…` mark a template; real user names (admin, root) do not.
  if (user && (isTemplated(user) || isFillerBody(user) || /^(?:user_?name|login)$/i.test(user)) && !looksRandom(pass)) return 0;
  const sh = shape(pass);
  return classCount(sh) >= 2 && pass.length >= 8 ? 0.9 : 0.7;
}

/** Like notAValue, but allowing what passwords legitimately contain (@, ~, leading symbols). */
function notAValueLoose(v: string): boolean {
  return hasWhitespace(v) || isPlaceholderValue(v) || hasStandin(v);
}

/** A stand-in word (fake, example, your, xxxx, …) anywhere in the value, in any case. */
function hasStandin(v: string): boolean {
  const low = v.toLowerCase();
  for (const w of STANDIN) if (low.includes(w)) return true;
  return false;
}

function looksRandom(v: string): boolean {
  const sh = shape(v);
  return v.length >= 10 && entropy(v) >= 3.2 && classCount(sh) >= 2 && !notAValueLoose(v);
}

const DB_SCHEMES = new Set([
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'mongodb',
  'mongodb+srv',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mssql',
  'sqlserver',
  'oracle',
  'clickhouse',
  'cockroachdb',
  'couchdb',
  'neo4j',
  'neo4j+s',
  'bolt',
  'cassandra',
  'memcached',
  'db2',
  'snowflake',
  'presto',
  'trino',
]);

/**
 * `scheme://` of the URLs that carry credentials, base64-encoded from the value's start, to the
 * last whole group (`cG9zdGdyZXM6` = "postgres:"): a Kubernetes Secret's `data:`, a CI variable.
 */
export const BASE64_URL_ANCHORS = [...DB_SCHEMES, 'https', 'http', 'smtp', 'smtps', 'ftp', 'sftp', 'ldap', 'ldaps'].map((scheme) => {
  const raw = `${scheme}://`;
  return Buffer.from(raw.slice(0, raw.length - (raw.length % 3)), 'latin1').toString('base64');
});

/** A base64 value that decodes to a URL with credentials (a DSN in a Kubernetes Secret's `data:`). */
export function base64Url(text: string, at: number): Hit | undefined {
  if (!notIn(text, at - 1, B64)) return undefined;
  const bodyEnd = runEnd(text, at, B64, 2048);
  const end = runEnd(text, bodyEnd, PAD, 2);
  if (!notIn(text, end, B64 | PAD)) return undefined;
  const decoded = decodeBase64(text.slice(at, end));
  if (decoded === undefined || !/^[\x21-\x7e]+$/.test(decoded)) return undefined;
  const h = urlCredentials(decoded, decoded.indexOf('://'));
  if (!h) return undefined;
  return { ...h, start: at, end, value: text.slice(at, end), note: 'base64-encoded' };
}

/** The JSON string value after a member name that ends at `i` (`: "…"`), without escapes, at most 512 characters. */
function jsonStringAfter(text: string, i: number): string | undefined {
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t') i++;
  if (text[i] !== ':') return undefined;
  i++;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t') i++;
  if (text[i] !== '"') return undefined;
  const close = text.indexOf('"', i + 1);
  if (close === -1 || close - i > 513 || text.lastIndexOf('\\', close) > i) return undefined;
  return text.slice(i + 1, close);
}

/** Base64 of a Docker config's opening (`{"auths":`, also pretty-printed): a `.dockerconfigjson` Secret. */
export const DOCKER_CONFIG_ANCHORS = ['eyJhdXRocyI6', 'ewogICJhdXRocyI6', 'ewogICAgImF1dGhzIjog', 'ewoJImF1dGhzIjog'];

/**
 * A Kubernetes `.dockerconfigjson` value: base64 of `{"auths":{"host":{"auth":"<base64 user:pass>"}}}`
 * (or `"username"`/`"password"` members). Reported as the whole value when a login in it is one.
 */
export function base64DockerConfig(text: string, at: number): Hit | undefined {
  if (!notIn(text, at - 1, B64)) return undefined;
  const bodyEnd = runEnd(text, at, B64, 8192);
  const end = runEnd(text, bodyEnd, PAD, 2);
  const decoded = decodeBase64(text.slice(at, end));
  if (decoded === undefined) return undefined;
  let score = 0;
  for (let k = decoded.indexOf('"auth"'); k !== -1; k = decoded.indexOf('"auth"', k + 6)) {
    const login = decodeBase64(jsonStringAfter(decoded, k + 6) ?? '');
    const colon = login?.indexOf(':') ?? -1;
    if (login === undefined || colon <= 0) continue;
    score = Math.max(score, credentialPair(login.slice(0, colon), login.slice(colon + 1)));
  }
  const p = decoded.indexOf('"password"');
  const pass = p === -1 ? undefined : jsonStringAfter(decoded, p + 10);
  if (pass) {
    const u = decoded.indexOf('"username"');
    score = Math.max(score, credentialPair(u === -1 ? '' : (jsonStringAfter(decoded, u + 10) ?? ''), pass));
  }
  if (score === 0) return undefined;
  return hit(
    'docker-config-auth',
    'docker_registry_auth',
    'docker',
    { start: at, end, value: text.slice(at, end) },
    Math.min(score, 0.9),
    'base64 docker config',
  );
}

/** scheme://user:password@host — at is the index of "://". */
export function urlCredentials(text: string, at: number): Hit | undefined {
  let s = at;
  while (s > 0 && at - s < 24 && /[A-Za-z0-9+.-]/.test(text[s - 1] as string)) s--;
  const scheme = text.slice(s, at).toLowerCase();
  if (!scheme || !/^[a-z]/.test(scheme)) return undefined;
  if (text.startsWith('jdbc:', s - 5)) s -= 5;
  const from = at + 3;
  let i = from;
  let lastAt = -1;
  const stop = Math.min(text.length, from + 256);
  while (i < stop) {
    const c = text[i] as string;
    if (c === '/' || c === '?' || c === '#' || c === '"' || c === "'" || c === '`' || c === '<' || c === '>' || c === '\\' || c === ' ')
      break;
    if (c === '\n' || c === '\t' || c === '\r' || c === '(' || c === ')' || c === ',' || c === ';') break;
    if (c === '@') lastAt = i;
    i++;
  }
  if (lastAt === -1 || (notIn(text, lastAt + 1, ALNUM) && text[lastAt + 1] !== '[')) return undefined;
  const userinfo = text.slice(from, lastAt);
  const colon = userinfo.indexOf(':');
  const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const pass = colon === -1 ? '' : userinfo.slice(colon + 1);
  // GitHub/GitLab/Bitbucket token URLs: the token is the user (x-oauth-basic) or the password.
  let explicit = '';
  if (pass === 'x-oauth-basic' || pass === 'x-oauth') explicit = user;
  else if (user === 'x-access-token' || user === 'oauth2' || user === 'x-token-auth' || user === 'gitlab-ci-token') explicit = pass;
  const score = explicit ? (explicit.length >= 16 && !notAValueLoose(explicit) ? 0.85 : 0) : credentialPair(user, pass);
  if (score === 0) return undefined;
  const db = DB_SCHEMES.has(scheme);
  const rv = { start: s, end: lastAt + 1, value: userinfo };
  return db
    ? hit('database-connection-string', 'database_connection_string', 'database', rv, score)
    : hit('url-credentials', 'basic_auth_url', 'basic_auth', rv, score);
}

/** curl -u user:pass / --user user:pass — at is the index of the flag. */
export function curlUser(text: string, at: number, anchor: string): Hit | undefined {
  if (!notIn(text, at - 1, ALNUM | URL64) && text[at - 1] !== ' ') return undefined;
  let i = at + anchor.length;
  if (anchor === '--user' && text[i] !== ' ' && text[i] !== '=') return undefined;
  while (text[i] === ' ' || text[i] === '=') i++;
  // the value may be quoted as a whole or per half: "user":"pass", user:'pass'
  const start = i;
  const stop = Math.min(text.length, i + 300);
  let quote = '';
  while (i < stop) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = '';
    } else if (QUOTES.has(c)) quote = c;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
    i++;
  }
  const raw = text.slice(start, i);
  const value = raw.replace(/["'`]/g, '');
  const colon = value.indexOf(':');
  if (colon === -1 || value.includes('{{')) return undefined;
  const score = credentialPair(value.slice(0, colon), value.slice(colon + 1));
  if (score === 0) return undefined;
  return hit('curl-user-credentials', 'basic_auth_credentials', 'basic_auth', { start, end: i, value }, score);
}

/** Database and cache clients that take a password on the command line, by the flag that carries it. */
/** Container registry clients whose login takes `-p SECRET` (with a space, as sshpass does). */
const REGISTRY_LOGINS = [
  'docker login',
  'podman login',
  'buildah login',
  'nerdctl login',
  'skopeo login',
  'oras login',
  'helm registry login',
];

const CLI_PASSWORD_TOOLS: Readonly<Record<string, readonly string[]>> = {
  // mysql -pSECRET (glued: "-p SECRET" makes mysql prompt and SECRET is the database name)
  // … and registry logins: docker login -u ci -p SECRET registry.example.com
  '-p': ['mysql', 'mariadb', 'sshpass', ...REGISTRY_LOGINS],
  // redis-cli -a SECRET
  '-a ': ['redis-cli', 'keydb-cli'],
  // sqlcmd -U sa -P SECRET (SQL Server tools)
  '-P ': ['sqlcmd', 'bcp', 'osql'],
  // ldapsearch -D cn=admin -w SECRET (OpenLDAP clients; -W prompts instead)
  '-w ': ['ldapsearch', 'ldapmodify', 'ldapadd', 'ldapdelete', 'ldapwhoami', 'ldappasswd'],
};

/**
 * A password passed as a command-line flag: `mysql -u root -pSECRET`, `sshpass -p SECRET ssh …`,
 * `redis-cli -a SECRET`. `at` is the index of the flag; the tool must be named earlier on its line.
 */
export function cliPassword(text: string, at: number, anchor: string): Hit | undefined {
  if (text[at - 1] !== ' ' && text[at - 1] !== '\t') return undefined;
  let lineStart = at;
  while (lineStart > 0 && at - lineStart < 200 && text[lineStart - 1] !== '\n') lineStart--;
  const line = text.slice(lineStart, at).toLowerCase();
  const tool = (CLI_PASSWORD_TOOLS[anchor] ?? []).find((t) => line.includes(t));
  if (!tool) return undefined;
  let i = at + anchor.length;
  if (anchor === '-p') {
    // Only sshpass and the registry logins take the value after a space.
    if (text[i] === ' ' && (tool === 'sshpass' || REGISTRY_LOGINS.includes(tool))) i++;
    else if (text[i] === ' ' || text[i] === undefined) return undefined;
  }
  const rv = readValue(text, i);
  if (!rv || rv.value.startsWith('$') || rv.value.startsWith('-') || classCount(shape(rv.value)) < 2) return undefined;
  const score = rv.value.length >= 6 ? credentialPair('', rv.value) : 0;
  if (score === 0) return undefined;
  return hit('cli-password', 'password_assignment', 'generic', rv, Math.min(score, 0.8), `${tool} password flag`);
}

/** Oracle thin JDBC URLs carry the login as user/password: jdbc:oracle:thin:scott/tiger@host:1521/ORCL. */
export function oracleJdbc(text: string, at: number, anchor: string): Hit | undefined {
  let i = at + anchor.length;
  if (!text.startsWith('thin:', i) && !text.startsWith('oci:', i)) return undefined;
  i = text.indexOf(':', i) + 1;
  return oracleLogin(text, i, 'oracle jdbc');
}

/**
 * Oracle command-line clients take the same user/password@connect login as their first argument:
 * `sqlplus scott/tiger@//host:1521/ORCL`, `rman target sys/secret@prod`, `expdp system/secret@db`.
 * `at` is the index of the tool's name; flags (`-s`, `-L`, `target`) may come before the login.
 */
export function oracleCli(text: string, at: number, anchor: string): Hit | undefined {
  if (at > 0 && /[A-Za-z0-9_]/.test(text[at - 1] as string)) return undefined;
  let i = at + anchor.length;
  for (let k = 0; k < 3; k++) {
    while (text[i] === ' ') i++;
    if (text[i] === '-' || text.startsWith('target ', i) || text.startsWith('auxiliary ', i)) {
      while (i < text.length && text[i] !== ' ' && text[i] !== '\n') i++;
    } else break;
  }
  return oracleLogin(text, i, `${anchor.trim()} login`);
}

/** `user/password@connect` at `i`: the login of Oracle clients and thin JDBC URLs. */
function oracleLogin(text: string, i: number, note: string): Hit | undefined {
  const userEnd = runEnd(text, i, IDENT, 64);
  if (userEnd === i || text[userEnd] !== '/') return undefined;
  let j = userEnd + 1;
  const stop = Math.min(text.length, j + 128);
  while (j < stop && text[j] !== '@' && !VALUE_END.has(text[j] as string)) j++;
  if (text[j] !== '@' || j === userEnd + 1) return undefined;
  const score = credentialPair(text.slice(i, userEnd), text.slice(userEnd + 1, j));
  if (score === 0) return undefined;
  const rv = { start: i, end: j, value: text.slice(i, j) };
  return hit('database-connection-string', 'database_connection_string', 'database', rv, score, note);
}

/**
 * Go's MySQL driver DSN: `user:password@tcp(host:3306)/db` (also `@unix(/path)`), no scheme.
 * `at` is the index of the `@`; the login runs back to a quote, a blank or `=`, and the password
 * is everything after its first colon (the driver splits it so).
 */
export function goMysqlDsn(text: string, at: number): Hit | undefined {
  let s = at;
  while (s > 0 && at - s < 192 && !GO_DSN_STOP.has(text[s - 1] as string)) s--;
  if (s > 0 && !GO_DSN_STOP.has(text[s - 1] as string)) return undefined;
  const colon = text.indexOf(':', s);
  if (colon === -1 || colon >= at || colon === s) return undefined;
  const score = credentialPair(text.slice(s, colon), text.slice(colon + 1, at));
  if (score === 0) return undefined;
  const rv = { start: s, end: at, value: text.slice(s, at) };
  return hit('database-connection-string', 'database_connection_string', 'mysql', rv, score, 'go mysql dsn');
}
const GO_DSN_STOP = new Set(['"', "'", '`', ' ', '\t', '\n', '\r', '=', '(', ',', ';', '<', '>']);

/** An Azure shared access signature: `sig=` in a query string that also has the SAS version `sv=`. */
export function azureSas(text: string, at: number): Hit | undefined {
  const before = text[at - 1];
  if (before !== '&' && before !== '?') return undefined;
  let q = at;
  while (q > 0 && at - q < 400 && text[q - 1] !== '?' && text[q - 1] !== ' ' && text[q - 1] !== '\n') q--;
  const query = text.slice(q, at);
  if (!(query.startsWith('sv=') || query.includes('&sv='))) return undefined;
  const from = at + 4;
  const end = runEnd(text, from, B64 | PAD | ALNUM, 200);
  // URL-encoded base64 ("%2B", "%2F", "%3D") is allowed: percent signs and hex digits.
  let e = end;
  while (e < text.length && e - from < 200 && (text[e] === '%' || isB64Char(text.charCodeAt(e)))) e++;
  const value = text.slice(from, e);
  if (value.length < 40 || entropy(value) < 3.5) return undefined;
  return hit('azure-sas-token', 'azure_sas_token', 'azure', { start: from, end: e, value }, 0.9, 'shared access signature');
}

function isB64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61;
}

/** Discord webhook URLs: /api/webhooks/<snowflake id>/<token>. `at` is the index of the host. */
export function discordWebhook(text: string, at: number, anchor: string): Hit | undefined {
  const idFrom = at + anchor.length;
  const idEnd = runEnd(text, idFrom, DIGIT, 21);
  if (idEnd - idFrom < 17 || idEnd - idFrom > 20 || text[idEnd] !== '/') return undefined;
  const end = runEnd(text, idEnd + 1, URL64, 80);
  const token = text.slice(idEnd + 1, end);
  if (token.length < 60 || token.length > 72 || entropy(token) < 3.5) return undefined;
  return hit('discord-webhook', 'discord_webhook', 'discord', { start: at, end, value: text.slice(at, end) }, 0.95);
}

/** Bundler credentials: BUNDLE_GEMS__EXAMPLE__COM=user:pass (Bundler's host-keyed settings). */
export function bundlerCredentials(text: string, at: number): Hit | undefined {
  if (!notIn(text, at - 1, ALNUM | URL64)) return undefined;
  const e = runEnd(text, at, IDENT, 80);
  if (!text.slice(at, e).includes('__')) return undefined;
  let k = skipBlanks(text, e);
  if (text[k] !== '=' && text[k] !== ':') return undefined;
  k = skipBlanks(text, k + 1);
  const rv = readValue(text, k);
  if (!rv) return undefined;
  const colon = rv.value.indexOf(':');
  if (colon === -1) return undefined;
  const score = credentialPair(rv.value.slice(0, colon), rv.value.slice(colon + 1));
  if (score === 0) return undefined;
  return hit('bundler-credentials', 'basic_auth_credentials', 'basic_auth', rv, score);
}

/**
 * A `.netrc` entry: `machine <host> login <user> password <secret>` (on one line or several).
 * `at` is the index of `machine`; the entry ends at the next `machine` or `default` token.
 */
export function netrcEntry(text: string, at: number, anchor: string): Hit | undefined {
  if (!notIn(text, at - 1, ALNUM | URL64)) return undefined;
  const stop = Math.min(text.length, at + 400);
  const field = (i: number): ReadValue | undefined => {
    let e = i;
    while (e < stop && text[e] !== ' ' && text[e] !== '\t' && text[e] !== '\n' && text[e] !== '\r') e++;
    return e > i ? { start: i, end: e, value: text.slice(i, e) } : undefined;
  };
  const host = field(skipBlanks(text, at + anchor.length));
  if (!host || !allIn(host.value, ALNUM | IDENT)) return undefined;
  const fields: Record<string, ReadValue> = {};
  let i = host.end;
  for (let n = 0; n < 6 && i < stop; n++) {
    const key = field(skipSpace(text, i));
    if (!key || key.value === 'machine' || key.value === 'default') break;
    const value = field(skipSpace(text, key.end));
    if (!value) break;
    fields[key.value] = value;
    i = value.end;
  }
  const login = fields.login ?? fields.account;
  const pw = fields.password;
  // a sentence can hold "login … password …" too: a password of one character class is a word
  if (!login || !pw || classCount(shape(pw.value)) < 2) return undefined;
  const score = credentialPair(login.value, pw.value);
  if (score === 0) return undefined;
  return hit('netrc-credentials', 'password_assignment', 'generic', pw, Math.min(score, 0.85), '.netrc entry');
}

/** Cookie names that carry a session or an authentication token. */
const SESSION_COOKIE = /sess|^sid$|^connect\.sid$|auth|token|jwt|remember/i;

/**
 * A `Cookie:` / `Set-Cookie:` header (or curl `--cookie`): a session cookie's value logs its holder
 * in. `at` is the index of the anchor; the pairs run to the end of the line or the quote.
 */
export function cookieHeader(text: string, at: number, anchor: string): Hit | undefined {
  if (!notIn(text, at - 1, ALNUM)) return undefined;
  let i = skipBlanks(text, at + anchor.length);
  if (text[i] === '=' || text[i] === '"' || text[i] === "'") i = skipBlanks(text, i + 1);
  const stop = Math.min(text.length, i + 2048);
  let best: Hit | undefined;
  while (i < stop) {
    const nameEnd = runEnd(text, i, IDENT, 64);
    if (nameEnd === i || text[nameEnd] !== '=') break;
    const name = text.slice(i, nameEnd);
    let e = nameEnd + 1;
    while (e < stop && text[e] !== ';' && !VALUE_END.has(text[e] as string)) e++;
    const value = text.slice(nameEnd + 1, e);
    if (SESSION_COOKIE.test(name) && !best && looksRandom(value) && value.length >= 16 && entropy(value) >= 3.5) {
      best = hit('session-cookie', 'session_cookie', 'session', { start: nameEnd + 1, end: e, value }, 0.75, 'session cookie');
    }
    if (text[e] !== ';') break;
    i = skipBlanks(text, e + 1);
  }
  return best;
}

interface Span {
  start: number;
  end: number;
}

/**
 * A `.pgpass` line, `hostname:port:database:username:password`, alone on its line (PostgreSQL's
 * password file; `\:` escapes a colon in a field). `at` is the index of the `:` before a PostgreSQL
 * port (5432, 5433, 6432: the anchors); the line must hold exactly those five fields.
 */
export function pgpassLine(text: string, at: number): Hit | undefined {
  // the host field: from the line's start, without an unescaped colon (so a run of anchors on one
  // line costs a few characters each)
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && at - lineStart < 256) {
    if (text[lineStart - 1] === ':' && text[lineStart - 2] !== '\\') return undefined;
    lineStart--;
  }
  if (lineStart > 0 && text[lineStart - 1] !== '\n') return undefined;
  let lineEnd = at;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r' && lineEnd - at < 512) lineEnd++;
  // the fields, split at unescaped colons
  const fields: Span[] = [];
  let s = skipBlanks(text, lineStart);
  let end = lineEnd;
  while (end > s && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  for (let i = s; i <= end; i++) {
    if (i === end || (text[i] === ':' && text[i - 1] !== '\\')) {
      fields.push({ start: s, end: i });
      s = i + 1;
    } else if (text[i] === ' ' || text[i] === '\t') return undefined;
  }
  if (fields.length !== 5) return undefined;
  const [host, port, db, user, pass] = fields as [Span, Span, Span, Span, Span];
  // the anchor's port is the second field, and host, database and user are not empty
  if (port.start !== at + 1 || host.end === host.start || db.end === db.start || user.end === user.start) return undefined;
  const value = text.slice(pass.start, pass.end);
  const score = credentialPair(text.slice(user.start, user.end), value);
  if (score === 0) return undefined;
  return hit('pgpass-entry', 'password_assignment', 'postgres', { start: pass.start, end: pass.end, value }, score);
}

/**
 * Arguments of a call at `i` (just after its `(`, or after a space for Ruby's and Perl's calls
 * without parentheses): a quoted literal's value and span, or undefined for an expression (a
 * variable, a call). Reads `n` arguments; undefined when the call has fewer.
 */
function callArgs(text: string, i: number, n: number): { args: Array<ReadValue | undefined>; end: number } | undefined {
  const args: Array<ReadValue | undefined> = [];
  for (let a = 0; a < n; a++) {
    // (arguments may be wrapped over lines)
    i = skipSpace(text, i);
    if (QUOTES.has(text[i] as string)) {
      const rv = readValue(text, i);
      if (!rv) return undefined;
      args.push(rv);
      i = rv.end + 1;
      // Java's "…".toCharArray(), C#'s "…".ToCharArray()
      if (text.startsWith('.toCharArray()', i) || text.startsWith('.ToCharArray()', i)) i += 14;
    } else {
      // an expression: up to the comma that ends the argument (PHP's and Perl's `$dsn` too)
      if (text[i] === '$') i++;
      const e = runEnd(text, i, IDENT | ALNUM, 128);
      if (e === i) return undefined;
      args.push(undefined);
      i = e;
    }
    i = skipSpace(text, i);
    if (a < n - 1 && text[i] !== ',') return undefined;
    i++;
  }
  return { args, end: i };
}

/**
 * JDBC's `DriverManager.getConnection(url, "user", "password")`: the password is the third
 * argument, a string literal. `at` is the index of `getConnection(`.
 */
export function jdbcGetConnection(text: string, at: number, anchor: string): Hit | undefined {
  const call = callArgs(text, at + anchor.length, 3);
  if (!call || text[call.end - 1] !== ')') return undefined;
  const [, user, pass] = call.args;
  if (!user || !pass) return undefined;
  const score = credentialPair(user.value, pass.value);
  if (score === 0) return undefined;
  return hit('jdbc-get-connection', 'password_assignment', 'generic', pass, score);
}

/**
 * Calls and constructors that take a user name and a password as string literals, by the
 * positions of the two arguments: .NET's `NetworkCredential("svc", "…")`, Java's
 * `PasswordAuthentication("u", "…".toCharArray())`, Python's `HTTPBasicAuth("u", "…")` and
 * `smtp.login("u", "…")`, Go's `req.SetBasicAuth("u", "…")`, PHP's `new PDO($dsn, "u", "…")`.
 */
const CREDENTIAL_CALLS: ReadonlyArray<readonly [name: string, user: number, pass: number]> = [
  ['NetworkCredential', 0, 1],
  ['PasswordAuthentication', 0, 1],
  ['UsernamePasswordCredentials', 0, 1],
  ['UsernamePasswordCredential', 0, 1],
  ['HTTPBasicAuth', 0, 1],
  ['HTTPDigestAuth', 0, 1],
  ['HTTPProxyAuth', 0, 1],
  ['HttpBasicAuth', 0, 1],
  ['BasicAuth', 0, 1],
  ['PlainCredentials', 0, 1],
  ['BasicAWSCredentials', 0, 1],
  ['SetBasicAuth', 0, 1],
  ['setBasicAuth', 0, 1],
  ['basic_auth', 0, 1],
  ['basicAuth', 0, 1],
  ['Credentials.basic', 0, 1],
  ['login', 0, 1],
  ['PDO', 1, 2],
  ['mysqli', 1, 2],
  ['mysqli_connect', 1, 2],
  ['mysql_connect', 1, 2],
  ['pg_connect', 1, 2],
  ['ldap_bind', 1, 2],
  ['ftp_login', 1, 2],
  ['DBI->connect', 1, 2],
  // Python's requests/httpx/elasticsearch: auth=("u", "…"), http_auth=("u", "…")
  ['auth=', 0, 1],
  ['http_auth=', 0, 1],
  ['basic_auth=', 0, 1],
];
const CREDENTIAL_CALL_ARGS = new Map(CREDENTIAL_CALLS.map(([name, user, pass]) => [name, [user, pass] as const]));
/** Calls Ruby writes without parentheses: `req.basic_auth "u", "p"`, `imap.login "u", "p"`. */
const UNPARENTHESISED = ['basic_auth', 'login'];
/**
 * A (user, password) tuple assigned to a name that ends in "auth" (`session.auth = ("u", "…")`,
 * `ZD_AUTH = ("u/token", "…")`), as Python's HTTP clients take it: the name may continue an
 * identifier on the left.
 */
const AUTH_TUPLES = ['auth = (', 'AUTH = (', 'AUTH=(', 'Auth = ('];
/** Anchors of CREDENTIAL_CALLS: each name with its `(`, the UNPARENTHESISED ones with a space, and AUTH_TUPLES. */
export const CREDENTIAL_CALL_ANCHORS = [
  ...CREDENTIAL_CALLS.map(([name]) => `${name}(`),
  ...UNPARENTHESISED.map((name) => `${name} `),
  ...AUTH_TUPLES,
];

/**
 * "Password" in scripts and spellings the ASCII passes cannot anchor on: Chinese, Japanese, Korean,
 * Russian and Ukrainian, Greek, Arabic, Hebrew, Hindi, Thai, Vietnamese, Indonesian, Czech,
 * Hungarian, Romanian. The scanner's pass meets each word at its first non-ASCII character
 * (SCRIPT_PASSWORD_KEYS); the words in ASCII are anchors.
 */
const SCRIPT_PASSWORD_WORDS = [
  '密码',
  '密碼',
  '口令',
  'パスワード',
  '暗証番号',
  '비밀번호',
  '비번',
  '패스워드',
  'пароль',
  'Пароль',
  'ПАРОЛЬ',
  'κωδικός',
  'Κωδικός',
  'كلمة المرور',
  'كلمة السر',
  'סיסמה',
  'סיסמא',
  'पासवर्ड',
  'รหัสผ่าน',
  'mật khẩu',
  'Mật khẩu',
  'jelszó',
  'Jelszó',
];
/** The same, written in ASCII: anchors of the ASCII pass. */
export const SCRIPT_PASSWORD_ANCHORS = ['kata sandi', 'Kata sandi', 'heslo', 'Heslo', 'parola', 'Parola'];

/** Per UTF-16 code unit: 1 where it is the first non-ASCII unit of a SCRIPT_PASSWORD_WORDS word. */
export const SCRIPT_PASSWORD_KEYS = new Uint8Array(65536);
/** The words by that unit, with the unit's offset in the word. */
const SCRIPT_PASSWORD_BY_KEY = new Map<number, Array<readonly [string, number]>>();
for (const w of SCRIPT_PASSWORD_WORDS) {
  let k = 0;
  while (w.charCodeAt(k) < 128) k++;
  const c = w.charCodeAt(k);
  SCRIPT_PASSWORD_KEYS[c] = 1;
  const list = SCRIPT_PASSWORD_BY_KEY.get(c) ?? [];
  list.push([w, k]);
  SCRIPT_PASSWORD_BY_KEY.set(c, list);
}

/** Between the word and its value: blanks and the colons, copulas, particles and quotes of those languages. */
const SCRIPT_SEPARATORS = new Set(' \t:：=＝-—–是为為はがも는은이가도「『“"\'（(');
/** ASCII particles that may stand there too ("mật khẩu là …", "heslo je …", "parola este …"). */
const SCRIPT_PARTICLES = ['là ', 'je ', 'este ', 'adalah ', 'az ', 'ist ', 'is '];
/** user@host.tld: an address, not a password (a password may hold an @, rarely a dotted host after it). */
function emailLike(v: string): boolean {
  const at = v.indexOf('@');
  const dot = v.lastIndexOf('.');
  return at > 0 && at === v.lastIndexOf('@') && dot > at + 1 && dot < v.length - 2 && /^[A-Za-z]+$/.test(v.slice(dot + 1));
}
const SCRIPT_PASSWORD_NAME: Name = { cls: 'password', norm: 'password', isId: false };

/**
 * A password told in a sentence in another script: "Redis 密码是 Xk2…", "パスワードは「…」です",
 * "비밀번호: …", "пароль — …". The value is the ASCII run after the word, within a short gap of
 * separators, particles and a few other words (six CJK characters, twelve letters of an alphabet:
 * "初始密码已修改为 …", "пароль от сервера: …"), judged as any
 * password value is ("密码错误", "пароль 2024" and e-mail addresses are not).
 */
export function scriptPasswordAtKey(text: string, i: number): Hit | undefined {
  for (const [w, k] of SCRIPT_PASSWORD_BY_KEY.get(text.charCodeAt(i)) ?? []) {
    if (text.startsWith(w, i - k)) return scriptPasswordAt(text, i - k + w.length);
  }
  return undefined;
}

/** Anchor handler for SCRIPT_PASSWORD_ANCHORS. */
export function scriptPasswordAnchor(text: string, at: number, anchor: string): Hit | undefined {
  return scriptPasswordAt(text, at + anchor.length);
}

/** The value after a SCRIPT_PASSWORD_WORDS word that ends at `from`, if it reads as a password. */
function scriptPasswordAt(text: string, from: number): Hit | undefined {
  let i = from;
  const stop = Math.min(text.length, i + 32);
  let letters = 0;
  while (i < stop) {
    const c = text[i] as string;
    if (SCRIPT_SEPARATORS.has(c)) i++;
    else if (c.charCodeAt(0) >= 128 && c !== '\u00a0' && letters + (c.charCodeAt(0) >= 0x3000 ? 2 : 1) <= 12) {
      letters += c.charCodeAt(0) >= 0x3000 ? 2 : 1;
      i++;
    } else {
      const particle = SCRIPT_PARTICLES.find((p) => text.startsWith(p, i));
      if (!particle) break;
      i += particle.length;
    }
  }
  let e = i;
  while (e < text.length && e - i < 128) {
    const c = text.charCodeAt(e);
    if (c <= 32 || c >= 127) break;
    e++;
  }
  // trailing sentence punctuation and closing quotes are not part of it
  while (e > i && '.,;:!?)"\''.includes(text[e - 1] as string)) e--;
  if (e - i < 6 || e - i > 64) return undefined;
  const value = text.slice(i, e);
  if (emailLike(value)) return undefined;
  const score = assessValue(value, SCRIPT_PASSWORD_NAME, false, false);
  return score > 0 ? hit('password-in-prose', 'password_assignment', 'generic', { start: i, end: e, value }, score) : undefined;
}

/**
 * A password literal after the words that set one: SQL's `CREATE USER … IDENTIFIED BY '…'` and
 * `ALTER ROLE … WITH PASSWORD '…'`, PowerShell's `ConvertTo-SecureString "…" -AsPlainText`.
 */
export const PASSWORD_LITERAL_ANCHORS = [
  'IDENTIFIED BY ',
  'identified by ',
  "PASSWORD '",
  "password '",
  'ConvertTo-SecureString ',
  'convertto-securestring ',
];

export function passwordLiteral(text: string, at: number, anchor: string): Hit | undefined {
  let i = at + anchor.length;
  if (anchor.endsWith("'")) i--;
  else {
    i = skipBlanks(text, i);
    if (text.startsWith('-String ', i)) i = skipBlanks(text, i + 8);
  }
  if (!QUOTES.has(text[i] as string)) return undefined;
  const rv = readValue(text, i);
  if (!rv) return undefined;
  const score = credentialPair('', rv.value);
  if (score === 0) return undefined;
  return hit('password-literal', 'password_assignment', 'generic', rv, score);
}

/** A CREDENTIAL_CALLS call with literal user and password arguments; `at` is the index of its name. */
export function credentialCall(text: string, at: number, anchor: string): Hit | undefined {
  const tuple = AUTH_TUPLES.includes(anchor);
  const positions = tuple ? ([0, 1] as const) : CREDENTIAL_CALL_ARGS.get(anchor.slice(0, -1));
  if (!positions) return undefined;
  let i = at + anchor.length;
  // without parentheses (UNPARENTHESISED), the first argument must be a literal
  if (anchor.endsWith(' ') && !QUOTES.has(text[skipBlanks(text, i)] as string)) return undefined;
  // `new mysqli(` … : the name must not continue a longer identifier on the left
  if (!tuple && ((at > 0 && /[A-Za-z0-9_$]/.test(text[at - 1] as string)) || (anchor.startsWith('login') && text[at - 1] !== '.')))
    return undefined;
  i = skipBlanks(text, i);
  const [u, p] = positions;
  const call = callArgs(text, i, p + 1);
  if (!call) return undefined;
  const user = call.args[u];
  const pass = call.args[p];
  if (!user || !pass) return undefined;
  const score = credentialPair(user.value, pass.value);
  if (score === 0) return undefined;
  // (below the vendor rules: Mailgun's `auth=("api", "key-…")` is reported as Mailgun's key)
  return hit('credential-call', 'password_assignment', 'generic', pass, Math.min(score, 0.8));
}

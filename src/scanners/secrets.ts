// Secrets scanner: finds credentials (cloud keys, VCS and SaaS tokens, JWTs, private keys,
// connection strings, password assignments, Gatehouse's own keys) in text and reports them with
// masked evidence. Two regex passes find candidate positions: one for the literal anchors of
// prefixed formats, one for the keywords of secret-bearing names. Rules then read a bounded
// window at each candidate, so the cost grows with the number of candidates, not the rules.
//
// Where the rules live: secrets-rules.ts (prefixed and structured formats, PEM, JWT),
// secrets-vendors.ts (more documented vendor prefixes), secrets-generic.ts (names and values in
// code, config, URLs, command lines, .netrc, cookies), secrets-jwk.ts (JSON Web Keys),
// secrets-keyfiles.ts (base64-wrapped PEM, XML RSA keys). Text hidden by invisible characters is
// rescanned around them without them, and string literals joined in code around their joints
// without the joints.
//
// Decisions worth knowing: AWS's documented example keys (…EXAMPLE, …EXAMPLEKEY), Google's
// public sample API keys, complete PEM blocks too short to hold a key and Gatehouse keys with a
// wrong checksum are reported with a low score and not flagged. Identifiers that are not secrets
// (account/tenant/client ids, public IPs, home directories) are not reported at all. Stand-in
// bodies (xxxx, 0000, your-key-here) are placeholders even after a real prefix. In code, a name
// followed by a type, a variable, a call or an expression holds no secret: only literals do.
import {
  assignmentAt,
  azureSas,
  BASE64_URL_ANCHORS,
  base64DockerConfig,
  base64Url,
  bundlerCredentials,
  CREDENTIAL_CALL_ANCHORS,
  cliPassword,
  cookieHeader,
  credentialCall,
  curlUser,
  DOCKER_CONFIG_ANCHORS,
  discordWebhook,
  FOREIGN_ANCHORS,
  foreignPasswordAt,
  goMysqlDsn,
  jdbcGetConnection,
  netrcEntry,
  oracleCli,
  oracleJdbc,
  PASSWORD_LITERAL_ANCHORS,
  passwordLiteral,
  pgpassLine,
  quotedBasic,
  SCRIPT_PASSWORD_ANCHORS,
  SCRIPT_PASSWORD_KEYS,
  scriptPasswordAnchor,
  scriptPasswordAtKey,
  urlCredentials,
} from './secrets-generic.js';
import { jwkPrivateKey } from './secrets-jwk.js';
import { base64Pem, DER_KEY_ANCHORS, derPrivateKey, PASSWORD_HASH_ANCHORS, passwordHashLine, xmlRsaKey } from './secrets-keyfiles.js';
import { awsSecretsNear, type Handler, type Hit, LITERAL_RULES, newScanState, PATTERN_RULES, type ScanState } from './secrets-rules.js';
import { mask, unitsOf } from './secrets-util.js';
import { VENDOR_RULES } from './secrets-vendors.js';
import type { Finding, Scanner, ScanResult } from './types.js';

export interface SecretsScannerOptions {
  /** Decision threshold on the text score (default 0.5). */
  threshold?: number;
}

export const SECRETS_THRESHOLD = 0.5;

type Anchor = readonly [anchor: string, rule: Handler];

/**
 * Every anchor indexed by its first two characters (single-character anchors by the first), so
 * that one pass over the text costs a table lookup per character and a `startsWith` only where
 * the two characters open some anchor. (A regex alternation of ~100 anchors runs at ~30 MB/s in
 * V8, because common first characters defeat its skip tables; this loop runs at several hundred.)
 */
const LISTS: Anchor[][] = [[]];
/** Index into LISTS per first two characters (0: no anchor). Typed arrays keep the lookup flat. */
const PAIRS = new Uint16Array(128 * 128);
const SINGLES = new Uint16Array(128);
/**
 * Per ASCII character: ANCHOR where some anchor starts with it (most characters, space and most
 * capitals among them, are skipped at once), WORD for letters and digits.
 */
const STARTS = new Uint8Array(128);
/** Per pair list: a 128-bit set of the third characters its anchors have (THIRD_ANY: any may follow). */
const THIRD = new Uint32Array(4 * 4096);
const THIRD_ANY = new Uint8Array(4096);
const ANCHOR = 1;
const WORD = 2;
for (let c = 48; c < 123; c++) if (c <= 57 || (c >= 65 && c <= 90) || c >= 97) STARTS[c] = WORD;
function listFor(table: Uint16Array, key: number): Anchor[] {
  if (table[key] === 0) {
    table[key] = LISTS.length;
    LISTS.push([]);
  }
  return LISTS[table[key] as number] as Anchor[];
}
const CONTEXT_RULES: Anchor[] = [
  ['://', urlCredentials],
  ['--user', curlUser],
  ['-u ', curlUser],
  ['BUNDLE_', bundlerCredentials],
  ['-p', cliPassword],
  ['-a ', cliPassword],
  ['-P ', cliPassword],
  ['-w ', cliPassword],
  ['"kty"', jwkPrivateKey],
  ['machine ', netrcEntry],
  ['Cookie:', cookieHeader],
  ['cookie:', cookieHeader],
  ['--cookie', cookieHeader],
  // "password" in languages where the word holds none of the keywords (Passwort, passord and
  // mot de passe do): anchors in lower, capitalised and upper case, cheaper than a longer regex
  ...FOREIGN_ANCHORS.flatMap((w) => [w, `${w[0]?.toUpperCase()}${w.slice(1)}`, w.toUpperCase()].map((a): Anchor => [a, foreignPasswordAt])),
  ['LS0tLS1CRUdJTi', base64Pem],
  ...PASSWORD_HASH_ANCHORS.map((a): Anchor => [a, passwordHashLine]),
  ...BASE64_URL_ANCHORS.map((a): Anchor => [a, base64Url]),
  ...DOCKER_CONFIG_ANCHORS.map((a): Anchor => [a, base64DockerConfig]),
  ['<RSAKeyValue>', xmlRsaKey],
  ...DER_KEY_ANCHORS.map((a): Anchor => [a, derPrivateKey]),
  ['jdbc:oracle:', oracleJdbc],
  ['sqlplus ', oracleCli],
  ['rman ', oracleCli],
  ['expdp ', oracleCli],
  ['impdp ', oracleCli],
  ['sqlldr ', oracleCli],
  ['sig=', azureSas],
  ['discord.com/api/webhooks/', discordWebhook],
  ['discordapp.com/api/webhooks/', discordWebhook],
  // .pgpass lines on PostgreSQL's ports; JDBC's getConnection(url, user, password)
  [':5432:', pgpassLine],
  [':5433:', pgpassLine],
  [':6432:', pgpassLine],
  ['getConnection(', jdbcGetConnection],
  // Go's MySQL driver: user:password@tcp(host:3306)/db
  ['@tcp(', goMysqlDsn],
  ['@unix(', goMysqlDsn],
  // NetworkCredential("u", "…"), HTTPBasicAuth("u", "…"), smtp.login("u", "…"), new PDO($dsn, "u", "…")
  ...CREDENTIAL_CALL_ANCHORS.map((a): Anchor => [a, credentialCall]),
  // CREATE USER … IDENTIFIED BY '…', ConvertTo-SecureString "…" -AsPlainText
  ...PASSWORD_LITERAL_ANCHORS.map((a): Anchor => [a, passwordLiteral]),
  // "heslo je …", "kata sandi: …": password words of SCRIPT_PASSWORD_WORDS' languages in ASCII
  ...SCRIPT_PASSWORD_ANCHORS.map((a): Anchor => [a, scriptPasswordAnchor]),
  // a Basic credential opening a string of code: from_static("Basic dXNlcjpwYXNz")
  ['"Basic ', quotedBasic],
  ["'Basic ", quotedBasic],
  ['`Basic ', quotedBasic],
];
for (const [anchor, rule] of [...LITERAL_RULES, ...VENDOR_RULES, ...PATTERN_RULES, ...CONTEXT_RULES]) {
  const c0 = anchor.charCodeAt(0);
  STARTS[c0] = (STARTS[c0] as number) | ANCHOR;
  if (anchor.length === 1) listFor(SINGLES, c0).push([anchor, rule]);
  else {
    listFor(PAIRS, (c0 << 7) | anchor.charCodeAt(1)).push([anchor, rule]);
    // third characters of the pair's anchors: most words that open like an anchor ("have" for
    // "hasło", "could" for "Cookie:") differ in the third and are dropped without a call
    const list = PAIRS[(c0 << 7) | anchor.charCodeAt(1)] as number;
    const c2 = anchor.length > 2 ? anchor.charCodeAt(2) : -1;
    if (c2 < 0 || c2 >= 128) THIRD_ANY[list] = 1;
    else THIRD[list * 4 + (c2 >> 5)] = (THIRD[list * 4 + (c2 >> 5)] as number) | (1 << (c2 & 31));
  }
}

/** Keywords of secret-bearing names (case-insensitive); the name around each is examined once. */
const KEYWORDS = /pass|pwd|pw|psk|secret|token|key|auth|cred|login|access_?id|salt/gi;

/** Characters a rule needs to recognise a secret; PEM blocks are recognised from their BEGIN line. */
const MAX_RECOGNITION = 512;

export function createSecretsScanner(options: SecretsScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? SECRETS_THRESHOLD;
  return {
    name: 'secrets',
    threshold,
    maxFindingLength: MAX_RECOGNITION,
    scan(text: string): ScanResult {
      const hits = findSecrets(text);
      // An indexed loop into a literal array: hits.map() of no hits and of some returned arrays of
      // different element kinds, and the reduce after it deoptimised between the two.
      const findings: Finding[] = [];
      let score = 0;
      for (let i = 0; i < hits.length; i++) {
        const f = toFinding(hits[i] as Hit);
        findings.push(f);
        if (f.score > score) score = f.score;
      }
      return { scanner: 'secrets', score, flagged: score >= threshold, findings };
    },
  };
}

/** All secret hits in `text`, overlapping hits resolved to the most confident, in text order. */
export function findSecrets(text: string): Hit[] {
  const state = newScanState();
  const hits = scanText(text, state);
  // Zero-width and other invisible characters inside a token hide it from a scan of the raw text
  // (and from a reader). Around each run of them the text is scanned again without them, and
  // the hits mapped back; hits cut by a window's edge are dropped (the raw scan saw those).
  if (state.invisible) {
    for (const [from, to] of invisibleWindows(text))
      rescanWithout(text, from, to, invisibleRuns(text, from, to), false, 'invisible characters inside', hits);
  }
  // A token written as several string literals joined (`"ghp_…" + "…"`, Python's implicit
  // concatenation across lines) is a token still: around each joint the text is scanned again
  // with the joints removed, and the hits that cross one are kept (the raw scan saw the others).
  for (const [from, to, joints] of jointWindows(text)) rescanWithout(text, from, to, joints, true, 'split across string literals', hits);
  return resolveOverlaps(hits);
}

/** Longest run of spaces, line breaks and line continuations read between two joined literals. */
const JOINT_GAP = 96;

/**
 * Where a string literal that closes at `close` (a quote after a character other than spacing) is
 * joined to the next: after spaces, line breaks or a `\` continuation, an optional operator (`+`;
 * `.` in PHP and Perl, `..` in Lua, `&` in VB, `||` in SQL), more spacing, and the same quote
 * opening a literal that does not start with spacing. Returns that opening quote's index, or -1.
 */
function jointAt(text: string, close: number): number {
  const q = text.charCodeAt(close);
  let j = skipGap(text, close + 1);
  const c = text.charCodeAt(j);
  if (c === 43) j = skipGap(text, j + 1);
  // `&` on the next line is PowerShell's call operator, not VB's concatenation
  else if (c === 38 && !text.slice(close, j).includes('\n')) j = skipGap(text, j + 1);
  else if (c === 46) j = skipGap(text, text.charCodeAt(j + 1) === 46 ? j + 2 : j + 1);
  else if (c === 124 && text.charCodeAt(j + 1) === 124) j = skipGap(text, j + 2);
  // Without an operator, literals join across a line break (Python, C), never on one line, where
  // quoted words are a shell's separate arguments, nor after a `\` continuation (a shell's next
  // argument); "a""b" is an escaped quote (CSV, SQL) besides.
  else {
    const gap = text.slice(close + 1, j);
    if (!gap.includes('\n') || gap.includes('\\')) return -1;
  }
  return text.charCodeAt(j) === q && inLiteral(text.charCodeAt(j + 1), q) ? j : -1;
}

/** The end of the spaces, line breaks and `\` line continuations from `from` (at most JOINT_GAP). */
function skipGap(text: string, from: number): number {
  let j = from;
  while (j < text.length && j - from < JOINT_GAP) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13) j++;
    else if (c === 92 && (text.charCodeAt(j + 1) === 10 || text.charCodeAt(j + 1) === 13)) j += 2;
    else break;
  }
  return j;
}

/** Reach of a window around a joint: more than any rule reads. */
const JOINT_REACH = MAX_RECOGNITION + 128;

/**
 * Windows of the text around joints of string literals, overlapping ones merged, each with its
 * joints: [closing quote, opening quote] pairs, removed from the window to rescan it.
 */
function jointWindows(text: string): Array<[number, number, Array<[number, number]>]> {
  // Each quote character's occurrences by indexOf (a native search, twice as fast as a regex for
  // any of them on long text), then the joints in text order.
  const joints: Array<[number, number]> = [];
  for (const q of JOINT_QUOTES) {
    for (let i = text.indexOf(q, 1); i !== -1; i = text.indexOf(q, i + 1)) {
      if (!jointStart(text.charCodeAt(i + 1)) || !inLiteral(text.charCodeAt(i - 1), text.charCodeAt(i))) continue;
      const open = jointAt(text, i);
      if (open === -1) continue;
      joints.push([i, open]);
      i = open;
    }
  }
  const windows: Array<[number, number, Array<[number, number]>]> = [];
  if (joints.length === 0) return windows;
  joints.sort((x, y) => x[0] - y[0]);
  let lastOpen = -1;
  for (const [close, open] of joints) {
    if (close <= lastOpen) continue; // inside another quote's joint
    lastOpen = open;
    const from = Math.max(0, close - JOINT_REACH);
    const to = Math.min(text.length, open + JOINT_REACH);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) {
      last[1] = to;
      last[2].push([close, open]);
    } else windows.push([from, to, [[close, open]]]);
  }
  return windows;
}

/** A character next to a joint inside its literal: neither spacing nor the quote (NaN, outside the text, is not). */
function inLiteral(c: number, quote: number): boolean {
  return c > 32 && c !== quote;
}

const JOINT_QUOTES = ['"', "'", '`'];

/** What may follow the closing quote of a joint: spacing, a line break, a continuation or an operator's first character. */
function jointStart(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 92 || c === 43 || c === 46 || c === 38 || c === 124;
}

/**
 * Scans text[from, to) again without the given ranges and adds the hits, mapped back to `text`:
 * those cut by the window's edge are dropped (the raw scan saw those), and those that span a
 * removed range get `note`; `onlyAcross`: the others are dropped too.
 */
function rescanWithout(
  text: string,
  from: number,
  to: number,
  ranges: Array<[number, number]>,
  onlyAcross: boolean,
  note: string,
  hits: Hit[],
): void {
  const { clean, offsets } = withoutRanges(text, from, to, ranges);
  for (const h of scanText(clean, newScanState())) {
    if ((h.start === 0 && from > 0) || (h.end === clean.length && to < text.length)) continue;
    const start = offsets[h.start] as number;
    const end = (offsets[h.end - 1] as number) + 1;
    const across = end - start !== h.end - h.start;
    if (across) hits.push({ ...h, start, end, note: `${h.note ? `${h.note}, ` : ''}${note}` });
    else if (!onlyAcross) hits.push({ ...h, start, end });
  }
}

/**
 * text[from, to) without the given ranges (inclusive pairs inside it, in order), and for each
 * kept character its index in `text`.
 */
function withoutRanges(text: string, from: number, to: number, ranges: Array<[number, number]>): { clean: string; offsets: Uint32Array } {
  const offsets = new Uint32Array(to - from + 1);
  let clean = '';
  let n = 0;
  let at = from;
  for (const [a, b] of [...ranges, [to, to - 1] as [number, number]]) {
    clean += text.slice(at, a);
    for (let k = at; k < a; k++) offsets[n++] = k;
    at = b + 1;
  }
  offsets[n] = to;
  return { clean, offsets };
}

/** Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks and isolates. */
const INVISIBLE_ALL = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/g;

/** Reach of a window around an invisible character: more than any rule reads. */
const INVISIBLE_REACH = MAX_RECOGNITION + 128;

/** Windows of the text around its invisible characters, overlapping ones merged. */
function invisibleWindows(text: string): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  const re = INVISIBLE_ALL;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const i = m.index;
    // Only a run that touches a token or name character can hide one (not a joiner inside an
    // emoji sequence or a mark between words).
    if (!tokenChar(text.charCodeAt(i - 1)) && !tokenChar(text.charCodeAt(i + m[0].length))) continue;
    const from = Math.max(0, i - INVISIBLE_REACH);
    const to = Math.min(text.length, i + INVISIBLE_REACH);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else windows.push([from, to]);
  }
  return windows;
}

/** ASCII letters, digits and the punctuation of tokens and names (_ - . + / =). NaN (outside the text) is not. */
function tokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 43 ||
    c === 47 ||
    c === 61
  );
}

/** The runs of invisible characters in text[from, to), as inclusive [first, last] pairs. */
function invisibleRuns(text: string, from: number, to: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = from; i < to; i++) {
    if (!isInvisible(text.charCodeAt(i))) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

function isInvisible(c: number): boolean {
  // most non-ASCII text (Latin-1 letters, CJK, surrogates) leaves after one or two comparisons
  if (c < 0x200b) return c === 0xad;
  if (c > 0x2069) return c === 0xfeff;
  return c <= 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || c >= 0x2066;
}

/** All secret hits in `text` (overlaps not yet resolved). */
function scanText(text: string, state: ScanState): Hit[] {
  const hits: Hit[] = [];
  const n = text.length;
  // The pass reads a code-unit copy (zero-padded): charCodeAt on a sliced string costs a lookup per call.
  const units = unitsOf(text);
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c0 = units[i] as number;
    // Anchors that begin with a letter or digit need a word start (every such rule checks its
    // left boundary): inside a word only punctuation-initial anchors can begin.
    if (c0 >= 128) {
      if (!state.invisible && isInvisible(c0)) state.invisible = true;
      // "密码是 …", "пароль: …": password words the ASCII anchors cannot see
      else if (SCRIPT_PASSWORD_KEYS[c0] === 1) {
        const h = scriptPasswordAtKey(text, i);
        if (h) hits.push(h);
      }
      inWord = false;
      continue;
    }
    const f = STARTS[c0] as number;
    if ((f & WORD) !== 0) {
      if (inWord) continue;
      inWord = true;
    } else inWord = false;
    if ((f & ANCHOR) === 0) continue;
    const c1 = units[i + 1] as number;
    const single = SINGLES[c0] as number;
    let pair = c1 < 128 ? (PAIRS[(c0 << 7) | c1] as number) : 0;
    if (pair !== 0 && THIRD_ANY[pair] === 0) {
      const c2 = i + 2 < n ? (units[i + 2] as number) : 128;
      if (c2 >= 128 || ((THIRD[pair * 4 + (c2 >> 5)] as number) & (1 << (c2 & 31))) === 0) pair = 0;
    }
    if (single === 0 && pair === 0) continue;
    const h = tryAnchors(text, i, LISTS[single], state) ?? tryAnchors(text, i, LISTS[pair], state);
    if (!h) continue;
    hits.push(h);
    if (h.type === 'aws_access_key') {
      awsSecretsNear(text, h.start - 300, h.end + 300, hits);
    }
    // Nothing inside a recognised secret starts another one. (A value that a context anchor found
    // ahead of it, NetworkCredential's password, is read on: a vendor key there is reported as one.)
    if (h.end - 1 > i && h.start <= i) i = h.end - 1;
  }
  const assign = { lastNameEnd: 0 };
  const keywords = KEYWORDS;
  keywords.lastIndex = 0;
  for (let m = keywords.exec(text); m !== null; m = keywords.exec(text)) {
    const h = assignmentAt(text, m.index, m.index + m[0].length, assign);
    if (h) hits.push(h);
  }
  return hits;
}

function tryAnchors(text: string, at: number, anchors: Anchor[] | undefined, state: ScanState): Hit | undefined {
  if (!anchors || anchors.length === 0) return undefined;
  for (const [anchor, rule] of anchors) {
    if (anchor.length > 2 && !text.startsWith(anchor, at)) continue;
    const h = rule(text, at, anchor, state);
    if (h) return h;
  }
  return undefined;
}

/** Keep, among overlapping hits, the most confident (ties: the longer). */
function resolveOverlaps(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  const byScore = [...hits].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Kept hits never overlap, so, ordered by start, only the neighbours of a new hit can overlap it:
  // a binary search keeps hostile texts with thousands of hits from costing a square.
  const kept: Hit[] = [];
  for (const h of byScore) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid] as Hit).start < h.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if ((prev && prev.end > h.start) || (next && next.start < h.end)) continue;
    kept.splice(lo, 0, h);
  }
  return kept;
}

function toFinding(h: Hit): Finding {
  const masked = h.type === 'private_key' || h.type === 'gcp_service_account' ? '' : ` ${mask(h.value)}`;
  return {
    scanner: 'secrets',
    type: h.type,
    category: 'secret',
    label: `secret.${h.family}`,
    start: h.start,
    end: h.end,
    score: h.score,
    evidence: `${h.rule}${masked} len=${h.value.length}${h.note ? ` (${h.note})` : ''}`,
  };
}

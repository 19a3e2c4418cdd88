// Rules for credentials that announce themselves with a prefix or a fixed structure (AKIA…, ghp_…,
// eyJ….eyJ…, -----BEGIN … PRIVATE KEY-----). The scanner finds each rule's anchor with one
// combined regex pass and calls the rule there; a rule reads only the characters its format
// allows (bounded), validates what can be validated (checksums, JSON, decoded prefixes) and
// scores: ~0.99 validated, ~0.9-0.95 exact format, 0.6 right format with a degenerate body,
// ≤ 0.35 recognised look-alikes (documented examples, bad checksums) that are reported unflagged.
import { parseKey } from '../identity/keys.js';
import {
  ALNUM,
  B64,
  base62,
  crc32,
  DIGIT,
  decodeBase64,
  entropy,
  HEX,
  IDENT,
  isFillerBody,
  isOneRepeatedChar,
  LOWER,
  notIn,
  PAD,
  runEnd,
  runStart,
  shape,
  stripTrailing,
  UPPER,
  URL64,
} from './secrets-util.js';

export interface Hit {
  /** Rule id, shown in evidence. */
  rule: string;
  /** Finding type (machine name). */
  type: string;
  /** Label family: the finding's label is `secret.<family>`. */
  family: string;
  start: number;
  end: number;
  score: number;
  /** The raw matched credential: only ever leaves the scanner masked. */
  value: string;
  /** Which validation passed or why the score is low; never contains the value. */
  note?: string;
}

/** Per-scan memo: searches for a closing marker stay linear however many anchors precede it. */
export interface ScanState {
  /** Position of the next `-----END` at or after the last search start; -1 none, -2 not searched. */
  pemEnd: number;
  /** Start of the last base64url segment that did not parse as JSON (a JWT payload tried before). */
  jsonFail: number;
  /** JSON objects (JWKs): text scanned so far for `{`, the last `{` in it, the next `}` and members. */
  braceScan: number;
  lastOpen: number;
  nextClose: number;
  nextMember: Record<string, number>;
  /** The text holds an invisible character (zero-width, soft hyphen, bidi control, BOM). */
  invisible: boolean;
}

export function newScanState(): ScanState {
  return { pemEnd: -2, jsonFail: -1, braceScan: 0, lastOpen: -1, nextClose: -2, nextMember: {}, invisible: false };
}

function nextPemEnd(text: string, from: number, st: ScanState): number {
  if (st.pemEnd === -1 || st.pemEnd >= from) return st.pemEnd;
  st.pemEnd = text.indexOf('-----END', from);
  return st.pemEnd;
}

export type Handler = (text: string, at: number, anchor: string, state: ScanState) => Hit | undefined;

/** Score of a right-format token whose body is one repeated character (`ASIAZZZZ…`): a fixture, maybe. */
const DEGENERATE = 0.6;
/** Score of a recognised look-alike that is reported but not flagged. */
export const LOOKALIKE = 0.3;

export interface TokenSpec {
  rule: string;
  type: string;
  family: string;
  /** Classes allowed in the body after the anchor. */
  body: number;
  min: number;
  max: number;
  score: number;
  /** Classes that must not touch the anchor on its left (default ALNUM). */
  left?: number;
  /** Reject bodies with lower entropy than this (bits/char). */
  minEntropy?: number;
  /** Extra structural check on the body; may return a score override. */
  check?: (body: string) => boolean | number;
}

/** A prefixed token: anchor + a bounded run of body characters, with boundaries on both sides. */
export function token(spec: TokenSpec): Handler {
  return (text, at, anchor) => {
    if (!notIn(text, at - 1, spec.left ?? ALNUM)) return undefined;
    const from = at + anchor.length;
    const end = runEnd(text, from, spec.body, spec.max + 1);
    const n = end - from;
    if (n < spec.min || n > spec.max) return undefined;
    const body = text.slice(from, end);
    if (isFillerBody(body)) return undefined;
    let score = spec.score;
    if (isOneRepeatedChar(body)) score = DEGENERATE;
    else if (spec.minEntropy !== undefined && entropy(body) < spec.minEntropy) return undefined;
    if (spec.check) {
      const r = spec.check(body);
      if (r === false) return undefined;
      if (typeof r === 'number' && score !== DEGENERATE) score = r;
    }
    return { rule: spec.rule, type: spec.type, family: spec.family, start: at, end, score, value: text.slice(at, end) };
  };
}

const AN = ALNUM;
const AN_ = ALNUM | URL64; // A-Za-z0-9_-

// --- AWS ---------------------------------------------------------------------------------------

/** AWS's documentation examples (`AKIAIOSFODNN7EXAMPLE`, `wJalr…EXAMPLEKEY`): reported, not flagged. */
function awsExample(value: string): boolean {
  return value.endsWith('EXAMPLE') || value.endsWith('EXAMPLEKEY');
}

const awsAccessKey: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN) || !notIn(text, at + anchor.length, AN)) return undefined;
  const body = anchor.slice(4);
  if (isFillerBody(body)) return undefined;
  const example = awsExample(anchor);
  const score = example ? LOOKALIKE : isOneRepeatedChar(body) ? DEGENERATE : 0.95;
  return {
    rule: 'aws-access-key-id',
    type: 'aws_access_key',
    family: 'aws',
    start: at,
    end: at + anchor.length,
    score,
    value: anchor,
    ...(example ? { note: 'AWS documented example' } : {}),
  };
};

/**
 * The 40-character base64 tokens near an access key id are its secret access key (a credentials
 * file with several profiles holds several pairs within the window).
 */
export function awsSecretsNear(text: string, from: number, to: number, out: Hit[]): void {
  let i = Math.max(0, from);
  const stop = Math.min(text.length, to);
  while (i < stop) {
    if (!notIn(text, i, B64) && notIn(text, i - 1, B64)) {
      const end = runEnd(text, i, B64, 41);
      if (end - i === 40 && notIn(text, end, B64 | URL64)) {
        const v = text.slice(i, end);
        const sh = shape(v);
        if (sh.digits > 0 && sh.upper > 0 && sh.lower > 0 && entropy(v) > 4) {
          const example = awsExample(v);
          out.push({
            rule: 'aws-secret-access-key',
            type: 'aws_secret_key',
            family: 'aws',
            start: i,
            end,
            score: example ? LOOKALIKE : 0.85,
            value: v,
            note: example ? 'AWS documented example' : 'next to an access key id',
          });
        }
      }
      i = end + 1;
    } else i++;
  }
}

const bedrockShort: Handler = (text, at, anchor) => {
  const from = at + anchor.length;
  const end = runEnd(text, from, B64 | URL64, 2048);
  const decoded = decodeBase64(stripTrailing(text.slice(from, end), PAD));
  if (!decoded?.startsWith('bedrock.amazonaws.com')) return undefined;
  return { rule: 'aws-bedrock-api-key', type: 'aws_bedrock_key', family: 'aws', start: at, end, score: 0.95, value: text.slice(at, end) };
};

// --- GitHub / npm (CRC-32 checksummed) ----------------------------------------------------------

/** GitHub/npm format: 30 random base62 characters then the base62 CRC-32 of them in 6. */
function crcChecked(body: string): boolean {
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

const github = token({
  rule: 'github-token',
  type: 'github_token',
  family: 'github',
  body: AN,
  min: 36,
  max: 251,
  score: 0.9,
  minEntropy: 3,
  check: (b) => (crcChecked(b) ? 0.99 : 0.9),
});

const githubFineGrained = token({
  rule: 'github-fine-grained-pat',
  type: 'github_token',
  family: 'github',
  body: AN_,
  min: 82,
  max: 82,
  score: 0.95,
  minEntropy: 3,
});

const npm = token({
  rule: 'npm-access-token',
  type: 'npm_token',
  family: 'npm',
  body: AN,
  min: 36,
  max: 36,
  score: 0.9,
  minEntropy: 3,
  check: (b) => (crcChecked(b) ? 0.99 : 0.9),
});

// --- GitLab --------------------------------------------------------------------------------------

function gitlab(min: number, max: number): Handler {
  return token({ rule: 'gitlab-token', type: 'gitlab_token', family: 'gitlab', body: AN_, min, max, score: 0.95, minEntropy: 3 });
}

// --- Slack ---------------------------------------------------------------------------------------

/** xox[abposre]-<digits>-…: at least two dash-separated groups, the first an 8+ digit workspace/user id. */
const slackToken: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const from = at + anchor.length;
  if (anchor[4] === '.') {
    // xoxe.xoxp-1-<long>: configuration tokens.
    if (!text.startsWith('xox', from) || text[from + 4] !== '-') return undefined;
    const end = runEnd(text, from + 5, AN_, 400);
    if (end - from < 100) return undefined;
    return slackHit(text, at, end, 0.95);
  }
  const end = runEnd(text, from, AN_, 300);
  const body = text.slice(from, end);
  const groups = body.split('-');
  const first = groups[0] ?? '';
  if (first === '1' || first === '2') {
    // xoxe-1-<long> refresh tokens, xoxa-2-… workspace tokens.
    if (body.length < 40) return undefined;
  } else {
    // a workspace/user id: 8+ digits, or 6+ in the three-id legacy form
    if (!/^\d+$/.test(first) || first.length < 6 || groups.length < 2 || (first.length < 8 && groups.length < 4)) return undefined;
  }
  const last = groups[groups.length - 1] ?? '';
  if (last.length === 0 || isFillerBody(last) || body.includes('#')) return undefined;
  // Stand-ins: an id of one repeated digit (xoxb-000000000000-…), or a one- or two-character secret part.
  if ((first.length > 1 && /^(\d)\1*$/.test(first)) || (groups.length > 1 && last.length < 3)) return undefined;
  return slackHit(text, at, end, 0.95);
};

function slackHit(text: string, start: number, end: number, score: number): Hit {
  return { rule: 'slack-token', type: 'slack_token', family: 'slack', start, end, score, value: text.slice(start, end) };
}

const slackApp: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at + anchor.length, AN_, 300);
  const parts = text.slice(at + anchor.length, end).split('-');
  if (parts.length < 4 || (parts[3]?.length ?? 0) < 32) return undefined;
  return slackHit(text, at, end, 0.95);
};

const slackWebhook: Handler = (text, at, anchor) => {
  const from = at + anchor.length;
  const end = runEnd(text, from, AN_ | B64, 300);
  const parts = text.slice(from, end).split('/');
  if (parts.length < 4 || !['services', 'workflows', 'triggers'].includes(parts[0] as string)) return undefined;
  const [, team = '', bot = ''] = parts;
  const secret = parts[parts.length - 1] ?? '';
  if (!/^T[A-Z0-9]{6,}$/.test(team) || !/^[AB][A-Z0-9]{6,}$/.test(bot) || secret.length < 16 || isFillerBody(secret)) return undefined;
  let start = at;
  if (text.startsWith('https://', at - 8)) start = at - 8;
  else if (text.startsWith('http://', at - 7)) start = at - 7;
  return { rule: 'slack-webhook', type: 'slack_webhook', family: 'slack', start, end, score: 0.95, value: text.slice(start, end) };
};

// --- OpenAI / Anthropic ('sk-') -------------------------------------------------------------------

const OPENAI_MARK = 'T3BlbkFJ'; // base64 of "OpenAI", embedded in every OpenAI secret key

const skDash: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN_)) return undefined;
  const end = runEnd(text, at + 3, AN_, 300);
  const value = text.slice(at, end);
  const body = value.slice(3);
  if (body.length < 20 || isFillerBody(body)) return undefined;
  if (body.startsWith('ant-')) {
    // sk-ant-api03-<93>AA, sk-ant-admin01-<93>AA
    const m = /^ant-(?:api|admin|sid)\d\d-([A-Za-z0-9_-]+)$/.exec(body);
    if (!m) return undefined;
    const rest = m[1] as string;
    // The documented shape is 93 characters then `AA`; other lengths are reported unflagged.
    const exact = rest.length === 95 && rest.endsWith('AA');
    const score = exact ? 0.99 : rest.length >= 80 && rest.length <= 110 && rest.endsWith('AA') ? 0.85 : 0.45;
    return { rule: 'anthropic-api-key', type: 'anthropic_api_key', family: 'anthropic', start: at, end, score, value };
  }
  if (body.startsWith('or-v1-')) {
    // OpenRouter: sk-or-v1- and 64 lower-case hex digits
    if (body.length !== 70 || !/^[0-9a-f]+$/.test(body.slice(6)) || entropy(body.slice(6)) < 3.5) return undefined;
    return { rule: 'openrouter-api-key', type: 'openrouter_api_key', family: 'openrouter', start: at, end, score: 0.95, value };
  }
  const marked = body.includes(OPENAI_MARK);
  const project = /^(?:proj|svcacct|admin|None)-/.test(body);
  if (marked) {
    return { rule: 'openai-api-key', type: 'openai_api_key', family: 'openai', start: at, end, score: 0.99, value, note: 'OpenAI marker' };
  }
  // Without the marker this is a generic `sk-` key (many vendors use the prefix): reported, scored
  // by shape; the assignment rule raises it when a keyword names it.
  const sh = shape(body);
  const random = entropy(body) > 4.2 && sh.digits > 0 && sh.upper > 0 && sh.lower > 0;
  if (!random || body.length < 32) return undefined;
  return {
    rule: project ? 'openai-api-key' : 'sk-api-key',
    type: project ? 'openai_api_key' : 'api_key',
    family: project ? 'openai' : 'generic',
    start: at,
    end,
    score: 0.45,
    value,
    note: 'no vendor marker',
  };
};

// --- JWT -------------------------------------------------------------------------------------------

function jsonObject(segment: string, maxDecode: number): Record<string, unknown> | 'partial' | undefined {
  const text = decodeBase64(segment.length > maxDecode ? segment.slice(0, maxDecode - (maxDecode % 4)) : segment);
  if (text === undefined) return undefined;
  if (segment.length > maxDecode) return text.startsWith('{') ? 'partial' : undefined;
  // Cheap shape check first: a thrown JSON.parse costs microseconds, and hostile input repeats it.
  if (!text.startsWith('{') || !text.trimEnd().endsWith('}')) return undefined;
  try {
    const v = JSON.parse(Buffer.from(text, 'latin1').toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** header.payload[.signature]: header must be a JSON object with `alg`, payload a JSON object. */
const jwt: Handler = (text, at, _anchor, st) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const h1 = runEnd(text, at, AN_, 2048);
  if (text[h1] !== '.') return undefined;
  const header = st.jsonFail === at ? undefined : jsonObject(text.slice(at, h1), 2048);
  if (header === 'partial') return undefined;
  // A header that is an object naming `alg` but does not parse (a damaged or hand-edited value)
  // still gives the token its structure: flagged only with a JSON payload and a signature.
  const damaged = header === undefined || typeof header.alg !== 'string';
  if (damaged && !damagedHeader(text.slice(at, h1))) return undefined;
  const p0 = h1 + 1;
  const p1 = runEnd(text, p0, AN_, 16384);
  if (p1 - p0 < 4) return undefined;
  const payload = jsonObject(text.slice(p0, p1), 4096);
  if (payload === undefined) {
    // the next anchor is likely this segment: do not parse it twice
    st.jsonFail = p0;
    return undefined;
  }
  if (damaged) {
    const s1 = text[p1] === '.' ? runEnd(text, p1 + 1, AN_, 4096) : p1;
    if (s1 - p1 - 1 < 16 || payload === 'partial') return undefined;
    return { rule: 'jwt', type: 'jwt', family: 'jwt', start: at, end: s1, score: 0.75, value: text.slice(at, s1), note: 'damaged header' };
  }
  const alg = (header as Record<string, unknown>).alg;
  let end = p1;
  let score = 0.6; // header.payload without a signature part
  if (text[p1] === '.') {
    const s1 = runEnd(text, p1 + 1, AN_, 4096);
    end = s1;
    const sig = s1 - p1 - 1;
    score = sig >= 16 ? 0.97 : alg === 'none' && sig === 0 ? 0.85 : sig > 0 ? 0.7 : 0.85;
    if (sig === 0 && alg !== 'none') end = p1 + 1;
  }
  return { rule: 'jwt', type: 'jwt', family: 'jwt', start: at, end, score, value: text.slice(at, end), note: 'JSON header with alg' };
};

/** A header that decodes to an object naming `alg` (`{"alg":…}`) without parsing as JSON. */
function damagedHeader(segment: string): boolean {
  const d = decodeBase64(segment);
  return d?.startsWith('{"') === true && d.trimEnd().endsWith('}') && d.includes('"alg"');
}

/**
 * Grafana API keys (the format before service-account tokens): base64 of `{"k":"<key>","n":"<name>","id":<n>}`,
 * so always `eyJrIjoi`. A body that decodes to that object is validated; a body of the right
 * length and alphabet that does not decode is the format without the check.
 */
const grafanaApiKey: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const bodyEnd = runEnd(text, at, B64, 404);
  const end = runEnd(text, bodyEnd, PAD, 3);
  // A '.' continues a JWT-like token: that is the JWT rule's to judge.
  if (end - at < 78 || end - at > 400 || text[end] === '.' || !notIn(text, end, URL64)) return undefined;
  const body = text.slice(at, bodyEnd);
  const obj = jsonObject(body, 600);
  const key = obj !== undefined && obj !== 'partial' ? obj.k : undefined;
  const valid = typeof key === 'string' && key.length >= 16;
  if (!valid && (isFillerBody(body.slice(8)) || entropy(body) < 4)) return undefined;
  const value = text.slice(at, end);
  return {
    rule: 'grafana-api-key',
    type: 'grafana_token',
    family: 'grafana',
    start: at,
    end,
    score: valid ? 0.95 : 0.8,
    value,
    ...(valid ? { note: 'decodes to a key object' } : {}),
  };
};

/**
 * SoftLayer (IBM Cloud classic) API URLs carry the 64-character API key in the path:
 * `https://api.softlayer.com/soap/v3/<key>` (also v3.1, rest/v3).
 */
const softlayerUrl: Handler = (text, at, anchor) => {
  let i = at + anchor.length;
  for (const seg of ['soap/', 'rest/']) if (text.startsWith(seg, i)) i += seg.length;
  if (text[i] !== 'v' || text[i + 1] !== '3') return undefined;
  i += 2;
  if (text[i] === '.' && text[i + 1] === '1') i += 2;
  if (text[i] !== '/') return undefined;
  const from = i + 1;
  const end = runEnd(text, from, LOWER | DIGIT, 65);
  if (end - from !== 64 || !notIn(text, end, AN_)) return undefined;
  const key = text.slice(from, end);
  if (isFillerBody(key) || entropy(key) < 2.5) return undefined;
  return {
    rule: 'softlayer-api-key',
    type: 'softlayer_api_key',
    family: 'softlayer',
    start: from,
    end,
    score: 0.85,
    value: key,
    note: 'key in an API URL',
  };
};

// --- PEM private keys ------------------------------------------------------------------------------

const PEM_LABEL = /^-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/;

/**
 * The length of an escaped line break at `i`: backslashes then `n` or `r` (`\n` in a JSON string,
 * `\\n` in a JSON string inside another, and so on), or 0.
 */
function escapedBreak(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 8 && text.charCodeAt(j) === 92) j++;
  return j > i && (text[j] === 'n' || text[j] === 'r') ? j + 1 - i : 0;
}

/**
 * Base64 in a PEM body: the characters of its base64 runs of 16 or more (lines, or chunks of a
 * flattened or indented block), and the number of other words. Header lines (`Proc-Type: …`,
 * `DEK-Info: …`, `Comment: …`), line breaks, JSON `\n` escapes (also escaped again) and
 * indentation are skipped; short runs (`xxx`, `anything`, a sentence) count for nothing.
 */
function pemBody(text: string, from: number, to: number): { b64: number; words: number } {
  let b64 = 0;
  let words = 0;
  let i = from;
  while (i < to) {
    // one line: up to a line break or an escaped one
    let e = i;
    let colon = false;
    let brk = 0;
    while (e < to && text[e] !== '\n' && text[e] !== '\r') {
      if (text[e] === '\\') {
        brk = escapedBreak(text, e);
        if (brk > 0) break;
      }
      if (text[e] === ':') colon = true;
      e++;
    }
    if (!colon) {
      let j = i;
      while (j < e) {
        while (j < e && (text[j] === ' ' || text[j] === '\t')) j++;
        const k0 = j;
        let allB64 = true;
        while (j < e && text[j] !== ' ' && text[j] !== '\t') {
          if (notIn(text, j, B64) && text[j] !== '=') allB64 = false;
          j++;
        }
        if (j === k0) break;
        if (!allB64) words++;
        else if (j - k0 >= 16) b64 += j - k0;
      }
    }
    i = e + (brk > 0 ? brk : 1);
  }
  return { b64, words };
}

export const pem: Handler = (text, at, _anchor, state) => {
  const head = text.slice(at, at + 64);
  const m = PEM_LABEL.exec(head);
  if (!m) return undefined;
  const label = m[1] as string;
  const bodyStart = at + m[0].length;
  const endMark = nextPemEnd(text, bodyStart, state);
  const note = label.replace(/ ?PRIVATE KEY( BLOCK)?/, '') || 'PKCS#8';
  const base = { rule: 'pem-private-key', type: 'private_key', family: 'private_key', start: at };
  const value = (end: number) => text.slice(at, end);
  if (endMark !== -1 && endMark - bodyStart < 65536) {
    const lineEnd = text.indexOf('-----', endMark + 8);
    const end = lineEnd === -1 ? endMark + 8 : lineEnd + 5;
    const body = pemBody(text, bodyStart, endMark);
    // A complete block too short to hold any key (xxx, ..., a base64 of the alphabet) is a stub.
    const score = body.b64 >= 48 && body.words === 0 ? 0.99 : LOOKALIKE;
    return { ...base, end, score, value: value(end), note: `${note}${score === LOOKALIKE ? ', stub body' : ''}` };
  }
  // No END in view (truncated, streamed): judge by what follows the BEGIN line.
  const look = Math.min(text.length, bodyStart + 200);
  let i = bodyStart;
  while (i < look) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r' || ch === ' ' || ch === '\t') i++;
    else if (ch === '\\' && escapedBreak(text, i) > 0) i += escapedBreak(text, i);
    else break;
  }
  const next = text.slice(i, look);
  if (isFillerBody(next.slice(0, 16)) || next.length === 0) {
    return { ...base, end: bodyStart, score: LOOKALIKE, value: value(bodyStart), note: `${note}, no body` };
  }
  const run = runEnd(text, i, B64, 200) - i;
  const end = runEnd(text, i, B64 | URL64, 512);
  // `"-----BEGIN PRIVATE KEY-----")`: the marker alone in code (a string literal that ends there)
  // …and `starts with -----BEGIN PRIVATE KEY----- and never…`: the header mentioned inside a
  // sentence (a short word on the same line, then a space) is prose, not a block.
  if (run === 0 || (run < 40 && text[bodyStart] === ' ' && text[i + run] === ' '))
    return { ...base, end: Math.max(end, bodyStart), score: LOOKALIKE, value: value(Math.max(end, bodyStart)), note: `${note}, no body` };
  return { ...base, end: Math.max(end, bodyStart), score: run >= 40 ? 0.95 : 0.7, value: value(Math.max(end, bodyStart)), note };
};

// --- GCP -----------------------------------------------------------------------------------------

/** `"type": "service_account"` — a service-account key file; flagged when it carries a private key. */
const gcpServiceAccount: Handler = (text, at, anchor) => {
  const before = text.slice(Math.max(0, at - 24), at);
  const trimmed = before.trimEnd();
  if (!trimmed.endsWith(':') || !trimmed.slice(0, -1).trimEnd().endsWith('"type"')) return undefined;
  const window = text.slice(at, at + 4096);
  const keyAt = window.indexOf('"private_key"');
  let score = 0.4;
  let note = 'service-account JSON without a key';
  if (keyAt !== -1) {
    const begin = window.indexOf('-----BEGIN', keyAt);
    if (begin !== -1) {
      const stop = window.indexOf('-----END', begin);
      const body = pemBody(window, begin + 27, stop === -1 ? Math.min(window.length, begin + 400) : stop);
      score = body.b64 >= 100 ? 0.99 : LOOKALIKE;
      note = score === LOOKALIKE ? 'service-account JSON with a placeholder key' : 'service-account JSON with a private key';
    }
  }
  const start = at - before.length + before.indexOf('"type"');
  return {
    rule: 'gcp-service-account',
    type: 'gcp_service_account',
    family: 'gcp',
    start,
    end: at + anchor.length,
    score,
    value: anchor,
    note,
  };
};

/** Google's public sample keys (from gitleaks' MIT allowlist): they ship in docs and SDK samples. */
const GCP_PUBLIC_SAMPLES = new Set([
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
]);

const gcpToken = token({
  rule: 'gcp-api-key',
  type: 'gcp_api_key',
  family: 'gcp',
  body: AN_,
  min: 35,
  max: 35,
  score: 0.95,
  minEntropy: 3.3,
});

const gcpApiKey: Handler = (text, at, anchor, state) => {
  // Every Google API key starts AIzaSy.
  if (text[at + 4] !== 'S' || text[at + 5] !== 'y') return undefined;
  const h = gcpToken(text, at, anchor, state);
  if (h && GCP_PUBLIC_SAMPLES.has(h.value)) return { ...h, score: LOOKALIKE, note: 'public sample key' };
  return h;
};

// --- Others with a distinctive structure ------------------------------------------------------------

const gatehouse: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at + 4, AN_, 60);
  const value = text.slice(at, end);
  if (value.length !== 55 || !/^gth_[a-z2-7]{12}_[0-9A-Za-z]{38}$/.test(value)) return undefined;
  const valid = parseKey(value) !== undefined;
  return {
    rule: 'gatehouse-api-key',
    type: 'gatehouse_api_key',
    family: 'gatehouse',
    start: at,
    end,
    score: valid ? 0.99 : LOOKALIKE,
    value,
    note: valid ? 'checksum ok' : 'checksum mismatch (look-alike)',
  };
};

const sendgrid: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const a = runEnd(text, at + 3, AN_, 30);
  if (a - at - 3 !== 22 || text[a] !== '.') return undefined;
  const b = runEnd(text, a + 1, AN_, 50);
  if (b - a - 1 !== 43) return undefined;
  return {
    rule: 'sendgrid-api-key',
    type: 'sendgrid_api_key',
    family: 'sendgrid',
    start: at,
    end: b,
    score: 0.99,
    value: text.slice(at, b),
  };
};

const twilio: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN) || !notIn(text, at + anchor.length, AN)) return undefined;
  const body = anchor.slice(2);
  if (isFillerBody(body) || entropy(body) < 3) return undefined;
  const end = at + anchor.length;
  if (anchor.startsWith('SK')) {
    return { rule: 'twilio-api-key', type: 'twilio_api_key', family: 'twilio', start: at, end, score: 0.85, value: anchor };
  }
  // An account SID is an identifier; it is a secret only with its auth token (32 hex) nearby.
  let i = Math.max(0, at - 200);
  const stop = Math.min(text.length, end + 200);
  while (i < stop) {
    const e = runEnd(text, i, HEX, 33);
    if (e === i) {
      i++;
      continue;
    }
    const run = text.slice(i, e);
    const isToken = e - i === 32 && notIn(text, i - 1, ALNUM) && notIn(text, e, ALNUM) && run === run.toLowerCase();
    if (isToken && run !== body && entropy(run) > 3) {
      return {
        rule: 'twilio-credentials',
        type: 'twilio_auth_token',
        family: 'twilio',
        start: at,
        end,
        score: 0.85,
        value: anchor,
        note: 'SID with auth token',
      };
    }
    i = e;
  }
  return {
    rule: 'twilio-account-sid',
    type: 'twilio_account_sid',
    family: 'twilio',
    start: at,
    end,
    score: 0.4,
    value: anchor,
    note: 'SID alone',
  };
};

/** Legacy Vault tokens `s.<24>`: only with a mix of cases and digits (code like `s.makeKubeConfig` is not). */
const vaultLegacy: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN) || !notIn(text, at + anchor.length, AN)) return undefined;
  const sh = shape(anchor.slice(2));
  if (sh.digits === 0 || sh.upper === 0 || sh.lower === 0 || entropy(anchor) < 3.5) return undefined;
  return { rule: 'vault-token', type: 'vault_token', family: 'vault', start: at, end: at + anchor.length, score: 0.8, value: anchor };
};

const secp256k1: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN) || !notIn(text, at + anchor.length, AN)) return undefined;
  const hex = anchor.slice(2);
  if (isFillerBody(hex) || entropy(hex) < 3.2) return undefined;
  // 0x + 64 hex is also every transaction hash; it is a key only where the text says so.
  const near = text.slice(Math.max(0, at - 120), Math.min(text.length, at + anchor.length + 120)).toLowerCase();
  const keyish = /private|secret|wallet|mnemonic|priv_?key|signer/.test(near);
  return {
    rule: 'secp256k1-private-key',
    type: 'crypto_private_key',
    family: 'private_key',
    start: at,
    end: at + anchor.length,
    score: keyish ? 0.8 : LOOKALIKE,
    value: anchor,
    note: keyish ? 'key context' : 'no key context (hash?)',
  };
};

const mailchimp: Handler = (text, at) => {
  const start = runStart(text, at, HEX, 33);
  if (at - start !== 32 || !notIn(text, start - 1, AN)) return undefined;
  const key = text.slice(start, at);
  if (key !== key.toLowerCase()) return undefined;
  const end = runEnd(text, at + 3, DIGIT, 3);
  if (end - at - 3 > 2 || !notIn(text, end, AN)) return undefined;
  return {
    rule: 'mailchimp-api-key',
    type: 'mailchimp_api_key',
    family: 'mailchimp',
    start,
    end,
    score: 0.9,
    value: text.slice(start, end),
  };
};

/** Lower-case hex bodies (DigitalOcean, RubyGems, Mailgun): a body that is not lower-case hex is a different string. */
const lowerHex = (b: string): boolean => /^[0-9a-f]+$/.test(b);

const mailgunToken = token({
  rule: 'mailgun-api-key',
  type: 'mailgun_api_key',
  family: 'mailgun',
  body: HEX,
  min: 32,
  max: 32,
  score: 0.85,
  minEntropy: 3,
  check: lowerHex,
});

/**
 * Mailgun's private API key: "key-" and 32 lower-case hex digits (the "api" user's password). An
 * MD5 after "key-" is common elsewhere (cache keys), so Mailgun must be named within 300 characters.
 */
const mailgun: Handler = (text, at, anchor, state) => {
  const h = mailgunToken(text, at, anchor, state);
  if (!h) return undefined;
  const around = text.slice(Math.max(0, at - 300), Math.min(text.length, at + 336)).toLowerCase();
  return around.includes('mailgun') ? h : undefined;
};

const telegram: Handler = (text, at) => {
  const start = runStart(text, at, DIGIT, 11);
  const id = at - start;
  // (in the Bot API's URLs the token follows "bot": api.telegram.org/bot<token>/sendMessage)
  const inUrl = text.startsWith('bot', start - 3) && notIn(text, start - 4, AN);
  if (id < 8 || id > 10 || !(notIn(text, start - 1, AN) || inUrl)) return undefined;
  const end = runEnd(text, at + 1, AN_, 40);
  if (end - at - 1 !== 35) return undefined;
  const value = text.slice(start, end);
  // The Bot API documentation's example token
  const example = value === '110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw';
  return {
    rule: 'telegram-bot-token',
    type: 'telegram_bot_token',
    family: 'telegram',
    start,
    end,
    score: example ? LOOKALIKE : 0.9,
    value,
    ...(example ? { note: 'documented example token' } : {}),
  };
};

/** Discord bot token: base64(user id).<6>.<27+>; the first part decodes to digits when real. */
const discord: Handler = (text, at, anchor) => {
  const start = runStart(text, at, AN_, 28);
  const n = at - start;
  // 17- to 20-digit user ids are 23 to 27 base64 characters
  if (n < 23 || n > 27 || !notIn(text, start - 1, AN_)) return undefined;
  const sigFrom = at + anchor.length;
  const end = runEnd(text, sigFrom, AN_, 40);
  if (end - sigFrom < 27 || end - sigFrom > 38) return undefined;
  const first = text.slice(start, at);
  const id = decodeBase64(first);
  const digits = id !== undefined && /^\d{17,20}$/.test(id);
  const first0 = first[0] as string;
  if (!digits && (n < 24 || n > 26 || !'MNO'.includes(first0))) return undefined;
  return {
    rule: 'discord-bot-token',
    type: 'discord_bot_token',
    family: 'discord',
    start,
    end,
    score: digits ? 0.95 : DEGENERATE,
    value: text.slice(start, end),
  };
};

const facebookApp: Handler = (text, at, anchor) => {
  const start = runStart(text, at + anchor.length - 1, DIGIT, 17);
  const idLen = at + anchor.length - 1 - start;
  if (idLen < 15 || idLen > 16 || !notIn(text, start - 1, AN)) return undefined;
  const from = at + anchor.length;
  const end = runEnd(text, from, AN_, 41);
  if (end - from < 27 || end - from > 40) return undefined;
  return {
    rule: 'facebook-access-token',
    type: 'facebook_token',
    family: 'facebook',
    start,
    end,
    score: 0.85,
    value: text.slice(start, end),
  };
};

/** EAA… Facebook page/user tokens (100+ chars) and EAAA… Square access tokens (64). */
const eaa: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at, AN_, 400);
  const v = text.slice(at, end);
  const sh = shape(v);
  if (sh.digits === 0 || sh.lower === 0 || entropy(v) < 4) return undefined;
  if (v.startsWith('EAAA') && v.length === 64) {
    return { rule: 'square-access-token', type: 'square_token', family: 'square', start: at, end, score: 0.9, value: v };
  }
  if (v.length < 90 || !/^EAA[A-Za-z0-9]+$/.test(v)) return undefined;
  return { rule: 'facebook-access-token', type: 'facebook_token', family: 'facebook', start: at, end, score: 0.9, value: v };
};

/** Azure AD client secret: 3 chars, a digit, `Q~`, then 31-34 chars (alphabet A-Za-z0-9 _ - ~ .). */
const azureClientSecret: Handler = (text, at) => {
  const inSet = (i: number) => i >= 0 && i < text.length && (!notIn(text, i, AN_) || text[i] === '~' || text[i] === '.');
  const start = at - 4;
  if (notIn(text, at - 1, DIGIT) || !inSet(start) || !inSet(start + 1) || !inSet(start + 2) || !notIn(text, start - 1, ALNUM)) {
    return undefined;
  }
  let end = at + 2;
  while (end - at - 2 < 35 && inSet(end)) end++;
  const n = end - at - 2;
  if (n < 31 || n > 34) return undefined;
  const v = text.slice(start, end);
  if (entropy(v) < 3.5) return undefined;
  return { rule: 'azure-ad-client-secret', type: 'azure_client_secret', family: 'azure', start, end, score: 0.9, value: v };
};

const maxmind: Handler = (text, at) => {
  const s2 = runStart(text, at, AN, 30);
  if (at - s2 !== 29 || text[s2 - 1] !== '_') return undefined;
  const s1 = runStart(text, s2 - 1, AN, 7);
  if (s2 - 1 - s1 !== 6 || !notIn(text, s1 - 1, AN_) || !notIn(text, at + 4, AN)) return undefined;
  const v = text.slice(s1, at + 4);
  if (entropy(v) < 3.5) return undefined;
  return { rule: 'maxmind-license-key', type: 'maxmind_license_key', family: 'maxmind', start: s1, end: at + 4, score: 0.9, value: v };
};

const terraform: Handler = (text, at, anchor) => {
  const start = runStart(text, at, AN, 15);
  if (at - start !== 14 || !notIn(text, start - 1, AN)) return undefined;
  const end = runEnd(text, at + anchor.length, AN_ | B64, 80);
  if (end - at - anchor.length < 60 || isFillerBody(text.slice(start, at))) return undefined;
  return {
    rule: 'terraform-api-token',
    type: 'terraform_token',
    family: 'hashicorp',
    start,
    end,
    score: 0.95,
    value: text.slice(start, end),
  };
};

const onePasswordSecretKey: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at, AN_, 50);
  const v = text.slice(at, end);
  if (!/^A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(v)) return undefined;
  if (isFillerBody(v.slice(3))) return undefined;
  return { rule: '1password-secret-key', type: 'onepassword_secret_key', family: '1password', start: at, end, score: 0.95, value: v };
};

const sourcegraph: Handler = (text, at, anchor) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at + anchor.length, AN_, 80);
  const v = text.slice(at, end);
  if (!/^sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}$/.test(v) || entropy(v) < 3.5) return undefined;
  return { rule: 'sourcegraph-token', type: 'sourcegraph_token', family: 'sourcegraph', start: at, end, score: 0.95, value: v };
};

const cloudflareOriginCa: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at + 5, HEX | URL64, 200);
  if (!/^v1\.0-[a-f0-9]{24}-[a-f0-9]{146}$/.test(text.slice(at, end))) return undefined;
  return {
    rule: 'cloudflare-origin-ca-key',
    type: 'cloudflare_key',
    family: 'cloudflare',
    start: at,
    end,
    score: 0.95,
    value: text.slice(at, end),
  };
};

const intra42: Handler = (text, at) => {
  if (!notIn(text, at - 1, AN)) return undefined;
  const end = runEnd(text, at, AN_, 90);
  const v = text.slice(at, end);
  if (!/^s-s4t2(?:ud|af)-[a-f0-9]{64}$/.test(v)) return undefined;
  return { rule: 'intra42-client-secret', type: 'intra42_secret', family: 'intra42', start: at, end, score: 0.95, value: v };
};

const tailscale: Handler = (text, at) => {
  if (!notIn(text, at - 1, UPPER | LOWER)) return undefined;
  const end = runEnd(text, at + 6, AN_, 120);
  const parts = text.slice(at + 6, end).split('-');
  if (parts.length !== 3 || !/^[a-z]+$/.test(parts[0] as string)) return undefined;
  const [, id = '', secret = ''] = parts;
  if (id.length < 6 || secret.length < 16 || isFillerBody(id + secret)) return undefined;
  const score = isOneRepeatedChar(id) && isOneRepeatedChar(secret) ? DEGENERATE : 0.95;
  return { rule: 'tailscale-key', type: 'tailscale_key', family: 'tailscale', start: at, end, score, value: text.slice(at, end) };
};

const stripe = token({ rule: 'stripe-secret-key', type: 'stripe_key', family: 'stripe', body: AN, min: 24, max: 247, score: 0.95 });

const HF_BODY = UPPER | LOWER;

/** Anchor → rule. Anchors are the literal strings the combined regex in secrets.ts matches. */
/**
 * A PuTTY private key file (`.ppk`, versions 2 and 3): the secret is the base64 block after
 * `Private-Lines:`. A file whose private block is missing or too short to be a key is a look-alike.
 */
const puttyKey: Handler = (text, at) => {
  const limit = Math.min(text.length, at + 4096);
  const mark = text.indexOf('Private-Lines:', at);
  const base = { rule: 'putty-private-key', type: 'private_key', family: 'private_key', start: at };
  if (mark === -1 || mark > limit) {
    const end = runEnd(text, at, ALNUM | URL64, 40);
    return { ...base, end, score: LOOKALIKE, value: text.slice(at, end), note: 'PuTTY, no private block' };
  }
  // The count, then the base64 lines (a literal or an escaped line break, also escaped again, between them).
  let i = mark + 14;
  while (i < limit && (text[i] === ' ' || (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57))) i++;
  let b64 = 0;
  for (;;) {
    if (text[i] === '\r' || text[i] === '\n') i++;
    else if (text[i] === '\\' && escapedBreak(text, i) > 0) i += escapedBreak(text, i);
    else break;
    const e = runEnd(text, i, B64 | PAD, 128);
    if (e === i || text.startsWith('Private-MAC', i)) break;
    b64 += e - i;
    i = e;
  }
  const stub = b64 < 40;
  return { ...base, end: i, score: stub ? LOOKALIKE : 0.95, value: text.slice(at, i), note: stub ? 'PuTTY, stub body' : 'PuTTY' };
};

export const LITERAL_RULES = new Map<string, Handler>([
  ['PuTTY-User-Key-File-', puttyKey],
  ...['dop_v1_', 'doo_v1_', 'dor_v1_'].map(
    (p) =>
      [
        p,
        token({
          rule: 'digitalocean-token',
          type: 'digitalocean_token',
          family: 'digitalocean',
          body: HEX,
          min: 64,
          max: 64,
          score: 0.95,
          minEntropy: 3,
          check: lowerHex,
        }),
      ] as const,
  ),
  [
    'rubygems_',
    token({
      rule: 'rubygems-api-key',
      type: 'rubygems_key',
      family: 'rubygems',
      body: HEX,
      min: 48,
      max: 48,
      score: 0.95,
      minEntropy: 3,
      check: lowerHex,
    }),
  ],
  [
    'PMAK-',
    token({
      rule: 'postman-api-key',
      type: 'postman_key',
      family: 'postman',
      body: URL64,
      min: 59,
      max: 59,
      score: 0.95,
      minEntropy: 3,
      check: (b) => /^[0-9a-f]{24}-[0-9a-f]{34}$/.test(b),
    }),
  ],
  ['key-', mailgun],
  ['xai-', token({ rule: 'xai-api-key', type: 'xai_api_key', family: 'xai', body: AN, min: 80, max: 80, score: 0.95, minEntropy: 3.5 })],
  [
    'r8_',
    token({
      rule: 'replicate-token',
      type: 'replicate_token',
      family: 'replicate',
      body: AN,
      min: 37,
      max: 37,
      score: 0.9,
      minEntropy: 3.5,
    }),
  ],
  [
    'nvapi-',
    token({ rule: 'nvidia-api-key', type: 'nvidia_api_key', family: 'nvidia', body: AN_, min: 64, max: 64, score: 0.95, minEntropy: 3.5 }),
  ],
  [
    'ya29.',
    token({
      rule: 'google-oauth-access-token',
      type: 'gcp_oauth_token',
      family: 'gcp',
      body: AN_,
      min: 30,
      max: 2048,
      score: 0.85,
      minEntropy: 3.5,
    }),
  ],
  [
    'ABSKQmVkcm9ja0FQSUtleS',
    token({ rule: 'aws-bedrock-api-key', type: 'aws_bedrock_key', family: 'aws', body: B64 | PAD, min: 100, max: 140, score: 0.95 }),
  ],
  ['bedrock-api-key-', bedrockShort],
  ['ghp_', github],
  ['gho_', github],
  ['ghu_', github],
  ['ghs_', github],
  ['ghr_', github],
  ['github_pat_', githubFineGrained],
  ['glpat-', gitlab(20, 64)],
  ['gldt-', gitlab(20, 64)],
  ['glrt-', gitlab(20, 64)],
  ['glsoat-', gitlab(20, 50)],
  ['glft-', gitlab(20, 64)],
  ['glffct-', gitlab(20, 64)],
  ['glcbt-', gitlab(20, 64)],
  ['glptt-', gitlab(40, 40)],
  ['glimt-', gitlab(25, 25)],
  ['gloas-', gitlab(64, 64)],
  ['glagent-', gitlab(50, 1024)],
  [
    'GR1348941',
    token({
      rule: 'gitlab-runner-registration-token',
      type: 'gitlab_token',
      family: 'gitlab',
      body: AN_,
      min: 20,
      max: 50,
      score: 0.95,
      minEntropy: 3,
    }),
  ],
  [
    'glc_',
    token({
      rule: 'grafana-cloud-token',
      type: 'grafana_token',
      family: 'grafana',
      body: B64,
      min: 32,
      max: 400,
      score: 0.9,
      check: grafanaBody,
    }),
  ],
  [
    'glsa_',
    token({
      rule: 'grafana-service-account-token',
      type: 'grafana_token',
      family: 'grafana',
      body: AN_,
      min: 41,
      max: 41,
      score: 0.95,
      check: (b) => /^[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}$/.test(b),
    }),
  ],
  ['xoxa-', slackToken],
  ['xoxb-', slackToken],
  ['xoxp-', slackToken],
  ['xoxo-', slackToken],
  ['xoxs-', slackToken],
  ['xoxr-', slackToken],
  ['xoxe-', slackToken],
  ['xoxe.', slackToken],
  ['xapp-', slackApp],
  ['hooks.slack.com/', slackWebhook],
  ['sk_live_', stripe],
  ['sk_test_', stripe],
  ['sk_prod_', stripe],
  ['rk_live_', stripe],
  ['rk_test_', stripe],
  ['rk_prod_', stripe],
  ['SG.', sendgrid],
  ['sk-', skDash],
  ['AIza', gcpApiKey],
  ['"service_account"', gcpServiceAccount],
  ['eyJ', jwt],
  ['eyJrIjoi', grafanaApiKey],
  ['api.softlayer.com/', softlayerUrl],
  ['-----BEGIN', pem],
  ['gth_', gatehouse],
  [
    'hf_',
    token({
      rule: 'huggingface-token',
      type: 'huggingface_token',
      family: 'huggingface',
      body: HF_BODY,
      min: 34,
      max: 34,
      score: 0.95,
      minEntropy: 3.5,
    }),
  ],
  [
    'api_org_',
    token({
      rule: 'huggingface-org-token',
      type: 'huggingface_token',
      family: 'huggingface',
      body: HF_BODY,
      min: 34,
      max: 34,
      score: 0.95,
      minEntropy: 3.5,
    }),
  ],
  ['npm_', npm],
  ['pypi-AgE', token({ rule: 'pypi-token', type: 'pypi_token', family: 'pypi', body: AN_, min: 85, max: 400, score: 0.95 })],
  [
    'dapi',
    token({
      rule: 'databricks-token',
      type: 'databricks_token',
      family: 'databricks',
      body: AN_,
      min: 32,
      max: 34,
      score: 0.9,
      check: (b) => /^[a-fA-F0-9]{32}(?:-\d)?$/.test(b),
    }),
  ],
  [
    'sha256~',
    token({
      rule: 'openshift-token',
      type: 'openshift_token',
      family: 'openshift',
      body: AN_,
      min: 43,
      max: 43,
      score: 0.9,
      left: 0,
      minEntropy: 3.5,
    }),
  ],
  [
    'ntn_',
    token({
      rule: 'notion-token',
      type: 'notion_token',
      family: 'notion',
      body: AN,
      min: 46,
      max: 46,
      score: 0.95,
      check: (b) => /^\d{11}[A-Za-z0-9]{35}$/.test(b),
    }),
  ],
  ['tskey-', tailscale],
  [
    'ops_eyJ',
    token({
      rule: '1password-service-account-token',
      type: 'onepassword_token',
      family: '1password',
      body: B64 | URL64,
      min: 250,
      max: 4096,
      score: 0.95,
    }),
  ],
  ['A3-', onePasswordSecretKey],
  [
    'AGE-SECRET-KEY-1',
    token({
      rule: 'age-secret-key',
      type: 'age_secret_key',
      family: 'age',
      body: UPPER | DIGIT,
      min: 58,
      max: 58,
      score: 0.95,
      check: (b) => /^[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]+$/.test(b),
    }),
  ],
  [
    'ATATT3',
    token({
      rule: 'atlassian-api-token',
      type: 'atlassian_token',
      family: 'atlassian',
      body: AN_ | PAD,
      min: 180,
      max: 260,
      score: 0.95,
      left: AN,
    }),
  ],
  ['hvs.', token({ rule: 'vault-token', type: 'vault_token', family: 'vault', body: AN_, min: 90, max: 200, score: 0.95 })],
  ['hvb.', token({ rule: 'vault-token', type: 'vault_token', family: 'vault', body: AN_, min: 138, max: 300, score: 0.95 })],
  ['dckr_pat_', token({ rule: 'docker-pat', type: 'docker_token', family: 'docker', body: AN_, min: 27, max: 60, score: 0.95 })],
  ['shpat_', shopify()],
  ['shpca_', shopify()],
  ['shppa_', shopify()],
  ['shpss_', shopify()],
  [
    'lin_api_',
    token({ rule: 'linear-api-key', type: 'linear_api_key', family: 'linear', body: AN, min: 40, max: 64, score: 0.95, minEntropy: 3.5 }),
  ],
  ['vcp_', vercel()],
  ['vci_', vercel()],
  ['vca_', vercel()],
  ['vcr_', vercel()],
  ['vck_', vercel()],
  ['gsk_', token({ rule: 'groq-api-key', type: 'groq_api_key', family: 'groq', body: AN, min: 52, max: 52, score: 0.95 })],
  ['cfat_', cloudflareToken()],
  ['cfut_', cloudflareToken()],
  ['cfk_', cloudflareToken()],
  ['v1.0-', cloudflareOriginCa],
  ['figd_', token({ rule: 'figma-token', type: 'figma_token', family: 'figma', body: AN_, min: 40, max: 60, score: 0.9 })],
  [
    'pplx-',
    token({ rule: 'perplexity-api-key', type: 'perplexity_api_key', family: 'perplexity', body: AN, min: 48, max: 48, score: 0.95 }),
  ],
  ['pnu_', token({ rule: 'prefect-api-key', type: 'prefect_api_key', family: 'prefect', body: AN, min: 36, max: 36, score: 0.95 })],
  ['rdme_', token({ rule: 'readme-api-key', type: 'readme_api_key', family: 'readme', body: AN, min: 70, max: 70, score: 0.95 })],
  ['pul-', token({ rule: 'pulumi-token', type: 'pulumi_token', family: 'pulumi', body: HEX, min: 40, max: 40, score: 0.95 })],
  [
    'ico-',
    token({
      rule: 'infracost-api-key',
      type: 'infracost_api_key',
      family: 'infracost',
      body: AN,
      min: 32,
      max: 32,
      score: 0.9,
      minEntropy: 3.5,
      left: AN_ | IDENT,
    }),
  ],
  ['sgp_', sourcegraph],
  ['sq0atp-', token({ rule: 'square-access-token', type: 'square_token', family: 'square', body: AN_, min: 22, max: 60, score: 0.9 })],
  ['sq0csp-', token({ rule: 'square-oauth-secret', type: 'square_token', family: 'square', body: AN_, min: 40, max: 60, score: 0.9 })],
  ['EAA', eaa],
  [
    'sntrys_',
    token({
      rule: 'sentry-org-token',
      type: 'sentry_token',
      family: 'sentry',
      body: B64 | URL64,
      min: 60,
      max: 400,
      score: 0.95,
      check: (b) => b.startsWith('eyJ'),
    }),
  ],
  ['sntryu_', token({ rule: 'sentry-user-token', type: 'sentry_token', family: 'sentry', body: HEX, min: 64, max: 64, score: 0.95 })],
  ['fo1_', token({ rule: 'fly-token', type: 'fly_token', family: 'fly', body: AN_, min: 43, max: 43, score: 0.9 })],
  ['fm1a_', token({ rule: 'fly-token', type: 'fly_token', family: 'fly', body: B64 | URL64, min: 100, max: 2048, score: 0.9 })],
  ['fm1r_', token({ rule: 'fly-token', type: 'fly_token', family: 'fly', body: B64 | URL64, min: 100, max: 2048, score: 0.9 })],
  ['fm2_', token({ rule: 'fly-token', type: 'fly_token', family: 'fly', body: B64 | URL64, min: 100, max: 2048, score: 0.9 })],
  ['.atlasv1.', terraform],
  ['HRKU-', token({ rule: 'heroku-api-key', type: 'heroku_api_key', family: 'heroku', body: AN_, min: 60, max: 60, score: 0.95 })],
  ['tk-us-', token({ rule: 'scalingo-token', type: 'scalingo_token', family: 'scalingo', body: AN_, min: 48, max: 48, score: 0.9 })],
  ['s-s4t2', intra42],
  ['_mmk', maxmind],
  // keyed on '~' (the scan only tries letter-initial anchors at word starts; this one is mid-word)
  ['~', (text, at, _anchor, state) => (text[at - 1] === 'Q' ? azureClientSecret(text, at - 1, 'Q~', state) : undefined)],
  [
    'AKCp',
    token({
      rule: 'artifactory-api-key',
      type: 'artifactory_token',
      family: 'artifactory',
      body: AN,
      min: 69,
      max: 69,
      score: 0.9,
      minEntropy: 3.5,
    }),
  ],
  [
    'cmVmdGtu',
    token({
      rule: 'artifactory-reference-token',
      type: 'artifactory_token',
      family: 'artifactory',
      body: AN,
      min: 56,
      max: 56,
      score: 0.9,
      minEntropy: 3.5,
    }),
  ],
  [
    'API-',
    token({
      rule: 'octopus-deploy-api-key',
      type: 'octopus_api_key',
      family: 'octopus',
      body: UPPER | DIGIT,
      min: 26,
      max: 26,
      score: 0.9,
      minEntropy: 3.5,
    }),
  ],
  [
    'CLOJARS_',
    token({
      rule: 'clojars-token',
      type: 'clojars_token',
      family: 'clojars',
      body: LOWER | DIGIT,
      min: 60,
      max: 60,
      score: 0.9,
      minEntropy: 3.5,
    }),
  ],
  [
    '4b1d',
    token({
      rule: 'clickhouse-api-secret',
      type: 'clickhouse_secret',
      family: 'clickhouse',
      body: AN,
      min: 38,
      max: 38,
      score: 0.85,
      minEntropy: 3.5,
    }),
  ],
]);

/**
 * Prefixes that name a vendor format: a value with one of these that its vendor rule rejected
 * (wrong length, bad alphabet) is not rescued by the generic assignment rule.
 */
export const VENDOR_PREFIXES = [
  'dop_v1_',
  'doo_v1_',
  'dor_v1_',
  'rubygems_',
  'PMAK-',
  'xai-',
  'r8_',
  'nvapi-',
  'ya29.',
  'ghp_',
  'gho_',
  'ghu_',
  'ghs_',
  'ghr_',
  'github_pat_',
  'glpat-',
  'glptt-',
  'glrt-',
  'gldt-',
  'GR1348941',
  'glc_',
  'glsa_',
  'xoxa-',
  'xoxb-',
  'xoxp-',
  'xoxo-',
  'xoxs-',
  'xoxr-',
  'xoxe',
  'xapp-',
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'rk_test_',
  'SG.',
  'sk-ant-',
  'AIza',
  'hf_',
  'api_org_',
  'npm_',
  'pypi-',
  'dapi',
  'sha256~',
  'ntn_',
  'tskey-',
  'ops_',
  'hvs.',
  'hvb.',
  'dckr_pat_',
  'shpat_',
  'shpca_',
  'shppa_',
  'shpss_',
  'lin_api_',
  'gsk_',
  'cfat_',
  'cfut_',
  'cfk_',
  'figd_',
  'pplx-',
  'pnu_',
  'rdme_',
  'pul-',
  'ico-',
  'sgp_',
  'sq0atp-',
  'sq0csp-',
  'sntrys_',
  'sntryu_',
  'fo1_',
  'HRKU-',
  'ATATT3',
  'AKCp',
  'gth_',
  'AGE-SECRET-KEY-',
  // base64 of "-----BEGIN": judged by decoding (a certificate or a stub block is not a secret)
  'LS0tLS1CRUdJTi',
];

/**
 * Grafana Cloud tokens are `glc_` + base64 of a JSON object, so the body opens `eyJ`; one that
 * decodes (or is cut short but opens so) is the format, a random base64 body of every character
 * class only resembles it.
 */
function grafanaBody(b: string): boolean | number {
  if (b.startsWith('eyJ')) return decodeBase64(b)?.startsWith('{"') === true ? 0.9 : 0.8;
  const sh = shape(b);
  return sh.digits > 0 && sh.upper > 0 && sh.lower > 0 && entropy(b) >= 4 ? 0.7 : false;
}

function shopify(): Handler {
  return token({
    rule: 'shopify-token',
    type: 'shopify_token',
    family: 'shopify',
    body: AN,
    min: 32,
    max: 48,
    score: 0.9,
    minEntropy: 3.5,
  });
}

function vercel(): Handler {
  return token({ rule: 'vercel-token', type: 'vercel_token', family: 'vercel', body: AN, min: 24, max: 80, score: 0.85, minEntropy: 3.5 });
}

function cloudflareToken(): Handler {
  // 40 random characters and an 8-hex checksum
  return token({
    rule: 'cloudflare-api-token',
    type: 'cloudflare_key',
    family: 'cloudflare',
    body: AN,
    min: 48,
    max: 48,
    score: 0.9,
    minEntropy: 3.5,
    check: (b) => /[a-f0-9]{8}$/.test(b),
  });
}

/** Runs a rule on the full anchor read by a sticky pattern at the candidate position. */
function expand(re: RegExp, rule: Handler): Handler {
  return (text, at, _anchor, state) => {
    re.lastIndex = at;
    const m = re.exec(text);
    return m ? rule(text, at, m[0], state) : undefined;
  };
}

/** A Discord bot token's middle part: ".XXXXXX." (six URL-safe base64 characters between dots). */
const DISCORD = expand(/\.[\w-]{6}\./y, discord);

/** The prefix table has matched one of the id prefixes: the id is 20 upper-case letters and digits. */
const AWS_ID: Handler = (text, at, _anchor, state) => {
  const end = runEnd(text, at, UPPER | DIGIT, 21);
  return end - at === 20 ? awsAccessKey(text, at, text.slice(at, end), state) : undefined;
};

/** AC + 32 lower-case hex (account SID), SK + 32 hex (API key SID). */
const TWILIO: Handler = (text, at, anchor, state) => {
  const end = runEnd(text, at + 2, HEX, 33);
  if (end - at !== 34) return undefined;
  const v = text.slice(at, end);
  if (anchor === 'AC' && v !== `AC${v.slice(2).toLowerCase()}`) return undefined;
  return twilio(text, at, v, state);
};

/**
 * Rules keyed by a literal prefix whose full shape is a pattern (read by `expand`), and rules
 * keyed by a single punctuation character: together with LITERAL_RULES these are every anchor.
 */
export const PATTERN_RULES = new Map<string, Handler>([
  ...['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'APKA', 'A3T'].map((p) => [p, AWS_ID] as const),
  ['AC', TWILIO],
  ['SK', TWILIO],
  ['s.', expand(/s\.[A-Za-z0-9]{24}/y, vaultLegacy)],
  ['0x', expand(/0x[0-9a-fA-F]{64}/y, secp256k1)],
  ['-us', expand(/-us\d/y, mailchimp)],
  [':AA', telegram],
  // '.' and '|' are common in prose and tables: a character test before the pattern or the slice.
  ['.', (text, at, anchor, state) => (text.charCodeAt(at + 7) === 46 ? DISCORD(text, at, anchor, state) : undefined)],
  [
    '|',
    (text, at, _anchor, state) => {
      const d = text.charCodeAt(at - 1);
      return at >= 15 && d >= 48 && d <= 57 ? facebookApp(text, at - 15, text.slice(at - 15, at + 1), state) : undefined;
    },
  ],
]);

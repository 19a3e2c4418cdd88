// System-prompt leakage scanner: runs on a model OUTPUT with the exchange's protected system
// prompts and the canary tokens Gatehouse planted in them. It reports three things:
//   leak.canary         a canary, verbatim or disguised (split, re-cased, reversed, zero-width
//                       characters inserted, base64- or hex-encoded);
//   leak.system_prompt  a run of the instructions' words repeated in order (tolerating small
//                       edits), or a secret the instructions protect ("the password is X", a
//                       quoted code, or a prompt that is only a code) revealed in the output.
// Mentioning "a canary" or "the secret code" without the value is not a leak. Every rule needs
// at most a few hundred characters to recognise a leak, so the scanner works on streamed output.
import { mask } from './secrets-util.js';
import type { Finding, ScanContext, Scanner, ScanResult } from './types.js';

export interface LeakScannerOptions {
  /** Decision threshold on the text score (default 0.5). */
  threshold?: number;
}

export const LEAK_THRESHOLD = 0.5;
/** Word n-gram size for overlap; shorter shared phrases are too common to mean anything. */
const GRAM = 5;
/** Words of a verbatim run that make a leak on their own. */
const RUN_LEAK = 10;
/** Gap (in output words) a run may bridge: small edits, inserted words. */
const GAP = 2;
/** Shortest protected secret matched across word boundaries (shorter ones must stand as words). */
const MIN_FUZZY = 6;
const MIN_SECRET = 4;

export function createLeakScanner(options: LeakScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? LEAK_THRESHOLD;
  return {
    name: 'leak',
    threshold,
    // A 10-word run or a canary is recognised in well under this; long runs are reported as the
    // parts seen in each window.
    maxFindingLength: 512,
    scan(text: string, context: ScanContext = {}): ScanResult {
      const findings: Finding[] = [];
      const canaries = (context.canaries ?? []).filter((c) => c.length >= MIN_SECRET);
      const prompts = context.systemPrompts ?? [];
      if (canaries.length === 0 && prompts.length === 0) return { scanner: 'leak', score: 0, flagged: false, findings };
      const tokens = words(text);
      const view: View = { lower: text.toLowerCase(), norm: tokens.words.join('') };
      for (const c of canaries) {
        const f = findValue(text, view, c, 'canary');
        if (f) findings.push(f);
      }
      for (const p of prompts) {
        for (const secret of protectedSecrets(p)) {
          const f = findValue(text, view, secret, 'prompt_secret');
          if (f) findings.push(f);
        }
        const f = overlap(tokens, p);
        if (f) findings.push(f);
      }
      const score = findings.reduce((m, f) => Math.max(m, f.score), 0);
      return { scanner: 'leak', score, flagged: score >= threshold, findings };
    },
  };
}

// --- normalisation ------------------------------------------------------------------------------

/** Zero-width and formatting characters that disguise a token without changing how it reads. */
function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200f) || (code >= 0x2060 && code <= 0x2064) || code === 0xfeff || code === 0x00ad || code === 0x180e;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(ch: string, code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_DIGIT.test(ch);
}

/** Letters and digits only, lower-cased, NFKC-folded: what a disguised token reads as. */
function normalize(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, '');
  // NFKC (ICU) is costly; only compatibility forms (full-width, math letters, circled, ligatures,
  // super/subscripts) need it to read as plain letters.
  const folded = COMPAT.test(text) ? text.normalize('NFKC') : text;
  return folded.toLowerCase().replace(NOT_WORD, '');
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMPAT = /[\uff00-\uffef\u2100-\u214f\u2460-\u24ff\ufb00-\ufb4f\u2070-\u209f\u1d00-\u1dbf\ud835]/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Offset in `text` of the character that became normalized character `j` (walks; used on a match only). */
function originalOffset(text: string, j: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const ch = wide ? text.slice(i, i + 2) : (text[i] as string);
    const folded = code < 128 ? ch.toLowerCase() : normalize(ch);
    for (const c of folded) {
      if (!isWordChar(c, c.charCodeAt(0))) continue;
      if (n === j) return i;
      n += c.length;
    }
    if (wide) i++;
  }
  return text.length;
}

function normalizeValue(v: string): string {
  return normalize(v);
}

// --- canaries and protected secrets --------------------------------------------------------------

type ValueKind = 'canary' | 'prompt_secret';

/** Per-scan views of the output, built once and shared by every value searched. */
interface View {
  lower: string;
  norm: string;
}

function finding(kind: ValueKind, start: number, end: number, score: number, how: string, value: string): Finding {
  const canary = kind === 'canary';
  return {
    scanner: 'leak',
    type: canary ? 'canary' : 'prompt_secret',
    category: 'leak',
    label: canary ? 'leak.canary' : 'leak.system_prompt',
    start,
    end,
    score,
    evidence: `${canary ? 'canary' : 'prompt-secret'} ${how} ${mask(value)} len=${value.length}`.replace('  ', ' '),
  };
}

/** A value in the output: verbatim, disguised (split, re-cased, invisible characters), reversed or encoded. */
function findValue(text: string, view: View, value: string, kind: ValueKind): Finding | undefined {
  const norm = view.norm;
  const span = (j: number, len: number) => [originalOffset(text, j), originalOffset(text, j + len - 1) + 1] as const;
  const exact = kind === 'canary' ? 1 : 0.9;
  const lower = view.lower;
  const v = value.toLowerCase();
  let i = lower.indexOf(v);
  while (i !== -1) {
    if (kind === 'canary' || standsAlone(lower, i, i + v.length)) return finding(kind, i, i + v.length, exact, 'verbatim', value);
    i = lower.indexOf(v, i + 1);
  }
  const nv = normalizeValue(value);
  if (nv.length < MIN_SECRET) return undefined;
  const fuzzy = nv.length >= MIN_FUZZY || kind === 'canary';
  if (fuzzy) {
    const j = norm.indexOf(nv);
    if (j !== -1) return finding(kind, ...span(j, nv.length), exact - 0.05, 'disguised', value);
    const rev = [...nv].reverse().join('');
    const r = norm.indexOf(rev);
    if (r !== -1 && rev !== nv) return finding(kind, ...span(r, nv.length), exact - 0.1, 'reversed', value);
    const enc = encoded(text, norm, value);
    if (enc) return finding(kind, enc.start, enc.end, exact - 0.1, enc.how, value);
  }
  return undefined;
}

/** The match is a whole word (or words): `egg` in "eggplant" is not the secret `egg`. */
function standsAlone(lower: string, start: number, end: number): boolean {
  const before = start > 0 ? lower.charCodeAt(start - 1) : 32;
  const after = end < lower.length ? lower.charCodeAt(end) : 32;
  return !isWordChar(lower[start - 1] ?? ' ', before) && !isWordChar(lower[end] ?? ' ', after);
}

interface Encodings {
  /** base64 (and base64url) of the value at each of the three byte alignments, case variants included. */
  base64: string[];
  /** lower-case hex of the value's case variants (matched in the normalized text, so spacing does not matter). */
  hex: string[];
}

const encodingCache = new Map<string, Encodings>();

/**
 * What the value looks like once encoded, computed once per value (canaries recur): searching for
 * these is cheaper than decoding every run of the output.
 */
function encodingsOf(value: string): Encodings {
  const cached = encodingCache.get(value);
  if (cached) return cached;
  const variants = [...new Set([value, value.toLowerCase(), value.toUpperCase()])];
  const base64 = new Set<string>();
  const hex = new Set<string>();
  for (const v of variants) {
    const bytes = Buffer.from(v, 'utf8');
    hex.add(bytes.toString('hex'));
    for (let k = 0; k < 3; k++) {
      const buf = Buffer.concat([Buffer.alloc(k), bytes]);
      // keep only the characters whose 6 bits all come from the value
      const needle = buf.toString('base64').slice(Math.ceil((k * 8) / 6), Math.floor((buf.length * 8) / 6));
      if (needle.length >= 6) {
        base64.add(needle);
        base64.add(needle.replaceAll('+', '-').replaceAll('/', '_'));
      }
    }
  }
  const e = { base64: [...base64], hex: [...hex] };
  if (encodingCache.size >= 256) encodingCache.delete(encodingCache.keys().next().value as string);
  encodingCache.set(value, e);
  return e;
}

/** The value base64- or hex-encoded in the output. */
function encoded(text: string, norm: string, value: string): { start: number; end: number; how: string } | undefined {
  const e = encodingsOf(value);
  for (const b of e.base64) {
    const i = text.indexOf(b);
    if (i !== -1) return { start: i, end: i + b.length, how: 'base64' };
  }
  for (const h of e.hex) {
    const i = norm.indexOf(h);
    if (i !== -1) return { start: originalOffset(text, i), end: originalOffset(text, i + h.length - 1) + 1, how: 'hex' };
  }
  return undefined;
}

const SECRET_WORDS =
  /\b(?:password|passphrase|passcode|pass code|passkey|secret(?: word| code| phrase| key)?|access code|code ?word|pin|key)\b/gi;
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '`': '`', '「': '」' };

/**
 * Secrets the instructions protect: values quoted or introduced by "password is", "the access
 * code: …" and the like; and the whole prompt when it is only a short code.
 */
export function protectedSecrets(prompt: string): string[] {
  const cached = secretCache.get(prompt);
  if (cached) return cached;
  const found = extractSecrets(prompt);
  if (secretCache.size >= 64) secretCache.delete(secretCache.keys().next().value as string);
  secretCache.set(prompt, found);
  return found;
}

const secretCache = new Map<string, string[]>();

function extractSecrets(prompt: string): string[] {
  const out = new Set<string>();
  SECRET_WORDS.lastIndex = 0;
  for (let m = SECRET_WORDS.exec(prompt); m !== null; m = SECRET_WORDS.exec(prompt)) {
    let i = m.index + m[0].length;
    // "password is X", "password: X", "password = X", "the password, X," — within a short clause
    const rest = prompt.slice(i, i + 48);
    const lead = /^\s*(?:is|was|will be|=|:|equals|of)?\s*(?:exactly|set to|the word|the phrase)?\s*/i.exec(rest);
    i += lead ? lead[0].length : 0;
    const open = prompt[i] as string;
    const close = QUOTE_PAIRS[open];
    let value = '';
    if (close) {
      const end = prompt.indexOf(close, i + 1);
      if (end !== -1 && end - i <= 65) value = prompt.slice(i + 1, end);
    } else if (lead && lead[0].trim().length > 0) {
      let j = i;
      while (j < prompt.length && j - i < 64 && !/[\s.,;!?)"'”]/.test(prompt[j] as string)) j++;
      value = prompt.slice(i, j);
    }
    value = value.trim();
    if (value.length >= MIN_SECRET && !COMMON.has(value.toLowerCase())) out.add(value);
  }
  // A prompt that is only a short code (and names no other secret) is the secret itself.
  const trimmed = prompt.trim();
  if (out.size === 0 && trimmed.length > 0 && trimmed.length <= 64 && trimmed.split(/\s+/).length <= 6) out.add(trimmed);
  return [...out];
}

/** Words that follow "password is" in instructions without being the password. */
const COMMON = new Set([
  'correct',
  'incorrect',
  'wrong',
  'right',
  'secret',
  'hidden',
  'required',
  'provided',
  'entered',
  'given',
  'the',
  'that',
  'this',
  'not',
]);

// --- instruction overlap ------------------------------------------------------------------------

interface Words {
  words: string[];
  start: number[];
  end: number[];
}

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af);
}

/** Lower-cased letter/digit words with their offsets; each CJK character is a word. */
function words(text: string): Words {
  const r: Words = { words: [], start: [], end: [] };
  const lowered = text.toLowerCase();
  const same = lowered.length === text.length;
  let s = -1;
  let ascii = true;
  const push = (e: number) => {
    if (s === -1) return;
    let w = ascii && same ? lowered.slice(s, e) : normalize(text.slice(s, e));
    if (ascii && w.includes("'")) w = w.replaceAll("'", '');
    r.words.push(w);
    r.start.push(s);
    r.end.push(e);
    s = -1;
    ascii = true;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const word = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      if (word) {
        if (s === -1) s = i;
      } else if (code !== 39) push(i); // apostrophes stay inside words
      continue;
    }
    if (isInvisible(code) || code === 0x2019) {
      if (s !== -1) ascii = false; // removed by normalize(), not by a plain slice
      continue;
    }
    if (isCjk(code)) {
      push(i);
      s = i;
      ascii = false;
      push(i + 1);
    } else if (isWordChar(text[i] as string, code)) {
      if (s === -1) s = i;
      ascii = false;
    } else push(i);
  }
  push(text.length);
  return r;
}

interface PromptGrams {
  ids: Map<string, number>;
  grams: Set<number>;
}

const gramCache = new Map<string, PromptGrams>();

function gramHash(ids: ArrayLike<number>, from: number): number {
  let h = 2166136261;
  for (let k = from; k < from + GRAM; k++) h = Math.imul(h ^ (ids[k] as number), 16777619);
  return h >>> 0;
}

/** Word ids and hashed word n-grams of a prompt; cached, as the same prompts recur on every request. */
function promptGrams(prompt: string): PromptGrams | undefined {
  const cached = gramCache.get(prompt);
  if (cached) return cached;
  const pw = words(prompt).words;
  if (pw.length < GRAM + 1) return undefined;
  const ids = new Map<string, number>();
  const seq = pw.map((w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(w, id);
    }
    return id;
  });
  const grams = new Set<number>();
  for (let i = 0; i + GRAM <= seq.length; i++) grams.add(gramHash(seq, i));
  const pg = { ids, grams };
  if (gramCache.size >= 64) gramCache.delete(gramCache.keys().next().value as string);
  gramCache.set(prompt, pg);
  return pg;
}

/** The longest run of the instructions' words repeated in order, tolerating small gaps. */
function overlap(out: Words, prompt: string): Finding | undefined {
  const pg = promptGrams(prompt);
  if (!pg) return undefined;
  const n = out.words.length;
  if (n < GRAM) return undefined;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = pg.ids.get(out.words[i] as string) ?? 0;
  const covered = new Uint8Array(n);
  const seen = new Set<number>();
  let unknown = 0;
  for (let i = 0; i < n; i++) {
    if (ids[i] === 0) unknown++;
    if (i >= GRAM && ids[i - GRAM] === 0) unknown--;
    if (i < GRAM - 1 || unknown > 0) continue;
    const h = gramHash(ids, i - GRAM + 1);
    if (pg.grams.has(h)) {
      seen.add(h);
      covered.fill(1, i - GRAM + 1, i + 1);
    }
  }
  let best = 0;
  let bestStart = 0;
  let bestEnd = 0;
  let count = 0;
  let runStart = -1;
  let lastCovered = -1;
  for (let i = 0; i < n; i++) {
    if (!covered[i]) continue;
    if (runStart === -1 || i - lastCovered - 1 > GAP) {
      runStart = i;
      count = 0;
    }
    count++;
    lastCovered = i;
    if (count > best) {
      best = count;
      bestStart = runStart;
      bestEnd = i;
    }
  }
  if (best === 0) return undefined;
  const coverage = seen.size / pg.grams.size;
  let score = best >= RUN_LEAK ? Math.min(0.95, 0.5 + (best - RUN_LEAK) * 0.05) : 0.4 * (best / RUN_LEAK);
  if (coverage >= 0.5 && pg.grams.size >= 10) score = Math.max(score, 0.95);
  return {
    scanner: 'leak',
    type: 'system_prompt_overlap',
    category: 'leak',
    label: 'leak.system_prompt',
    start: out.start[bestStart] as number,
    end: out.end[bestEnd] as number,
    score: Number(score.toFixed(3)),
    evidence: `prompt-overlap run=${best} words coverage=${coverage.toFixed(2)}`,
  };
}

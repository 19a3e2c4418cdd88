// System-prompt leakage scanner: runs on a model OUTPUT with the exchange's protected system
// prompts and the canary tokens Gatehouse planted in them. It reports three things:
//   leak.canary         a canary, verbatim or disguised (split, re-cased, reversed, zero-width
//                       characters inserted, base64- or hex-encoded, in look-alike letters, Morse code, alphabet positions, NATO
//                       code words or an acrostic);
//   leak.system_prompt  a run of the instructions' words repeated in order (tolerating small
//                       edits), or a secret the instructions protect ("the password is X", a
//                       quoted code, or a prompt that is only a code) revealed in the output.
// Mentioning "a canary" or "the secret code" without the value is not a leak. Every rule needs
// at most a few hundred characters to recognise a leak, so the scanner works on streamed output.
import { mayOverlap, newWordList, normSpan, normString, overlap, promptGrams, tokenize, type WordList } from './leak-overlap.js';
import { findParts, type PartsPlan, partsOf, rot13, symbolsOf } from './leak-parts.js';
import {
  type FoldedToken,
  findInQuotes,
  findLetters,
  findLineInitials,
  findLookalike,
  foldedTokens,
  type Letters,
  lookalikeFold,
  MIN_SPELLED,
  mayHoldLetters,
  mayHoldMorse,
  mayHoldPositions,
  morseLetters,
  natoNeedles,
  positionLetters,
  type Quote,
  quotations,
  type SpellHints,
  singleLetters,
  spellHints,
} from './leak-spelled.js';
import { isWordCode, lowerSameLength, normalize } from './leak-text.js';
import { mask } from './secrets-util.js';
import type { Finding, ScanContext, Scanner, ScanResult } from './types.js';

export interface LeakScannerOptions {
  /** Decision threshold on the text score (default 0.5). */
  threshold?: number;
}

export const LEAK_THRESHOLD = 0.5;
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
      const view = new View(text);
      for (const c of canaries) {
        const f = findValue(view, valuePlan(c), 'canary');
        if (f) findings.push(f);
      }
      for (const p of prompts) {
        for (const secret of protectedSecrets(p)) {
          const f = findValue(view, valuePlan(secret), 'prompt_secret');
          if (f) findings.push(f);
        }
        const pg = promptGrams(p);
        const f = pg && mayOverlap(view, pg) ? overlap(view.words, pg) : undefined;
        if (f) findings.push(f);
      }
      const score = findings.reduce((m, f) => Math.max(m, f.score), 0);
      return { scanner: 'leak', score, flagged: score >= threshold, findings };
    },
  };
}

// --- canaries and protected secrets --------------------------------------------------------------

type ValueKind = 'canary' | 'prompt_secret';

/** The list a normalized text is built in when the words already fill the shared scratch list. */
const normScratch = newWordList(64);

/**
 * Per-scan views of the output, each built on first use and shared by every value and prompt:
 * its words and letters-and-digits form (one pass), and the lower-cased text (same offsets),
 * needed only when a value's normalized form is present.
 */
class View {
  private lowerText?: string;
  private normText?: string;
  private wordList?: WordList;
  constructor(readonly text: string) {}
  get lower(): string {
    if (this.lowerText === undefined) this.lowerText = lowerSameLength(this.text);
    return this.lowerText;
  }
  get words(): WordList {
    if (this.wordList === undefined) this.wordList = tokenize(this.text);
    return this.wordList;
  }
  /**
   * The normalized text, from a pass that skips the words (their shared list is left alone if they
   * were split first): the word pass counts base64 runs a little differently, so the text and the
   * longest run are the same whichever was asked for first.
   */
  get norm(): string {
    if (this.normText === undefined) {
      const list = tokenize(this.text, this.wordList === undefined ? undefined : normScratch, false);
      this.normText = normString(list);
      this.base64Run = list.longestBase64Run;
    }
    return this.normText;
  }
  private folded?: FoldedToken[];
  /** Tokens with look-alike letters or leetspeak digits, folded (see leak-spelled.ts). */
  get foldedTokens(): FoldedToken[] {
    if (this.folded === undefined) this.folded = foldedTokens(this.text);
    return this.folded;
  }
  private lettersCache = new Map<string, Letters>();
  /** A letters view of the output (see leak-spelled.ts), read once per scan. */
  letters(kind: 'morse' | 'a1z26' | 'singles', build: (text: string) => Letters): Letters {
    let l = this.lettersCache.get(kind);
    if (l === undefined) {
      l = build(this.text);
      this.lettersCache.set(kind, l);
    }
    return l;
  }
  private quoteList?: Quote[];
  get quotes(): Quote[] {
    if (this.quoteList === undefined) this.quoteList = quotations(this.text, normalize);
    return this.quoteList;
  }
  private base64Run = 0;
  /** Longest run of base64 characters in the text. */
  get longestBase64Run(): number {
    return this.norm === undefined ? 0 : this.base64Run;
  }
  /** Span in the text of normalized characters [j, j + len). */
  span(j: number, len: number): readonly [number, number] {
    return normSpan(this.text, this.words, j, len);
  }
}

/** What a canary or protected secret looks like in each view, computed once per value. */
interface ValuePlan {
  value: string;
  lower: string;
  /** normalized (letters and digits); reversed; '' when too short to search disguised */
  norm: string;
  reversed: string;
  /** letters rotated by 13, when that changes them */
  rotated?: string;
  /** look-alike letters and leetspeak digits read as Latin letters (see lookalikeFold) */
  folded?: string;
  /** the value in NATO code words, as normalized text reads them (empty when it has other characters) */
  nato?: string[];
  /** what an output needs to spell the value in Morse, positions or one-letter words */
  hints?: SpellHints;
  encodings?: Encodings;
  /** for protected secrets: segments, and symbols of a symbol-only secret */
  parts?: PartsPlan;
  symbols?: string[];
}

const planCache = new Map<string, ValuePlan>();

function valuePlan(value: string): ValuePlan {
  const cached = planCache.get(value);
  if (cached) return cached;
  const norm = normalize(value);
  const rotated = rot13(norm);
  const plan: ValuePlan = {
    value,
    lower: value.toLowerCase(),
    norm,
    reversed: [...norm].reverse().join(''),
    rotated: rotated === norm ? undefined : rotated,
    parts: partsOf(value, norm),
    symbols: symbolsOf(value),
  };
  if (planCache.size >= 256) planCache.delete(planCache.keys().next().value as string);
  planCache.set(value, plan);
  return plan;
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

/**
 * A value in the output: verbatim, disguised (split, re-cased, invisible characters), reversed or
 * encoded. A verbatim value is also in the normalized text, so the lower-cased text is only
 * built and searched when the normalized value is there (or normalizes to nothing).
 */
function findValue(view: View, plan: ValuePlan, kind: ValueKind): Finding | undefined {
  const value = plan.value;
  const exact = kind === 'canary' ? 1 : 0.9;
  const nv = plan.norm;
  const j = nv.length > 0 ? view.norm.indexOf(nv) : -1;
  if (j !== -1 || nv.length === 0) {
    const lower = view.lower;
    const v = plan.lower;
    for (let i = lower.indexOf(v); i !== -1; i = lower.indexOf(v, i + 1)) {
      if (kind === 'canary' || standsAlone(lower, i, i + v.length)) return finding(kind, i, i + v.length, exact, 'verbatim', value);
    }
  }
  if (kind === 'prompt_secret' && plan.symbols) {
    const f = findSymbols(view.text, plan.symbols);
    if (f) return finding(kind, f.start, f.end, 0.7, 'symbols', value);
  }
  if (nv.length < MIN_SECRET || (nv.length < MIN_FUZZY && kind !== 'canary')) return partial(view, plan, kind);
  if (j !== -1) return finding(kind, ...view.span(j, nv.length), exact - 0.05, 'disguised', value);
  const norm = view.norm;
  if (plan.reversed !== nv) {
    const r = norm.indexOf(plan.reversed);
    if (r !== -1) return finding(kind, ...view.span(r, nv.length), exact - 0.1, 'reversed', value);
  }
  if (plan.rotated) {
    const r = norm.indexOf(plan.rotated);
    if (r !== -1) return finding(kind, ...view.span(r, nv.length), exact - 0.1, 'rot13', value);
  }
  plan.encodings ??= encodingsOf(value);
  const enc = encoded(view, plan.encodings);
  if (enc) return finding(kind, enc.start, enc.end, exact - 0.1, enc.how, value);
  plan.folded ??= lookalikeFold(nv);
  // One token with a letter swapped: "4v0c4d0", "аvосаdо" (a match with nothing swapped was found verbatim above).
  const look = findLookalike(view.foldedTokens, plan.folded);
  if (look && view.lower.slice(look.start, look.end) !== plan.lower)
    return finding(kind, look.start, look.end, exact - 0.1, 'lookalike', value);
  const spelled = nv.length >= MIN_SPELLED ? spelledAt(view, plan) : undefined;
  if (spelled) return finding(kind, spelled.start, spelled.end, exact - 0.1, spelled.how, value);
  return partial(view, plan, kind);
}

/** One-letter words further apart than this (characters) do not spell a secret together: letters scattered over a text, or over code with one-letter names, spell words by chance. */
const LETTER_GAP = 24;

/** The secret in Morse code, alphabet positions, NATO code words, line initials, one-letter words or split quotations. */
function spelledAt(view: View, plan: ValuePlan): { start: number; end: number; how: string } | undefined {
  const nv = plan.norm;
  const text = view.text;
  plan.hints ??= spellHints(nv);
  const h = plan.hints;
  const morse = mayHoldMorse(text, h) ? findLetters(view.letters('morse', morseLetters), nv) : undefined;
  if (morse) return { ...morse, how: 'morse' };
  const positions = mayHoldPositions(text, h) ? findLetters(view.letters('a1z26', positionLetters), nv) : undefined;
  if (positions) return { ...positions, how: 'a1z26' };
  plan.nato ??= natoNeedles(nv) ?? [];
  for (const needle of plan.nato) {
    const j = view.norm.indexOf(needle);
    if (j !== -1) {
      const [start, end] = view.span(j, needle.length);
      return { start, end, how: 'spelled-nato' };
    }
  }
  const lines = findLineInitials(text, nv);
  if (lines) return { ...lines, how: 'spelled-lines' };
  const letters = mayHoldLetters(text, h) ? findLetters(view.letters('singles', singleLetters), nv, LETTER_GAP) : undefined;
  if (letters) return { ...letters, how: 'spelled-letters' };
  const quoted = findInQuotes(view.quotes, nv);
  return quoted && { ...quoted, how: 'spelled-quoted' };
}

/** A protected secret's segments all named close together (not for canaries: a canary leaks whole). */
function partial(view: View, plan: ValuePlan, kind: ValueKind): Finding | undefined {
  const parts = plan.parts;
  if (kind !== 'prompt_secret' || !parts) return undefined;
  const norm = view.norm;
  for (const t of parts.texts) if (!norm.includes(t)) return undefined;
  const f = findParts(view.words, parts);
  return f && finding(kind, f.start, f.end, 0.7, `parts=${parts.texts.length}`, plan.value);
}

/** Every symbol of a symbol-only secret in the output: the span from the first to the last found. */
function findSymbols(text: string, symbols: readonly string[]): { start: number; end: number } | undefined {
  let start = text.length;
  let end = 0;
  for (const s of symbols) {
    const i = text.indexOf(s);
    if (i === -1) return undefined;
    start = Math.min(start, i);
    end = Math.max(end, i + s.length);
  }
  return { start, end };
}

/** The match is a whole word (or words): `egg` in "eggplant" is not the secret `egg`. */
function standsAlone(lower: string, start: number, end: number): boolean {
  const before = start > 0 ? lower.charCodeAt(start - 1) : 32;
  const after = end < lower.length ? lower.charCodeAt(end) : 32;
  return !isWordCode(before) && !isWordCode(after);
}

interface Encodings {
  /** base64 (and base64url) of the value at each of the three byte alignments, case variants included. */
  base64: string[];
  /** length of the shortest base64 needle (Infinity when there is none) */
  shortestBase64: number;
  /** lower-case hex of the value's case variants (matched in the normalized text, so spacing does not matter). */
  hex: string[];
}

/**
 * What the value looks like once encoded, computed once per value (canaries recur): searching for
 * these is cheaper than decoding every run of the output.
 */
function encodingsOf(value: string): Encodings {
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
  return { base64: [...base64], hex: [...hex], shortestBase64: Math.min(...[...base64].map((b) => b.length)) };
}

/** The value base64- or hex-encoded in the output. */
function encoded(view: View, e: Encodings): { start: number; end: number; how: string } | undefined {
  const text = view.text;
  // a needle lies inside a run of base64 characters at least as long (counted while tokenizing)
  if (view.longestBase64Run >= e.shortestBase64)
    for (const b of e.base64) {
      const i = text.indexOf(b);
      if (i !== -1) return { start: i, end: i + b.length, how: 'base64' };
    }
  for (const h of e.hex) {
    const i = view.norm.indexOf(h);
    if (i !== -1) {
      const [start, end] = view.span(i, h.length);
      return { start, end, how: 'hex' };
    }
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
  // "Internal reference code: ZEBRA-4471", "staff discount code STAFF20", "the admin token is
  // t0k-91x": a value after a confidential identifier counts when it looks like a code (letters
  // with digits, or a long upper-case run).
  CONFIDENTIAL.lastIndex = 0;
  for (let m = CONFIDENTIAL.exec(prompt); m !== null; m = CONFIDENTIAL.exec(prompt)) {
    // The identifier word is the next word or the one after ("internal reference code").
    const base = m.index + m[0].length;
    const words = /^(\s*([a-z]+))(\s+([a-z]+))?/i.exec(prompt.slice(base, base + 40));
    if (!words) continue;
    const first = words[1] as string;
    let i = -1;
    // The later of the two when both name one ("reference code").
    if (words[4] !== undefined && IDENTIFIER_WORDS.has(words[4].toLowerCase())) i = base + first.length + (words[3] as string).length;
    else if (IDENTIFIER_WORDS.has((words[2] as string).toLowerCase())) i = base + first.length;
    if (i < 0) continue;
    const lead = /^\s*(?:is|=|:|-)?\s*/.exec(prompt.slice(i, i + 16));
    const start = i + (lead ? lead[0].length : 0);
    let j = start;
    while (j < prompt.length && j - start < 64 && !/[\s,;!?)"'”]/.test(prompt[j] as string)) j++;
    while (j > start && (prompt[j - 1] === '.' || prompt[j - 1] === ':')) j--;
    const value = prompt.slice(start, j);
    if (value.length >= MIN_SECRET && looksLikeCode(value)) out.add(value);
  }
  // A prompt that is only a short code (and names no other secret) is the secret itself.
  const trimmed = prompt.trim();
  if (out.size === 0 && trimmed.length > 0 && trimmed.length <= 64 && trimmed.split(/\s+/).length <= 6) out.add(trimmed);
  return [...out];
}

// Only an identifier the prompt itself calls confidential: "product code PREM-2024" is something
// the assistant is there to tell customers; "internal reference code ZEBRA-4471" is not.
const CONFIDENTIAL = /\b(?:internal|confidential|secret|private|hidden|admin|master|staff|employee|override|unlock|debug|backdoor)\b/gi;
const IDENTIFIER_WORDS = new Set(['code', 'token', 'reference', 'ref', 'voucher', 'coupon', 'identifier', 'id', 'number']);

/** Letters with digits ("ZEBRA-4471", "SAVE20", "t0k-91x") or six or more upper-case letters and digits. */
function looksLikeCode(v: string): boolean {
  if (!/^[\w-]+$/.test(v)) return false;
  const digits = /\d/.test(v);
  const letters = /[a-z]/i.test(v);
  return (digits && letters) || (v.length >= 6 && /^[A-Z0-9_-]+$/.test(v) && /[A-Z]/.test(v));
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

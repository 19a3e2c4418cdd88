// Instruction overlap for the leak scanner: the longest run of the protected prompt's words
// repeated in order in the output, tolerating small gaps. Words are hashed as they are read
// (no per-word strings), prompts are reduced once to a table of word hashes and a table of
// word 5-gram hashes (cached by the prompt string), and the output is matched in one pass over
// typed arrays that are reused from scan to scan.
import { foldCodePoint, isCjk, isCompat, isInvisible, isWordCode, lowerCodeUnit } from './leak-text.js';
import type { Finding } from './types.js';

/** Word n-gram size for overlap; shorter shared phrases are too common to mean anything. */
export const GRAM = 5;
/** Words of a verbatim run that make a leak on their own. */
const RUN_LEAK = 10;
/** Gap (in output words) a run may bridge: small edits, inserted words. */
const GAP = 2;

const FNV_OFFSET = 2166136261 | 0;
const FNV_PRIME = 16777619;

/**
 * One pass over a text: its words (a hash of each word's normalized form and its span) and its
 * letters and digits only, normalized (`normCodes`, with the text offset of each in `normAt`),
 * all in typed arrays.
 */
export interface WordList {
  count: number;
  hash: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** first normalized unit of each word */
  normStart: Int32Array;
  normLength: number;
  normCodes: Uint16Array;
  /** some normalized unit is above U+00FF */
  wide: boolean;
  /** longest run of base64 characters (A-Z a-z 0-9 + / = - _) */
  longestBase64Run: number;
}

export function newWordList(size: number): WordList {
  return {
    count: 0,
    hash: new Int32Array(size),
    start: new Int32Array(size),
    end: new Int32Array(size),
    normStart: new Int32Array(size),
    normLength: 0,
    normCodes: new Uint16Array(size),
    wide: false,
    longestBase64Run: 0,
  };
}

function growWords(list: WordList): void {
  const size = list.hash.length * 2;
  const hash = new Int32Array(size);
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const normStart = new Int32Array(size);
  hash.set(list.hash);
  start.set(list.start);
  end.set(list.end);
  normStart.set(list.normStart);
  list.hash = hash;
  list.start = start;
  list.end = end;
  list.normStart = normStart;
}

function growNorm(list: WordList, size: number): void {
  const codes = new Uint16Array(size);
  codes.set(list.normCodes.subarray(0, Math.min(list.normCodes.length, size)));
  list.normCodes = codes;
}

/** ASCII letters and digits, lower-cased; 0 for every other ASCII character. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = c;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = c + 32;
/** The base64 and base64url characters that are not letters or digits. */
const BASE64_PUNCT = new Uint8Array(128);
for (const c of '+/=-_') BASE64_PUNCT[c.charCodeAt(0)] = 1;

let unitBuffer = Buffer.allocUnsafeSlow(8192);
let unitView = new Uint16Array(unitBuffer.buffer, 0, 4096);

/**
 * The text's UTF-16 code units in a reused typed array: one native copy, after which the loop
 * reads an array instead of calling charCodeAt on a string that may be sliced or concatenated.
 */
function codeUnits(text: string): Uint16Array {
  if (unitView.length < text.length) {
    unitBuffer = Buffer.allocUnsafeSlow(text.length * 4);
    unitView = new Uint16Array(unitBuffer.buffer, 0, text.length * 2);
  }
  unitBuffer.write(text, 0, 'utf16le');
  return unitView;
}

/** Appends a word; returns the new count. (A closure here would move the loop's variables to the heap.) */
function pushWord(into: WordList, n: number, h: number, s: number, e: number, ns: number): number {
  if (n === into.hash.length) growWords(into);
  into.hash[n] = h;
  into.normStart[n] = ns;
  into.start[n] = s;
  into.end[n] = e;
  return n + 1;
}

/** One scratch list for scanned outputs: a scan is synchronous, so it is reused, not reallocated. */
const scratch = newWordList(1024);

/** The normalized text as a string (built on demand: most scans search it, some never do). */
export function normString(list: WordList): string {
  const codes = list.normCodes;
  const m = list.normLength;
  if (list.wide) return Buffer.from(codes.buffer, codes.byteOffset, m * 2).toString('utf16le');
  // Latin-1 only: a one-byte string, which V8 searches faster than a two-byte one.
  if (byteScratch.length < m) byteScratch = Buffer.allocUnsafeSlow(Math.max(m, byteScratch.length * 2));
  byteScratch.set(codes.subarray(0, m));
  return byteScratch.toString('latin1', 0, m);
}

let byteScratch = Buffer.allocUnsafeSlow(4096);

/**
 * Letter/digit words of `text`, lower-cased, each CJK character a word of its own; apostrophes,
 * zero-width characters and U+2019 stay inside a word and are dropped from it; compatibility
 * forms and astral letters read as their NFKC form. Fills `into` (by default a shared scratch).
 */
export function tokenize(text: string, into: WordList = scratch, withWords = true): WordList {
  if (!withWords && asciiNorm(text, into)) return into;
  const len = text.length;
  // each code unit adds at most one normalized unit, but for folds (grown there)
  if (into.normCodes.length < len + 16) growNorm(into, len + 16);
  let codes = into.normCodes;
  let m = 0;
  let n = 0;
  let s = -1;
  let h = FNV_OFFSET;
  let ns = 0;
  let run = 0;
  let longest = 0;
  let wide = false;
  const units = codeUnits(text);
  for (let i = 0; i < len; i++) {
    const code = units[i] as number;
    if (code < 128) {
      const c = ASCII_WORD[code] as number;
      if (c !== 0) {
        codes[m++] = c;
        if (++run > longest) longest = run;
        if (!withWords) continue;
        if (s === -1) {
          s = i;
          h = FNV_OFFSET;
          ns = m - 1;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
        continue;
      }
      run = BASE64_PUNCT[code] === 1 ? run + 1 : 0;
      if (code !== 39 && s !== -1) {
        // (apostrophes stay inside words)
        n = pushWord(into, n, h, s, i, ns);
        s = -1;
      }
      continue;
    }
    run = 0;
    if (isInvisible(code) || code === 0x2019) continue;
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < len;
    if (pair || isCompat(code)) {
      // astral letters and compatibility forms: read through NFKC (cached per code point)
      const f = isWordCode(code) || pair ? foldCodePoint(pair ? (text.codePointAt(i) as number) : code) : '';
      if (f.length === 0) {
        if (s !== -1) {
          n = pushWord(into, n, h, s, i, ns);
          s = -1;
        }
      } else {
        if (s === -1) {
          s = i;
          h = FNV_OFFSET;
          ns = m;
        }
        if (m + f.length + len - i > codes.length) {
          growNorm(into, 2 * (m + f.length + len - i));
          codes = into.normCodes;
        }
        for (let k = 0; k < f.length; k++) {
          const c = f.charCodeAt(k);
          if (c > 0xff) wide = true;
          h = Math.imul(h ^ c, FNV_PRIME);
          codes[m++] = c;
        }
      }
      if (pair) i++;
      continue;
    }
    if (isCjk(code)) {
      if (s !== -1) n = pushWord(into, n, h, s, i, ns);
      wide = true;
      codes[m] = code;
      n = pushWord(into, n, Math.imul(FNV_OFFSET ^ code, FNV_PRIME), i, i + 1, m++);
      s = -1;
    } else if (isWordCode(code)) {
      if (s === -1) {
        s = i;
        h = FNV_OFFSET;
        ns = m;
      }
      const c = lowerCodeUnit(code);
      if (c > 0xff) wide = true;
      h = Math.imul(h ^ c, FNV_PRIME);
      codes[m++] = c;
    } else if (s !== -1) {
      n = pushWord(into, n, h, s, i, ns);
      s = -1;
    }
  }
  if (s !== -1) n = pushWord(into, n, h, s, len, ns);
  into.count = n;
  into.normLength = m;
  into.wide = wide;
  into.longestBase64Run = longest;
  return into;
}

/**
 * The normalized text of an ASCII-only text (the common case) in a minimal loop; false, having
 * done nothing the caller relies on, at the first non-ASCII character.
 */
function asciiNorm(text: string, into: WordList): boolean {
  const len = text.length;
  if (into.normCodes.length < len + 16) growNorm(into, len + 16);
  const codes = into.normCodes;
  const units = codeUnits(text);
  let m = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < len; i++) {
    const code = units[i] as number;
    if (code >= 128) return false;
    const c = ASCII_WORD[code] as number;
    if (c !== 0) {
      codes[m++] = c;
      run++;
    } else if (BASE64_PUNCT[code] === 1) run++;
    else {
      if (run > longest) longest = run;
      run = 0;
    }
  }
  into.count = -1;
  into.normLength = m;
  into.wide = false;
  into.longestBase64Run = run > longest ? run : longest;
  return true;
}

/** How many normalized units the character at `i` reads as, and how many code units it spans. */
function unitsAt(text: string, i: number): { units: number; width: number } {
  const code = text.charCodeAt(i);
  if (code < 128) return { units: ASCII_WORD[code] === 0 ? 0 : 1, width: 1 };
  if (isInvisible(code) || code === 0x2019) return { units: 0, width: 1 };
  const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
  if (pair || isCompat(code)) {
    const f = isWordCode(code) || pair ? foldCodePoint(pair ? (text.codePointAt(i) as number) : code) : '';
    return { units: f.length, width: pair ? 2 : 1 };
  }
  return { units: isCjk(code) || isWordCode(code) ? 1 : 0, width: 1 };
}

/**
 * Span in the text of normalized units [j, j + len) of a tokenized text: the word holding each
 * end is found by binary search, then walked (used on a match only).
 */
export function normSpan(text: string, list: WordList, j: number, len: number): [number, number] {
  const locate = (u: number): { at: number; width: number } => {
    let lo = 0;
    let hi = list.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((list.normStart[mid] as number) <= u) lo = mid;
      else hi = mid - 1;
    }
    let k = list.normStart[lo] as number;
    for (let i = list.start[lo] as number; i < (list.end[lo] as number); ) {
      const { units, width } = unitsAt(text, i);
      if (u < k + units) return { at: i, width };
      k += units;
      i += width;
    }
    return { at: list.end[lo] as number, width: 0 };
  };
  const first = locate(j);
  const last = locate(j + len - 1);
  return [first.at, last.at + last.width];
}

/** Open-addressing table from a 32-bit key to a positive int (0 = absent). */
class IntTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  size = 0;
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }
  get(key: number): number {
    for (let i = Math.imul(key, 0x9e3779b1) >>> 0; ; i++) {
      const slot = i & this.mask;
      const v = this.values[slot] as number;
      if (v === 0 || this.keys[slot] === key) return v;
    }
  }
  /** The key's value, inserting `value` when absent. */
  add(key: number, value: number): number {
    for (let i = Math.imul(key, 0x9e3779b1) >>> 0; ; i++) {
      const slot = i & this.mask;
      const v = this.values[slot] as number;
      if (v !== 0 && this.keys[slot] === key) return v;
      if (v === 0) {
        this.keys[slot] = key;
        this.values[slot] = value;
        this.size++;
        return value;
      }
    }
  }
}

/** What a protected prompt is reduced to, once: word ids by word hash, gram indices by gram hash. */
export interface PromptGrams {
  words: IntTable;
  grams: IntTable;
  gramCount: number;
  /**
   * For a short prompt, the longest word of each gram (its likely rarest), as it appears in the
   * normalized text: an output whose normalized text contains none of them cannot share a gram,
   * and is passed over without being split into words; one that contains an anchor is checked
   * for the whole text of each gram with that anchor.
   */
  anchors?: Map<string, string[]>;
}

/** Up to this many anchors, looking each up in the output's normalized text is cheaper than hashing its words. */
const MAX_ANCHORS = 8;

/**
 * Whether the output can share a gram with the prompt (false: it certainly does not). Its
 * normalized text is read only for a short prompt's anchors: for a long prompt the answer is yes,
 * and building that text would be a pass over the output before the pass that splits its words.
 */
export function mayOverlap(output: { readonly norm: string }, pg: PromptGrams): boolean {
  if (!pg.anchors) return true;
  const norm = output.norm;
  for (const [anchor, grams] of pg.anchors) {
    if (!norm.includes(anchor)) continue;
    for (const g of grams) if (norm.includes(g)) return true;
  }
  return false;
}

function gramHash(ids: ArrayLike<number>, from: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < from + GRAM; k++) h = Math.imul(h ^ (ids[k] as number), FNV_PRIME);
  return h;
}

const gramCache = new Map<string, PromptGrams | null>();

/** Word ids and hashed word n-grams of a prompt; cached, as the same prompts recur on every request. */
export function promptGrams(prompt: string): PromptGrams | undefined {
  const cached = gramCache.get(prompt);
  if (cached !== undefined) return cached ?? undefined;
  const list = tokenize(prompt, newWordList(64), true);
  let pg: PromptGrams | null = null;
  if (list.count >= GRAM + 1) {
    const words = new IntTable(list.count);
    const seq = new Int32Array(list.count);
    for (let i = 0; i < list.count; i++) seq[i] = words.add(list.hash[i] as number, words.size + 1);
    const grams = new IntTable(list.count);
    for (let i = 0; i + GRAM <= seq.length; i++) grams.add(gramHash(seq, i), grams.size + 1);
    pg = { words, grams, gramCount: grams.size };
    const norm = normString(list);
    const wordText = (i: number) => norm.slice(list.normStart[i] as number, i + 1 < list.count ? list.normStart[i + 1] : list.normLength);
    const anchors = new Map<string, string[]>();
    for (let i = 0; i + GRAM <= list.count && anchors.size <= MAX_ANCHORS; i++) {
      let longest = wordText(i);
      for (let k = i + 1; k < i + GRAM; k++) {
        const w = wordText(k);
        if (w.length > longest.length) longest = w;
      }
      const end = i + GRAM < list.count ? (list.normStart[i + GRAM] as number) : list.normLength;
      const gram = norm.slice(list.normStart[i] as number, end);
      const grams = anchors.get(longest);
      if (!grams) anchors.set(longest, [gram]);
      else if (!grams.includes(gram)) grams.push(gram);
    }
    if (anchors.size <= MAX_ANCHORS) pg.anchors = anchors;
  }
  if (gramCache.size >= 64) gramCache.delete(gramCache.keys().next().value as string);
  gramCache.set(prompt, pg);
  return pg ?? undefined;
}

let idScratch = new Int32Array(1024);

/** The longest run of the instructions' words repeated in order, tolerating small gaps. */
export function overlap(out: WordList, pg: PromptGrams): Finding | undefined {
  const n = out.count;
  if (n < GRAM) return undefined;
  if (idScratch.length < n) idScratch = new Int32Array(Math.max(n, idScratch.length * 2));
  const ids = idScratch;
  const seen = new Uint8Array(pg.gramCount + 1);
  let seenCount = 0;
  let unknown = 0;
  // Runs of covered words, built as grams match: a match at word i covers words i-4..i, and
  // words are covered in increasing order, so the run bookkeeping needs no second pass.
  let coveredUpTo = -1;
  let runStart = -1;
  let lastCovered = -1;
  let count = 0;
  let best = 0;
  let bestStart = 0;
  let bestEnd = 0;
  for (let i = 0; i < n; i++) {
    const id = pg.words.get(out.hash[i] as number);
    ids[i] = id;
    if (id === 0) unknown++;
    if (i >= GRAM && ids[i - GRAM] === 0) unknown--;
    if (i < GRAM - 1 || unknown > 0) continue;
    const g = pg.grams.get(gramHash(ids, i - GRAM + 1));
    if (g === 0) continue;
    if (seen[g] === 0) {
      seen[g] = 1;
      seenCount++;
    }
    for (let w = Math.max(coveredUpTo + 1, i - GRAM + 1); w <= i; w++) {
      if (runStart === -1 || w - lastCovered - 1 > GAP) {
        runStart = w;
        count = 0;
      }
      count++;
      lastCovered = w;
      if (count > best) {
        best = count;
        bestStart = runStart;
        bestEnd = w;
      }
    }
    coveredUpTo = i;
  }
  if (best === 0) return undefined;
  const coverage = seenCount / pg.gramCount;
  let score = best >= RUN_LEAK ? Math.min(0.95, 0.5 + (best - RUN_LEAK) * 0.05) : 0.4 * (best / RUN_LEAK);
  if (coverage >= 0.5 && pg.gramCount >= 10) score = Math.max(score, 0.95);
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

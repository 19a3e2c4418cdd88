// The PII scanner: emails, phone numbers, payment cards, IBANs, national ids, passports, IPs, dates
// of birth, addresses, names and health hints, each with a confidence from the evidence behind it
// (a checksum that passes, a format, a context word). One pass over the text stops only at seeds
// (digit runs, short tokens before digits, capitalised words, '@', ':', '://', '.'); recognizers read
// around a seed, so the cost grows with the number of candidates, not with recognizers x text.

import { CJK_TITLE_START, cjkIntroStart, scanCjkIntro, scanCjkTitled } from './pii-cjk.js';
import { CLS, DIGIT, type Hit, isUpperAt, LOWER, PII_TYPES, UPPER, wordEnd } from './pii-core.js';
import { cardCompanions } from './pii-finance.js';
import { foldAt, foldForPii } from './pii-fold.js';
import { scanGeo } from './pii-geo.js';
import { HEALTH_TERM_SCORE, ID_WINDOW, IDENTIFYING, personaliseHealth, scanIcd10 } from './pii-health.js';
import { scanIdsAt } from './pii-ids.js';
import { maskValue } from './pii-mask.js';
import { scanMrz } from './pii-mrz.js';
import { FIRST_NAMES } from './pii-names.js';
import { CRYPTO_START, scanBareDomain, scanCrypto, scanEmail, scanEvmAddress, scanIpv6, scanMac, scanUrlScheme } from './pii-net.js';
import { scanDigitRun } from './pii-numbers.js';
import {
  FIRST_NAME_HASHES,
  FIRST_NAME_PREFIX_HASHES,
  MONTH_HASHES,
  runTriggers,
  scanDayFirst,
  scanDayFirstForeign,
  scanGermanStreet,
  scanGivenName,
  scanMonthFirst,
  scanStreetAddress,
  scanSurnameFirst,
  scanTitle,
  TITLE_HASHES,
  TITLES,
  TRIGGER_HASHES,
  WORD_ANY,
  WORD_BITS,
  WORD_MONTH,
  WORD_NAME,
  WORD_TITLE,
  WORD_TRIGGER,
} from './pii-text.js';
import { scanVin } from './pii-vin.js';
import { unitsOf } from './secrets-util.js';
import type { Finding, Scanner, ScanResult } from './types.js';

/** Shipped decision threshold, chosen on the training split (see the scanner's tests and README figures). */
export const PII_THRESHOLD = 0.5;

export interface PiiScannerOptions {
  threshold?: number;
  /**
   * Also flag low-sensitivity values on their own: calendar dates and timestamps outside a
   * date-of-birth context, and web addresses (what Presidio reports as DATE_TIME and URL). Off by
   * default: they are still reported as findings (`pii.date`, `pii.url`), below the threshold.
   */
  broad?: boolean;
}

/** Score of a date or URL when `broad` is off: reported, not flagged. */
const LOW_SENSITIVITY = 0.4;

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Every character of the token [i, e) is a hex digit: checked only for short tokens before ':', '-' or '.'. */
function allHexAt(text: string, i: number, e: number): boolean {
  for (let j = i; j < e; j++) if (!isHexCode(text.charCodeAt(j))) return false;
  return true;
}

/** Offsets of the characters the fold would change, recorded by the last collectHits pass (see pii-fold.ts). */
let foldAtOffsets: number[] = [];
/** Whether the last collectHitsFolded call met such characters (evidence is then masked from folded values). */
let lastFolded = false;

/** How far around a folded character the folded view is rescanned: beyond a value and its context window (48 before, 32 after). */
const FOLD_WINDOW = 100;

/**
 * Hits of `text`, plus the hits that only its folded view shows: where the pass met a full-width or
 * other-script digit, or a Unicode dash or space between digits, the text around it is folded and
 * rescanned, and the hits that touch a folded character are added. Text without such characters
 * costs nothing more; text with a few pays for small windows, not a second pass over all of it.
 */
export function collectHitsFolded(text: string): Hit[] {
  const hits = collectHits(text);
  const at = foldAtOffsets;
  lastFolded = at.length > 0;
  if (at.length === 0) return hits;
  foldAtOffsets = [];
  let k = 0;
  while (k < at.length) {
    const first = k;
    const ws = Math.max(0, (at[k] as number) - FOLD_WINDOW);
    let last = at[k] as number;
    while (k + 1 < at.length && (at[k + 1] as number) - last <= FOLD_WINDOW) last = at[++k] as number;
    k++;
    const we = Math.min(text.length, last + FOLD_WINDOW);
    const sub = collectHits(foldForPii(text.slice(ws, we)));
    for (const h of sub) {
      const s = h.start + ws;
      const e = h.end + ws;
      // Only this window's folded characters can lie inside its hits.
      for (let q = first; q < k; q++) {
        const p = at[q] as number;
        if (p >= s - 1 && p <= e) {
          hits.push({ ...h, start: s, end: e });
          break;
        }
      }
    }
  }
  foldAtOffsets = [];
  return hits;
}

/** A cheap range test before foldAt: no-break space, Arabic-Indic to Devanagari digits, general punctuation, minus, wide forms. */
function maybeFolds(c: number): boolean {
  if (c < 0x2000) return c === 0xa0 || (c >= 0x660 && c <= 0x96f);
  return c <= 0x2060 || c === 0x2212 || c === 0x3000 || c >= 0xfe58;
}

/** Collects raw candidate hits (overlapping, unsorted). */
export function collectHits(text: string): Hit[] {
  // Module bindings read once into locals: in the loop, TurboFan would load each from its module
  // cell and check it for the hole at every use.
  const cls = CLS;
  const wordAny = WORD_ANY;
  const wordBits = WORD_BITS;
  const digit = DIGIT;
  const upper = UPPER;
  const lower = LOWER;
  const wordTrigger = WORD_TRIGGER;
  const wordMonth = WORD_MONTH;
  const wordTitle = WORD_TITLE;
  const wordName = WORD_NAME;
  const pendMask = PEND_MASK;
  const pendMax = PEND_MAX;
  const cryptoStart = CRYPTO_START;
  const folds: number[] = [];
  foldAtOffsets = folds;
  const hits: Hit[] = [];
  const n = text.length;
  const units = unitsOf(text);
  let prevClass = 0;
  // Short letter groups waiting for a digit within 12 characters after them ("DE 136…", "HRB 1"):
  // flushed at the next digit the pass meets, so no second walk looks ahead for digits.
  // A ring of the last pendMax groups: `pending` of them from slot `pendHead` on, oldest first.
  const pendStart = PEND_START;
  const pendLen = PEND_LEN;
  let pendHead = 0;
  let pending = 0;
  let i = 0;
  while (i < n) {
    const c = units[i] as number;
    const k = c < 128 ? (cls[c] as number) : 0;
    if (k === 0) {
      // '@', and its full-width and small forms (＠, ﹫) that slip past naive filters.
      if (c === 64 || c === 0xff20 || c === 0xfe6b) scanEmail(text, i, hits);
      else if (c === 58) {
        const c1 = units[i + 1] as number;
        if (c1 === 58 && prevClass === 0 && text.charCodeAt(i - 1) !== 58) scanIpv6(text, i, hits);
        else if (c1 === 47 && units[i + 2] === 47) scanUrlScheme(text, i, hits);
      }
      if (c >= 0xa0) {
        if (maybeFolds(c) && foldAt(text, i) >= 0) folds.push(i);
        // 我, 私, 僕, 俺, 저, 제, 내 (from U+4FFA on): a self-introduction in Chinese, Japanese or Korean may start here.
        else if (c >= 0x4ffa && cjkIntroStart(c)) scanCjkIntro(text, i, hits);
        // 经理, さん, 대리: a title or honorific after a Chinese, Japanese or Korean name
        else if (CJK_TITLE_START[c] === 1) scanCjkTitled(text, i, hits);
        // "Élodie Martin", "Łukasz Nowak", "Ömer Çelik", "Дмитрий Волков": a given name that starts
        // beyond ASCII (Latin, Greek and Cyrillic capitals)
        else if (prevClass === 0 && c < 0x500 && isUpperAt(text, i)) {
          const e = wordEnd(text, i);
          if ((units[e] === 32 || units[e] === 45) && FIRST_NAMES.has(text.slice(i, e).toLowerCase())) scanGivenName(text, i, e, hits);
        }
      }
      // Letters beyond ASCII count as word characters: no token starts right after one.
      prevClass = c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7 ? lower : 0;
      i++;
      continue;
    }
    if (prevClass !== 0) {
      // Inside a word that started with a non-ASCII letter: skip to its end.
      while (i < n) {
        const ci = units[i] as number;
        if (ci >= 128 ? !(ci >= 0xc0 && ci < 0x2000) : (cls[ci] as number) === 0) break;
        if (ci >= 0x660 && maybeFolds(ci) && foldAt(text, i) >= 0) folds.push(i);
        if (pending !== 0 && ci >= 48 && ci <= 57) pending = flushShort(text, i, pendHead, pending, hits);
        i++;
      }
      prevClass = lower;
      continue;
    }
    // Start of a token of ASCII letters and digits: [i, e), with a case-folded hash of it.
    let e = i + 1;
    let kinds = k;
    let h = c | 32;
    while (e < n) {
      const ce = units[e] as number;
      if (ce >= 128) break;
      const ke = cls[ce] as number;
      if (ke === 0) break;
      kinds |= ke;
      h = (Math.imul(h, 31) + (ce | 32)) & 0x3fffffff;
      e++;
    }
    const len = e - i;
    const wb = ((wordAny[(h >>> 5) & 2047] as number) >>> (h & 31)) & 1 ? (wordBits[h & 0xffff] as number) : 0;
    const next = units[e] as number;
    const hasDigit = (kinds & digit) !== 0;
    let resume = e;
    if (k === digit) {
      if (pending !== 0) pending = flushShort(text, i, pendHead, pending, hits);
      scanIdsAt(text, i, len, false, hits, kinds);
      // The whole run of separated digit groups was classified at its first digit: resume after it.
      resume = Math.max(e, scanDigitRun(text, i, hits));
      // Degrees: "48.8583, 2.2945", "51°30'26\"N": a pair is read whole, and the pass resumes after it.
      if (len <= 3 && (next === 46 || next === 0xb0 || next === 0xba)) {
        const g = scanGeo(text, i, hits);
        if (g > resume) resume = g;
      }
      if (len <= 5) {
        // Cheap look-ahead before the regexes: "12 Baker", "12, Baker", "12 May", "1st of", "21-MAY".
        const n1 = units[e + 1] as number;
        const upperNext = n1 >= 65 && n1 <= 90;
        if ((next === 32 && upperNext) || (next === 44 && n1 === 32)) scanStreetAddress(text, i, hits);
        if (len <= 2 && (((next === 32 || next === 45) && upperNext) || next === 115 || next === 110 || next === 114 || next === 116))
          scanDayFirst(text, i, hits);
        if (len <= 2 && (next === 32 || next === 46)) scanDayFirstForeign(text, i, hits);
      }
    } else {
      if (hasDigit) {
        scanIdsAt(text, i, len, false, hits, kinds);
        // Labels with a digit ("CVV2", "CVC2").
        if (len === 4 && wb & wordTrigger && TRIGGER_HASHES.has(h)) runTriggers(text, i, e, hits, h);
        // Digits glued to a word ("is199003052397"): the digit part is still a candidate for checksummed ids.
        let d = i;
        while (d < e && (cls[units[d] as number] as number) !== digit) d++;
        if (pending !== 0) pending = flushShort(text, d, pendHead, pending, hits);
        if (d > i && d < e) {
          scanIdsAt(text, d, e - d, true, hits);
          const sub: Hit[] = [];
          scanDigitRun(text, d, sub);
          for (const h of sub) if (h.score >= 0.9) hits.push(h);
        }
      } else {
        if (len <= 4 && (next === 32 || next === 45 || next === 46 || next === 58)) {
          // Short letter group right before digits: "DE 136 695 976", "B AB 1234", "HRB 1", "hh 01 02 03 d".
          // Groups are in text order: once the newest is out of reach of any later digit, all are.
          const newest = (pendHead + pending - 1) & pendMask;
          if (pending !== 0 && i - ((pendStart[newest] as number) + (pendLen[newest] as number)) >= 12) pending = 0;
          else if (pending === pendMax) {
            pendHead = (pendHead + 1) & pendMask;
            pending--;
          }
          const slot = (pendHead + pending) & pendMask;
          pendStart[slot] = i;
          pendLen[slot] = len;
          pending++;
        }
        if (wb & wordTrigger && TRIGGER_HASHES.has(h)) runTriggers(text, i, e, hits, h);
      }
      if (k === upper && len >= 3 && len <= 9 && wb & wordMonth && MONTH_HASHES.has(h) && (next === 32 || next === 45 || next === 46))
        scanMonthFirst(text, i, hits);
      if (k === upper && len >= 2) {
        if (wb & wordTitle && TITLE_HASHES.has(h) && TITLES.has(text.slice(i, e).toLowerCase())) scanTitle(text, i, e, hits);
        else if (kinds === (upper | lower) && (cls[units[i + 1] as number] as number) === lower) {
          if ((next === 32 || next === 45) && wb & wordName && FIRST_NAME_HASHES.has(h)) scanGivenName(text, i, e, hits);
          // "LOMBARDI, Chiara": a surname in capitals, a comma, then the given name
          if (i >= 4 && units[i - 2] === 44 && units[i - 1] === 32 && wb & wordName && FIRST_NAME_HASHES.has(h))
            scanSurnameFirst(text, i, e, hits);
          // "Ciarán Murphy": the name goes on past the ASCII token
          else if (next >= 0xc0 && next < 0x2000 && wb & wordName && FIRST_NAME_PREFIX_HASHES.has(h))
            scanGivenName(text, i, wordEnd(text, i), hits);
          if (len >= 5 && (next >= 128 || (next === 32 && isDigitCode(units[e + 1] as number) && germanStreetEnd(units[e - 1] as number))))
            scanGermanStreet(text, i, hits);
        }
      }
    }
    if (len <= 4 && (next === 58 || next === 45 || next === 46) && allHexAt(text, i, e)) {
      if (next === 58) scanIpv6(text, i, hits);
      // MAC-48: "aa:bb:..." / "aa-bb-..." (two hex digits per group) or Cisco "aabb.ccdd.eeff".
      if (((next === 58 || next === 45) && len === 2 && units[i + 5] === next) || (next === 46 && len === 4)) scanMac(text, i, hits);
    }
    // (The code unit after the dot is tested below 128 first: reading cls out of bounds would deoptimise the pass.)
    const afterDot = units[e + 1] as number;
    if (next === 46 && !hasDigit && afterDot < 128 && (cls[afterDot] as number) !== 0) scanBareDomain(text, i, hits);
    // Wallet addresses open with 1, 3, L, M, D, T (base58check) or bc1/ltc1 (bech32): one table read for
    // them all. (A chain of compares deoptimised the pass at the first long token that reached a compare
    // never reached before optimisation; c is ASCII here, a token's first code unit.)
    // (Long tokens are rare: the common short one pays a single compare for the three rules.)
    if (len >= 17) {
      if (len >= 26 && len <= 74 && cryptoStart[c] === 1) scanCrypto(text, i, e, hits);
      // EVM addresses: "0x" and 40 hex digits, one token of exactly 42 characters.
      else if (len === 42 && c === 48 && (units[i + 1] as number) === 120) scanEvmAddress(text, i, e, hits);
      // Vehicle identification numbers: one token of exactly 17 letters and digits, both present.
      else if (len === 17 && hasDigit && kinds !== digit) scanVin(text, i, e, kinds, hits);
    }
    prevClass = k;
    i = resume;
    if (resume > e) prevClass = cls[units[resume - 1] as number] ?? 0;
  }
  // Machine-readable zones of passports and ID cards: found from their '<<' runs, not by the pass.
  scanMrz(text, hits);
  return hits;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Last letters of German and Dutch street suffixes (straße, weg, platz, damm, straat, laan, singel): e, g, z, m, t, n, l. */
function germanStreetEnd(c: number): boolean {
  // e g z m t n l, and j (Danish -vej)
  return c === 101 || c === 103 || c === 122 || c === 109 || c === 116 || c === 110 || c === 108 || c === 106;
}

// At most 8 groups fit in the 12 characters before a digit ("a b c d e f 1": 6): the oldest of 8 is out of reach.
const PEND_MAX = 8;
const PEND_MASK = PEND_MAX - 1;
const PEND_START = new Int32Array(PEND_MAX);
const PEND_LEN = new Int32Array(PEND_MAX);

/** Runs the id rules at every pending short group that ends less than 12 characters before the digit at `d`, oldest first; returns 0 (all consumed). */
function flushShort(text: string, d: number, head: number, count: number, hits: Hit[]): number {
  for (let q = 0; q < count; q++) {
    const p = (head + q) & PEND_MASK;
    const s = PEND_START[p] as number;
    const len = PEND_LEN[p] as number;
    if (d - (s + len) < 12) scanIdsAt(text, s, len, false, hits);
  }
  return 0;
}

/** Rank order: higher score first, then the longer span, then the earlier start. */
function byRank(a: Hit, b: Hit): number {
  return b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

function byStart(a: Hit, b: Hit): number {
  return a.start - b.start;
}

/** Overlaps resolved: higher score wins, then the longer span. Result sorted by start. */
export function resolveOverlaps(hits: Hit[], textLength: number): Hit[] {
  const sorted = [...hits].sort(byRank);
  // One sort call site for both sizes: a call site first reached in a long text would have no type
  // feedback, and reaching it would throw away the optimised code.
  const kept = sorted.length <= 32 ? keepFew(sorted) : keepMany(sorted, textLength);
  return kept.sort(byStart);
}

/** Few hits: each is tested against the hits kept so far. */
function keepFew(sorted: Hit[]): Hit[] {
  const kept: Hit[] = [];
  for (const h of sorted) if (h.end > h.start && !kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept;
}

/** Many hits: positions already claimed by a kept hit, linear in the total span length. */
function keepMany(sorted: Hit[], textLength: number): Hit[] {
  const kept: Hit[] = [];
  const taken = new Uint8Array(textLength);
  for (const h of sorted) {
    if (h.end <= h.start) continue;
    let free = true;
    for (let i = h.start; i < h.end; i++) {
      if (taken[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    taken.fill(1, h.start, h.end);
    kept.push(h);
  }
  return kept;
}

/** Dates and URLs are reported, not flagged, unless the scanner is `broad`. */
function capLowSensitivity(hits: Hit[]): void {
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as Hit;
    if (h.type === 'date' || h.type === 'url') h.score = Math.min(h.score, LOW_SENSITIVITY);
  }
}

function toFinding(text: string, h: Hit, folded: boolean): Finding {
  const known = PII_TYPES[h.type];
  const value = text.slice(h.start, h.end);
  return {
    scanner: 'pii',
    type: h.type,
    category: known ? known[1] : 'pii',
    label: known ? known[0] : 'pii.other',
    start: h.start,
    end: h.end,
    score: h.score,
    // Masked from the folded value, so full-width or other-script digits are starred like ASCII ones.
    evidence: `${h.rule}: ${maskValue(h.type, folded ? foldForPii(value) : value)}`,
  };
}

// Texts that take the recognizers' branches, with documentation and test values only (reserved IP
// ranges, example.com, 555 numbers, test cards, the ISO IBAN example, the IMEI article's example, the
// AHV example, the address of a public TRON contract, landmarks' coordinates).
const WARM_UP_TEXTS = [
  'Contact Dr. Jane Smith at jane.smith@example.com or +1 (555) 010-0199, fax 555-0100x12. Regards, John Miller',
  'Ship to 221B Baker Street, London NW1 6XE; born 12 May 1980, DOB: 1980-05-12T10:00, seen 1st of June, 21-MAY-2020.',
  'Server 192.0.2.10 and 2001:db8::1, ::1, MAC 00:1a:2b:3c:4d:5e or 001a.2b3c.4d5e; https://example.com/a?b=1 and www.example.org.',
  'IBAN GB82 WEST 1234 5698 7654 32, card 4111 1111 1111 1111, SSN 123-45-6789, USt-IdNr. DE 136 695 976, HRB 12345 B.',
  'Herr Müller wohnt in der Hauptstraße 5, 10115 Berlin; Tel. 030 1234567, geboren am 3. März 1975. Zürich 8001, Größe 2x3.',
  'Full-width ４１１１ and dashes 123–45–6789, no-break 4111\u00a01111\u00a01111\u00a01111, Arabic-Indic ٠١٢٣٤٥٦٧٨٩٠.',
  'My name is Maria Garcia, user: mgarcia, passport X1234567, plate AB12 CDE, NI AB 12 34 56 C, patient diagnosed with asthma; our CEO, Jane Roe, agreed.',
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, 1BoatSLRHtKNngkdXEeobR76b53LETtpyT; write to j.doe at example dot com.',
  'Call me tomorrow (tel. 555-010-0199) at 10:30. Order #48213377 shipped June 30, 2021 Berlin office.',
  'Set port 8080 = 2147483647; model AB1234567, rows ID 567-890-123.',
  'Reach -j.doe [at] example [dot] org or jane (dot) roe (at) example (dot) com; max at web dot de. iban gb82 west 1234 5698 7654 32.',
  'Routes fe80::1%eth0, 2001:db8::/32, ::ffff:192.0.2.1 and ab:cd::; A :: B.',
  'Tel. (555) 010-0199, 1-555-010-0199, +44 20 7946 0958, 06 12 34 56 78, 0212 555 12 34, 555.010.0199 (mobile).',
  'VIN 1HGCM82633A004352, ETH 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, CVV2 123 exp 09/27, sort code 20-00-00, 11010519491231002X.',
  '我叫王小明，我是张伟。私の名前は田中太郎です。제 이름은 김민수입니다. 저는 이지은입니다.',
  'GPS 48.8583, 2.2945 (-33.8688, 151.2093), 40.7128° N, 74.0060° W or 51°30\'26"N 0°7\'39"W; v1.2.3, 12.99, 4.50.',
  'PIN 4821, IMEI 49-015420-323751-8, username: jdoe42, TRX TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, NIR 1 85 05 2A 006 084 35, AHV 756 9217 0769 85.',
];

let warmedUp = false;

/**
 * Scans the warm-up texts, once per process (compiled code is shared by every scanner), so that
 * branches rare in ordinary prose (IPv6 "::", months, titles, folded digits, ids, a clock time at the
 * end of a sentence, a phone number in parentheses) have run before the pass and its recognizers are
 * optimised. Otherwise the first texts that reach such a branch throw the optimised code away and
 * V8's compiler threads recompile it, in the middle of later scans. Four rounds of the texts one by
 * one, then the paths of long texts (see below); about 35 ms at the first createPiiScanner. On
 * the speed bench's sequence this cut the deoptimisations in its first 1 MiB scan from 13 to 0.
 */
function warmUp(scan: (text: string) => unknown): void {
  if (warmedUp) return;
  warmedUp = true;
  for (let k = 0; k < 4; k++) for (const t of WARM_UP_TEXTS) scan(t);
  // Paths that only long texts take: a text longer than the 4096 code units unitsOf keeps at first
  // (its growth path), and the overlap pass's path for many hits. Not a long text full of values:
  // after the recognizers had run on one (the texts above joined), the 2 KB bench prompt was scanned
  // about a tenth slower for good.
  scan('word '.repeat(1000));
  const many: Hit[] = [];
  for (let k = 0; k < 40; k++) many.push({ type: 'date', start: k, end: k + 2, score: 0.5, rule: 'warm-up' });
  resolveOverlaps(many, 50);
}

export function createPiiScanner(options: PiiScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? PII_THRESHOLD;
  const broad = options.broad ?? false;
  const scanner: Scanner = {
    name: 'pii',
    threshold,
    // The longest single value (an address with its city and ZIP) plus the context window read around
    // it (256), or, if longer, how far a health term reaches for the person it belongs to: a stream
    // must keep that much behind and ahead so that it decides as the whole text does.
    maxFindingLength: Math.max(256, ID_WINDOW),
    scan(text: string): ScanResult {
      // Full-width and other-script digits, Unicode dashes and spaces are read through a folded view.
      const hits = collectHitsFolded(text);
      const folded = lastFolded;
      if (!broad) capLowSensitivity(hits);
      // Post-passes, each only when the text has what it needs: a card number's expiry and security
      // code are flagged with it (pii-finance.ts); health terms are the person's when the text ties
      // them to one (pii-health.ts), and ICD-10 codes are looked for only where there is a health
      // term or a person to own them.
      let card = false;
      let health = false;
      for (let i = 0; i < hits.length; i++) {
        const h = hits[i] as Hit;
        if (h.type === 'credit_card') card = true;
        if (h.score === HEALTH_TERM_SCORE || (h.score >= 0.5 && IDENTIFYING.has(h.type))) health = true;
      }
      if (card) cardCompanions(text, hits);
      if (health) {
        scanIcd10(text, hits);
        personaliseHealth(text, hits);
      }
      const kept = resolveOverlaps(hits, text.length);
      // Indexed loops and no destructuring: on a long text this loop is compiled on-stack (OSR) while
      // it runs, on V8's compiler threads; a plain loop compiles faster (about 80 -> 55 ms here).
      const findings: Finding[] = [];
      let score = 0;
      for (let i = 0; i < kept.length; i++) {
        const h = kept[i] as Hit;
        findings.push(toFinding(text, h, folded));
        if (h.score > score) score = h.score;
      }
      return { scanner: 'pii', score, flagged: score >= threshold, findings };
    },
  };
  warmUp((text) => scanner.scan(text, {}));
  return scanner;
}

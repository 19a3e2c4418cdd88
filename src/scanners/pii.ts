// The PII scanner: emails, phone numbers, payment cards, IBANs, national ids, passports, IPs, dates
// of birth, addresses, names and health hints, each with a confidence from the evidence behind it
// (a checksum that passes, a format, a context word). One pass over the text stops only at seeds
// (digit runs, short tokens before digits, capitalised words, '@', ':', '://', '.'); recognizers read
// around a seed, so the cost grows with the number of candidates, not with recognizers x text.

import { ALNUM, cls, DIGIT, type Hit, LOWER, PII_TYPES, UPPER } from './pii-core.js';
import { scanIdsAt } from './pii-ids.js';
import { maskValue } from './pii-mask.js';
import { scanBareDomain, scanCrypto, scanEmail, scanIpv6, scanMac, scanUrlScheme } from './pii-net.js';
import { scanDigitRun } from './pii-numbers.js';
import {
  scanDayFirst,
  scanGermanStreet,
  scanGivenName,
  scanMonthFirst,
  scanPhrases,
  scanStreetAddress,
  scanTitle,
  TITLES,
} from './pii-text.js';
import type { Finding, Scanner, ScanResult } from './types.js';

/** Shipped decision threshold, chosen on the training split (see the scanner's tests and README figures). */
export const PII_THRESHOLD = 0.5;

export interface PiiScannerOptions {
  threshold?: number;
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** ASCII-only lower-casing that keeps every offset (String#toLowerCase may change the length). */
function lowerKeepingOffsets(text: string): string {
  const l = text.toLowerCase();
  if (l.length === text.length) return l;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/** Collects raw candidate hits (overlapping, unsorted). */
export function collectHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? cls(text, i) : 0;
    if (k === 0) {
      if (c === 64) scanEmail(text, i, hits);
      else if (c === 58) {
        if (text.charCodeAt(i + 1) === 58 && (cls(text, i - 1) & ALNUM) === 0 && text.charCodeAt(i - 1) !== 58) scanIpv6(text, i, hits);
        else if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) scanUrlScheme(text, i, hits);
      }
      i++;
      continue;
    }
    // Start of a token (ASCII letters and digits).
    const prev = cls(text, i - 1);
    if ((prev & ALNUM) !== 0) {
      i++;
      continue;
    }
    let e = i + 1;
    let hasDigit = k === DIGIT;
    let allHex = isHexCode(c);
    while (e < n) {
      const ke = cls(text, e);
      if (ke === 0 || text.charCodeAt(e) >= 128) break;
      if (ke === DIGIT) hasDigit = true;
      if (!isHexCode(text.charCodeAt(e))) allHex = false;
      e++;
    }
    const next = text.charCodeAt(e);
    let resume = e;
    if (k === DIGIT) {
      scanIdsAt(text, i, false, hits);
      // The whole run of separated digit groups was classified at its first digit: resume after it.
      resume = Math.max(e, scanDigitRun(text, i, hits));
      if (e - i <= 5) {
        scanStreetAddress(text, i, hits);
        if (e - i <= 2 || next === 115 || next === 110 || next === 114 || next === 116) scanDayFirst(text, i, hits);
      }
    } else {
      if (hasDigit) {
        scanIdsAt(text, i, false, hits);
        // Digits glued to a word ("is199003052397"): the digit part is still a candidate for checksummed ids.
        let d = i;
        while (d < e && cls(text, d) !== DIGIT) d++;
        if (d < e) {
          scanIdsAt(text, d, true, hits);
          const sub: Hit[] = [];
          scanDigitRun(text, d, sub);
          for (const h of sub) if (h.score >= 0.9) hits.push(h);
        }
      } else if (e - i <= 4) {
        // Short letter group right before digits: "DE 136 695 976", "B AB 1234", "HRB 1", "hh 01 02 03 d".
        for (let j = e; j < n && j - e < 12; j++) {
          if (cls(text, j) === DIGIT) {
            scanIdsAt(text, i, false, hits);
            break;
          }
        }
      }
      if (k === UPPER && e - i >= 2) {
        const word = text.slice(i, e);
        if (TITLES.has(word)) scanTitle(text, i, e, hits);
        else if ((cls(text, i + 1) & LOWER) !== 0) {
          scanGivenName(text, i, e, hits);
          if (e - i <= 9) scanMonthFirst(text, i, hits);
          if (e - i >= 6) scanGermanStreet(text, i, hits);
        }
      }
    }
    if (next === 58 && allHex && e - i <= 4) scanIpv6(text, i, hits);
    if ((next === 58 || next === 45 || next === 46) && allHex && (e - i === 2 || e - i === 4)) scanMac(text, i, hits);
    if (next === 46 && !hasDigit) scanBareDomain(text, i, hits);
    if (e - i >= 26 && e - i <= 74 && (c === 49 || c === 51 || c === 98 || c === 66)) scanCrypto(text, i, e, hits);
    i = resume;
  }
  scanPhrases(text, lowerKeepingOffsets(text), hits);
  return hits;
}

/** Overlaps resolved: higher score wins, then the longer span. Result sorted by start. */
export function resolveOverlaps(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of sorted) {
    if (h.end <= h.start) continue;
    if (kept.some((k) => h.start < k.end && k.start < h.end)) continue;
    kept.push(h);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function createPiiScanner(options: PiiScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? PII_THRESHOLD;
  return {
    name: 'pii',
    threshold,
    // The longest single value (an address with its city and ZIP) plus the context window read around it.
    maxFindingLength: 256,
    scan(text: string): ScanResult {
      const findings: Finding[] = [];
      let score = 0;
      for (const h of resolveOverlaps(collectHits(text))) {
        const [label, category] = PII_TYPES[h.type] ?? ['pii.other', 'pii'];
        findings.push({
          scanner: 'pii',
          type: h.type,
          category,
          label,
          start: h.start,
          end: h.end,
          score: h.score,
          evidence: `${h.rule}: ${maskValue(h.type, text.slice(h.start, h.end))}`,
        });
        if (h.score > score) score = h.score;
      }
      return { scanner: 'pii', score, flagged: score >= threshold, findings };
    },
  };
}

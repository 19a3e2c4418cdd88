// Machine-readable zones of travel documents (ICAO Doc 9303): the two or three lines of A-Z, 0-9 and
// '<' at the foot of a passport page, an ID card or a visa, as OCR and copy-paste put them in text.
// A zone holds a name, a document number, a nationality and a birth date, so the whole zone is one
// finding. Found from its '<<' runs (every zone has one: the name separator or the filler), with a
// native indexOf, so text without '<<' costs one search. The data line's check digits (weights 7, 3, 1)
// decide: the document number's, the birth date's and the expiry date's.
//   TD3 (passports, MRV-A visas): 2 lines of 44; TD2 (and MRV-B visas): 2 lines of 36;
//   TD1 (ID cards, residence permits): 3 lines of 30.

import type { Hit } from './pii-core.js';
import { icaoCheck } from './pii-validators.js';

/** Documentation specimens: the German specimen holder, or SPECIMEN as a name (Utopia is checked as the issuer). */
const SPECIMEN = /<MUSTERMANN<|<SPECIMEN</;

function isMrzCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 60;
}

interface Line {
  start: number;
  end: number;
}

/**
 * The run of MRZ characters around `at`, if it is as long as a zone's line. Runs, not whole lines, so
 * that a label before the zone ("MRZ: P<UTO…") or a table cell around it does not hide it.
 */
function mrzLineAt(text: string, at: number): Line | null {
  if (at < 0 || at >= text.length || !isMrzCode(text.charCodeAt(at))) return null;
  let s = at;
  while (s > 0 && isMrzCode(text.charCodeAt(s - 1)) && at - s < 44) s--;
  let e = at + 1;
  while (e < text.length && isMrzCode(text.charCodeAt(e)) && e - s <= 44) e++;
  const len = e - s;
  return len === 30 || len === 36 || len === 44 ? { start: s, end: e } : null;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** The zone line that starts the line after `l`'s (after blanks). */
function nextLine(text: string, l: Line): Line | null {
  let i = l.end;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 10) return null;
  i++;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const next = mrzLineAt(text, i);
  return next && next.start === i ? next : null;
}

/** The zone line that ends the line before `l`'s (before blanks). */
function prevLine(text: string, l: Line): Line | null {
  let i = l.start - 1;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  if (i < 0 || text.charCodeAt(i) !== 10) return null;
  i--;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  const prev = mrzLineAt(text, i);
  return prev && prev.end === i + 1 ? prev : null;
}

/** How many of the fields [start, start + length) followed by their check digit pass. */
function checks(v: string, fields: readonly (readonly [number, number])[]): number {
  let ok = 0;
  for (const [s, len] of fields) {
    const d = v.charCodeAt(s + len);
    if (d >= 48 && d <= 57 && icaoCheck(v.slice(s, s + len), v.charAt(s + len))) ok++;
  }
  return ok;
}

// The data line's checked fields: document number, birth date, expiry date.
const TD3_TD2_DATA: readonly (readonly [number, number])[] = [
  [0, 9],
  [13, 6],
  [21, 6],
];
const TD1_LINE2: readonly (readonly [number, number])[] = [
  [0, 6],
  [8, 6],
];
const TD1_LINE1: readonly (readonly [number, number])[] = [[5, 9]];

/** A birth or expiry date field: YYMMDD with a real month and day ('<' where unknown). */
function dateField(v: string, s: number): boolean {
  const m = Number(v.slice(s + 2, s + 4));
  const d = Number(v.slice(s + 4, s + 6));
  return /^[0-9]{6}$/.test(v.slice(s, s + 6)) ? m >= 1 && m <= 12 && d >= 1 && d <= 31 : false;
}

function typeOf(code: number): string {
  // P passports, V visas (they carry the passport's number); I, A, C identity cards and permits.
  return code === 80 || code === 86 ? 'passport' : 'national_id';
}

function push(text: string, first: Line, last: Line, passed: number, of: number, rule: string, out: Hit[]): void {
  const zone = text.slice(first.start, last.end);
  // Issued by Utopia, ICAO's specimen state, or a specimen holder: documentation, not a person.
  const specimen = text.startsWith('UTO', first.start + 2) || SPECIMEN.test(zone);
  const score = specimen ? 0.3 : passed === of ? 0.95 : 0.8;
  out.push({ type: typeOf(text.charCodeAt(first.start)), start: first.start, end: last.end, score, rule });
}

/** Two-line zones (TD3, TD2, MRV): `data` is the second line; the first must be an MRZ line of the same length. */
function tryTwoLine(text: string, data: Line, out: Hit[]): boolean {
  const len = data.end - data.start;
  if (len === 30) return false;
  const first = prevLine(text, data);
  if (!first || first.end - first.start !== len) return false;
  const code = text.charCodeAt(first.start);
  if (code !== 80 && code !== 86 && code !== 73 && code !== 65 && code !== 67) return false;
  const v = text.slice(data.start, data.end);
  if (!dateField(v, 13)) return false;
  const passed = checks(v, TD3_TD2_DATA);
  // The birth date's check digit and one more: one OCR slip elsewhere still reads as a zone.
  if (passed < 2 || checks(v, [[13, 6]]) === 0) return false;
  push(text, first, data, passed, 3, len === 44 ? 'mrz.td3' : 'mrz.td2', out);
  return true;
}

/** Three-line zones (TD1): `data` is the second line. */
function tryTd1(text: string, data: Line, out: Hit[]): boolean {
  if (data.end - data.start !== 30) return false;
  const first = prevLine(text, data);
  if (!first || first.end - first.start !== 30) return false;
  const code = text.charCodeAt(first.start);
  if (code !== 73 && code !== 65 && code !== 67 && code !== 80 && code !== 86) return false;
  const v = text.slice(data.start, data.end);
  if (!dateField(v, 0)) return false;
  const passed = checks(v, TD1_LINE2) + checks(text.slice(first.start, first.end), TD1_LINE1);
  if (passed < 2 || checks(v, [[0, 6]]) === 0) return false;
  const third = nextLine(text, data);
  push(text, first, third && third.end - third.start === 30 ? third : data, passed, 3, 'mrz.td1', out);
  return true;
}

/** A TD1 zone whose third line (the name) is `line`. */
function tryTd1Before(text: string, line: Line, out: Hit[]): boolean {
  const prev = prevLine(text, line);
  return prev !== null && tryTd1(text, prev, out);
}

/** Every machine-readable zone in `text`. */
export function scanMrz(text: string, out: Hit[]): void {
  let from = 0;
  for (let at = text.indexOf('<<', from); at >= 0; at = text.indexOf('<<', from)) {
    const line = mrzLineAt(text, at);
    if (!line) {
      // Past this run of MRZ characters.
      let e = at + 2;
      while (e < text.length && isMrzCode(text.charCodeAt(e))) e++;
      from = e;
      continue;
    }
    // The line with '<<' may be any line of its zone: try it and its neighbours as the data line.
    const next = nextLine(text, line);
    const found =
      (next !== null && (tryTwoLine(text, next, out) || tryTd1(text, next, out))) ||
      tryTwoLine(text, line, out) ||
      tryTd1(text, line, out) ||
      tryTd1Before(text, line, out);
    // Past the zone just found (its last line may follow this one), or past this line.
    from = Math.max(found ? (out[out.length - 1] as Hit).end : 0, line.end) + 1;
  }
}

// GPS coordinates: a latitude/longitude pair in decimal degrees ("48.8583, 2.2945", "[-71.6702,-107.6572]",
// "lat 40.7128 lon -74.0060"), with hemisphere letters or degree signs ("40.7128° N, 74.0060° W"), or in
// degrees, minutes and seconds ("51°30'26\"N 0°7'39\"W"). Two decimal numbers are as often a price pair,
// versions, a measurement or a data row, so a pair counts only in a format no other value has (hemisphere
// letters, degree signs, DMS, or two numbers of 4+ decimals alone in brackets) or with a word that says it
// is a place. The pass calls scanGeo at a digit run of at most three digits followed by '.' or a degree
// sign; every read is bounded, so the cost is linear in the text.

import { cls, DIGIT, type Hit, hasWordContext, LOWER, UPPER } from './pii-core.js';

const ALPHA = UPPER | LOWER;

/** Words near a decimal pair that say it is a place (see hasWordContext: short words must end a word). */
const GEO_WORDS: readonly string[] = [
  'coordinate',
  'coords',
  'coord',
  'gps',
  'lat',
  'latitude',
  'lon',
  'lng',
  'longitude',
  'location',
  'located',
  'position',
  'geo',
  'geoloc',
  'geotag',
  'pin',
  'meet me at',
  'waypoint',
  'whereabouts',
  'map',
  'standort',
  'ubicación',
  'ubicacion',
  'posizione',
  'emplacement',
];

/** Labels of the longitude between the two numbers: "lat 40.7 lon -74.0", "latitude: …, longitude: …". */
const LON_LABELS: readonly string[] = ['longitude', 'long', 'lng', 'lon'];

/** One component of a pair: [start, end), its absolute value, what marks it. */
interface Component {
  start: number;
  end: number;
  value: number;
  decimals: number;
  degree: boolean;
  dms: boolean;
  /** 'N', 'S', 'E', 'W' as a code, or 0. */
  hemi: number;
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isHemi(c: number): boolean {
  return c === 78 || c === 83 || c === 69 || c === 87;
}

function isDegree(c: number): boolean {
  return c === 0xb0 || c === 0xba;
}

function isMinuteMark(c: number): boolean {
  return c === 39 || c === 0x2032 || c === 0x2019;
}

function isSecondMark(c: number): boolean {
  return c === 34 || c === 0x2033 || c === 0x201d;
}

/** End of the run of at most `max` digits at i. */
function digitsEnd(text: string, i: number, max: number): number {
  let e = i;
  while (e - i < max && isDigit(text, e)) e++;
  return e;
}

/**
 * The component whose digits start at p (a sign, or a hemisphere letter at `from` or later, before
 * it allowed), or undefined. Reads at most a few dozen characters.
 */
function parseComponent(text: string, p: number, from: number): Component | undefined {
  let start = p;
  let hemi = 0;
  const b = text.charCodeAt(p - 1);
  if ((b === 45 || b === 43 || b === 0x2212) && (cls(text, p - 2) & (ALPHA | DIGIT)) === 0) start = p - 1;
  else if (p - 1 >= from && isHemi(b) && (cls(text, p - 2) & ALPHA) === 0) {
    hemi = b;
    start = p - 1;
  } else if (p - 2 >= from && b === 32 && isHemi(text.charCodeAt(p - 2)) && (cls(text, p - 3) & ALPHA) === 0) {
    hemi = text.charCodeAt(p - 2);
    start = p - 2;
  }
  const ie = digitsEnd(text, p, 4);
  if (ie - p > 3) return undefined;
  let value = Number(text.slice(p, ie));
  let e = ie;
  let decimals = 0;
  let degree = false;
  let dms = false;
  if (text.charCodeAt(e) === 46 && isDigit(text, e + 1)) {
    const de = digitsEnd(text, e + 1, 16);
    decimals = de - e - 1;
    if (decimals > 15) return undefined;
    // "1.2.3", "192.168.0.1", "12.05.2024": a version, an address or a date.
    if (text.charCodeAt(de) === 46 && isDigit(text, de + 1)) return undefined;
    value = Number(text.slice(p, de));
    e = de;
  }
  if (isDegree(text.charCodeAt(e))) {
    degree = true;
    e++;
    // Degrees, minutes and seconds: 51°30'26"N, 51° 30′ 26.5″ N.
    if (decimals === 0) {
      let m = e;
      if (text.charCodeAt(m) === 32) m++;
      const me = digitsEnd(text, m, 3);
      if (me > m && me - m <= 2 && isMinuteMark(text.charCodeAt(me))) {
        const minutes = Number(text.slice(m, me));
        if (minutes >= 60) return undefined;
        value += minutes / 60;
        e = me + 1;
        dms = true;
        let s = e;
        if (text.charCodeAt(s) === 32) s++;
        let se = digitsEnd(text, s, 3);
        if (se > s && se - s <= 2) {
          if (text.charCodeAt(se) === 46 && isDigit(text, se + 1)) se = digitsEnd(text, se + 1, 6);
          if (isSecondMark(text.charCodeAt(se)) || (text.charCodeAt(se) === 39 && text.charCodeAt(se + 1) === 39)) {
            const seconds = Number(text.slice(s, se));
            if (seconds >= 60) return undefined;
            value += seconds / 3600;
            e = se + (text.charCodeAt(se) === 39 ? 2 : 1);
          }
        }
      }
    }
  }
  if (decimals === 0 && !dms) return undefined;
  // A hemisphere letter after the number ("40.7128 N", "40.7128°N"), not a unit or a word ("12.5 Nm", "3.25 East").
  let h = e;
  if (text.charCodeAt(h) === 32) h++;
  const c = text.charCodeAt(h);
  if (hemi === 0 && isHemi(c) && (cls(text, h + 1) & (ALPHA | DIGIT)) === 0) {
    hemi = c;
    e = h + 1;
  }
  // Glued to a unit or another token: "12.5mm", "2.5GHz", "3.14x".
  if ((cls(text, e) & (ALPHA | DIGIT)) !== 0) return undefined;
  return { start, end: e, value, decimals, degree, dms, hemi };
}

/** The index after the separator between the two numbers (comma, semicolon, slash, spaces, a longitude label), or -1. */
function separatorEnd(text: string, i: number): { end: number; labelled: boolean } | undefined {
  let j = i;
  while (j - i < 2 && text.charCodeAt(j) === 32) j++;
  const c = text.charCodeAt(j);
  const mark = c === 44 || c === 59 || c === 47 || c === 124;
  if (mark) {
    j++;
    while (j - i < 5 && text.charCodeAt(j) === 32) j++;
  }
  if (j === i) return undefined;
  let labelled = false;
  for (const w of LON_LABELS) {
    if (!startsWithLower(text, j, w) || (cls(text, j + w.length) & ALPHA) !== 0) continue;
    let k = j + w.length;
    if (text.charCodeAt(k) === 58 || text.charCodeAt(k) === 61) k++;
    while (k - j - w.length < 2 && text.charCodeAt(k) === 32) k++;
    j = k;
    labelled = true;
    break;
  }
  return { end: j, labelled };
}

function startsWithLower(text: string, at: number, w: string): boolean {
  for (let k = 0; k < w.length; k++) if ((text.charCodeAt(at + k) | 32) !== w.charCodeAt(k)) return false;
  return true;
}

/** The first digit of the component after the separator at j (a sign or a hemisphere letter may come first), or -1. */
function componentDigit(text: string, j: number): number {
  const c = text.charCodeAt(j);
  if (isDigit(text, j)) return j;
  if ((c === 45 || c === 43 || c === 0x2212) && isDigit(text, j + 1)) return j + 1;
  if (isHemi(c)) {
    if (isDigit(text, j + 1)) return j + 1;
    if (text.charCodeAt(j + 1) === 32 && isDigit(text, j + 2)) return j + 2;
  }
  return -1;
}

/** Latitude first (as is usual) or longitude first (GeoJSON order), each in its range. */
function inRange(a: Component, b: Component): boolean {
  if (a.hemi !== 0 && b.hemi !== 0) {
    const aLat = a.hemi === 78 || a.hemi === 83;
    const bLat = b.hemi === 78 || b.hemi === 83;
    if (aLat === bLat) return false;
    const lat = aLat ? a : b;
    const lon = aLat ? b : a;
    return lat.value <= 90 && lon.value <= 180;
  }
  const x = Math.abs(a.value);
  const y = Math.abs(b.value);
  return (x <= 90 && y <= 180) || (x <= 180 && y <= 90);
}

/** A number and a list separator right before `at` or right after `end`: a row of data, not one place. */
function inList(text: string, at: number, end: number): boolean {
  let j = at - 1;
  while (j >= 0 && at - j < 4 && text.charCodeAt(j) === 32) j--;
  const c = text.charCodeAt(j);
  if ((c === 44 || c === 59 || c === 124) && isDigit(text, j - 1 - (text.charCodeAt(j - 1) === 32 ? 1 : 0))) return true;
  const sep = separatorEnd(text, end);
  return sep !== undefined && !sep.labelled && componentDigit(text, sep.end) >= 0;
}

/** Both numbers alone in brackets ("(-33.8688, 151.2093)", "[48.8583,2.2945]"), not a call's arguments ("f(1.2345, 2.3456)"). */
function bracketed(text: string, s: number, e: number): boolean {
  let a = s - 1;
  if (text.charCodeAt(a) === 32) a--;
  const open = text.charCodeAt(a);
  if (open !== 40 && open !== 91) return false;
  const before = text.charCodeAt(a - 1);
  if ((cls(text, a - 1) & (ALPHA | DIGIT)) !== 0 || before === 95 || before === 40 || before === 91 || before === 46) return false;
  let z = e;
  if (text.charCodeAt(z) === 32) z++;
  return text.charCodeAt(z) === (open === 40 ? 41 : 93);
}

/**
 * A coordinate pair whose first number's digits start at p. Pushes a hit and returns its end (the
 * pass resumes there, past the second number), or returns -1.
 */
export function scanGeo(text: string, p: number, out: Hit[]): number {
  const a = parseComponent(text, p, 0);
  if (!a) return -1;
  const sep = separatorEnd(text, a.end);
  if (!sep) return -1;
  const q = componentDigit(text, sep.end);
  if (q < 0) return -1;
  const b = parseComponent(text, q, a.end);
  if (!b || a.dms !== b.dms || !inRange(a, b)) return -1;
  const s = a.start;
  const e = b.end;
  let score = 0;
  // Degree signs alone are also temperatures and angles ("36.6°, 37.2°"): four decimals, or a place word below.
  const hemis = a.hemi !== 0 && b.hemi !== 0;
  if (hemis || (a.degree && b.degree && a.decimals >= 4 && b.decimals >= 4)) score = 0.85;
  else if (inList(text, s, e)) return -1;
  // Degrees and minutes without hemispheres are also angles ("45°30' 90°15'").
  else if (a.dms) score = hasWordContext(text, s, e, GEO_WORDS) ? 0.8 : 0;
  else if (a.decimals >= 4 && b.decimals >= 4 && bracketed(text, s, e) && (a.value >= 1 || b.value >= 1)) score = 0.75;
  else if (sep.labelled || (a.degree && b.degree) ? a.decimals >= 2 && b.decimals >= 2 : a.decimals >= 3 && b.decimals >= 3) {
    if (sep.labelled || hasWordContext(text, s, e, GEO_WORDS)) score = 0.8;
  }
  if (score === 0) return -1;
  out.push({ type: 'geo_coordinates', start: s, end: e, score, rule: a.dms ? 'geo.dms' : 'geo.decimal' });
  return e;
}

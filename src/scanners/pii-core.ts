// Shared plumbing of the PII scanner: the type table (type -> label, category), candidate hits,
// character classes and the context-keyword window. Recognizers produce `Hit`s (a span, a type, a
// score, the rule id); pii.ts resolves overlaps and turns the survivors into Findings.

import type { FindingCategory } from './types.js';

export interface Hit {
  type: string;
  start: number;
  end: number;
  score: number;
  rule: string;
}

/** type -> [label, category]. The label is what the audit record stores. */
export const PII_TYPES: Record<string, readonly [string, FindingCategory]> = {
  email: ['pii.email', 'pii'],
  phone: ['pii.phone', 'pii'],
  credit_card: ['pci.card', 'pci'],
  iban: ['pii.iban', 'pii'],
  bank_routing: ['pii.bank_account', 'pii'],
  ssn: ['pii.ssn', 'pii'],
  itin: ['pii.tax_id', 'pii'],
  tax_id: ['pii.tax_id', 'pii'],
  ip_address: ['pii.ip', 'pii'],
  mac_address: ['pii.mac', 'pii'],
  dob: ['pii.dob', 'pii'],
  date: ['pii.date', 'pii'],
  national_id: ['pii.national_id', 'pii'],
  passport: ['pii.passport', 'pii'],
  driver_license: ['pii.driver_license', 'pii'],
  vehicle_registration: ['pii.vehicle', 'pii'],
  address: ['pii.address', 'pii'],
  postal_code: ['pii.address', 'pii'],
  person: ['pii.name', 'pii'],
  url: ['pii.url', 'pii'],
  crypto_wallet: ['pii.crypto', 'pii'],
  company_id: ['pii.company_id', 'pii'],
  medical_record: ['phi.medical_record', 'phi'],
  health_insurance: ['phi.health_insurance', 'phi'],
  medical_license: ['phi.provider_id', 'phi'],
  health_condition: ['phi.health', 'phi'],
  medication: ['phi.medication', 'phi'],
  account_number: ['pii.account', 'pii'],
  vehicle_id: ['pii.vehicle', 'pii'],
  card_security_code: ['pci.cvv', 'pci'],
  card_expiry: ['pci.expiry', 'pci'],
  card_pin: ['pci.pin', 'pci'],
  device_id: ['pii.device', 'pii'],
  username: ['pii.username', 'pii'],
  geo_coordinates: ['pii.location', 'pii'],
  user_agent: ['pii.device', 'pii'],
};

// Character class table for ASCII: 1 digit, 2 upper, 4 lower.
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const ALNUM = DIGIT | UPPER | LOWER;
export const CLS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLS[c] = LOWER;

export function cls(text: string, i: number): number {
  if (i < 0 || i >= text.length) return 0;
  const c = text.charCodeAt(i);
  return c < 128 ? (CLS[c] as number) : c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000 ? LOWER : 0;
}

export function isAlnumAt(text: string, i: number): boolean {
  return cls(text, i) !== 0;
}

/** A word character (alnum or underscore) at i: used for "not glued to another token" checks. */
export function isWordAt(text: string, i: number): boolean {
  return cls(text, i) !== 0 || text.charCodeAt(i) === 95;
}

/** Digits and ASCII letters of text[start, end), letters upper-cased: the value a checksum sees. */
export function compact(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text[i];
    else if (c >= 65 && c <= 90) out += text[i];
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
  }
  return out;
}

/** The lower-cased text[lo, hi): context checks lower-case a small window, never the whole text. */
function lowerSlice(text: string, lo: number, hi: number): string {
  return text.slice(lo, hi).toLowerCase();
}

/**
 * Whether one of `words` occurs (case-insensitively, as given in lower case) in the window of
 * `before` characters before `start` or `after` characters after `end`. Windows are small, so this
 * is cheap per candidate and never touches the whole text.
 */
export function hasContext(text: string, start: number, end: number, words: readonly string[], before = 48, after = 32): boolean {
  const lo = Math.max(0, start - before);
  const hi = Math.min(text.length, end + after);
  const pre = lowerSlice(text, lo, start);
  const post = lowerSlice(text, end, hi);
  for (const w of words) if (pre.includes(w) || post.includes(w)) return true;
  return false;
}

/** Hash of a word, case-folded for ASCII letters: lets the scanner's pass test word lists without slicing. */
export function wordHash(s: string, start = 0, end = s.length): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + (s.charCodeAt(i) | 32)) & 0x3fffffff; // stays a small integer (no heap numbers)
  return h;
}

/** Hashes of the words of a list, for a cheap pre-check before the exact lookup. */
export function hashSet(words: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const w of words) out.add(wordHash(w));
  return out;
}

/** The lower-cased context around [start, end) as one string, for several keyword checks in a row. */
export function contextWindow(text: string, start: number, end: number, before = 48, after = 32): string {
  // One slice including the value itself (digits and separators hold no keyword): no concatenation to flatten.
  return lowerSlice(text, Math.max(0, start - before), Math.min(text.length, end + after));
}

export function windowHas(win: string, words: readonly string[]): boolean {
  for (const w of words) if (win.includes(w)) return true;
  return false;
}

// Words right before a number that say it is a business or technical identifier, not a person's.
const NOT_PERSONAL = [
  // barcodes and catalogue numbers: EAN/GTIN/UPC check digits can pass a national id's by chance
  'ean',
  'gtin',
  'upc',
  'isbn',
  'barcode',
  'pedido',
  'commande',
  'bestellung',
  'order',
  'invoice',
  'ticket',
  'ref',
  'sku',
  'product',
  'item',
  'part',
  'model',
  'build',
  'version',
  'tracking',
  'shipment',
  // shipping and billing numbers in other languages ("Guía de envío", "伝票番号", "运单号", "송장")
  'waybill',
  'parcel',
  'consignment',
  'envío',
  'envio',
  'sendung',
  'colis',
  'spedizione',
  'zending',
  'factura',
  'rechnung',
  'fattura',
  'facture',
  'folio',
  '伝票',
  '追跡',
  '运单',
  '快递单',
  '송장',
  'seed',
  'port',
  'pid',
  'page',
  'row',
  'line',
  'issue',
  'pr ',
  'commit',
  'job',
  'request',
  'transaction',
  'txn',
  'batch',
  'serial',
  'where id',
  'id =',
  'id=',
];

/**
 * Whether a weakly supported number at `start` reads as a non-personal identifier ("order 123456789",
 * "SKU AB1234567") or as arithmetic ("= 2147483647"). Strong evidence (a checksum with context) is not demoted.
 */
export function looksNonPersonal(text: string, start: number): boolean {
  let j = start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '#' || text[j] === ':')) j--;
  const op = text[j];
  if (op === '=' || op === '+' || op === '*' || op === '/' || op === '^' || op === '<' || op === '>' || (op === '-' && text[j - 1] === ' '))
    return true;
  const before = lowerSlice(text, Math.max(0, start - 20), start);
  for (const w of NOT_PERSONAL) if (hasWord(before, w)) return true;
  return false;
}

function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000);
}

/**
 * `w` starts a word of the lower-case `s` ("port" is not found in "passport" or "support", nor
 * "part" in "department"); a short `w` must also end it, a plural 's' allowed.
 */
function hasWord(s: string, w: string): boolean {
  const last = w.charCodeAt(w.length - 1);
  // Long labels and "ref" also open longer words ("ordered", "invoices", "reference", "refno");
  // short ones must end there ("part" is not "partita", "port" not "portugal").
  const prefix = w.length >= 5 || w === 'ref';
  for (let at = s.indexOf(w); at >= 0; at = s.indexOf(w, at + 1)) {
    if (at > 0 && isLetterCode(s.charCodeAt(at - 1))) continue;
    if (!isLetterCode(last) || prefix) return true;
    let e = at + w.length;
    if (s.charCodeAt(e) === 115) e++;
    if (!isLetterCode(s.charCodeAt(e))) return true;
  }
  return false;
}

/**
 * Whether one of `words` starts a word in the lower-cased window around [start, end) (see hasWord:
 * "eth" is not found in "method" nor "ethics"; words of five letters or more may open longer ones).
 */
export function hasWordContext(text: string, start: number, end: number, words: readonly string[], before = 48, after = 32): boolean {
  const win = contextWindow(text, start, end, before, after);
  for (const w of words) if (hasWord(win, w)) return true;
  return false;
}

const NEGATIONS = ['not a ', "isn't a ", 'is not a ', 'invalid ', 'not valid ', 'fake ', 'never '];

/** "not a TIN ...", "this isn't a valid ...": the label before `at` is denied, so the value after it is a counter-example. */
export function negated(text: string, at: number): boolean {
  const win = lowerSlice(text, Math.max(0, at - 24), at);
  return NEGATIONS.some((n) => win.includes(n));
}

/** An upper-case letter at i, accented capitals (É, Ö, Ł) included: a letter that changes under lower-casing. */
export function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (cls(text, i) & UPPER) !== 0;
  const ch = text[i] as string;
  return c >= 0xc0 && c < 0x2000 && ch !== ch.toLowerCase();
}

/** End of the run of letters at i (at most 40: no name part is longer). */
export function wordEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + 40);
  while (i < limit && (cls(text, i) & (UPPER | LOWER)) !== 0) i++;
  return i;
}

/** Words for birth (date of birth context) in French, Spanish, Italian, Portuguese, Dutch, Polish, Swedish, Finnish, Danish/Norwegian and Turkish ("urodzon" covers urodzony/urodzona). */
export const BIRTH_WORDS_ABROAD: readonly string[] = [
  'né le',
  'née le',
  'nacimiento',
  'naissance',
  'nascita',
  'nascimento',
  'geboorte',
  'urodzenia',
  'urodzon',
  'nata il',
  'nato il',
  'födelse',
  'syntymä',
  'fødsels',
  'doğum',
  'narozen',
  'născut',
  'nascut',
  'født',
  'syntynyt',
  'γέννησης',
  // German "geb." (born), Indonesian "tgl lahir", Arabic, Hebrew, Thai, Japanese, Chinese, Korean, Russian
  'geb.',
  'lahir',
  'الميلاد',
  'ميلاد',
  'לידה',
  'วันเกิด',
  '生年月日',
  '出生',
  '생년월일',
  'рождения',
];

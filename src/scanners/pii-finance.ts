// Payment-card and bank values that only their label identifies: a card security code (CVV/CVC),
// a PIN, a card's expiry month, a UK sort code. They are short digit groups that are everywhere in text,
// so each recognizer runs as a trigger at its label (see TRIGGERS in pii-text.ts) and reads the few
// tokens after it; a value is never looked for without its label.

import { cls, DIGIT, type Hit, hasWordContext, isWordAt, LOWER, negated, UPPER } from './pii-core.js';
import { ibanCountry, isTrivialSequence } from './pii-validators.js';

/** Labels of a card security code; [phrase, needs card context]. Compared case-folded for ASCII letters. */
export const CVV_LABELS: readonly (readonly [string, boolean])[] = [
  ['cvv', false],
  ['cvv2', false],
  ['cvc', false],
  ['cvc2', false],
  ['csc', false],
  ['card verification', false],
  ['kartenprüfnummer', false],
  ['kartenprüfziffer', false],
  ['prüfnummer', true],
  ['cryptogramme', false],
  // A security code or CID is also an alarm code, a 2FA code or a content id: only next to a card.
  ['cid', true],
  ['security code', true],
  ['código de seguridad', true],
  ['code de sécurité', true],
  ['codice di sicurezza', true],
  ['código de segurança', true],
  ['sicherheitscode', true],
  ['beveiligingscode', true],
];

// Words between a label and its value ("CVV code is 123", "CVV/CVC: 123", "Prüfnummer lautet 123").
// "código de seguridad de la tarjeta: 321", "Prüfnummer der Karte 123".
const FILLER = new Set([
  'is',
  'was',
  'code',
  'number',
  'no',
  'nr',
  'num',
  'nummer',
  'numéro',
  'número',
  'numero',
  'ist',
  'lautet',
  'es',
  'est',
  'é',
  'cvv',
  'cvc',
  'cvv2',
  'cvc2',
  'value',
  'of',
  'de',
  'la',
  'der',
  'my',
  'card',
  'karte',
  'tarjeta',
  'carte',
]);
// Words after the digits that make them a length or a count ("3 digits"), not a value.
const LENGTH_WORDS = [
  'digit',
  'stellig',
  'ziffer',
  'dígito',
  'digito',
  'chiffre',
  'cifr',
  'char',
  'number',
  'numbers',
  'or ',
  'oder',
  'to ',
  'bis',
];
// Words that put a card around a value; the expiry needs one of them, not its own label ("the milk expires 09/27").
const CARD_WORDS = [
  'card',
  'karte',
  'tarjeta',
  'carte',
  'carta',
  'cartão',
  'visa',
  'mastercard',
  'amex',
  'american express',
  'discover',
  'cvv',
  'cvc',
];
const CTX_CARD = [...CARD_WORDS, 'expir', 'exp ', 'exp.', 'exp:'];

/** End of the word of ASCII letters (and non-ASCII letters below U+2000) at i. */
function wordAt(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 24 && (cls(text, e) & (UPPER | LOWER | DIGIT)) !== 0) e++;
  return e;
}

/**
 * Where the value after a label starts: past separators and at most four filler words. Returns
 * -1 when another word comes first ("the CVV field must be 3 digits", "CVV is a 3-digit code").
 */
export function valueStart(text: string, from: number): number {
  let j = from;
  for (let round = 0; round < 5; round++) {
    const s = j;
    while (j < text.length && j - s < 6) {
      const c = text.charCodeAt(j);
      // space, tab, ':', '=', '#', '/', '-', '(', ')', '"', full-width colon
      if (
        c === 32 ||
        c === 9 ||
        c === 58 ||
        c === 61 ||
        c === 35 ||
        c === 47 ||
        c === 45 ||
        c === 40 ||
        c === 41 ||
        c === 34 ||
        c === 0xff1a
      )
        j++;
      else break;
    }
    if (cls(text, j) === DIGIT) return j;
    const we = wordAt(text, j);
    if (we === j || !FILLER.has(text.slice(j, we).toLowerCase())) return -1;
    j = we;
  }
  return -1;
}

/** The 3-4 digit value at `j`, alone (no more digits, no word glued, not "3 digits"): its end, or -1. */
function shortCode(text: string, j: number, min: number, max: number): number {
  let e = j;
  while (e < text.length && e - j <= max && cls(text, e) === DIGIT) e++;
  if (e - j < min || e - j > max || isWordAt(text, e)) return -1;
  const c = text.charCodeAt(e);
  // "123-456", "12.50", "3/4": part of a longer number, a price or a fraction.
  if ((c === 45 || c === 46 || c === 47 || c === 44) && cls(text, e + 1) === DIGIT) return -1;
  const after = text.slice(e, e + 10).toLowerCase();
  for (const w of LENGTH_WORDS) if (after.startsWith(` ${w}`) || after.startsWith(`-${w}`) || after.startsWith(w)) return -1;
  return e;
}

function allSame(text: string, s: number, e: number): boolean {
  for (let i = s + 1; i < e; i++) if (text.charCodeAt(i) !== text.charCodeAt(s)) return false;
  return true;
}

/** "CVV 123", "CVC2: 0192", "security code is 987" (next to a card): a card security code. */
export function cvvTrigger(text: string, at: number, label: string, needsCard: boolean, out: Hit[]): void {
  const after = at + label.length;
  // "CVVs", "cvcode": the label must end its word.
  if ((cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0) return;
  if (at > 0 && (cls(text, at - 1) & (UPPER | LOWER | DIGIT)) !== 0) return;
  const j = valueStart(text, after);
  if (j < 0) return;
  const e = shortCode(text, j, 3, 4);
  // "CVV 000", "CVC 1111": a placeholder (a real code may well be 123 or 987).
  if (e < 0 || negated(text, at) || allSame(text, j, e)) return;
  if (needsCard && !hasWordContext(text, at, e, CTX_CARD, 64, 48)) return;
  out.push({ type: 'card_security_code', start: j, end: e, score: 0.8, rule: 'card.cvv' });
}

// Words right after "PIN" that make it a label in any letter case ("pin code", "PIN-Nummer"), and
// words right before it ("code PIN", "código pin"); a bare "PIN" must be upper case ("pin 13" is a
// connector's pin).
const PIN_NAMES: ReadonlySet<string> = new Set(['code', 'number', 'nummer', 'no', 'nr', 'num', 'numéro', 'número', 'numero']);
const PIN_BEFORE: ReadonlySet<string> = new Set(['code', 'código', 'codigo', 'codice', 'card', 'karten', 'bank', 'atm', 'sim']);
// A default PIN in documentation ("the default PIN is 0000") is nobody's secret.
const PIN_DEFAULT = ['default', 'factory', 'standard', 'werkseitig', 'par défaut', 'por defecto', 'predefinito'];
// Postal words around a six-digit "PIN code": India's postal index number, not a card PIN.
const CTX_POSTAL_PIN = [
  'address',
  'india',
  'nagar',
  'road',
  'street',
  'district',
  'dist.',
  'state',
  'city',
  'village',
  'post office',
  'pincode',
  'postal',
];

/** The lower-cased word of letters ending right before `i` (one space or dash between), or ''. */
function wordBefore(text: string, i: number): string {
  let e = i;
  if (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 45) e--;
  let s = e;
  while (s > 0 && e - s < 12 && (cls(text, s - 1) & (UPPER | LOWER)) !== 0) s--;
  return text.slice(s, e).toLowerCase();
}

/**
 * "PIN 4821", "PIN code: 482193", "pin-Nummer 4821", "code PIN 4821": four to six digits right after
 * a PIN label. A trivial value ("1234", "0000") is still a disclosed PIN when labelled, scored lower;
 * a default PIN in documentation is not reported.
 */
export function pinTrigger(text: string, at: number, out: Hit[]): void {
  let after = at + 3;
  if ((cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0) return;
  if (at > 0 && (cls(text, at - 1) & (UPPER | LOWER | DIGIT)) !== 0) return;
  let named = text.charCodeAt(at) === 80 && text.charCodeAt(at + 1) === 73 && text.charCodeAt(at + 2) === 78;
  const sep = text.charCodeAt(after);
  if (sep === 32 || sep === 45) {
    const we = wordAt(text, after + 1);
    if (we > after + 1 && PIN_NAMES.has(text.slice(after + 1, we).toLowerCase())) {
      named = true;
      after = we;
    }
  }
  if (!named && !PIN_BEFORE.has(wordBefore(text, at))) return;
  const j = valueStart(text, after);
  if (j < 0) return;
  const e = shortCode(text, j, 4, 6);
  if (e < 0 || negated(text, at)) return;
  const before = text.slice(Math.max(0, at - 24), at).toLowerCase();
  for (const w of PIN_DEFAULT) if (before.includes(w)) return;
  if (e - j >= 5 && hasWordContext(text, at, e, CTX_POSTAL_PIN, 64, 48)) return;
  out.push({ type: 'card_pin', start: j, end: e, score: isTrivialSequence(text.slice(j, e)) ? 0.6 : 0.8, rule: 'card.pin' });
}

/** Labels of a card's expiry date. */
export const EXPIRY_LABELS: readonly string[] = [
  'exp',
  'exp.',
  'expiry',
  'expires',
  'expiration',
  'expiration date',
  'expiry date',
  'valid thru',
  'valid through',
  'good thru',
  'gültig bis',
  'ablaufdatum',
  'vence',
  'vencimiento',
];

/** Whether the 48 characters before `at` hold a card number's worth of digits (12 or more) or a card word. */
function nearCard(text: string, at: number, end: number): boolean {
  let digits = 0;
  for (let i = Math.max(0, at - 48); i < at; i++) if (cls(text, i) === DIGIT) digits++;
  return digits >= 12 || hasWordContext(text, at, end, CARD_WORDS, 48, 32);
}

/**
 * "exp 09/27", "valid thru 09/2027" next to a card number or a card word: a card's expiry month,
 * reported below the threshold as supporting evidence (a month and year identify nobody alone).
 */
export function expiryTrigger(text: string, at: number, label: string, out: Hit[]): void {
  const after = at + label.length;
  if ((cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0) return;
  if (at > 0 && (cls(text, at - 1) & (UPPER | LOWER | DIGIT)) !== 0) return;
  const j = valueStart(text, after);
  if (j < 0) return;
  const y = monthYearAt(text, j);
  if (y < 0 || !nearCard(text, at, y)) return;
  out.push({ type: 'card_expiry', start: j, end: y, score: 0.45, rule: 'card.expiry' });
}

/** A month and year at `j`: MM/YY, MM/YYYY, MM-YY or MM-YYYY (month 1-12); returns its end or -1. */
function monthYearAt(text: string, j: number): number {
  let e = j;
  while (e < text.length && e - j < 3 && cls(text, e) === DIGIT) e++;
  const month = Number(text.slice(j, e));
  const sep = text.charCodeAt(e);
  if (e - j < 1 || month < 1 || month > 12 || !(sep === 47 || sep === 45)) return -1;
  let y = e + 1;
  while (y < text.length && y - e - 1 < 5 && cls(text, y) === DIGIT) y++;
  const years = y - e - 1;
  return (years !== 2 && years !== 4) || isWordAt(text, y) ? -1 : y;
}

/** Labels of a UK (and Irish) bank sort code. */
export const SORT_CODE_LABELS: readonly string[] = ['sort code', 'sort-code', 'sortcode'];

/** "sort code 20-00-00", "Sort code: 40 47 84", "sortcode 200000": six digits, as one group or three pairs. */
export function sortCodeTrigger(text: string, at: number, label: string, out: Hit[]): void {
  const after = at + label.length;
  if (label.endsWith('e') && (cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0) return;
  if (at > 0 && (cls(text, at - 1) & (UPPER | LOWER | DIGIT)) !== 0) return;
  const j = valueStart(text, after);
  if (j < 0 || negated(text, at)) return;
  let e = j;
  let digits = 0;
  for (let g = 0; g < 3; g++) {
    const s = e;
    while (e < text.length && e - s < 7 && cls(text, e) === DIGIT) e++;
    digits += e - s;
    if (e - s === 6 && g === 0) break;
    if (e - s !== 2) return;
    if (g < 2) {
      const c = text.charCodeAt(e);
      if (!(c === 45 || c === 32 || c === 0x2013) || cls(text, e + 1) !== DIGIT) return;
      e++;
    }
  }
  // "00-00-00": a placeholder.
  if (digits !== 6 || isWordAt(text, e) || allSameDigits(text, j, e)) return;
  // "20-00-00-12": a longer number.
  const c = text.charCodeAt(e);
  if ((c === 45 || c === 32) && cls(text, e + 1) === DIGIT) return;
  out.push({ type: 'bank_routing', start: j, end: e, score: 0.8, rule: 'uk.sort_code' });
}

/** Every digit of text[s, e) is the same (separators skipped). */
function allSameDigits(text: string, s: number, e: number): boolean {
  for (let i = s + 1; i < e; i++) if (cls(text, i) === DIGIT && text.charCodeAt(i) !== text.charCodeAt(s)) return false;
  return true;
}

/** Australian BSB (bank-state-branch) number after its label: "BSB 062-000", "BSB: 062000". */
export function bsbTrigger(text: string, at: number, label: string, out: Hit[]): void {
  const after = at + label.length;
  if ((cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0) return;
  const j = valueStart(text, after);
  if (j < 0 || negated(text, at)) return;
  let e = j;
  while (e < text.length && e - j < 4 && cls(text, e) === DIGIT) e++;
  if (e - j === 3) {
    const c = text.charCodeAt(e);
    if (!(c === 45 || c === 32) || cls(text, e + 1) !== DIGIT) return;
    e++;
    const s = e;
    while (e < text.length && e - s < 4 && cls(text, e) === DIGIT) e++;
    if (e - s !== 3) return;
  } else {
    while (e < text.length && e - j < 7 && cls(text, e) === DIGIT) e++;
    if (e - j !== 6) return;
  }
  if (isWordAt(text, e) || allSameDigits(text, j, e)) return;
  const c = text.charCodeAt(e);
  if ((c === 45 || c === 32) && cls(text, e + 1) === DIGIT) return;
  out.push({ type: 'bank_routing', start: j, end: e, score: 0.8, rule: 'au.bsb' });
}

/** Labels of a bank's BIC (SWIFT code), compared case-folded. */
export const BIC_LABELS: readonly string[] = ['bic', 'swift', 'swift code', 'swift/bic', 'bic/swift', 'bic code'];

// Countries with BICs but no IBAN, beyond the IBAN registry (ISO 3166 alpha-2).
const BIC_ONLY_COUNTRIES: ReadonlySet<string> = new Set(
  'US CA AU NZ JP CN HK SG IN KR TW TH MY ID PH VN ZA NG KE MX AR CL CO PE UY'.split(' '),
);

/**
 * "BIC COBADEFFXXX", "SWIFT code: DEUTDEFF500": 8 or 11 characters after the label (ISO 9362: four
 * letters of the bank, a country, two of the location, three of the branch). Upper case only, and a
 * known country: "SWIFT_EMIT_…" and "BIC: ABCDEFGH" are not codes.
 */
export function bicTrigger(text: string, at: number, label: string, out: Hit[]): void {
  const after = at + label.length;
  if ((cls(text, after) & (UPPER | LOWER | DIGIT)) !== 0 || (at > 0 && isWordAt(text, at - 1))) return;
  let j = after;
  const c0 = text.charCodeAt(j);
  if (c0 !== 32 && c0 !== 58 && c0 !== 9) return;
  while (j - after < 4 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 58 || text.charCodeAt(j) === 9)) j++;
  let e = j;
  while (e < text.length && e - j < 12 && (cls(text, e) & (UPPER | DIGIT)) !== 0) e++;
  const n = e - j;
  if ((n !== 8 && n !== 11) || isWordAt(text, e) || text.charCodeAt(e) === 45) return;
  for (let k = j; k < j + 6; k++) if (cls(text, k) !== UPPER) return;
  const cc = text.slice(j + 4, j + 6);
  if ((!ibanCountry(cc) && !BIC_ONLY_COUNTRIES.has(cc)) || negated(text, at)) return;
  out.push({ type: 'bank_routing', start: j, end: e, score: 0.6, rule: 'bic' });
}

/** How far after a card number its unlabelled expiry and security code may follow ("4111… 07/28 123"). */
const COMPANION_SPAN = 40;
/** Score of an expiry next to a card number: cardholder data stored with the PAN (PCI DSS), redacted with it. */
const COMPANION_SCORE = 0.6;

/** A month 1-12 in text[s, s + len) (one or two digits). */
function monthAt(text: string, s: number, len: number): boolean {
  const m = Number(text.slice(s, s + len));
  return len >= 1 && len <= 2 && m >= 1 && m <= 12;
}

/** The end of the digit run at i. */
function digitsEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 9 && cls(text, e) === DIGIT) e++;
  return e;
}

/** An expiry at `j`: a month and year (monthYearAt), YYYY-MM or YYYY/MM, or MMYY as one group of four; returns its end or -1. */
function expiryAt(text: string, j: number): number {
  const a = digitsEnd(text, j);
  const sep = text.charCodeAt(a);
  if ((sep === 47 || sep === 45) && cls(text, a + 1) === DIGIT) {
    const my = monthYearAt(text, j);
    if (my >= 0) return my;
    const b = digitsEnd(text, a + 1);
    return a - j === 4 && text.startsWith('20', j) && monthAt(text, a + 1, b - a - 1) && !isWordAt(text, b) ? b : -1;
  }
  return a - j === 4 && !isWordAt(text, a) && monthAt(text, j, 2) ? a : -1;
}

/**
 * Card companions: the expiry and security code that travel with a card number. Labelled ones (found
 * by the triggers at 0.45, as evidence) within 200 characters of a card number, and an unlabelled
 * expiry (and a 3-4 digit code right after it) in the few tokens after the number, are raised to
 * COMPANION_SCORE, so that redacting the card redacts them too. Called only when the text has a card.
 */
export function cardCompanions(text: string, hits: Hit[]): void {
  const cards: Hit[] = [];
  for (const h of hits) if (h.type === 'credit_card' && h.score >= 0.5) cards.push(h);
  if (cards.length === 0) return;
  for (const h of hits) {
    if ((h.type !== 'card_expiry' && h.type !== 'card_security_code') || h.score >= COMPANION_SCORE) continue;
    if (cards.some((c) => c.start < h.end + 200 && c.end > h.start - 200)) h.score = COMPANION_SCORE;
  }
  for (const c of cards) companionsAfter(text, c, hits);
}

/** An unlabelled expiry in the tokens right after the card `c`, and a security code right after it. */
function companionsAfter(text: string, c: Hit, hits: Hit[]): void {
  let i = c.end;
  let expiryEnd = -1;
  for (let token = 0; token < 3 && i < c.end + COMPANION_SPAN; token++) {
    // Separators between the fields of a record: spaces, tabs, ',', ';', '|', ':'.
    while (i < text.length && i < c.end + COMPANION_SPAN && cls(text, i) !== DIGIT) {
      const ch = text.charCodeAt(i);
      if (ch !== 32 && ch !== 9 && ch !== 44 && ch !== 59 && ch !== 124 && ch !== 58) return;
      i++;
    }
    if (cls(text, i) !== DIGIT) return;
    if (expiryEnd < 0) {
      const e = expiryAt(text, i);
      if (e < 0) return;
      hits.push({ type: 'card_expiry', start: i, end: e, score: COMPANION_SCORE, rule: 'card.expiry_after_card' });
      expiryEnd = e;
      i = e;
    } else {
      const e = digitsEnd(text, i);
      if ((e - i === 3 || e - i === 4) && !isWordAt(text, e) && text.charCodeAt(e) !== 47 && text.charCodeAt(e) !== 45)
        hits.push({ type: 'card_security_code', start: i, end: e, score: COMPANION_SCORE, rule: 'card.cvv_after_expiry' });
      return;
    }
  }
}

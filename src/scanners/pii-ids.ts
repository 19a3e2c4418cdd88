// Recognizers for identifiers that mix letters and digits (national ids, passports, tax and
// company ids, licence and vehicle plates, IBAN). Each is a sticky regex tried only at the start of
// a token that contains a digit (or a short letter token right before one), then a validator.

import { compact, type Hit, hasContext, hasWordContext, isWordAt, looksNonPersonal, negated } from './pii-core.js';
import {
  icaoCheck,
  luhn,
  validClRut,
  validCnResidentId,
  validCurp,
  validDate,
  validDea,
  validDeKvnr,
  validDeRvnr,
  validDeVatId,
  validEsId,
  validGstin,
  validHetu,
  validHkid,
  validIban,
  validIePps,
  validItFiscalCode,
  validMxRfc,
  validMyKad,
  validNir,
  validSgNric,
  validSgUen,
  validTwId,
} from './pii-validators.js';

const CTX_PASSPORT = ['passport', 'pasaporte', 'passeport', 'reisepass', 'passaporto', 'pass-nr', 'travel document', '여권'];
const CTX_VEHICLE = [
  'plate',
  'registration',
  'reg ',
  'reg.',
  'car ',
  'vehicle',
  'kennzeichen',
  'plaka',
  'araç',
  'licence plate',
  'license plate',
];
const CTX_CN_ID = ['身份证', '身份證', '身分證', '居民', 'id card', 'resident id', 'identity', 'national id', 'id no', 'id number', 'id:'];
const CTX_HKID = ['hkid', 'hong kong id', 'identity card', '身份證', '身分證', 'id card'];
const CTX_TW_ID = ['身分證', '身份證', '統一編號', 'national id', 'taiwan', 'id card', 'id no', 'id number', 'id:'];
const CTX_PPS = ['pps', 'personal public service', 'revenue', 'social welfare'];
const CTX_DEA = ['dea', 'prescriber', 'certificate', 'registration', 'controlled substance'];
const CTX_LICENCE = ['licence', 'license', 'führerschein', 'fahrerlaubnis', 'patente', 'dl:', 'dl '];
// Units and common all-caps words that make "32 GB 2400" or "A AB 12" look like a plate.
const NOT_PLATE = new Set([
  'A',
  'I',
  'AN',
  'AM',
  'PM',
  'IS',
  'IT',
  'OR',
  'TO',
  'IN',
  'ON',
  'AT',
  'OF',
  'BY',
  'GB',
  'MB',
  'KB',
  'TB',
  'PB',
  'MS',
  'KM',
  'CM',
  'MM',
  'KG',
  'MG',
  'HZ',
  'GHZ',
  'MHZ',
  'KHZ',
  'USD',
  'EUR',
  'GBP',
  'THE',
  'AND',
  'FOR',
  'NO',
  'NR',
  'VS',
  'CPU',
  'GPU',
  'RAM',
  'SSD',
  'HDD',
  'FPS',
  'DPI',
  'PX',
  'PT',
  'QTY',
  'ID',
  'PIN',
]);
const UK_AGE_OK = (n: number) => (n >= 2 && n <= 30) || (n >= 51 && n <= 79);
const IN_STATES = new Set(
  'AN AP AR AS BR CG CH DD DL DN GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OD OR PB PY RJ SK TN TR TS UK UP WB'.split(' '),
);
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

// Labels of a French NIR, as whole words ("nir" is not in "souvenir", "sécu" not in "sécurité").
const CTX_NIR = ['sécurité sociale', 'securite sociale', 'sécu', 'secu', 'nir', 'insee', 'carte vitale', 'n° ss', 'numéro ss'];

/**
 * Score of a French NIR `v` (15 characters, separators removed) at [s, e), 0 when its key fails: a
 * person's number (sex 1 or 2) alone, a foreigner's or a temporary one (3, 7, 8) only with a label.
 */
export function nirScore(v: string, text: string, s: number, e: number): number {
  if (!validNir(v)) return 0;
  const labelled = hasWordContext(text, s, e, CTX_NIR) && !negated(text, s);
  const sex = v.charCodeAt(0);
  if (sex === 49 || sex === 50) return labelled ? 0.97 : 0.95;
  return labelled ? 0.95 : 0.6;
}

type Validate = (value: string, raw: string, text: string, start: number, end: number) => number;

interface IdRule {
  id: string;
  /** Bit set of the allowed lengths of the first letter/digit run at the start: a cheap pre-filter before the regex. */
  tok: number;
  type: string;
  re: RegExp;
  /** Score for a regex match, or a validator returning the score (0 rejects). */
  score: number | Validate;
  /** The value starts with an upper-case letter (skipped at lower-case words). */
  upper?: boolean;
  /** Optional cheap check at the start position before running the regex. */
  pre?: (text: string, p: number) => boolean;
  /** The first letter/digit run must contain a letter (skips all-digit tokens cheaply). */
  letter?: boolean;
  /** The rule may start right after a letter (ids glued to prose, e.g. "code is199003052397"). */
  glued?: boolean;
}

const ctxScore =
  (words: readonly string[], base: number, withCtx: number): Validate =>
  (_v, _r, text, s, e) =>
    hasContext(text, s, e, words) ? withCtx : base;

// The two-letter codes of Mexico's states in a CURP (NE: born abroad).
const MX_STATES = new Set(
  'AS BC BS CC CL CM CS CH DF CX DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE'.split(' '),
);

/** A YYMMDD date with a real month and day (any year: 2000 allows 29 February). */
function validYymmdd(d: string): boolean {
  return validDate(2000, Number(d.slice(2, 4)), Number(d.slice(4, 6)));
}

const JA_BUSINESS = ['本社', '会社', '営業所', '支店', '事務所', '店舗'];

// Rules starting with a digit.
const DIGIT_RULES: IdRule[] = [
  {
    id: 'cl.rut',
    tok: (1 << 1) | (1 << 2),
    type: 'national_id',
    // Chile's RUT/RUN as printed: 12.345.678-5, 9.876.543-K (mod-11 check digit or K)
    re: /\d{1,2}\.\d{3}\.\d{3}-[\dKk](?![A-Za-z0-9])/y,
    // (bodies from 50 million up are companies' RUTs, not a person's RUN)
    score: (v) => {
      const body = v.slice(0, -1);
      return validClRut(body, v.slice(-1)) && Number(body) < 50_000_000 ? 0.9 : 0;
    },
  },
  {
    id: 'ae.emirates_id',
    tok: 1 << 3,
    type: 'national_id',
    // Emirates ID: 784-YYYY-NNNNNNN-C, Luhn over the 15 digits
    re: /784-\d{4}-\d{7}-\d(?![A-Za-z0-9])/y,
    score: (v) => (luhn(v.replace(/-/g, '')) ? 0.9 : 0),
  },
  {
    id: 'my.mykad',
    tok: 1 << 6,
    type: 'national_id',
    // Malaysia's MyKad: YYMMDD-PB-###G (birth date, place-of-birth code)
    re: /\d{6}-\d{2}-\d{4}(?![A-Za-z0-9])/y,
    score: (v) => (validMyKad(v) ? 0.85 : 0),
  },
  {
    id: 'jp.postal_code',
    tok: 1 << 3,
    type: 'postal_code',
    // 〒154-0004: a Japanese postcode after its mark
    re: /\d{3}-\d{4}(?![A-Za-z0-9])/y,
    // (a company's: 本社, 会社, 営業所, 支店, 事務所 before it, is nobody's)
    score: (_v, _r, text, s) => {
      if (!(text[s - 1] === '〒' || (text[s - 1] === ' ' && text[s - 2] === '〒'))) return 0;
      const before = text.slice(Math.max(0, s - 24), s);
      return JA_BUSINESS.some((w) => before.includes(w)) ? 0.3 : 0.7;
    },
  },
  {
    id: 'cn.resident_id',
    tok: 1 << 18,
    type: 'national_id',
    // 17 digits and the MOD 11-2 check character; a valid province and birth date make a random hit rare (~1 in 800 after the checksum).
    re: /\d{17}[\dXx](?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (validCnResidentId(v) ? (hasContext(text, s, e, CTX_CN_ID) ? 0.95 : 0.85) : 0),
    glued: true,
  },
  {
    id: 'es.dni',
    // Cheap necessary condition before the regex (most tokens here are "1." or "12"): 7-8 digits, or "1.234" / "12.345".
    pre: (text, p) => {
      const c1 = text.charCodeAt(p + 1);
      if (c1 === 46) return isDigitAt(text, p + 2);
      if (text.charCodeAt(p + 2) === 46) return c1 >= 48 && c1 <= 57 && isDigitAt(text, p + 3);
      return c1 >= 48 && c1 <= 57 && isDigitAt(text, p + 2);
    },
    tok: (1 << 1) | (1 << 2) | (1 << 7) | (1 << 8) | (1 << 9),
    type: 'national_id',
    // DNI/NIF: 8 digits (7 when the leading zero is dropped) and the control letter.
    re: /(?:\d{7,8}|\d{1,2}\.\d{3}\.\d{3})[ -]?[A-Za-z](?![A-Za-z0-9])/y,
    score: (v) => ((v.length === 9 && validEsId(v)) || (v.length === 8 && validEsId(`0${v}`)) ? 0.95 : 0),
  },
  {
    id: 'ie.pps',
    tok: (1 << 8) | (1 << 9),
    type: 'national_id',
    // PPS number: seven digits, a mod-23 check letter, and a second letter on newer numbers.
    re: /\d{7}[A-Wa-w][ABHWabhw]?(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (validIePps(v) ? (hasContext(text, s, e, CTX_PPS) ? 0.95 : 0.7) : 0),
  },
  {
    id: 'fi.hetu',
    tok: (1 << 6) | (1 << 11),
    type: 'national_id',
    re: /\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![A-Za-z0-9])/y,
    score: (_v, r) => (validHetu(r) ? 0.97 : 0),
    glued: true,
  },
  {
    id: 'fr.nir',
    // A NIR born in Corsica (département 2A or 2B): the letter breaks the digit run, so this layout is
    // read here, bare ("185052A00608435", one token) or spaced ("1 85 05 2A 006 084 35"). Other NIRs are
    // all digits and classified with the digit runs (pii-numbers.ts).
    pre: (text, p) =>
      text.charCodeAt(p + 1) === 32
        ? text.charCodeAt(p + 8) === 50 && isCorsica(text, p + 9)
        : text.charCodeAt(p + 5) === 50 && isCorsica(text, p + 6),
    tok: (1 << 1) | (1 << 15),
    type: 'national_id',
    re: /(?:[12378] \d{2} \d{2} 2[ABab] \d{3} \d{3} \d{2}|[12378]\d{4}2[ABab]\d{8})(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => nirScore(v, text, s, e),
  },
  { id: 'de.rvnr', tok: 1 << 12, type: 'national_id', re: /\d{8}[A-Z]\d{3}(?![A-Za-z0-9])/y, score: (v) => (validDeRvnr(v) ? 0.95 : 0) },
  {
    id: 'us.mbi',
    letter: true,
    tok: (1 << 4) | (1 << 11),
    type: 'health_insurance',
    re: /[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}(?![A-Za-z0-9])/y,
    score: (_v, r) => (r.length === 11 || r.length === 13 ? 0.85 : 0),
  },
  {
    id: 'in.gstin',
    letter: true,
    tok: 1 << 15,
    type: 'company_id',
    re: /\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z](?![A-Za-z0-9])/y,
    score: (v) => {
      const state = Number(v.slice(0, 2));
      if (state < 1 || state > 37) return 0;
      return validGstin(v) ? 0.95 : 0.7;
    },
  },
  {
    id: 'sg.uen',
    letter: true,
    tok: (1 << 9) | (1 << 10),
    type: 'company_id',
    re: /\d{8,9}[A-Z](?![A-Za-z0-9])/y,
    // Businesses (8 digits) and local companies (registration year + 5 digits) with their check letter;
    // a wrong letter only with the UEN label.
    score: (v, _r, text, s, e) => {
      if (validSgUen(v)) return v.length === 9 || (Number(v.slice(0, 4)) >= 1900 && Number(v.slice(0, 4)) <= 2030) ? 0.85 : 0.6;
      return hasContext(text, s, e, ['uen']) ? 0.6 : 0;
    },
  },
  {
    id: 'tr.plate',
    pre: (text, p) => {
      const c = text.charCodeAt(p + 2);
      return c === 32 || (c >= 65 && c <= 90);
    },
    tok: (1 << 2) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9),
    type: 'vehicle_registration',
    re: /(?:0[1-9]|[1-7]\d|8[01]) ?[A-Z]{1,3} ?\d{2,4}(?![A-Za-z0-9:-])/y,
    score: (_v, r, text, s, e) => {
      const letters = /[A-Z]+/.exec(r)?.[0] ?? '';
      // "ICD-10 E11.9": the tail of a hyphenated code, or digits that go on after a decimal point
      const glued = text[s - 1] === '-' && /[A-Za-z]/.test(text[s - 2] ?? '');
      const decimal = text[e] === '.' && /\d/.test(text[e + 1] ?? '');
      if (glued || decimal) return 0;
      return letters.length > 1 && NOT_PLATE.has(letters) ? 0 : hasContext(text, s, e, CTX_VEHICLE) ? 0.85 : 0.5;
    },
  },
];

// Rules starting with a letter.
const LETTER_RULES: IdRule[] = [
  {
    id: 'mx.curp',
    upper: true,
    tok: 1 << 18,
    type: 'national_id',
    // Mexico's CURP: name letters, birth date, sex, state, name consonants, century, check digit
    re: /[A-Z]{4}\d{6}[HMX][A-Z]{2}[A-Z]{3}[0-9A-Z]\d(?![A-Za-z0-9])/y,
    score: (v) => (validCurp(v) && MX_STATES.has(v.slice(11, 13)) && validYymmdd(v.slice(4, 10)) ? 0.95 : 0),
  },
  {
    id: 'mx.rfc',
    upper: true,
    tok: 1 << 13,
    type: 'tax_id',
    // Mexico's RFC of a person: four letters, birth date, homoclave, check character
    re: /[A-Z&]{4}\d{6}[A-Z0-9]{2}[0-9A](?![A-Za-z0-9])/y,
    score: (v) => (validMxRfc(v) && validYymmdd(v.slice(4, 10)) ? 0.9 : 0),
  },
  {
    id: 'hk.hkid',
    tok: (1 << 7) | (1 << 8) | (1 << 9),
    type: 'national_id',
    upper: true,
    // "A123456(3)" as printed; without the parentheses ("A1234563") only when labelled.
    re: /[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A](?![A-Za-z0-9]))/y,
    score: (v, raw, text, s, e) => {
      if (!validHkid(v)) return 0;
      const labelled = hasContext(text, s, e, CTX_HKID);
      return raw.endsWith(')') ? (labelled ? 0.95 : 0.8) : labelled ? 0.85 : 0;
    },
  },
  {
    id: 'tw.national_id',
    tok: 1 << 10,
    type: 'national_id',
    upper: true,
    // Letter, 1 or 2, eight digits: the layout of other ids too (a German KVNR), so only labelled ones are flagged.
    re: /[A-Z][12]\d{8}(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (validTwId(v) ? (hasContext(text, s, e, CTX_TW_ID) ? 0.9 : 0.45) : 0),
  },
  {
    id: 'es.nie',
    tok: (1 << 8) | (1 << 9),
    type: 'national_id',
    re: /[XYZxyz]\d{7}-?[A-Za-z](?![A-Za-z0-9])/y,
    score: (v) => (validEsId(v) ? 0.95 : 0),
  },
  {
    id: 'it.codice_fiscale',
    upper: true,
    tok: 1 << 16,
    type: 'national_id',
    re: /[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])/y,
    score: (v) => (validItFiscalCode(v) ? 0.97 : 0.7),
  },
  {
    id: 'uk.nino',
    pre: (text, p) => isDigitAt(text, p + 2) || (text.charCodeAt(p + 2) === 32 && isDigitAt(text, p + 3)),
    tok: (1 << 2) | (1 << 8) | (1 << 9),
    type: 'national_id',
    re: /[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z] ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])/y,
    score: (v) => (NINO_BAD_PREFIX.has(v.slice(0, 2)) ? 0 : 0.85),
  },
  {
    id: 'uk.driving_licence',
    upper: true,
    tok: 1 << 16,
    type: 'driver_license',
    re: /[A-Z9]{5}\d[0156]\d(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}(?![A-Za-z0-9])/y,
    score: 0.85,
  },
  {
    id: 'de.kvnr',
    upper: true,
    tok: 1 << 10,
    type: 'health_insurance',
    re: /[A-Z]\d{9}(?![A-Za-z0-9])/y,
    score: (v) => (validDeKvnr(v) ? 0.9 : 0),
  },
  {
    id: 'de.ausweis',
    upper: true,
    tok: 1 << 9,
    type: 'national_id',
    re: /[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}\d(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => {
      const passport = hasContext(text, s, e, CTX_PASSPORT);
      if (icaoCheck(v.slice(0, 8), v.slice(8))) return passport ? 0.95 : 0.9;
      // Cards issued before 2010: T + 8 digits, no check digit.
      if (v.charAt(0) === 'T' && /^T\d{8}$/.test(v)) return 0.55;
      return 0;
    },
  },
  // German passport numbers: nine characters of the ID-card alphabet (no vowels, no B, D, Q, S),
  // the first a letter; the check digit is printed in the machine-readable zone only.
  {
    id: 'de.passport',
    upper: true,
    tok: 1 << 9,
    type: 'passport',
    re: /[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (/\d/.test(v) && hasContext(text, s, e, CTX_PASSPORT) ? 0.85 : 0),
  },
  {
    id: 'passport.letter8',
    tok: 1 << 9,
    type: 'passport',
    re: /[A-Za-z]\d{8}(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (hasContext(text, s, e, CTX_PASSPORT) ? 0.85 : 'MSROD'.includes(v.charAt(0)) ? 0.55 : 0),
  },
  {
    id: 'kr.passport',
    tok: 1 << 9,
    type: 'passport',
    re: /[MSRODmsrod]\d{3}[A-Za-z]\d{4}(?![A-Za-z0-9])/y,
    score: ctxScore(CTX_PASSPORT, 0.6, 0.9),
  },
  {
    id: 'us.dea',
    tok: 1 << 9,
    type: 'medical_license',
    re: /[A-Za-z][A-Za-z9]\d{7}(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (validDea(v) ? (hasContext(text, s, e, CTX_DEA) ? 0.9 : 0.6) : 0),
  },
  {
    id: 'passport.letter2digit7',
    tok: 1 << 9,
    type: 'passport',
    re: /[A-Za-z]{2}\d{7}(?![A-Za-z0-9])/y,
    // Labelled as a DEA number, a value whose DEA check digit fails is a counter-example, not a passport.
    score: (_v, _r, text, s, e) => (hasContext(text, s, e, CTX_PASSPORT) ? 0.85 : hasContext(text, s, e, ['dea']) ? 0 : 0.5),
  },
  {
    id: 'in.passport',
    upper: true,
    tok: 1 << 8,
    type: 'passport',
    re: /[A-Z][1-9]\d{5}[1-9](?![A-Za-z0-9])/y,
    score: ctxScore(CTX_PASSPORT, 0.45, 0.85),
  },
  {
    id: 'passport.letter3digit6',
    upper: true,
    tok: 1 << 9,
    type: 'passport',
    re: /[A-Z]{3}\d{6}(?![A-Za-z0-9])/y,
    score: ctxScore(CTX_PASSPORT, 0, 0.85),
  },
  {
    id: 'sg.nric',
    upper: true,
    tok: 1 << 9,
    type: 'national_id',
    re: /[STFGM]\d{7}[A-Z](?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (validSgNric(v) ? 0.95 : hasContext(text, s, e, ['nric', 'fin'], 48, 24) ? 0.8 : 0.5),
  },
  {
    id: 'sg.uen',
    upper: true,
    tok: 1 << 10,
    type: 'company_id',
    re: /[TSR]\d{2}[A-Z]{2}\d{4}[A-Z](?![A-Za-z0-9])/y,
    score: (v) => (validSgUen(v) ? 0.85 : 0.45),
  },
  {
    id: 'in.pan',
    upper: true,
    tok: 1 << 10,
    type: 'tax_id',
    re: /[A-Z]{5}\d{4}[A-Z](?![A-Za-z0-9])/y,
    score: (v) => ('ABCFGHLJPT'.includes(v.charAt(3)) ? 0.7 : 0.55),
  },
  { id: 'in.voter', tok: 1 << 10, type: 'national_id', re: /[A-Za-z]{3}\d{7}(?![A-Za-z0-9])/y, score: 0.5 },
  {
    id: 'in.vehicle',
    upper: true,
    tok: (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11),
    type: 'vehicle_registration',
    re: /[A-Z]{2}\d{1,2}[A-Z]{1,3}\d{4}(?![A-Za-z0-9])/y,
    score: (v) => (IN_STATES.has(v.slice(0, 2)) ? 0.55 : 0),
  },
  {
    id: 'uk.vehicle',
    pre: (text, p) => isDigitAt(text, p + 2) && isDigitAt(text, p + 3),
    tok: (1 << 4) | (1 << 7),
    type: 'vehicle_registration',
    re: /[A-HJ-PR-Ya-hj-pr-y][A-HJ-PR-Za-hj-pr-z]\d{2}[ -]?[A-HJ-PR-Za-hj-pr-z]{3}(?![A-Za-z0-9])/y,
    score: (v, _r, text, s, e) => (UK_AGE_OK(Number(v.slice(2, 4))) ? (hasContext(text, s, e, CTX_VEHICLE) ? 0.85 : 0.55) : 0),
  },
  {
    id: 'uk.vehicle.prefix',
    pre: (text, p) => isDigitAt(text, p + 1),
    upper: true,
    tok: (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
    type: 'vehicle_registration',
    re: /[A-HJ-NPR-Y]\d{1,3} ?[A-HJ-PR-Y]{3}(?![A-Za-z0-9])/y,
    score: ctxScore(CTX_VEHICLE, 0.5, 0.8),
  },
  {
    id: 'uk.vehicle.suffix',
    pre: (text, p) => isDigitAt(text, p + 3) || (text.charCodeAt(p + 3) === 32 && isDigitAt(text, p + 4)),
    upper: true,
    tok: (1 << 3) | (1 << 5) | (1 << 6) | (1 << 7),
    type: 'vehicle_registration',
    re: /[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NPR-Y](?![A-Za-z0-9])/y,
    score: ctxScore(CTX_VEHICLE, 0.5, 0.8),
  },
  {
    id: 'ng.vehicle',
    pre: (text, p) => {
      const c3 = text.charCodeAt(p + 3);
      return (c3 >= 48 && c3 <= 57) || ((c3 === 45 || c3 === 32) && isDigitAt(text, p + 4));
    },
    upper: true,
    tok: (1 << 3) | (1 << 8),
    type: 'vehicle_registration',
    re: /[A-Z]{3}[- ]?\d{3}[A-Z]{2}(?![A-Za-z0-9])/y,
    score: ctxScore(CTX_VEHICLE, 0.55, 0.85),
  },
  {
    id: 'de.kfz',
    upper: true,
    tok: (1 << 1) | (1 << 2) | (1 << 3),
    type: 'vehicle_registration',
    re: /[A-ZÄÖÜ]{1,3}[ -][A-Z]{1,2}[ -]\d{1,4}[EH]?(?![A-Za-z0-9])/y,
    score: (_v, r, text, s, e) => {
      const parts = r.split(/[ -]/);
      if (NOT_PLATE.has(parts[0] as string) || NOT_PLATE.has(parts[1] as string)) return 0;
      // Separators as plates print them: "B AB 1234", "B-AB-1234", "B-AB 1234" (not "AFC U-17").
      const s1 = r[(parts[0] as string).length];
      const s2 = r[(parts[0] as string).length + 1 + (parts[1] as string).length];
      if (s1 === ' ' && s2 === '-') return 0;
      return hasContext(text, s, e, CTX_VEHICLE) ? 0.85 : 0.5;
    },
  },
  {
    id: 'it.partita_iva',
    upper: true,
    tok: (1 << 2) | (1 << 13),
    type: 'company_id',
    re: /IT[ -]?\d{11}(?![A-Za-z0-9])/y,
    score: (v) => (luhn(v.slice(2)) && v.slice(2) !== '00000000000' ? 0.9 : 0),
  },
  {
    id: 'de.ust_idnr',
    upper: true,
    tok: (1 << 2) | (1 << 5) | (1 << 11),
    type: 'tax_id',
    re: /DE[ .-]?\d{3}[ .-]?\d{3}[ .-]?\d{3}(?![A-Za-z0-9])/y,
    score: (v) => (validDeVatId(v.slice(2)) ? 0.9 : 0),
  },
  {
    id: 'de.handelsregister',
    pre: (text, p) => text.charCodeAt(p) === 72 || text.charCodeAt(p) === 71,
    upper: true,
    tok: (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9),
    type: 'company_id',
    // HRA/HRB (and GnR, the cooperatives' register), with "Nr." or a colon, and the Berlin court's "B" suffix.
    re: /(?:HR ?[AB]|GnR)(?:-Nr\.? ?| Nr\.? ?|: ?|-|[ \u00a0]{0,2})\d{1,6}(?: B(?![A-Za-z0-9]))?(?![A-Za-z0-9])/y,
    score: 0.6,
  },
  {
    id: 'de.fuehrerschein',
    upper: true,
    tok: 1 << 11,
    type: 'driver_license',
    re: /[A-Z]{2}\d{8}[A-Z0-9](?![A-Za-z0-9])/y,
    // "DE" and nine digits is the layout of a German VAT id: one whose check digit fails is not a licence.
    score: (v, _r, text, s, e) => (hasContext(text, s, e, CTX_LICENCE) ? 0.85 : v.startsWith('DE') && v.charCodeAt(10) <= 57 ? 0 : 0.5),
  },
  {
    id: 'it.patente',
    upper: true,
    tok: 1 << 10,
    type: 'driver_license',
    re: /[A-Z]{2}\d{7}[A-Z](?![A-Za-z0-9])/y,
    score: ctxScore(CTX_LICENCE, 0.5, 0.85),
  },
  { id: 'it.carta_identita', tok: 1 << 9, type: 'national_id', re: /[A-Za-z]{2}\d{5}[A-Za-z]{2}(?![A-Za-z0-9])/y, score: 0.5 },
  {
    id: 'uk.postcode',
    // GIR 0AA, or a digit second or third.
    pre: (text, p) => isDigitAt(text, p + 1) || isDigitAt(text, p + 2) || text.charCodeAt(p) === 71,
    upper: true,
    tok: (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
    type: 'postal_code',
    re: /(?:GIR ?0AA|(?:[A-PR-UWYZ][A-HK-Y]\d[0-9ABEHMNPRVWXY]?|[A-PR-UWYZ]\d[0-9A-HJKPSTUW]?) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/y,
    // "#B4D4FF" is a colour, not a postcode.
    score: (_v, _r, text, s) => (text[s - 1] === '#' ? 0 : 0.6),
  },
];

/** 'A' or 'B' in either case: the letter of a Corsican département (2A, 2B). */
function isCorsica(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  return c === 97 || c === 98;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** IBAN: country code, check digits, then BBAN characters (spaces or dashes between groups) up to the country's length. */
function scanIban(text: string, p: number, out: Hit[]): void {
  // Upper case as printed, or all lower case as typed in chat ("gb82 west 1234 ..."): compared upper-cased.
  const lower = text.charCodeAt(p) >= 97;
  const c0 = text.charCodeAt(p) - (lower ? 32 : 0);
  const c1 = text.charCodeAt(p + 1) - (lower ? 32 : 0);
  if (!(c0 >= 65 && c0 <= 90 && c1 >= 65 && c1 <= 90)) return;
  let v = String.fromCharCode(c0, c1);
  let i = p + 2;
  while (i < text.length && v.length < 34) {
    let c = text.charCodeAt(i);
    if (lower && c >= 97 && c <= 122) c -= 32;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      v += String.fromCharCode(c);
      i++;
      if (v.length >= 15 && !isWordAt(text, i) && validIban(v)) {
        out.push({ type: 'iban', start: p, end: i, score: 0.97, rule: 'iban.mod97' });
        return;
      }
    } else if ((c === 32 || c === 45) && v.length >= 4) {
      let n = text.charCodeAt(i + 1);
      if (lower && n >= 97 && n <= 122) n -= 32;
      if (!((n >= 48 && n <= 57) || (n >= 65 && n <= 90))) return;
      i++;
    } else return;
  }
}

// Every rule object gets the same shape (all optional fields present) so the hot loop's property
// reads stay monomorphic.
function normalize(r: IdRule): Required<IdRule> {
  return {
    id: r.id,
    tok: r.tok,
    type: r.type,
    re: r.re,
    score: r.score,
    glued: r.glued ?? false,
    letter: r.letter ?? false,
    upper: r.upper ?? false,
    pre: r.pre ?? (() => true),
  };
}
/** Rules indexed by the length of the first letter/digit run they accept (0-31). */
function byLength(rules: readonly IdRule[]): Required<IdRule>[][] {
  const table: Required<IdRule>[][] = [];
  const all = rules.map(normalize);
  for (let len = 0; len < 32; len++) table.push(all.filter((r) => (r.tok & (1 << len)) !== 0));
  return table;
}
const DIGIT_RULES_N = byLength(DIGIT_RULES);
const LETTER_RULES_N = byLength(LETTER_RULES);
const NO_RULES: Required<IdRule>[] = [];

function tryRules(rules: readonly Required<IdRule>[], text: string, p: number, glued: boolean, out: Hit[], hasLetter: boolean): void {
  const c0 = text.charCodeAt(p);
  const upperStart = (c0 >= 65 && c0 <= 90) || c0 === 196 || c0 === 214 || c0 === 220;
  for (const r of rules) {
    if ((glued && !r.glued) || (r.letter && !hasLetter) || (r.upper && !upperStart) || !r.pre(text, p)) continue;
    r.re.lastIndex = p;
    const m = r.re.exec(text);
    if (!m) continue;
    const end = p + m[0].length;
    const value = compact(text, p, end);
    const score = typeof r.score === 'number' ? r.score : r.score(value, m[0], text, p, end);
    if (score > 0 && score < 0.85 && looksNonPersonal(text, p)) continue;
    if (score > 0 && score < 0.85 && formatExample(value)) continue;
    if (score > 0) out.push({ type: r.type, start: p, end, score, rule: r.id });
  }
}

/**
 * A format written out rather than an id: every letter the same letter (three or more) and every
 * digit the same digit (four or more), as documentation shows a format ("AAAAA9999A"). Asked only
 * of ids without a checksum (a checksummed "55555555K" is an id).
 */
function formatExample(v: string): boolean {
  let letter = 0;
  let digit = 0;
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digit !== 0 && c !== digit) return false;
      digit = c;
      digits++;
    } else {
      const l = c | 32;
      if (l < 97 || l > 122) continue;
      if (letter !== 0 && l !== letter) return false;
      letter = l;
      letters++;
    }
  }
  return digits >= 4 && letters >= 3;
}

/** Tries every id rule that can start at `p`; `tokLen` is the length of the letter/digit run there; `glued`: text[p-1] is a letter. */
export function scanIdsAt(text: string, p: number, tokLen: number, glued: boolean, out: Hit[], kinds = 7): void {
  const c = text.charCodeAt(p);
  const hasLetter = (kinds & 6) !== 0;
  if (c >= 48 && c <= 57) {
    tryRules(DIGIT_RULES_N[tokLen] ?? NO_RULES, text, p, glued, out, hasLetter);
    return;
  }
  if (glued) return;
  if (tokLen >= 4 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122 && isDigitAt(text, p + 2) && isDigitAt(text, p + 3))))
    scanIban(text, p, out);
  tryRules(LETTER_RULES_N[tokLen] ?? NO_RULES, text, p, false, out, hasLetter);
}

export { CTX_LICENCE, CTX_PASSPORT };

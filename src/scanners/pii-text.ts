// Recognizers that need words around the value: person names (titles, trigger phrases, given-name
// list), postal addresses, dates written with month names, values introduced by a label
// ("passport number X", "MRN X", "account number X") and health hints. Trigger phrases are found
// with indexOf on a lower-cased copy (native substring search, no per-keyword regex pass).

import { imeiTrigger, USERNAME_LABELS, usernameTrigger } from './pii-accounts.js';
import { NAME_FIRST_TYPES, NUMBER_FIRST_TYPES, postcodeCity, scanNameFirstStreet, scanNumberFirstStreet } from './pii-address.js';
import {
  BIRTH_WORDS_ABROAD,
  cls,
  DIGIT,
  type Hit,
  hasContext,
  hashSet,
  isUpperAt,
  isWordAt,
  LOWER,
  negated,
  UPPER,
  wordEnd,
  wordHash,
} from './pii-core.js';
import { scanUserAgent } from './pii-device.js';
import {
  BIC_LABELS,
  bicTrigger,
  bsbTrigger,
  CVV_LABELS,
  cvvTrigger,
  EXPIRY_LABELS,
  expiryTrigger,
  pinTrigger,
  SORT_CODE_LABELS,
  sortCodeTrigger,
} from './pii-finance.js';
import { HEALTH_TERMS, healthTerm } from './pii-health.js';
import { FIRST_NAMES, NOT_SURNAME, PUBLIC_FIGURES } from './pii-names.js';
import { scanObfuscatedEmail } from './pii-net.js';
import { isTrivialSequence, validItin, validSsn } from './pii-validators.js';

// Regexes used per candidate, compiled once (a literal inside a function is a new object per call).
const LABEL_VALUE = /[A-Za-z0-9][A-Za-z0-9_\-/:*]{2,30}/y;
const LETTERS = /[A-Za-z]+/;
const DAY_NUMBER = /[ -](\d{1,2})/;

const CTX_DOB = [
  'born',
  'dob',
  'd.o.b',
  'date of birth',
  'birth date',
  'birthdate',
  'birthday',
  'geboren',
  'geburtsdatum',
  'geb.',
  'nacid',
  'nascid',
  'né à',
  'née à',
  ...BIRTH_WORDS_ABROAD,
];

/** Titles before a name, lower case (matched case-insensitively). */
export const TITLES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'herrn',
  'frau',
  'mme',
  'mlle',
  'sr',
  'sra',
]);

const MONTHS: ReadonlySet<string> = new Set(
  'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december'.split(
    ' ',
  ),
);

/**
 * A name-shaped word at i: Capitalised ("Smith", "O'Neil", "El-Bashir") or ALL CAPS of 2+ letters.
 * Returns its end, or -1.
 */
function nameWord(text: string, i: number): number {
  if (!isUpperAt(text, i)) return -1;
  let e = wordEnd(text, i + 1);
  while ((text[e] === '-' || text[e] === "'") && isUpperAt(text, e + 1)) e = wordEnd(text, e + 2);
  if (e - i < 1 || cls(text, e) === DIGIT) return -1;
  return e;
}

/** One to three name words from i (a middle initial "M." allowed). Returns the end or -1. */
// Lower-case surname particles ("Jan de Vries", "Ludwig van Beethoven", "Carlos de la Cruz"): up to
// two of them are part of the surname when a capitalised word follows.
const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'do',
  'du',
  'del',
  'della',
  'der',
  'den',
  'des',
  'dos',
  'das',
  'van',
  'von',
  'ter',
  'ten',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'zu',
]);

/** Index after up to two surname particles at j, when a capitalised word follows them; else j. */
function afterParticles(text: string, j: number): number {
  let k = j;
  for (let n = 0; n < 2; n++) {
    let e = k;
    while (e < text.length && e - k < 5 && text.charCodeAt(e) >= 97 && text.charCodeAt(e) <= 122) e++;
    if (e === k || text[e] !== ' ' || !PARTICLES.has(text.slice(k, e))) break;
    k = e + 1;
    if (isUpperAt(text, k)) return k;
  }
  return j;
}

/** `before`: name words already read before i (a given name), for the next-person check. */
function nameSpan(text: string, i: number, maxWords = 3, before = 0): number {
  let e = nameWord(text, i);
  if (e < 0) return -1;
  if (NOT_SURNAME.has(text.slice(i, e).toLowerCase())) return -1;
  let words = 1;
  while (words < maxWords && text[e] === ' ') {
    let j = e + 1;
    if (isUpperAt(text, j) && text[j + 1] === '.' && text[j + 2] === ' ') j += 3; // middle initial
    j = afterParticles(text, j);
    const e2 = nameWord(text, j);
    if (e2 < 0 || NOT_SURNAME.has(text.slice(j, e2).toLowerCase()) || e2 - j < 2) break;
    // "Lindsay Cox Anna Hawkins" (names listed in a table row): a given name followed by another
    // name word starts the next person
    if (words + before >= 2 && text[e2] === ' ' && FIRST_NAMES.has(text.slice(j, e2).toLowerCase()) && nameWord(text, e2 + 1) > 0) break;
    e = e2;
    words++;
  }
  return e;
}

/** A title token (Mr, Dr, ...) at [s, e): the name after it. */
export function scanTitle(text: string, s: number, e: number, out: Hit[]): void {
  if (isWordAt(text, s - 1)) return;
  let j = e;
  let k = 0;
  while (j < text.length && k < 4 && (text[j] === '.' || text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0' || text[j] === '\\')) {
    j++;
    k++;
  }
  if (k === 0) return;
  // After a title any capitalised word is a surname, even one that is also a word ("Mr. May").
  const first = nameWord(text, j);
  if (first < 0) return;
  const rest = text[first] === ' ' ? nameSpan(text, first + 1, 2) : -1;
  const end = rest > 0 ? rest : first;
  if (end < 0) return;
  out.push({ type: 'person', start: j, end, score: 0.85, rule: 'name.title' });
}

/** A capitalised token [s, e) that is a known given name: "Firstname Lastname". */
export function scanGivenName(text: string, s: number, e: number, out: Hit[]): void {
  if (isWordAt(text, s - 1) || !FIRST_NAMES.has(text.slice(s, e).toLowerCase())) return;
  // Compound given names of two given names: "Jean-Luc Picard", "Anne-Marie Dupont" (not "Mark-Up Language").
  if (text[e] === '-' && isUpperAt(text, e + 1)) {
    const e2 = wordEnd(text, e + 1);
    if (!FIRST_NAMES.has(text.slice(e + 1, e2).toLowerCase())) return;
    e = e2;
  }
  if (text[e] !== ' ') return;
  let j = e + 1;
  if (isUpperAt(text, j) && text[j + 1] === '.' && text[j + 2] === ' ') j += 3;
  const e2 = nameWord(text, j);
  if (e2 < 0 || e2 - j < 2) return;
  const surname = text.slice(j, e2);
  if (NOT_SURNAME.has(surname.toLowerCase()) || (surname.length > 2 && surname === surname.toUpperCase())) return;
  const span = nameSpan(text, j, 2, 1);
  const end = span > 0 ? span : e2;
  // "Abraham Lincoln", "Harry Potter" (also before a third word): history's and fiction's people, not anyone's data.
  if (PUBLIC_FIGURES.has(text.slice(s, end).toLowerCase()) || PUBLIC_FIGURES.has(text.slice(s, e2).toLowerCase())) return;
  out.push({ type: 'person', start: s, end, score: 0.7, rule: 'name.given' });
}

/**
 * A surname in capitals before a comma and a known given name [s, e): "LOMBARDI, Chiara", as
 * records, rosters and case files list people. The surname is one or two capitalised words of
 * letters only (not "NOTE, Anna", a word of NOT_SURNAME).
 */
export function scanSurnameFirst(text: string, s: number, e: number, out: Hit[]): void {
  if (!FIRST_NAMES.has(text.slice(s, e).toLowerCase())) return;
  const se = s - 2; // the comma
  let ss = se;
  while (
    ss > 0 &&
    se - ss < 40 &&
    ((text.charCodeAt(ss - 1) >= 65 && text.charCodeAt(ss - 1) <= 90) || text[ss - 1] === '-' || text[ss - 1] === "'")
  )
    ss--;
  if (se - ss < 2 || isWordAt(text, ss - 1) || text[ss] === '-' || text[ss] === "'") return;
  const surname = text.slice(ss, se).toLowerCase();
  if (NOT_SURNAME.has(surname) || FIRST_NAMES.has(surname) || CAPS_WORDS.has(surname)) return;
  // where records list people: at a line's start, after a label's colon, a semicolon, a tab, a cell's bar or a quote
  let b = ss - 1;
  while (b >= 0 && text[b] === ' ') b--;
  if (b >= 0 && !SURNAME_FIRST_AFTER.has(text[b] as string)) return;
  // and the given name ends the entry (not "IMPORTANT, Mark the box")
  const next = text.charCodeAt(e + 1);
  if (text[e] === ' ' && next >= 97 && next <= 122) return;
  if (isDateline(text, e)) return;
  out.push({ type: 'person', start: ss, end: e, score: 0.75, rule: 'name.surname-first' });
}
const SURNAME_FIRST_AFTER = new Set(['\n', '\r', ':', ';', '\t', '|', '"', '(']);

/** A news dateline after "ATLANTA, Georgia" or "AMMAN, Jordan": " (CNN) --", " (Reuters) -", " —". */
function isDateline(text: string, e: number): boolean {
  let i = e;
  if (text.startsWith(' (', i)) {
    const close = text.indexOf(')', i + 2);
    if (close === -1 || close - i > 14) return false;
    i = close + 1;
  }
  return text.startsWith(' --', i) || text.startsWith(' \u2014', i) || text.startsWith(' \u2013', i) || text.startsWith(' - ', i);
}
// Words written in capitals before a comma and a name that are no surname: "NOTE, Anna", "ASAP, Jordan".
const CAPS_WORDS = new Set(
  'note nb ps fyi asap important urgent warning attention attn hi hello hey dear thanks thank ok okay yes no sorry update reminder re fw fwd cc todo done welcome congrats congratulations please morning evening bye'.split(
    ' ',
  ),
);

// Phrases after which a capitalised word is a person's name.
const NAME_TRIGGERS: readonly (readonly [string, number])[] = [
  ['my name is', 0.85],
  // Self-introductions in other languages (the phrase is compared with ASCII letters case-folded).
  ['mein name ist', 0.85],
  ['ich heiße', 0.8],
  ['ich heisse', 0.8],
  ['me llamo', 0.85],
  ['mi nombre es', 0.85],
  ['mi chiamo', 0.85],
  ['il mio nome è', 0.85],
  ["je m'appelle", 0.85],
  ['je m’appelle', 0.85],
  ['mon nom est', 0.85],
  ['mijn naam is', 0.85],
  ['ik heet', 0.8],
  ['meu nome é', 0.85],
  ['me chamo', 0.85],
  ['nazywam się', 0.85],
  ['mam na imię', 0.85],
  ['jmenuji se', 0.85],
  ['jag heter', 0.8],
  ['jeg hedder', 0.8],
  ['jeg heter', 0.8],
  ['nimeni on', 0.85],
  ['benim adım', 0.85],
  // "name: Executive Summary" in a config, "the brand name is NOOMS": these need a known given name.
  ['name is', 0.5],
  ['name:', 0.5],
  ['full name', 0.7],
  ['call me', 0.75],
  ['named', 0.7],
  ['patient', 0.7],
  ['signed,', 0.7],
  ['regards,', 0.7],
  ['sincerely,', 0.7],
  ['belonging to', 0.7],
  ['customer', 0.65],
  ['employee', 0.65],
  // the same roles, greetings and sign-offs in German, French, Spanish, Italian and Dutch
  ['mitarbeiter', 0.7],
  ['mitarbeiterin', 0.7],
  ['ansprechpartner', 0.7],
  ['ansprechpartnerin', 0.7],
  ['patientin', 0.7],
  ['sehr geehrte', 0.7],
  ['sehr geehrter', 0.7],
  ['mit freundlichen grüßen', 0.7],
  ['cordialement,', 0.7],
  ['atentamente,', 0.7],
  ['cordiali saluti,', 0.7],
  ['met vriendelijke groet,', 0.7],
  ['paciente', 0.7],
  ['applicant', 0.7],
  ['user', 0.6],
  ['account owner', 0.7],
  ['account holder', 0.75],
  ['cardholder', 0.75],
  ['card holder', 0.75],
  ['holder', 0.6],
  ['attention:', 0.6],
  ['attention of', 0.6],
  ['dear', 0.75],
  ['attn', 0.7],
  ['known as', 0.7],
  ['written by', 0.7],
  // Greetings and self-introductions: only with a known given name ("Hi Team" is not a person).
  ['hi', 0.5],
  ['hello', 0.5],
  ['i am', 0.5],
  ["i'm", 0.5],
  ['this is', 0.5],
  ['meet', 0.5],
  ['thanks,', 0.5],
  // Sign-offs before a first name alone ("Grüße, Lena", "Cheers,\nTom"): a known given name only
  ['thank you,', 0.5],
  ['cheers,', 0.5],
  ['best,', 0.5],
  ['love,', 0.5],
  ['xoxo,', 0.5],
  ['grüße,', 0.5],
  ['gruß,', 0.5],
  ['lg,', 0.5],
  ['saludos,', 0.5],
  ['un saludo,', 0.5],
  ['abrazos,', 0.5],
  ['bises,', 0.5],
  ['amitiés,', 0.5],
  ['bien à vous,', 0.5],
  ['saluti,', 0.5],
  ['un saluto,', 0.5],
  ['groeten,', 0.5],
  ['groetjes,', 0.5],
  ['hälsningar,', 0.5],
  ['mvh,', 0.5],
  ['hilsen,', 0.5],
  ['pozdrawiam,', 0.5],
  ['s pozdravem,', 0.5],
  ['atenciosamente,', 0.5],
  ['abraços,', 0.5],
];

/**
 * Honorifics after a trigger ("Dear Mr. Thompson", "Attn: Prof. Weber", "Hi M. Dupont"): a
 * superset of TITLES, since the trigger already says a name follows (a bare "Capt" or "Rev" is
 * not read as a title elsewhere). "m" counts only with its dot ("M. Dupont").
 */
const HONORIFICS: ReadonlySet<string> = new Set([
  ...TITLES,
  'm',
  'mister',
  'madam',
  'madame',
  'monsieur',
  'messrs',
  'señor',
  'señora',
  'señorita',
  'senor',
  'senora',
  'srta',
  'sig',
  'signor',
  'signora',
  'dott',
  'rev',
  'revd',
  'fr',
  'capt',
  'col',
  'gen',
  'lt',
  'sgt',
  'hon',
]);

/** End of the honorific at j ("Mr", "Mme", "M" before a dot), or -1. */
function honorificEnd(text: string, j: number): number {
  const e = wordEnd(text, j);
  if (e === j || e - j > 9 || !HONORIFICS.has(text.slice(j, e).toLowerCase())) return -1;
  if (e - j === 1 && text.charCodeAt(e) !== 46) return -1;
  return e;
}

function nameTrigger(text: string, at: number, kw: string, score: number, out: Hit[]): void {
  const after = at + kw.length;
  if (cls(text, after) & (UPPER | LOWER | DIGIT)) return;
  let j = after;
  // Code units, not one-character strings: a character beyond Latin-1 read as a string is not
  // internalized, and a comparison that had seen only internalized ones would deoptimise.
  for (let c = text.charCodeAt(j); j - after < 3 && (c === 32 || c === 58 || c === 10); c = text.charCodeAt(j)) j++;
  // An honorific is not a name by itself ("Dear Sir or Madam"): the name is the one after it, the
  // span the title rule gives (so redaction leaves "Dear Mr. <PERSON_1>", not "<PERSON_1>. <PERSON_2>").
  const he = honorificEnd(text, j);
  if (he > 0) {
    if (!negated(text, at)) scanTitle(text, j, he, out);
    return;
  }
  const end = nameSpan(text, j);
  if (end < 0) {
    if (score >= 0.75 && !negated(text, at)) lowerCaseName(text, j, score, out);
    return;
  }
  if (negated(text, at)) return;
  const words = text.slice(j, end).split(' ').length;
  const given = FIRST_NAMES.has(text.slice(j, wordEnd(text, j)).toLowerCase());
  // A weak trigger that is itself Capitalised ("User Journey Ordering", "USER DISCOVERY QUESTIONS")
  // starts a Title Case heading, not a name: only a known given name counts after it. A label
  // ("Patient: Jane Roe") and a German noun, capitalised wherever it stands, are not headings.
  const label = text.charCodeAt(after) === 58 || GERMAN_NOUN_TRIGGERS.has(kw);
  if (score < 0.75 && !given && isUpperAt(text, at) && !(label && words >= 2)) return;
  // Weak triggers ("user", "customer") need a full name or a known given name; greetings a known given name.
  if (score >= 0.75 || (score > 0.5 && words >= 2) || given)
    out.push({ type: 'person', start: j, end, score: given ? Math.max(score, 0.75) : score, rule: 'name.trigger' });
}

const GERMAN_NOUN_TRIGGERS: ReadonlySet<string> = new Set([
  'mitarbeiter',
  'mitarbeiterin',
  'ansprechpartner',
  'ansprechpartnerin',
  'patientin',
]);

/**
 * Chat text often skips capitals: after a strong trigger ("my name is", "call me") a lower-case
 * known given name is a name, with the surname-like word after it ("my name is john smith").
 */
function lowerCaseName(text: string, j: number, score: number, out: Hit[]): void {
  if (cls(text, j) !== LOWER) return;
  const e = wordEnd(text, j);
  if (!FIRST_NAMES.has(text.slice(j, e))) return;
  let end = e;
  if (text[e] === ' ' && cls(text, e + 1) === LOWER) {
    const e2 = wordEnd(text, e + 1);
    const next = text.slice(e + 1, e2);
    if (e2 - e > 2 && !NOT_SURNAME.has(next) && !NOT_NAME_AFTER.has(next) && !isWordAt(text, e2)) end = e2;
  }
  out.push({ type: 'person', start: j, end, score, rule: 'name.trigger.lower' });
}

/** Lower-case words that end a sentence's name rather than continue it ("my name is john and ..."). */
const NOT_NAME_AFTER: ReadonlySet<string> = new Set(
  'and but so but because from here there too also i im please thanks thank who which that what when where how'.split(' '),
);

// "label <value>": a value with digits introduced by a label that says what it is.
const LABELLED: readonly (readonly [string, string, number])[] = [
  ['passport', 'passport', 0.85],
  ["driver's license", 'driver_license', 0.8],
  ['driver’s license', 'driver_license', 0.8],
  ['drivers license', 'driver_license', 0.8],
  ['driver license', 'driver_license', 0.8],
  ["driver's licence", 'driver_license', 0.8],
  ['driving licence', 'driver_license', 0.8],
  ['license number', 'driver_license', 0.75],
  ['licence number', 'driver_license', 0.75],
  ['dl:', 'driver_license', 0.75],
  ['account number', 'account_number', 0.75],
  ['account no', 'account_number', 0.75],
  ['bank account', 'account_number', 0.75],
  ['accounts like', 'account_number', 0.7],
  ['account', 'account_number', 0.6],
  ['acct', 'account_number', 0.7],
  ['kontonummer', 'account_number', 0.75],
  ['konto-nr', 'account_number', 0.75],
  ['kontonr', 'account_number', 0.75],
  ['numéro de compte', 'account_number', 0.75],
  ['número de cuenta', 'account_number', 0.75],
  ['numero di conto', 'account_number', 0.75],
  ['número da conta', 'account_number', 0.75],
  ['rekeningnummer', 'account_number', 0.75],
  ['routing', 'bank_routing', 0.75],
  ['tax id', 'tax_id', 0.75],
  ['tin', 'tax_id', 0.7],
  ['ein', 'tax_id', 0.7],
  ['atin', 'tax_id', 0.7],
  ['tax number', 'tax_id', 0.75],
  ['ssn', 'ssn', 0.75],
  ['social security number', 'ssn', 0.8],
  ['id number', 'national_id', 0.7],
  ['id card', 'national_id', 0.75],
  ['identity card', 'national_id', 0.75],
  ['id no', 'national_id', 0.7],
  ['employee id', 'national_id', 0.7],
  ['user id', 'national_id', 0.65],
  ['customer id', 'national_id', 0.65],
  ['voter id', 'national_id', 0.75],
  ['national id', 'national_id', 0.8],
  ['aadhar', 'national_id', 0.8],
  ['aadhaar', 'national_id', 0.8],
  ['pan card', 'tax_id', 0.8],
  ['registration number', 'national_id', 0.6],
  ['member id', 'health_insurance', 0.7],
  ['mrn', 'medical_record', 0.8],
  ['medical record', 'medical_record', 0.8],
  ['patient id', 'medical_record', 0.8],
  ['patient identifier', 'medical_record', 0.8],
  ['pid', 'medical_record', 0.7],
  ['medical file', 'medical_record', 0.75],
  ['insurance number', 'health_insurance', 0.75],
  ['insurance code', 'health_insurance', 0.75],
  ['insurance id', 'health_insurance', 0.75],
  ['policy number', 'health_insurance', 0.7],
  ['policy no', 'health_insurance', 0.7],
  ['insurance policy', 'health_insurance', 0.7],
  ['badge number', 'national_id', 0.7],
  ['police id', 'national_id', 0.7],
  ['officer id', 'national_id', 0.7],
  ['dl no', 'driver_license', 0.75],
  ['dl#', 'driver_license', 0.75],
  ['license no', 'driver_license', 0.7],
  ['licence no', 'driver_license', 0.7],
  ['certificate number', 'medical_license', 0.7],
];

const FILLER: ReadonlySet<string> = new Set([
  'number',
  'no',
  'num',
  'nr',
  'is',
  'was',
  'of',
  'id',
  'details',
  'like',
  'card',
  'data',
  'from',
  'the',
]);

function valueAfter(text: string, from: number): [number, number] | undefined {
  let j = from;
  for (let round = 0; round < 4; round++) {
    while (j < text.length && j - from < 24 && ' :#=\'"(-.'.includes(text[j] as string)) j++;
    const we = wordEnd(text, j);
    if (we > j && FILLER.has(text.slice(j, we).toLowerCase()) && !(cls(text, we) & DIGIT)) j = we;
    else break;
  }
  const re = LABEL_VALUE;
  re.lastIndex = j;
  const m = re.exec(text);
  if (!m) return undefined;
  let e = j + m[0].length;
  while (e > j && (text[e - 1] === '.' || text[e - 1] === ':' || text[e - 1] === '-' || text[e - 1] === '/')) e--;
  const v = text.slice(j, e);
  let digits = 0;
  let masked = 0;
  for (const ch of v) {
    if (ch >= '0' && ch <= '9') digits++;
    else if (ch === 'X' || ch === 'x' || ch === '*') masked++;
  }
  if (digits < 3 || masked >= 3 || (digits < 5 && v.length < 5)) return undefined;
  const compactDigits = v.replace(/\D/g, '');
  if (compactDigits.length === v.length && isTrivialSequence(compactDigits)) return undefined;
  // An SSN-shaped value that breaks the SSA/IRS rules is a counter-example, not an id.
  if (/^\d{3}-\d{2}-\d{4}$/.test(v) && !validSsn(compactDigits) && !validItin(compactDigits)) return undefined;
  return [j, e];
}

function labelled(text: string, at: number, kw: string, type: string, score: number, out: Hit[]): void {
  const after = at + kw.length;
  // "passport" but not "passports"; a label ending in ':' or 's' may be followed by anything.
  if (!kw.endsWith(':') && !kw.endsWith('s') && (cls(text, after) & (UPPER | LOWER)) !== 0) return;
  if (negated(text, at)) return;
  const span = valueAfter(text, after);
  if (span) out.push({ type, start: span[0], end: span[1], score, rule: `label.${type}` });
}

const STREET_TYPES: ReadonlySet<string> = new Set(
  'street st avenue ave road rd boulevard blvd lane ln drive dr court ct way place pl terrace parkway pkwy highway hwy circle square close crescent plaza'.split(
    ' ',
  ),
);
const HOUSE_NUMBER = /\d{1,5}[A-Za-z]?,? /y;
const ADDRESS_TAIL =
  /(?:,? (?:Apt|Suite|Unit|#) ?[A-Za-z0-9-]{1,6})?(?:, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})?(?:,? [A-Z]{2} \d{5}(?:-\d{4})?)?/y;

/** A four-digit year right after "May 18, " ("May 18, 1980, Mount St. Helens"): the year of a date, not a house number. */
function yearOfDate(text: string, p: number): boolean {
  if (text[p - 1] !== ' ' || text[p - 2] !== ',' || cls(text, p - 3) !== DIGIT) return false;
  let k = p - 3;
  while (k > p - 6 && cls(text, k - 1) === DIGIT) k--;
  if (text[k - 1] !== ' ') return false;
  let w = k - 1;
  while (w > 0 && (cls(text, w - 1) & (UPPER | LOWER)) !== 0) w--;
  return MONTHS.has(
    text
      .slice(w, k - 1)
      .toLowerCase()
      .replace('.', ''),
  );
}

/** House number + street name + street type ("221 Baker Street", "1600 Pennsylvania Ave NW, Washington, DC 20500"). */
export function scanStreetAddress(text: string, p: number, out: Hit[]): void {
  if (yearOfDate(text, p)) return;
  HOUSE_NUMBER.lastIndex = p;
  if (!HOUSE_NUMBER.exec(text)) return;
  let j = HOUSE_NUMBER.lastIndex;
  for (let words = 0; words < 4; words++) {
    const e = nameWord(text, j);
    if (e < 0) return;
    if (words > 0 && STREET_TYPES.has(text.slice(j, e).toLowerCase())) {
      let end = text[e] === '.' && e - j <= 4 ? e + 1 : e;
      ADDRESS_TAIL.lastIndex = end;
      if (ADDRESS_TAIL.exec(text)) end = ADDRESS_TAIL.lastIndex;
      out.push({ type: 'address', start: p, end, score: 0.8, rule: 'address.street' });
      return;
    }
    if (text[e] !== ' ') return;
    j = e + 1;
  }
}

// German and Swiss suffixes, and the Dutch ones (straat, laan, plein, gracht, kade, singel): "Kerkstraat 12, 1017 GC Amsterdam".
// (with the Scandinavian ones: Swedish -gatan/-vägen/-torget, Danish -gade/-vej/-stræde, Norwegian -veien/-vegen)
const DE_SUFFIXES = [
  'straße',
  'strasse',
  'weg',
  'allee',
  'platz',
  'gasse',
  'damm',
  'straat',
  'laan',
  'plein',
  'gracht',
  'kade',
  'singel',
  'gatan',
  'vägen',
  'torget',
  'gade',
  'vej',
  'stræde',
  'veien',
  'vegen',
];
const DE_HOUSE = /\d{1,4}[a-z]?(?![A-Za-z0-9])/y;

function isGermanLower(c: number): boolean {
  // a-z, ä ö ü ß, and å æ ø of the Scandinavian street names
  return (c >= 97 && c <= 122) || c === 228 || c === 246 || c === 252 || c === 223 || c === 229 || c === 230 || c === 248;
}

/** "Musterstraße 12, 10115 Berlin": a word with a German street suffix, then the house number. */
export function scanGermanStreet(text: string, p: number, out: Hit[]): void {
  let e = p + 1;
  while (e < text.length && e - p < 40 && isGermanLower(text.charCodeAt(e))) e++;
  if (text.charCodeAt(e) !== 32 || cls(text, e + 1) !== DIGIT) return;
  const word = text.slice(p, e).toLowerCase();
  if (!DE_SUFFIXES.some((x) => word.endsWith(x) && word.length > x.length + 1)) return;
  DE_HOUSE.lastIndex = e + 1;
  if (DE_HOUSE.exec(text)) {
    out.push({ type: 'address', start: p, end: postcodeCity(text, DE_HOUSE.lastIndex), score: 0.8, rule: 'address.de' });
  }
}

const MONTH_FIRST = /[A-Z](?:[a-z]{2,8}|[A-Z]{2})\.?[ -]\d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?(?![A-Za-z0-9])/y;
const DAY_FIRST = /\d{1,2}(?:st|nd|rd|th)?[ -](?:of )?[A-Z](?:[a-z]{2,8}|[A-Z]{2})\.?/y;
const YEAR_AFTER = /(?:,? \d{4}|-\d{4}|-\d{2})(?![A-Za-z0-9])/y;

function monthWord(s: string): boolean {
  const w = LETTERS.exec(s);
  return w !== null && MONTHS.has(w[0].toLowerCase());
}

function dateHit(text: string, s: number, e: number, rule: string, out: Hit[]): void {
  const dob = hasContext(text, s, e, CTX_DOB);
  out.push({ type: dob ? 'dob' : 'date', start: s, end: e, score: dob ? 0.9 : 0.5, rule: dob ? 'dob.context' : rule });
}

const MONTH_YEAR = /[A-Z](?:[a-z]{2,8}|[A-Z]{2})\.?[ -]\d{4}(?![A-Za-z0-9])/y;

/** "May 1st, 1977", "Jan 5", "May-21", "March 2021" at a capitalised token. */
export function scanMonthFirst(text: string, s: number, out: Hit[]): void {
  MONTH_YEAR.lastIndex = s;
  const my = MONTH_YEAR.exec(text);
  if (my && monthWord(my[0])) {
    const y = Number(my[0].slice(-4));
    if (y >= 1900 && y <= 2100) dateHit(text, s, MONTH_YEAR.lastIndex, 'date.month_name', out);
    return;
  }
  MONTH_FIRST.lastIndex = s;
  const m = MONTH_FIRST.exec(text);
  if (!m || !monthWord(m[0])) return;
  const day = DAY_NUMBER.exec(m[0]);
  if (!day || Number(day[1]) < 1 || Number(day[1]) > 31) return;
  dateHit(text, s, MONTH_FIRST.lastIndex, 'date.month_name', out);
}

// Month names in German, French, Spanish, Italian, Dutch and Portuguese (with and without accents).
const FOREIGN_MONTHS: ReadonlySet<string> = new Set(
  'januar jänner februar märz maerz april mai juni juli august september oktober november dezember janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre januari februari maart mei augustus december janeiro fevereiro março marco maio junho julho setembro outubro dezembro'.split(
    ' ',
  ),
);
/** "de " or "del " at i (Spanish "5 de junio de 1988"): the index after it, else i. */
function skipDe(text: string, i: number): number {
  if (text.startsWith('de ', i)) return i + 3;
  if (text.startsWith('del ', i)) return i + 4;
  return i;
}

/** "22. Mai 1981", "3 mars 1975", "5 de junio de 1988": a month name outside English needs its year. */
export function scanDayFirstForeign(text: string, p: number, out: Hit[]): void {
  // Called at most 1-2 digit numbers before a blank or a dot: only character tests until a
  // four-digit year is seen, then one slice for the month name.
  let i = p;
  let day = 0;
  while (i < text.length && i - p < 2 && cls(text, i) === DIGIT) day = day * 10 + text.charCodeAt(i++) - 48;
  if (text[i] === '.') i++;
  if (text[i] !== ' ' || day < 1 || day > 31) return;
  const m0 = skipDe(text, i + 1);
  let m1 = m0;
  while (m1 < text.length && m1 - m0 <= 10 && cls(text, m1) & (UPPER | LOWER)) m1++;
  if (m1 - m0 < 3 || text[m1] !== ' ') return;
  const y0 = skipDe(text, m1 + 1);
  let y1 = y0;
  let year = 0;
  while (y1 < text.length && y1 - y0 <= 4 && cls(text, y1) === DIGIT) year = year * 10 + text.charCodeAt(y1++) - 48;
  if (y1 - y0 !== 4 || year < 1900 || year > 2100 || !FOREIGN_MONTHS.has(text.slice(m0, m1).toLowerCase())) return;
  dateHit(text, p, y1, 'date.month_name', out);
}

/** "21 May 2021", "1st of March", "21-May" at a digit run. */
export function scanDayFirst(text: string, p: number, out: Hit[]): void {
  DAY_FIRST.lastIndex = p;
  const m = DAY_FIRST.exec(text);
  if (!m) return;
  const word = /[A-Za-z]{3,}/.exec(m[0].replace(/^\d+(?:st|nd|rd|th)?/, ''));
  if (!word || !MONTHS.has(word[0].toLowerCase())) return;
  const day = Number(/^\d+/.exec(m[0])?.[0]);
  if (day < 1 || day > 31) return;
  let end = DAY_FIRST.lastIndex;
  if (isWordAt(text, end)) return;
  YEAR_AFTER.lastIndex = end;
  if (YEAR_AFTER.exec(text)) end = YEAR_AFTER.lastIndex;
  dateHit(text, p, end, 'date.month_name', out);
}

const ADDRESS_TRIGGERS = ['address:', 'address is', 'lives at', 'living at', 'resides at', 'located at', 'ship to', 'mailing address'];
const HEALTH_HINTS = [
  'diagnosed with',
  'diagnosis of',
  'diagnosis:',
  'prescribed',
  'medical history',
  'medical condition',
  'health insurance',
  'treatment for',
  'hiv positive',
];

// "IP address is ...", "MAC address: ...": an address, but not a postal one.
const NOT_POSTAL = [
  'ip ',
  'mac ',
  'email ',
  'e-mail ',
  'mail ',
  'hardware ',
  'physical ',
  'ipv4 ',
  'ipv6 ',
  'web ',
  'memory ',
  'wallet ',
  'server ',
  'bitcoin ',
  'network ',
  'return ',
];

function addressTrigger(text: string, kw: string, at: number, out: Hit[]): void {
  const before = text.slice(Math.max(0, at - 10), at).toLowerCase();
  if (NOT_POSTAL.some((w) => before.endsWith(w))) return;
  let j = at + kw.length;
  while (j < text.length && (text[j] === ' ' || text[j] === ':')) j++;
  // One token of 25 letters and digits or more, digits among them: a wallet address, key or hash, not a street.
  let t = j;
  let tokenDigits = 0;
  for (let k = cls(text, t); k !== 0 && t - j < 25; k = cls(text, ++t)) if (k === DIGIT) tokenDigits++;
  if (t - j === 25 && tokenDigits > 0) return;
  let e = j;
  let digits = 0;
  while (e < text.length && e - j < 100 && text[e] !== '\n' && !(text[e] === '.' && text[e + 1] === ' ')) {
    if (cls(text, e) === DIGIT) digits++;
    e++;
  }
  // A postal address has a word of letters in it (street, city), not only hex digits and separators.
  const value = text.slice(j, e);
  if (!/[A-Za-z]{3}/.test(value) || /^[0-9A-Fa-f:.-]{6,}(?:\s|$)/.test(value)) return;
  if (digits > 0 && e - j >= 8 && (isUpperAt(text, j) || cls(text, j) === DIGIT))
    out.push({ type: 'address', start: j, end: e, score: 0.75, rule: 'address.label' });
}

/** Job titles before a name in apposition ("our CEO, Jane Smith,", "Manager: Tom Becker"), lower case. */
const JOB_TITLES: readonly string[] = [
  'ceo',
  'cfo',
  'cto',
  'coo',
  'cio',
  'ciso',
  'cmo',
  'cpo',
  'founder',
  'co-founder',
  'cofounder',
  'chairman',
  'chairwoman',
  'chairperson',
  'director',
  'manager',
  'lead',
  'head of',
  'vp',
  'svp',
  'evp',
  'president',
  'engineer',
  'developer',
  'designer',
  'analyst',
  'consultant',
  'doctor',
  'nurse',
  'lawyer',
  'attorney',
  'solicitor',
  'teacher',
  'professor',
  'lecturer',
  'tutor',
  'coach',
  'accountant',
  'architect',
  'pharmacist',
  'physician',
  'surgeon',
  'therapist',
  'dentist',
  'secretary',
  'assistant',
  'supervisor',
  'coordinator',
  'recruiter',
  'officer',
  'administrator',
  'intern',
  'editor',
  'principal',
  'dean',
  'advisor',
  'adviser',
  'paralegal',
  'landlord',
  'landlady',
  'colleague',
  'coworker',
  'boss',
];

/** Words before a job title that make it a role someone holds ("our CEO", "the new CFO", "Acme's founder"). */
const ROLE_DETERMINERS: ReadonlySet<string> = new Set(
  'the our their its his her my your new former acting interim current longtime senior junior chief'.split(' '),
);

/** Capitalised words after a job title that are a heading, an event or an office, not a name ("CEO Summit", "Manager Settings Page"). */
const NOT_NAME_AFTER_ROLE: ReadonlySet<string> = new Set(
  (
    'general summit settings setting page team office board report meeting conference dashboard portal award awards panel forum ' +
    'program programme plan role position title salary level product products management engineering sales marketing operations ' +
    'finance resources services development research customer success support global senior junior regional national international ' +
    'executive officer assistant associate chief deputy vice president director manager lead head account accounts project projects ' +
    'hours update updates review training guide handbook search view mode panel console access approval approved note notes section ' +
    'day week year message letter welcome overview summary agenda attorney general surgeon emeritus designate elect edition home ' +
    'pro plus mode version series kit toolkit template persona bot agent'
  ).split(' '),
);

/** The job titles of one word: a list of roles ("Security Engineer, Cybersecurity Analyst,") is not a name. */
const ROLE_WORDS: ReadonlySet<string> = new Set(JOB_TITLES.filter((t) => !t.includes(' ')));

/** Whether one of the three words before `at` (on its line) is a determiner of a role: "our CEO", "the new CFO", "Acme's founder". */
function roleDeterminer(text: string, at: number): boolean {
  let k = at;
  for (let w = 0; w < 3; w++) {
    if (text.charCodeAt(k - 1) !== 32) return false;
    const e = k - 1;
    let b = e;
    while (
      b > 0 &&
      e - b < 12 &&
      ((cls(text, b - 1) & (UPPER | LOWER)) !== 0 || text.charCodeAt(b - 1) === 39 || text.charCodeAt(b - 1) === 0x2019)
    )
      b--;
    if (b === e) return false;
    const word = text.slice(b, e).toLowerCase();
    if (ROLE_DETERMINERS.has(word) || word.endsWith("'s") || word.endsWith('’s')) return true;
    k = b;
  }
  return false;
}

/**
 * "Our CEO, Marguerite Delacroix-Whitfield, will attend", "the CFO Jane Smith approved", "Manager: Tom
 * Becker", "our head of sales, Ana Ruiz,": a full name (two or three capitalised words) in apposition to a
 * job title. The title must be someone's role (a determiner before it), a label (a colon after it) or the
 * name must be set off by commas on both sides; "CEO Summit 2024" and "Manager Settings Page" are headings.
 */
function jobTitleTrigger(text: string, at: number, kw: string, out: Hit[]): void {
  let j = at + kw.length;
  // "managers", "leadership", "co-founders": the title ends its word.
  if (isWordAt(text, j) || (at > 0 && (isWordAt(text, at - 1) || text.charCodeAt(at - 1) === 45))) return;
  if (kw === 'head of') {
    // The department runs to the comma or colon: "head of sales, Ana Ruiz".
    const from = j;
    while (j < text.length && j - from < 40 && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 58) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 46 || c === 40) return;
      j++;
    }
    if (j - from >= 40 || j === from) return;
  }
  const p = text.charCodeAt(j);
  const colon = p === 58;
  const comma = p === 44;
  if (colon || comma) j++;
  else if (p !== 32) return;
  let n = 0;
  while (n < 2 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) {
    j++;
    n++;
  }
  if (n === 0 || !isUpperAt(text, j)) return;
  const end = nameSpan(text, j, 3);
  if (end < 0) return;
  // Two or three words, none an all-caps block or a word of a heading, and no Capitalised word after them.
  let words = 0;
  for (let w = j; w < end; ) {
    let we = w;
    while (we < end && text.charCodeAt(we) !== 32) we++;
    const word = text.slice(w, we);
    const lower = word.toLowerCase();
    if (NOT_NAME_AFTER_ROLE.has(lower) || ROLE_WORDS.has(lower) || (word.length > 1 && word === word.toUpperCase())) return;
    words++;
    w = we + 1;
  }
  if (words < 2 || (text.charCodeAt(end) === 32 && isUpperAt(text, end + 1))) return;
  const enclosed = comma && text.charCodeAt(end) === 44;
  if (!(colon || enclosed || roleDeterminer(text, at)) || negated(text, at)) return;
  const given = FIRST_NAMES.has(text.slice(j, wordEnd(text, j)).toLowerCase());
  out.push({ type: 'person', start: j, end, score: given ? 0.8 : 0.75, rule: 'name.job_title' });
}

interface Trigger {
  phrase: string;
  run(text: string, at: number, out: Hit[]): void;
}

/** Trigger phrases keyed by their first word (lower case), so the scanner's single pass can look them up per word. */
export const TRIGGERS: ReadonlyMap<string, readonly Trigger[]> = (() => {
  const map = new Map<string, Trigger[]>();
  const add = (phrase: string, run: Trigger['run']) => {
    // Digits belong to the first word too ("cvv2"): the scanner's pass tokenises letters and digits together.
    const first = /^[a-z0-9]+/.exec(phrase)?.[0] ?? phrase;
    const list = map.get(first) ?? [];
    list.push({ phrase, run });
    map.set(first, list);
  };
  for (const [kw, score] of NAME_TRIGGERS) add(kw, (text, at, out) => nameTrigger(text, at, kw, score, out));
  for (const [kw, type, score] of LABELLED) add(kw, (text, at, out) => labelled(text, at, kw, type, score, out));
  for (const kw of ADDRESS_TRIGGERS) add(kw, (text, at, out) => addressTrigger(text, kw, at, out));
  for (const [kw, needsCard] of CVV_LABELS) add(kw, (text, at, out) => cvvTrigger(text, at, kw, needsCard, out));
  for (const kw of EXPIRY_LABELS) add(kw, (text, at, out) => expiryTrigger(text, at, kw, out));
  for (const kw of SORT_CODE_LABELS) add(kw, (text, at, out) => sortCodeTrigger(text, at, kw, out));
  add('bsb', (text, at, out) => bsbTrigger(text, at, 'bsb', out));
  for (const kw of BIC_LABELS) add(kw, (text, at, out) => bicTrigger(text, at, kw, out));
  add('mozilla', (text, at, out) => scanUserAgent(text, at, out));
  add('pin', (text, at, out) => pinTrigger(text, at, out));
  add('imei', (text, at, out) => imeiTrigger(text, at, out));
  for (const kw of USERNAME_LABELS) add(kw, (text, at, out) => usernameTrigger(text, at, kw, out));
  add('at', (text, at, out) => scanObfuscatedEmail(text, at, out));
  for (const kw of NUMBER_FIRST_TYPES) add(kw, (text, at, out) => scanNumberFirstStreet(text, at, at + kw.length, out));
  for (const kw of NAME_FIRST_TYPES) add(kw, (text, at, out) => scanNameFirstStreet(text, at, at + kw.length, out));
  for (const kw of JOB_TITLES) add(kw, (text, at, out) => jobTitleTrigger(text, at, kw, out));
  for (const [kw, type] of HEALTH_TERMS) add(kw, (text, at, out) => healthTerm(text, at, kw, type, out));
  for (const kw of HEALTH_HINTS)
    add(kw, (_text, at, out) => out.push({ type: 'health_condition', start: at, end: at + kw.length, score: 0.45, rule: 'phi.hint' }));
  return map;
})();

/** Hashes of the triggers' first words: the scanner calls runTriggers only for words whose hash is here. */
export const TRIGGER_HASHES: ReadonlySet<number> = hashSet(TRIGGERS.keys());
export const TITLE_HASHES: ReadonlySet<number> = hashSet(TITLES);
export const MONTH_HASHES: ReadonlySet<number> = hashSet(MONTHS);
export const FIRST_NAME_HASHES: ReadonlySet<number> = hashSet(FIRST_NAMES);
/**
 * Given names with a letter beyond ASCII after an ASCII start ("Ciarán", "Sebastián"): hashes of the
 * ASCII start, which is the token the scanner's pass sees before the letter.
 */
export const FIRST_NAME_PREFIX_HASHES: ReadonlySet<number> = hashSet(
  [...FIRST_NAMES]
    .filter((w) => !/^[a-z]+$/.test(w))
    .map((w) => /^[a-z]*/.exec(w)?.[0] ?? '')
    .filter((p) => p.length >= 2),
);

export const WORD_TRIGGER = 1;
export const WORD_TITLE = 2;
export const WORD_MONTH = 4;
export const WORD_NAME = 8;
/** Bitmap over the low 16 bits of a word hash: most words hit a zero byte and need no further lookup. */
export const WORD_BITS: Uint8Array = (() => {
  const bits = new Uint8Array(65536);
  const mark = (set: ReadonlySet<number>, flag: number) => {
    for (const h of set) bits[h & 0xffff] = (bits[h & 0xffff] as number) | flag;
  };
  mark(TRIGGER_HASHES, WORD_TRIGGER);
  mark(TITLE_HASHES, WORD_TITLE);
  mark(MONTH_HASHES, WORD_MONTH);
  mark(FIRST_NAME_HASHES, WORD_NAME);
  mark(FIRST_NAME_PREFIX_HASHES, WORD_NAME);
  return bits;
})();

/**
 * One bit per WORD_BITS entry that is not zero (8 KB instead of 64 KB): the scanner tests this first,
 * so the common word reads a table that stays in the L1 cache.
 */
export const WORD_ANY: Int32Array = (() => {
  const any = new Int32Array(65536 >>> 5);
  for (let i = 0; i < 65536; i++) if (WORD_BITS[i] !== 0) any[i >>> 5] = (any[i >>> 5] as number) | (1 << (i & 31));
  return any;
})();

/** Runs the triggers whose first word is the word at [at, end) of `text` (matched case-insensitively); `hash` is its wordHash. */
export function runTriggers(text: string, at: number, end: number, out: Hit[], hash = wordHash(text, at, end)): void {
  const list = TRIGGERS_BY_HASH.get(hash);
  if (!list) return;
  // The hash only narrows the lists: the phrase is compared in place, and its first word must be the whole token.
  for (const t of list) if (t.firstLength === end - at && startsWithFolded(text, t.phrase, at)) t.run(text, at, out);
}

const TRIGGERS_BY_HASH: ReadonlyMap<number, readonly (Trigger & { firstLength: number })[]> = (() => {
  const map = new Map<number, (Trigger & { firstLength: number })[]>();
  for (const [first, list] of TRIGGERS) {
    const h = wordHash(first);
    const into = map.get(h) ?? [];
    for (const t of list) into.push({ ...t, firstLength: first.length });
    map.set(h, into);
  }
  return map;
})();

/** `text` at `at` equals the lower-case `phrase` with ASCII letters case-folded (no lower-cased copy of the text). */
function startsWithFolded(text: string, phrase: string, at: number): boolean {
  if (at + phrase.length > text.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== phrase.charCodeAt(k)) return false;
  }
  return true;
}

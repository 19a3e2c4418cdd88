// Recognizers for values made of digit groups: cards, national numbers, phone numbers, IPv4, dates.
// The scanner calls `scanDigitRun` once at the start of every run of digits; it parses the groups
// (digits separated by one space, dash, dot or slash) and classifies prefixes of them locally, so the
// whole text is never re-scanned per recognizer.

import {
  BIRTH_WORDS_ABROAD,
  cls,
  contextWindow,
  DIGIT,
  type Hit,
  hasContext,
  isWordAt,
  LOWER,
  looksNonPersonal,
  negated,
  UPPER,
  windowHas,
} from './pii-core.js';
import { nirScore } from './pii-ids.js';
import {
  cardNetwork,
  isTrivialSequence,
  luhn,
  ssnRangesOk,
  validAadhaar,
  validAba,
  validAuAbn,
  validAuAcn,
  validAuMedicare,
  validAuTfn,
  validBeNationalNumber,
  validBsn,
  validCaSin,
  validChAhv,
  validCnResidentId,
  validCpf,
  validCzBirthNumber,
  validDate,
  validDeLanr,
  validDeTaxId,
  validDkCpr,
  validItin,
  validItVat,
  validKrBrn,
  validKrRrnCheck,
  validKrRrnShape,
  validNpi,
  validPesel,
  validPtNif,
  validRoCnp,
  validSeOrgNummer,
  validSePersonnummer,
  validSsn,
  validThaiId,
  validTrId,
  validZaId,
} from './pii-validators.js';

// Regexes used per candidate, compiled once (a literal inside a function is a new object per call).
const ISO_TIME = /T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/y;
const PLACE_AFTER = /^ [A-ZÄÖÜ][a-zäöüß]{2,}(?:[ ,.]|$)/;

const CTX_SSN = ['ssn', 'social security', 'social sec'];
const CTX_ITIN = ['itin', 'taxpayer', 'tax id', 'tax identification'];
const CTX_PASSPORT = ['passport', 'pasaporte', 'passeport', 'reisepass', 'passaporto', 'travel document', '여권'];
const CTX_PHONE = [
  'phone',
  // "tel" as a word: not inside "Bestellung", "hotels" or "intel"
  ' tel',
  'tel.',
  'tel:',
  'tel ',
  '"tel',
  '\ntel',
  'mobile',
  'cell',
  'call',
  'fax',
  'whatsapp',
  'sms',
  'contact',
  'numara',
  'telefon',
  'telepono',
  'handy',
  'mobil',
  'portable',
  'móvil',
  'celular',
  'cellulare',
  'teléfono',
  'número',
  'numéro',
  // "call me" in other languages: chiamami, llámame, appelez-moi, ruf mich an, bel me, ligue-me.
  'chiam',
  'llam',
  'lláma',
  'appel',
  'anruf',
  'ruf mich',
  'bel me',
  'ligue',
  // mobile / phone in other scripts and chat words: Arabic, Hebrew, Chinese, Japanese, Korean, Thai,
  // Indonesian "no. HP" / "telp", Chilean "fono", Spanish "wasap", Dutch/Scandinavian "ring"
  'جوال',
  'هاتف',
  'موبايل',
  'טלפון',
  'נייד',
  '電話',
  '电话',
  '手机',
  '手機',
  '携帯',
  '연락처',
  '전화',
  '휴대폰',
  'โทรศัพท์',
  'มือถือ',
  'no. hp',
  'no hp',
  'telp',
  'fono',
  'wasap',
  'ring mig',
  'ring me',
];
// Birth words: English and German here, other languages from the list pii-text.ts shares.
const CTX_DOB = ['born', 'dob', 'd.o.b', 'birth', 'geboren', 'geburt', ...BIRTH_WORDS_ABROAD];
const CTX_TAX = ['tax', 'tin', 'steuer', 'identifikationsnummer', 'ein', 'itin', 'abn', 'tfn', 'acn', 'vat'];
const CTX_BANK = ['routing', 'aba', 'rtn', 'bank', 'account', 'acct', 'iban', 'konto', 'sort code'];
const CTX_ID = ['id', 'identity', 'national', 'sin', 'nas', 'bsn', 'personal', 'citizen', 'nummer', 'number', 'no.', 'nr'];
const CTX_MEDICAL = ['npi', 'provider', 'medicare', 'nhs', 'patient', 'arzt', 'lanr', 'bsnr', 'praxis', 'betriebsst'];
const CTX_PLZ = ['plz', 'postleitzahl', 'zip', 'postal code', 'postcode', 'code postal'];
const CTX_DE_TAXNUMBER = ['steuernummer', 'steuer-nr', 'st.-nr', 'st-nr', 'finanzamt', 'steuer nr'];
const CTX_PH_TIN = ['tin', 'bir', 'tax', ' id'];
const CTX_VERSION = [
  'version',
  'release',
  'upgrade',
  'build',
  'firmware',
  'update',
  'patch',
  // French, Spanish, Portuguese, Dutch, German, Italian
  'logiciel',
  'mise à jour',
  'versión',
  'versão',
  'versie',
  'actualiza',
  'atualiza',
  'aktualisier',
  'aggiorna',
  'software',
];
const CTX_AADHAAR = ['aadhaar', 'aadhar', 'uidai'];
const CTX_CPF = ['cpf', 'cadastro de pessoas'];
const CTX_SIN = ['sin', 'social insurance', 'nas', 'assurance sociale'];
const CTX_AHV = ['ahv', 'avs', 'sozialversicherung', 'versicherten', 'social security', 'assicurazione', 'assurance'];
const CTX_PT_NIF = ['nif', 'contribuinte', 'nipc', 'fiscal'];
const CTX_CZ_BIRTH = [
  'rodne cislo',
  'rodné číslo',
  'rodneho cisla',
  'rodného čísla',
  'birth number',
  'r.c.',
  'r. c.',
  'r. č.',
  'r.č.',
  'rč',
];
const CTX_DK_CPR = ['cpr', 'personnummer'];
const CTX_RO_CNP = ['cnp', 'cod numeric personal'];
const CTX_LICENCE = ['licen', '운전', 'driver', 'dl:'];
const CTX_BSN = ['bsn', 'burgerservicenummer', 'sofinummer', 'sofi-nummer'];
const CTX_BE = ['national number', 'rijksregister', 'registre national', 'numéro national', 'insz', 'niss'];
const CTX_KR_BRN = ['brn', 'business registration', '사업자'];
const CTX_ACCOUNT = ['account', 'acct', 'a/c', 'konto', 'iban'];

// KV region codes that open a German BSNR (KBV Arztnummern-Richtlinie, Anlage 1).
const BSNR_KV = new Set([
  '01',
  '02',
  '03',
  '17',
  '20',
  '35',
  '38',
  '46',
  '51',
  '52',
  '71',
  '72',
  '73',
  '74',
  '78',
  '83',
  '88',
  '93',
  '98',
  '99',
]);
// Korean driver's licence region codes.
const KR_DL_REGION_NAMES = new Set('서울 부산 경기 강원 충북 충남 전북 전남 경북 경남 제주 대구 인천 광주 대전 울산'.split(' '));
const KR_DL_REGION = new Set(['11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '28']);

/** Bare, unformatted numbers that only a weak checksum supports: below the shipped threshold alone. */
const WEAK = 0.45;
/** A bare number that passes a national checksum (about one random number in ten does). */
const BARE = 0.5;
/** Format-level evidence, or a weak checksum in a formatted layout. */
const MEDIUM = 0.6;

interface Run {
  /** group i spans [gs[i], ge[i]); sep[i] is the character before group i (i >= 1). */
  gs: number[];
  ge: number[];
  sep: string[];
}

const SEPS = ' -./:';
const MAX_GROUPS = 10;

function parseRun(text: string, p: number): Run {
  const gs: number[] = [];
  const ge: number[] = [];
  const sep: string[] = [''];
  let i = p;
  for (;;) {
    const s = i;
    while (i < text.length && cls(text, i) === DIGIT) i++;
    gs.push(s);
    ge.push(i);
    if (gs.length >= MAX_GROUPS || i + 1 >= text.length) break;
    const c = text[i] as string;
    if (SEPS.includes(c) && cls(text, i + 1) === DIGIT) {
      sep.push(c);
      i++;
    } else break;
  }
  return { gs, ge, sep };
}

/** Whether groups a..b-1 of the run all have four digits. */
function fourDigitGroups(run: Run, a: number, b: number): boolean {
  for (let g = a; g < b; g++) if ((run.ge[g] as number) - (run.gs[g] as number) !== 4) return false;
  return true;
}

/**
 * Groups 0..b are a card number (four groups of four, Luhn, an issuer) and group b, the last of the
 * four-digit groups, is a year from 2000 to 2099: the card's expiry, not more digits of one number.
 */
function cardThenYear(text: string, run: Run, b: number): boolean {
  if (b !== 4 || (b + 1 < run.gs.length && (run.ge[b + 1] as number) - (run.gs[b + 1] as number) === 4)) return false;
  const year = text.slice(run.gs[b], run.ge[b]);
  if (year[0] !== '2' || year[1] !== '0') return false;
  const d = digitsOf(text, run, 0, b);
  return luhn(d) && cardNetwork(d) !== undefined;
}

function digitsOf(text: string, run: Run, a: number, b: number): string {
  let d = '';
  for (let g = a; g < b; g++) d += text.slice(run.gs[g], run.ge[g]);
  return d;
}

function hit(type: string, start: number, end: number, score: number, rule: string): Hit {
  return { type, start, end, score, rule };
}

/** Numeric code of a layout of group lengths (see classify). */
function S(...lens: number[]): number {
  let code = 1;
  for (const l of lens) code = code * 32 + l;
  return code;
}

// Layouts the recognizers below ask for.
const SH_1_3_3_4 = S(1, 3, 3, 4);
const SH_2_2_2_3_2 = S(2, 2, 2, 3, 2);
const SH_2_2_6_2 = S(2, 2, 6, 2);
const SH_2_6_2 = S(2, 6, 2);
const SH_2_3_3_3 = S(2, 3, 3, 3);
const SH_3_2_4 = S(3, 2, 4);
const SH_3_2_5 = S(3, 2, 5);
const SH_3_3_3 = S(3, 3, 3);
const SH_3_3_3_2 = S(3, 3, 3, 2);
const SH_3_3_3_3 = S(3, 3, 3, 3);
const SH_3_3_4 = S(3, 3, 4);
const SH_3_4_4_2 = S(3, 4, 4, 2);
const SH_3_6 = S(3, 6);
const SH_4_2_2 = S(4, 2, 2);
const SH_4_3_3 = S(4, 3, 3);
const SH_4_4_1 = S(4, 4, 1);
const SH_4_4_4 = S(4, 4, 4);
const SH_4_5_1 = S(4, 5, 1);
const SH_5_4 = S(5, 4);
const SH_6_4 = S(6, 4);
const SH_6_5 = S(6, 5);
const SH_6_7 = S(6, 7);
const SH_6_8_4 = S(6, 8, 4);
const SH_8_4 = S(8, 4);

/**
 * One candidate value (groups a..b-1 of a run) while classify reads it: what the recognizers below
 * need, and the best hit offered so far. The recognizers are plain functions of this object rather
 * than closures inside one large classify: V8 compiled that function (~5 KB of bytecode) only after
 * several runs over a long text, and spent about half a second of compiler-thread time on it; small
 * functions are optimised early and cheaply.
 */
class Candidate {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The digits without separators, their count, and the group lengths. */
  readonly d: string;
  readonly n: number;
  readonly lens: number[];
  /** The layout as a number (see S), and the separator before the second group ('' for one group). */
  readonly shape: number;
  readonly sep: string;
  readonly bare: boolean;
  readonly leftGlued: boolean;
  best: Hit | undefined = undefined;
  /** Lazily computed, 0 = not yet: looksNonPersonal (1 no, 2 yes), the context window, negated (1 no, 2 yes). */
  nonPersonal = 0;
  win: string | undefined = undefined;
  denied = 0;

  constructor(text: string, start: number, end: number, d: string, lens: number[], shape: number, sep: string, leftGlued: boolean) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.d = d;
    this.n = d.length;
    this.lens = lens;
    this.shape = shape;
    this.sep = sep;
    this.bare = lens.length === 1;
    this.leftGlued = leftGlued;
  }
}

/** Keeps the reading if it beats the best so far; weak readings of a value that looks non-personal are dropped. */
function offer(c: Candidate, type: string, score: number, rule: string): void {
  if (c.leftGlued && score < 0.9) return;
  if (score < 0.85 && type !== 'date' && type !== 'dob' && type !== 'ip_address') {
    if (c.nonPersonal === 0) c.nonPersonal = looksNonPersonal(c.text, c.start) ? 2 : 1;
    if (c.nonPersonal === 2) return;
  }
  if (!c.best || score > c.best.score) c.best = hit(type, c.start, c.end, score, rule);
}

/** A context word counts unless the text denies it right before the value ("not a TIN 123-456-789"). */
function ctx(c: Candidate, words: readonly string[]): boolean {
  c.win ??= contextWindow(c.text, c.start, c.end);
  if (!windowHas(c.win, words)) return false;
  if (c.denied === 0) c.denied = negated(c.text, c.start) ? 2 : 1;
  return c.denied === 1;
}

/** Aadhaar in its printed 4-4-4 layout: the first digit is never 0 or 1; Verhoeff when it passes. */
function aadhaar(c: Candidate): void {
  const d = c.d;
  if (d.charCodeAt(0) < 50 || isTrivialSequence(d)) return;
  // Three years in a row ("2002 2002 2003") are a list, not an id.
  const years = [0, 4, 8].every((k) => {
    const y = Number(d.slice(k, k + 4));
    return y >= 1900 && y <= 2099;
  });
  if (!years || validAadhaar(d)) offer(c, 'national_id', validAadhaar(d) ? 0.9 : MEDIUM, 'in.aadhaar');
}

/** Groups a..b-1 of 2 to 5 digits (the first 1 to 5) joined by spaces or hyphens. */
function phoneGroups(run: Run, a: number, b: number): boolean {
  for (let g = a; g < b; g++) {
    const len = (run.ge[g] as number) - (run.gs[g] as number);
    if (len > 5 || (len < 2 && g > a)) return false;
    if (g > a && run.sep[g] !== ' ' && run.sep[g] !== '-') return false;
  }
  return true;
}

/** Groups a..b-1 of the run as one candidate value; returns the best hit or undefined. */
function classify(text: string, run: Run, a: number, b: number, leftGlued: boolean): Hit | undefined {
  const start = run.gs[a] as number;
  const end = run.ge[b - 1] as number;
  const lens: number[] = [];
  // The layout as a number (group lengths in base 32 after a leading 1): compared with S(...) constants, no strings built.
  let shape = 1;
  for (let g = a; g < b; g++) {
    const len = (run.ge[g] as number) - (run.gs[g] as number);
    lens.push(len);
    shape = shape * 32 + len;
  }
  const sep = b - a > 1 ? (run.sep[a + 1] as string) : '';
  let uniform = true;
  for (let g = a + 2; g < b; g++) if (run.sep[g] !== sep) uniform = false;
  const d = digitsOf(text, run, a, b);
  const n = d.length;
  const isoTime = text[end] === 'T' && cls(text, end + 1) === DIGIT && shape === SH_4_2_2;
  const rightGlued = (isWordAt(text, end) && !isoTime) || (text[end] === '-' && cls(text, end + 1) !== 0);
  if (rightGlued) return undefined;
  const c = new Candidate(text, start, end, d, lens, shape, sep, leftGlued);

  // Dates first: a valid calendar date in a date layout is a date, whatever checksum it may pass.
  if (b - a >= 2 && b - a <= 3 && uniform && (sep === '/' || sep === '.' || sep === '-')) {
    const date = dateScore(text, run, a, b, lens, sep);
    if (date) {
      const dob = ctx(c, CTX_DOB);
      offer(c, dob ? 'dob' : 'date', dob ? 0.9 : 0.5, dob ? 'dob.context' : 'date.numeric');
      return c.best;
    }
  }
  if (b - a === 4 && uniform && sep === '.') {
    classifyDotted4(c, run, a, b);
    return c.best;
  }
  classifyMixedLayouts(c, run, a, uniform);
  // Any grouping of spaces and hyphens of 9-13 digits labelled as a phone: "678 21 44 09",
  // "55 4182 9073", "070-412 88 31", "0812-8473-2915" (national layouts vary too much to list).
  if (b - a >= 2 && n >= 9 && n <= 13 && phoneGroups(run, a, b) && ctx(c, CTX_PHONE)) offer(c, 'phone', 0.8, 'phone.grouped.context');
  if (!uniform && !(shape === SH_3_3_4 || shape === SH_1_3_3_4)) return c.best;
  // A national number with its trunk 0 ("0151 23456789", "06-12345678", unspaced "الجوال: 0553184720")
  // labelled as a phone.
  if ((sep === ' ' || sep === '-' || c.bare) && n >= 9 && n <= 12 && d.charAt(0) === '0' && d.charAt(1) !== '0' && ctx(c, CTX_PHONE))
    offer(c, 'phone', 0.8, 'phone.trunk.context');
  if (sep === '/' || sep === ':' || sep === '.') {
    classifyPunctuated(c);
    return c.best;
  }

  // Payment cards: Luhn and a known issuer prefix (ISO/IEC 7812), 13-19 digits.
  if (n >= 13 && n <= 19 && luhn(d) && cardNetwork(d)) {
    const layoutOk = c.bare || lens.every((l) => l >= 4 && l <= 6) || (lens[0] === 4 && lens.length >= 3);
    if (layoutOk) offer(c, 'credit_card', 0.95, `card.${cardNetwork(d)}`);
  }

  switch (n) {
    case 5:
      classify5(c);
      break;
    case 9:
      classify9(c);
      break;
    case 10:
      classify10(c);
      break;
    case 11:
      classify11(c);
      break;
    case 12:
      classify12(c);
      break;
    case 13:
      classify13(c);
      break;
    case 15: {
      const nir = nirScore(d, c.text, c.start, c.end);
      if (nir > 0) offer(c, 'national_id', nir, 'fr.nir');
      break;
    }
    case 18:
      // A Chinese resident id printed in groups (region, birth date, sequence and check): "110105 19491231 0038".
      if (c.shape === SH_6_8_4 && validCnResidentId(d)) offer(c, 'national_id', 0.9, 'cn.resident_id');
      break;
  }
  return c.best;
}

// Public DNS resolvers (Google, Cloudflare, Quad9, OpenDNS, Level3, AdGuard).
const PUBLIC_RESOLVERS = new Set([
  '8.8.8.8',
  '8.8.4.4',
  '1.1.1.1',
  '1.0.0.1',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
  '4.2.2.1',
  '4.2.2.2',
  '94.140.14.14',
  '94.140.15.15',
]);

/** Four dot-separated groups: an IPv4 address, a card typed with dots, or a Swiss AHV number. */
function classifyDotted4(c: Candidate, run: Run, a: number, b: number): void {
  const { text, start, end, d, lens } = c;
  // IPv4: four dotted groups of at most three digits, every octet <= 255.
  if (lens.every((l) => l <= 3) && run.gs.slice(a, b).every((s, k) => Number(text.slice(s, run.ge[a + k])) <= 255)) {
    const before = text.charCodeAt(start - 1);
    const glued =
      ((cls(text, start - 1) & (UPPER | LOWER | DIGIT)) !== 0 && !(text[start - 1] === 'v' || text[start - 1] === 'V')) || before === 46;
    // "v1.2.3.4", "version 1.2.3.4": a four-part version string, not an address.
    const version = (cls(text, start - 2) === 0 && (text[start - 1] === 'v' || text[start - 1] === 'V')) || ctx(c, CTX_VERSION);
    // A public resolver everyone configures ("8.8.8.8", "1.1.1.1") is a service's address, no one's.
    const service = PUBLIC_RESOLVERS.has(text.slice(start, end));
    if (!glued && !version && !service && !(text[end] === '.' && cls(text, end + 1) === DIGIT)) offer(c, 'ip_address', 0.85, 'ipv4');
  }
  // Cards are sometimes typed with dots ("4111.1111.1111.1111"): four groups of four, Luhn and an issuer.
  if (lens.every((l) => l === 4) && luhn(d) && cardNetwork(d)) offer(c, 'credit_card', 0.9, `card.${cardNetwork(d)}`);
  // Swiss AHV/AVS number as printed: 756.1234.5678.97 (EAN-13 check digit).
  if (c.shape === SH_3_4_4_2 && validChAhv(d)) offer(c, 'national_id', 0.95, 'ch.ahv');
}

/** Layouts printed with more than one kind of separator: Belgian national number, Brazilian CPF, SSN/ITIN. */
function classifyMixedLayouts(c: Candidate, run: Run, a: number, uniform: boolean): void {
  const { d, shape } = c;
  // Belgian national number as printed: YY.MM.DD-SSS.CC.
  if (shape === SH_2_2_2_3_2 && run.sep[a + 3] === '-' && run.sep[a + 1] === '.' && run.sep[a + 4] === '.' && validBeNationalNumber(d))
    offer(c, 'national_id', 0.95, 'be.national_number');
  // Brazilian CPF as printed: 123.456.789-09 (two mod-11 check digits).
  if (shape === SH_3_3_3_2 && run.sep[a + 1] === '.' && run.sep[a + 2] === '.' && run.sep[a + 3] === '-' && validCpf(d))
    offer(c, 'national_id', ctx(c, CTX_CPF) ? 0.95 : ctx(c, CTX_VERSION) ? WEAK : 0.85, 'br.cpf');
  // SSNs and ITINs are also typed with mixed separators ("911-70 1234"): the layout still says which.
  if (
    !uniform &&
    shape === SH_3_2_4 &&
    (run.sep[a + 1] === ' ' || run.sep[a + 1] === '-') &&
    (run.sep[a + 2] === ' ' || run.sep[a + 2] === '-')
  ) {
    if (validItin(d)) offer(c, 'itin', 0.7, 'us.itin');
    else if (validSsn(d)) offer(c, 'ssn', ctx(c, CTX_SSN) ? 0.9 : 0.7, 'us.ssn');
  }
}

/** Groups separated by '/', ':' or '.' (not four dotted groups, see classifyDotted4). */
function classifyPunctuated(c: Candidate): void {
  const { d, n, lens, shape, sep } = c;
  const groups = lens.length;
  // Slashes, colons and dots separate dates, times, versions and ratios far more often than ids.
  // German-style "030/1234567" when labelled as a phone.
  if (sep === '/' && groups === 2 && d.charAt(0) === '0' && n >= 9 && n <= 12 && ctx(c, CTX_PHONE)) offer(c, 'phone', 0.8, 'phone.slash');
  if (sep === '/' && groups === 3 && lens[0]! >= 2 && lens[0]! <= 3 && lens[1]! >= 3 && lens[1]! <= 4 && lens[2]! >= 4 && lens[2]! <= 5) {
    offer(c, 'tax_id', ctx(c, CTX_DE_TAXNUMBER) ? 0.85 : MEDIUM, 'de.steuernummer');
  }
  if (sep === ':' && shape === SH_4_4_4) aadhaar(c);
  // Czech/Slovak birth number as printed: 736028/5163 (a date, then divisible by 11).
  if (sep === '/' && shape === SH_6_4 && validCzBirthNumber(d))
    offer(c, 'national_id', ctx(c, CTX_CZ_BIRTH) ? 0.95 : WEAK, 'cz.rodne_cislo');
  if (sep === '.' && shape === SH_2_2_2_3_2 && validBeNationalNumber(d)) offer(c, 'national_id', 0.95, 'be.national_number');
  if (sep === '.' && shape === SH_3_3_3_2 && validSsn(d)) offer(c, 'ssn', 0.6, 'us.ssn');
  if (sep === '.' && shape === SH_3_2_4 && validSsn(d)) offer(c, 'ssn', 0.7, 'us.ssn');
}

/** Five digits: a postcode when labelled, or before a capitalised place name. */
function classify5(c: Candidate): void {
  const { text, end, d } = c;
  if (c.bare && ctx(c, CTX_PLZ)) offer(c, 'postal_code', MEDIUM, 'postal.context');
  // German/French-style "80331 München": a postcode followed by a capitalised place name.
  else if (c.bare && text[end] === ' ' && PLACE_AFTER.test(text.slice(end, end + 24)) && d !== '00000') {
    if (Number(d) >= 1001) offer(c, 'postal_code', 0.5, 'postal.city');
  }
}

function classify9(c: Candidate): void {
  const { d, shape, sep } = c;
  if (shape === SH_3_2_4) {
    if (validItin(d)) offer(c, 'itin', 0.85, 'us.itin');
    else if (validSsn(d)) offer(c, 'ssn', ctx(c, CTX_SSN) ? 0.95 : 0.85, 'us.ssn');
    // Advertising/placeholder SSNs (123-45-6789) still stand for one when labelled as such.
    else if (ctx(c, CTX_SSN) && ssnRangesOk(d)) offer(c, 'ssn', 0.7, 'us.ssn.placeholder');
    return;
  }
  if (shape === SH_3_3_3) {
    // Nine-digit national numbers in 3-3-3 (Spain, France mobile 6xx/7xx) when labelled as phones.
    if (ctx(c, CTX_PHONE)) offer(c, 'phone', 0.85, 'phone.context');
    if (validCaSin(d)) offer(c, 'national_id', ctx(c, CTX_SIN) ? 0.9 : 0.8, 'ca.sin');
    if (validPtNif(d) && ctx(c, CTX_PT_NIF)) offer(c, 'tax_id', 0.85, 'pt.nif');
    if (validAuTfn(d)) offer(c, 'tax_id', ctx(c, CTX_TAX) ? 0.85 : MEDIUM, 'au.tfn');
    if (validAuAcn(d)) offer(c, 'company_id', ctx(c, CTX_TAX) ? 0.85 : WEAK, 'au.acn');
    if (ctx(c, CTX_PH_TIN)) offer(c, 'tax_id', 0.8, 'ph.tin');
    return;
  }
  if (shape === SH_4_4_1 && validAba(d)) offer(c, 'bank_routing', 0.8, 'us.aba');
  // Unusual dash layouts (3-6, 5-4) of an SSN/ITIN: weaker evidence than 3-2-4.
  if ((shape === SH_3_6 || shape === SH_5_4) && sep === '-') {
    if (validItin(d)) offer(c, 'itin', 0.6, 'us.itin');
    else if (validSsn(d) && ctx(c, CTX_SSN)) offer(c, 'ssn', 0.85, 'us.ssn');
  }
  if (!c.bare) return;
  if (isTrivialSequence(d) || d === '078051120') return;
  if (validSsn(d) && ctx(c, CTX_SSN)) offer(c, 'ssn', 0.9, 'us.ssn.context');
  if (validItin(d) && ctx(c, CTX_ITIN)) offer(c, 'itin', 0.9, 'us.itin.context');
  if (ctx(c, CTX_PASSPORT)) offer(c, 'passport', 0.8, 'passport.context');
  if (validBsn(d) && ctx(c, CTX_BSN)) offer(c, 'national_id', 0.95, 'nl.bsn');
  if (validPtNif(d) && ctx(c, CTX_PT_NIF)) offer(c, 'tax_id', 0.9, 'pt.nif');
  if (validAba(d)) offer(c, 'bank_routing', ctx(c, CTX_BANK) ? 0.9 : BARE, 'us.aba');
  if (validCaSin(d)) offer(c, 'national_id', ctx(c, CTX_ID) ? 0.85 : BARE, 'ca.sin');
  if (validAuTfn(d)) offer(c, 'tax_id', ctx(c, CTX_TAX) ? 0.85 : BARE, 'au.tfn');
  if (validAuAcn(d)) offer(c, 'company_id', ctx(c, CTX_TAX) ? 0.8 : BARE, 'au.acn');
  if (validDeLanr(d)) offer(c, 'medical_license', ctx(c, CTX_MEDICAL) ? 0.85 : BARE, 'de.lanr');
  if (BSNR_KV.has(d.slice(0, 2))) offer(c, 'medical_license', ctx(c, CTX_MEDICAL) ? 0.8 : BARE, 'de.bsnr');
  if (ctx(c, CTX_ACCOUNT)) offer(c, 'account_number', MEDIUM, 'account.context');
}

function classify10(c: Candidate): void {
  const { text, start, d, shape, sep } = c;
  // Korean driving licences of the older layout open with the region's name: "서울 22-123456-12".
  if (shape === SH_2_6_2 && sep === '-' && KR_DL_REGION_NAMES.has(text.slice(Math.max(0, start - 3), start).trim()))
    offer(c, 'driver_license', 0.85, 'kr.driver_license');
  if (shape === SH_4_5_1 && validAuMedicare(d)) offer(c, 'health_insurance', 0.85, 'au.medicare');
  if (shape === SH_4_3_3 && validNpi(d)) offer(c, 'medical_license', 0.85, 'us.npi');
  if (shape === SH_3_2_5 && validKrBrn(d)) offer(c, 'company_id', 0.9, 'kr.brn');
  if (shape === SH_3_3_4 && validNhs(d)) offer(c, 'health_insurance', 0.8, 'uk.nhs');
  if (shape === SH_6_4 && sep === '-' && validDkCpr(d) && ctx(c, CTX_DK_CPR)) offer(c, 'national_id', 0.9, 'dk.cpr');
  if (shape === SH_6_4) {
    if (validSePersonnummer(d)) offer(c, 'national_id', 0.95, 'se.personnummer');
    else if (validSeOrgNummer(d)) offer(c, 'company_id', 0.9, 'se.organisationsnummer');
  }
  if (!c.bare) return;
  if (isTrivialSequence(d) || counted(c)) return;
  if (validSePersonnummer(d)) offer(c, 'national_id', 0.8, 'se.personnummer');
  if (validCzBirthNumber(d) && ctx(c, CTX_CZ_BIRTH)) offer(c, 'national_id', 0.9, 'cz.rodne_cislo');
  if (validSeOrgNummer(d)) offer(c, 'company_id', WEAK, 'se.organisationsnummer');
  if (validNpi(d)) offer(c, 'medical_license', ctx(c, CTX_MEDICAL) ? 0.9 : MEDIUM, 'us.npi');
  if (validKrBrn(d)) offer(c, 'company_id', ctx(c, CTX_KR_BRN) ? 0.85 : WEAK, 'kr.brn');
  if (validAuMedicare(d)) offer(c, 'health_insurance', ctx(c, CTX_MEDICAL) ? 0.9 : MEDIUM, 'au.medicare');
  // NHS mod 11 (weights 10..2, a remainder of 10 is never issued) is as strong as the NPI's Luhn.
  if (validNhs(d)) offer(c, 'health_insurance', ctx(c, CTX_MEDICAL) ? 0.9 : BARE, 'uk.nhs');
  if (d.charCodeAt(0) >= 50 && d.charCodeAt(0) <= 53) offer(c, 'phone', ctx(c, CTX_PHONE) ? 0.85 : 0.55, 'phone.national');
  else if (d.charCodeAt(0) >= 54 && ctx(c, CTX_PHONE)) offer(c, 'phone', 0.8, 'phone.context');
  if (ctx(c, CTX_ACCOUNT)) offer(c, 'account_number', MEDIUM, 'account.context');
}

// Nouns a count is followed by: "5551234567 rows", "2125551234 events" are amounts, not numbers to call.
const COUNT_NOUNS = new Set([
  'rows',
  'records',
  'events',
  'items',
  'bytes',
  'requests',
  'users',
  'times',
  'entries',
  'messages',
  'transactions',
  'tokens',
  'lines',
  'files',
  'visits',
  'views',
  'downloads',
  'calls',
  'hits',
  'points',
  'units',
  'people',
]);

/** Whether a bare number is directly followed by a count noun (then it is no phone number or id). */
function counted(c: Candidate): boolean {
  const t = c.text;
  let i = c.end;
  while (t.charCodeAt(i) === 32) i++;
  let j = i;
  while (j < t.length && j - i < 16) {
    const ch = t.charCodeAt(j) | 32;
    if (ch < 97 || ch > 122) break;
    j++;
  }
  return j > i && COUNT_NOUNS.has(t.slice(i, j).toLowerCase());
}

function classify11(c: Candidate): void {
  const { d, shape } = c;
  if (shape === SH_2_3_3_3 && validAuAbn(d)) offer(c, 'company_id', 0.9, 'au.abn');
  // The Steuer-IdNr as printed on German tax letters: "65 929 970 489".
  if (shape === SH_2_3_3_3 && validDeTaxId(d) && ctx(c, CTX_TAX)) offer(c, 'tax_id', 0.9, 'de.steuer_id');
  // Brazilian CPF, printed 123.456.789-09, or bare when labelled.
  if (shape === SH_3_3_3_2 && validCpf(d) && ctx(c, CTX_CPF)) offer(c, 'national_id', 0.9, 'br.cpf');
  if (shape === SH_6_5 && validBeNationalNumber(d)) offer(c, 'national_id', 0.9, 'be.national_number');
  if (!c.bare) return;
  if (isTrivialSequence(d)) return;
  if (validTrId(d)) offer(c, 'national_id', 0.9, 'tr.kimlik');
  if (validPesel(d)) offer(c, 'national_id', 0.9, 'pl.pesel');
  if (validDeTaxId(d)) offer(c, 'tax_id', 0.9, 'de.steuer_id');
  if (validAuAbn(d)) offer(c, 'company_id', 0.85, 'au.abn');
  if (validBeNationalNumber(d) && validDate(2000, Number(d.slice(2, 4)), Number(d.slice(4, 6))))
    offer(c, 'national_id', ctx(c, CTX_BE) ? 0.85 : WEAK, 'be.national_number');
  if (validItVat(d)) offer(c, 'company_id', ctx(c, CTX_TAX) ? 0.85 : 0.5, 'it.partita_iva');
  if (validCpf(d) && ctx(c, CTX_CPF)) offer(c, 'national_id', 0.9, 'br.cpf');
  if (d.charAt(0) === '0' && d.charAt(1) !== '0') offer(c, 'phone', ctx(c, CTX_PHONE) ? 0.85 : MEDIUM, 'phone.trunk');
  if (d.charAt(0) === '1' && d.charCodeAt(1) >= 51) offer(c, 'phone', ctx(c, CTX_PHONE) ? 0.85 : MEDIUM, 'phone.cn_mobile');
}

function classify12(c: Candidate): void {
  const { d, shape, sep, bare } = c;
  if (shape === SH_4_4_4 && (sep === ' ' || sep === '-')) aadhaar(c);
  if (bare && d.charCodeAt(0) >= 50 && !isTrivialSequence(d))
    offer(c, 'national_id', validAadhaar(d) ? 0.6 : ctx(c, CTX_AADHAAR) ? 0.85 : WEAK, 'in.aadhaar');
  if (shape === SH_8_4 && validSePersonnummer(d)) offer(c, 'national_id', 0.95, 'se.personnummer');
  if (shape === SH_2_2_6_2 && KR_DL_REGION.has(d.slice(0, 2))) offer(c, 'driver_license', 0.7, 'kr.driver_license');
  if (bare && KR_DL_REGION.has(d.slice(0, 2)) && ctx(c, CTX_LICENCE)) offer(c, 'driver_license', 0.8, 'kr.driver_license');
  if (shape === SH_3_3_3_3 && !isTrivialSequence(d)) offer(c, 'tax_id', ctx(c, CTX_PH_TIN) ? 0.85 : WEAK, 'ph.tin');
  if (bare && validSePersonnummer(d)) offer(c, 'national_id', 0.9, 'se.personnummer');
  if (bare && ctx(c, CTX_PH_TIN) && !isTrivialSequence(d)) offer(c, 'tax_id', 0.8, 'ph.tin');
  if (bare && ctx(c, CTX_ACCOUNT)) offer(c, 'account_number', MEDIUM, 'account.context');
}

function classify13(c: Candidate): void {
  const { d, shape } = c;
  if (shape === SH_6_7 && validKrRrnShape(d)) offer(c, 'national_id', 0.8, 'kr.rrn');
  // A Swiss AHV number grouped with spaces or dashes, or as 13 bare digits: flagged only with a label (one
  // number of 756 and ten digits in ten passes the EAN-13 check). The dotted form is found alone (classifyDotted4).
  if (shape === SH_3_4_4_2 && validChAhv(d)) offer(c, 'national_id', ctx(c, CTX_AHV) ? 0.9 : WEAK, 'ch.ahv');
  if (!c.bare) return;
  if (isTrivialSequence(d)) return;
  if (validChAhv(d)) offer(c, 'national_id', ctx(c, CTX_AHV) ? 0.9 : WEAK, 'ch.ahv');
  if (validThaiId(d)) offer(c, 'national_id', 0.85, 'th.national_id');
  if (validZaId(d)) offer(c, 'national_id', 0.85, 'za.id_number');
  // Romanian CNP: its check digit passes for one number in eleven, so alone it is a weak reading.
  if (validRoCnp(d)) offer(c, 'national_id', ctx(c, CTX_RO_CNP) ? 0.95 : WEAK, 'ro.cnp');
  if (validKrRrnShape(d)) offer(c, 'national_id', validKrRrnCheck(d) ? 0.7 : BARE, 'kr.rrn');
  if ((d.charAt(0) === '0' && d.charAt(1) !== '0') || ctx(c, CTX_DE_TAXNUMBER)) offer(c, 'tax_id', MEDIUM, 'de.steuernummer');
}

/** UK NHS number: mod 11 with weights 10..2. */
function validNhs(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === d.charCodeAt(9) - 48 && !isTrivialSequence(d);
}

function dateScore(text: string, run: Run, a: number, b: number, lens: number[], sep: string): boolean {
  const v = (g: number) => Number(text.slice(run.gs[g], run.ge[g]));
  if (b - a === 3) {
    const [l0, l1, l2] = lens as [number, number, number];
    if (l0 === 4 && l1 <= 2 && l2 <= 2) return validDate(v(a), v(a + 1), v(a + 2));
    if (l0 <= 2 && l1 <= 2 && (l2 === 4 || l2 === 2)) {
      const y = l2 === 4 ? v(a + 2) : 2000 + v(a + 2);
      if (l2 === 4 && (y < 1900 || y > 2100)) return false;
      return validDate(y, v(a + 1), v(a)) || validDate(y, v(a), v(a + 1));
    }
    return false;
  }
  const [l0, l1] = lens as [number, number];
  if (l0 === 4 && l1 === 2 && (sep === '-' || sep === '/')) {
    const y = v(a);
    return y >= 1900 && y <= 2100 && v(a + 1) >= 1 && v(a + 1) <= 12;
  }
  if (l0 <= 2 && l1 === 4) {
    const y = v(a + 1);
    return y >= 1900 && y <= 2100 && v(a) >= 1 && v(a) <= 12;
  }
  // m/d or d/m: only with a slash and at least one two-digit part ("3/4" is a fraction).
  if (sep === '/' && l0 <= 2 && l1 <= 2 && (l0 === 2 || l1 === 2))
    return validDate(2000, v(a), v(a + 1)) || validDate(2000, v(a + 1), v(a));
  return false;
}

/** ISO 8601 time after a date: `T14:30`, `T14:30:00.123Z`, `T14:30:00+02:00`. Returns the new end. */
function extendIsoTime(text: string, end: number): number {
  ISO_TIME.lastIndex = end;
  return ISO_TIME.exec(text) ? ISO_TIME.lastIndex : end;
}

/** No recognizer takes fewer than 3 or more than 19 digits, or one-digit groups inside a long layout ("1 1 1 1 1"). */
function plausibleGroups(run: Run, a: number, b: number): boolean {
  let digits = 0;
  for (let g = a; g < b; g++) {
    const len = (run.ge[g] as number) - (run.gs[g] as number);
    digits += len;
    if (len === 1 && g !== a && g !== b - 1 && b - a > 4) return false;
  }
  if (digits < 3 || digits > 19) return false;
  // Below nine digits only dates, IPv4 addresses and postcodes remain; they need these layouts.
  if (b - a === 1) return digits === 5 || digits >= 9;
  const sep = run.sep[a + 1];
  return digits >= 9 || ((sep === '.' || sep === '/' || sep === '-') && b - a <= 4);
}

/**
 * Scans the digit run that starts at `p` (text[p] is a digit, text[p-1] is not). Pushes hits and
 * returns the index where scanning may resume.
 */
export function scanDigitRun(text: string, p: number, out: Hit[]): number {
  // Fast path: a lone group of at most four digits ("2024", "37%") is nothing on its own.
  let q = p;
  while (q < text.length && q - p < 5 && cls(text, q) === DIGIT) q++;
  if (q - p <= 4) {
    const cq = text.charCodeAt(q);
    // (A trunk prefix before a parenthesised area code, "0 (532) 123 45 67", starts a phone number.)
    const sepNext =
      (cq === 32 || cq === 45 || cq === 46 || cq === 47 || cq === 58) &&
      (cls(text, q + 1) === DIGIT || (cq === 32 && text.charCodeAt(q + 1) === 40 && cls(text, q + 2) === DIGIT));
    const before = text.charCodeAt(p - 1);
    if (!sepNext && before !== 43 && before !== 40) return q;
  }
  const run = parseRun(text, p);
  // Glued to a word, or the tail of a hyphenated token (a UUID's last group, "OPS-4821").
  const leftGlued =
    (cls(text, p - 1) & (UPPER | LOWER)) !== 0 || text.charCodeAt(p - 1) === 95 || (text[p - 1] === '-' && cls(text, p - 2) !== 0);
  const n = run.gs.length;
  let g = 0;
  let consumed = false;
  // The whole run is a date or an IPv4 address, or uses separators no phone number has.
  let notPhone = run.sep[1] === '/' || run.sep[1] === ':';
  while (g < n) {
    // A value does not start in the middle of a uniformly separated run ("51 824 753 5564" is one
    // number, not "824 753 5564"), unless what came before was itself recognised.
    if (g > 0 && !consumed && run.sep[g] === run.sep[g + 1]) {
      g++;
      continue;
    }
    let found: Hit | undefined;
    let used = 0;
    for (let b = Math.min(n, g + 7); b > g; b--) {
      if (!plausibleGroups(run, g, b)) continue;
      // A run of four-digit groups ("4024 5346 4606 8481", a card number that fails Luhn) is one
      // number: no value ends inside it (its first twelve digits are no Aadhaar).
      // Except a card number and the year of its expiry typed after it ("4539 5787 6362 1486 2027-05").
      if (b < n && g === 0 && fourDigitGroups(run, 0, b + 1) && run.sep[b] === run.sep[b - 1] && !cardThenYear(text, run, b)) continue;
      const h = classify(text, run, g, b, leftGlued && g === 0);
      if (h && h.score > 0 && (!found || h.score > found.score)) {
        found = h;
        used = b;
        // Longest layout first: a flagged reading of more groups wins over readings of fewer.
        if (h.score >= 0.5) break;
      }
    }
    if (found) {
      if (found.type === 'date') found.end = extendIsoTime(text, found.end);
      if (g === 0 && used === n && (found.type === 'date' || found.type === 'dob' || found.type === 'ip_address')) notPhone = true;
      out.push(found);
      g = used;
      consumed = true;
    } else {
      g++;
      consumed = false;
    }
  }
  if (!notPhone) scanPhone(text, p, out);
  return run.ge[n - 1] as number;
}

/** ' ', '-', '.', '(' or ')'. */
function isPhoneSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/**
 * Phone numbers in international (+CC ...) and national layouts, including parenthesised area
 * codes. `p` is the first digit; a leading `+` or `(` just before it is part of the number.
 */
/**
 * Whether the word that ends at `i` (exclusive) mixes letters and digits ("AA1", "1Z"): the digits
 * after it are the rest of a code (a UPS tracking number "1Z 999 AA1 01 2345 6784"), not a phone.
 */
function mixedCodeBefore(text: string, i: number): boolean {
  let letters = false;
  let digits = false;
  for (let k = i - 1; k >= 0 && i - k <= 12; k--) {
    const c = cls(text, k);
    if (c === DIGIT) digits = true;
    else if ((c & (UPPER | LOWER)) !== 0) letters = true;
    else break;
  }
  return letters && digits;
}

export function scanPhone(text: string, p: number, out: Hit[]): void {
  let start = p;
  let plus = false;
  // charCodeAt, not text[p - 2]: before the start of the text it gives NaN, where an undefined character would deoptimise the compare.
  if (text.charCodeAt(p - 1) === 43) {
    plus = true;
    start = p - 1;
  } else if (text.charCodeAt(p - 1) === 40 && text.charCodeAt(p - 2) !== 40) start = p - 1;
  if (
    isWordAt(text, start - 1) ||
    text[start - 1] === '+' ||
    text[start - 1] === '.' ||
    (text[start - 1] === '-' && cls(text, start - 2) === DIGIT) ||
    (text.charCodeAt(start - 1) === 32 && mixedCodeBefore(text, start - 1))
  )
    return;
  const lens: number[] = [];
  let digits = '';
  let i = p;
  let paren = false;
  let seps = '';
  for (;;) {
    const s = i;
    while (i < text.length && i - s < 16 && cls(text, i) === DIGIT) i++;
    digits += text.slice(s, i);
    lens.push(i - s);
    // Between groups: one of ' ', '-', '.', or a parenthesis with an optional space.
    let j = i;
    let k = 0;
    while (j < text.length && k < 3 && isPhoneSep(text.charCodeAt(j))) {
      if (text[j] === '(' || text[j] === ')') paren = true;
      j++;
      k++;
    }
    if (k === 0 || k > 2 || cls(text, j) !== DIGIT || lens.length >= 7) break;
    const gap = text.slice(i, j);
    if (gap === '..' || gap === '--' || gap === '  ' || gap === '. ' || gap === ' .' || gap === '-.' || gap === '.-') break;
    seps += gap;
    i = j;
  }
  // Bare digit strings (one group, no '+') are classified by scanDigitRun.
  if (lens.length === 1 && !plus) return;
  let end = i;
  if (text[end] === ')' && (seps.split('(').length !== seps.split(')').length || text[start] === '(')) return;
  // An extension glued to the number ("212-555-0100x12") is part of it, any other letter is not.
  if ((text[end] === 'x' || text[end] === 'X') && cls(text, end + 1) === DIGIT && lens.length >= 3) {
    let x = end + 1;
    while (x < text.length && x - end <= 6 && cls(text, x) === DIGIT) x++;
    if (!isWordAt(text, x)) end = x;
  }
  if (isWordAt(text, end)) return;
  if (text[end] === '.' && cls(text, end + 1) === DIGIT) return;
  scorePhone(text, start, end, i, plus, paren, digits, lens, seps, out);
}

/**
 * The layout rules of scanPhone for the number [start, end) (`groupsEnd`: where its digit groups end,
 * before an extension): pushes a phone hit when one matches. A function of its own so that scanPhone's
 * parse, which runs at every digit run, stays small and is optimised early.
 */
function scorePhone(
  text: string,
  start: number,
  end: number,
  groupsEnd: number,
  plus: boolean,
  paren: boolean,
  digits: string,
  lens: number[],
  seps: string,
  out: Hit[],
): void {
  const n = digits.length;
  const groups = lens.length;
  const dotted = seps.includes('.');
  if (dotted && !plus && groups >= 3 && lens.every((l) => l <= 4) && n <= 8) return;
  let score = 0;
  let rule = '';
  // "00" is the international call prefix in most of the world: "0044 20 7946 0958".
  // (The first group's length is tested before the third digit is read: it may not exist, and reading past the end would deoptimise.)
  const intl00 = !plus && digits.startsWith('00') && lens[0]! >= 4 && lens[0]! <= 5 && groups >= 3 && digits.charAt(2) !== '0';
  if (plus || intl00) {
    const cc = plus ? digits : digits.slice(2);
    if (cc.length >= 8 && cc.length <= 15 && cc.charAt(0) !== '0') {
      score = 0.8;
      rule = 'phone.e164';
    }
  } else if (n === 10 || (n === 11 && digits.charAt(0) === '1' && lens[0] === 1)) {
    const core = n === 11 ? digits.slice(1) : digits;
    const l = n === 11 ? lens.slice(1) : lens;
    const nanp = l.length === 3 && l[0] === 3 && l[1] === 3 && l[2] === 4;
    if (nanp && core.charCodeAt(0) >= 50 && core.charCodeAt(3) >= 50 && !(dotted && !paren && !hasContext(text, start, end, CTX_PHONE))) {
      score = 0.75;
      rule = 'phone.nanp';
    } else if (nanp && !dotted && hasContext(text, start, end, CTX_PHONE)) {
      // Example-style numbers (555-123-4567) break the exchange rule but are written and labelled as phones.
      score = 0.7;
      rule = 'phone.nanp.context';
    } else if (nanp && paren && text[start] === '(' && core.charCodeAt(0) >= 50 && seps.charAt(0) === ')') {
      // "(555) 123-4567": the parenthesised area code is a layout only phone numbers use.
      score = 0.6;
      rule = 'phone.nanp.paren';
    }
  }
  // Chinese mobile numbers in their usual 3-4-4 grouping: 1 then 3-9 ("138 1234 5678").
  if (!score && !plus && n === 11 && groups === 3 && lens[0] === 3 && lens[1] === 4 && lens[2] === 4 && digits.charAt(0) === '1') {
    if (digits.charCodeAt(1) >= 51 && !dotted) {
      score = 0.65;
      rule = 'phone.cn_mobile';
    }
  }
  // A local number without its area code ("555-0132") only when labelled as a phone.
  // Not a price range ("$200-1000+") or a percentage.
  const money = '$€£¥'.includes(text[start - 1] as string) || text[end] === '+' || text[end] === '%';
  if (!score && !plus && groups === 2 && lens[0] === 3 && lens[1] === 4 && seps === '-' && digits.charCodeAt(0) >= 50 && !money) {
    if (hasContext(text, start, end, CTX_PHONE)) {
      score = 0.55;
      rule = 'phone.local.context';
    }
  }
  // Nine digits with the trunk 0 (Israel "02-6486789", Belgium "02 123 45 67", "071 12 34 56"): a short area code first.
  // Three groups of three are the layout of other national numbers (a SIN cannot start with 0, but is written so).
  if (
    !score &&
    !plus &&
    n === 9 &&
    digits.charAt(0) === '0' &&
    digits.charAt(1) !== '0' &&
    (lens[0] === 2 || (lens[0] === 3 && groups >= 4))
  ) {
    if (lens.every((l) => l >= 2) && !dotted) {
      score = 0.6;
      rule = 'phone.national9';
    }
  }
  if (!score && !plus && digits.charAt(0) === '0' && digits.charAt(1) !== '0' && n >= 10 && n <= 11 && groups >= 2) {
    if (
      (groups === 2 ? lens.every((l) => l >= 2 && l <= 8) : lens.every((l) => l >= 2 && l <= 5)) ||
      (lens[0] === 1 && lens.slice(1).every((l) => l >= 2))
    ) {
      score = 0.65;
      rule = 'phone.national';
    }
  }
  // Turkish numbers written without the trunk 0: 3-3-2-2 ("532 123 45 67").
  if (!score && !plus && n === 10 && lens.join() === '3,3,2,2' && digits.charCodeAt(0) >= 50 && digits.charCodeAt(0) <= 53) {
    score = 0.65;
    rule = 'phone.tr';
  }
  if (!score && !plus && n === 10 && groups === 2 && lens[0] === 5 && digits.charCodeAt(0) >= 54) {
    score = 0.6;
    rule = 'phone.in';
  }
  if (!score) return;
  if (hasContext(text, start, end, CTX_PHONE)) score = Math.min(0.95, Math.round((score + 0.15) * 100) / 100);
  out.push(hit('phone', start, paren && text[start] === '(' && !seps.includes(')') ? groupsEnd : end, score, rule));
}

// Check-digit and structure validators for the PII scanner. Each takes the value with separators
// already removed (digits and upper-case letters only) and answers whether the number is internally
// consistent. A passing checksum is what lets a bare number be reported with high confidence.

const ZERO = 48;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - ZERO;
}

export function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Luhn (ISO/IEC 7812-1) over a digit string, check digit last. */
export function luhn(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= 0; i--) {
    let d = digitAt(s, i);
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Every character the same, or a short ascending/descending run ("123456789"): placeholder data, not a real number. */
export function isTrivialSequence(s: string): boolean {
  let same = true;
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    if (a !== b) same = false;
    if ((a - ZERO + 1) % 10 !== b - ZERO) up = false;
    if ((b - ZERO + 1) % 10 !== a - ZERO) down = false;
  }
  if (same || ((up || down) && s.length <= 10)) return true;
  // All but one digit the same ("1111111112").
  const counts = new Array<number>(128).fill(0);
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i)] = (counts[s.charCodeAt(i)] as number) + 1;
  return Math.max(...counts) >= s.length - 1;
}

// Issuer identification number prefixes (ISO/IEC 7812) of the card networks, with their lengths.
// A Luhn-valid number that no network issues is far more often an order or account id.
export function cardNetwork(d: string): string | undefined {
  const n = d.length;
  const p1 = digitAt(d, 0);
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (p1 === 4 && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p4 === 3095) {
    if (n >= 14 && n <= 19) return 'diners';
  }
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'discover';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return 'maestro';
  if (p1 === 1 && n === 15) return 'uatp';
  if (p4 >= 2200 && p4 <= 2204 && n === 16) return 'mir';
  return undefined;
}

// IBAN lengths per country (ISO 13616 registry).
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** A country that issues IBANs (ISO 13616 registry), upper case. */
export function ibanCountry(cc: string): boolean {
  return IBAN_LENGTH[cc] !== undefined;
}

/** IBAN: known country, registered length, ISO 7064 mod 97-10 = 1. `s` upper-case, no spaces. */
export function validIban(s: string): boolean {
  const want = IBAN_LENGTH[s.slice(0, 2)];
  if (want === undefined || s.length !== want) return false;
  let rem = 0;
  const rearranged = s.slice(4) + s.slice(0, 4);
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** US SSN area/group/serial ranges (SSA): area not 000, 666 or 9xx, group not 00, serial not 0000. */
export function ssnRangesOk(d: string): boolean {
  const area = Number(d.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && Number(d.slice(3, 5)) !== 0 && Number(d.slice(5)) !== 0;
}

/** A plausible issued SSN: valid ranges, and not an advertising or placeholder number; `d` is 9 digits. */
export function validSsn(d: string): boolean {
  if (!ssnRangesOk(d)) return false;
  // Published in advertising (Woolworth wallet card, 1938) and used by thousands since: never a person's.
  if (d === '078051120' || d === '219099999') return false;
  return !isTrivialSequence(d);
}

/** US ITIN: 9xx, group 50-65, 70-88, 90-92 or 94-99 (IRS). */
export function validItin(d: string): boolean {
  if (d.charCodeAt(0) !== 57) return false;
  const g = Number(d.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] as number);
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI/NIF (8 digits + letter) and NIE ([XYZ] + 7 digits + letter): mod-23 control letter. */
export function validEsId(s: string): boolean {
  let body = s.slice(0, -1);
  const letter = s.charAt(s.length - 1);
  const first = body.charAt(0);
  if (first === 'X') body = `0${body.slice(1)}`;
  else if (first === 'Y') body = `1${body.slice(1)}`;
  else if (first === 'Z') body = `2${body.slice(1)}`;
  if (body.length !== 8 || !isDigits(body)) return false;
  return NIF_LETTERS.charAt(Number(body) % 23) === letter;
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Italian codice fiscale check character (positions alternate between two value tables). */
export function validItFiscalCode(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 === 0 ? (CF_ODD[v] as number) : v;
  }
  return s.charCodeAt(15) - 65 === sum % 26;
}

const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Finnish henkilötunnus DDMMYYCZZZQ: valid date, century sign, mod-31 check character. */
export function validHetu(s: string): boolean {
  const sign = s.charAt(6);
  let century: number;
  if (sign === '+') century = 1800;
  else if ('-YXWVU'.includes(sign)) century = 1900;
  else if ('ABCDEF'.includes(sign)) century = 2000;
  else return false;
  const dd = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const yy = Number(s.slice(4, 6));
  if (!validDate(century + yy, mm, dd)) return false;
  const n = Number(s.slice(0, 6) + s.slice(7, 10));
  return HETU_CHECK.charAt(n % 31) === s.charAt(10);
}

/** Swedish personnummer / samordningsnummer: 10 digits YYMMDDNNNC (or the 12-digit form), Luhn. */
export function validSePersonnummer(d: string): boolean {
  const ten = d.length === 12 ? d.slice(2) : d;
  if (d.length === 12) {
    const cc = Number(d.slice(0, 2));
    if (cc < 18 || cc > 20) return false;
  }
  const mm = Number(ten.slice(2, 4));
  let dd = Number(ten.slice(4, 6));
  if (dd > 60) dd -= 60; // samordningsnummer
  if (!validDate(2000, mm, dd)) return false;
  return luhn(ten);
}

/** Swedish organisationsnummer: 10 digits, third digit >= 2, Luhn. */
export function validSeOrgNummer(d: string): boolean {
  return d.length === 10 && digitAt(d, 2) >= 2 && luhn(d);
}

/** Polish PESEL: weighted check digit and a valid birth date (century encoded in the month). */
export function validPesel(d: string): boolean {
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digitAt(d, i) * (w[i] as number);
  if ((10 - (sum % 10)) % 10 !== digitAt(d, 10)) return false;
  let mm = Number(d.slice(2, 4));
  let year = Number(d.slice(0, 2));
  if (mm > 80) {
    year += 1800;
    mm -= 80;
  } else if (mm > 60) {
    year += 2200;
    mm -= 60;
  } else if (mm > 40) {
    year += 2100;
    mm -= 40;
  } else if (mm > 20) {
    year += 2000;
    mm -= 20;
  } else year += 1900;
  return validDate(year, mm, Number(d.slice(4, 6)));
}

/** Dutch BSN: 9 digits, "11-proof" with the last weight -1. */
export function validBsn(d: string): boolean {
  if (d.length !== 9 || d === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(d, i) * (9 - i);
  sum -= digitAt(d, 8);
  return sum % 11 === 0;
}

/**
 * French NIR (numéro de sécurité sociale): 13 characters + 2-digit key = 97 - (n mod 97), the
 * Corsican départements 2A and 2B counted as 19 and 18. The first digit is the sex (1, 2), or 3 for
 * a foreigner being registered, 7 or 8 for a temporary number; the month 01-12, or 20-42 and 50-99
 * when the birth month is unknown.
 */
export function validNir(s: string): boolean {
  if (s.length !== 15) return false;
  const sex = s.charAt(0);
  if (sex !== '1' && sex !== '2' && sex !== '3' && sex !== '7' && sex !== '8') return false;
  let body = s.slice(0, 13);
  if (body.slice(5, 7) === '2A') body = `${body.slice(0, 5)}19${body.slice(7)}`;
  else if (body.slice(5, 7) === '2B') body = `${body.slice(0, 5)}18${body.slice(7)}`;
  if (!isDigits(body) || !isDigits(s.slice(13))) return false;
  const mm = Number(s.slice(3, 5));
  if (!((mm >= 1 && mm <= 12) || (mm >= 20 && mm <= 42) || mm >= 50)) return false;
  return 97 - Number(BigInt(body) % 97n) === Number(s.slice(13));
}

/** Belgian national number YYMMDDSSSCC: 97 - (first 9 mod 97), with a 2 prefixed for 2000+ births. */
export function validBeNationalNumber(d: string): boolean {
  if (d.length !== 11) return false;
  const check = Number(d.slice(9));
  const base = Number(d.slice(0, 9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/** Brazilian CPF: 11 digits, two mod-11 check digits (weights 10..2, then 11..2); not one repeated digit. */
export function validCpf(d: string): boolean {
  if (d.length !== 11 || isTrivialSequence(d)) return false;
  for (let n = 9; n <= 10; n++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += digitAt(d, i) * (n + 1 - i);
    const r = (sum * 10) % 11;
    if ((r === 10 ? 0 : r) !== digitAt(d, n)) return false;
  }
  return true;
}

/** German Steuer-IdNr: 11 digits, ISO 7064 mod 11,10, and one digit repeated in the first ten. */
export function validDeTaxId(d: string): boolean {
  if (d.length !== 11 || d.charAt(0) === '0') return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[digitAt(d, i)] = (counts[digitAt(d, i)] as number) + 1;
  // Since 2016 exactly one digit repeats (twice or three times); earlier numbers have all ten distinct.
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length > 1 || (repeated[0] ?? 0) > 3) return false;
  return mod11_10(d.slice(0, 10)) === digitAt(d, 10);
}

/** ISO 7064 MOD 11,10 check digit of a digit string. */
export function mod11_10(body: string): number {
  let product = 10;
  for (let i = 0; i < body.length; i++) {
    let sum = (digitAt(body, i) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** German USt-IdNr: DE + 8 digits + ISO 7064 mod 11,10 check digit. */
export function validDeVatId(d: string): boolean {
  return d.length === 9 && mod11_10(d.slice(0, 8)) === digitAt(d, 8);
}

function icaoValue(c: number): number {
  // '<' (the filler) counts 0, digits their value, A-Z 10-35.
  return c === 60 ? 0 : c <= 57 ? c - 48 : c - 55;
}

/** ICAO 9303 check digit (weights 7, 3, 1) over `body`, compared with `check`. */
export function icaoCheck(body: string, check: string): boolean {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += icaoValue(body.charCodeAt(i)) * (w[i % 3] as number);
  return sum % 10 === check.charCodeAt(0) - 48;
}

/** German Rentenversicherungsnummer: area, birth date, initial, serial, check digit (VKVV § 4). */
export function validDeRvnr(s: string): boolean {
  const day = Number(s.slice(2, 4));
  const month = Number(s.slice(4, 6));
  if (!((day >= 1 && day <= 31) || (day >= 51 && day <= 81)) || month < 1 || month > 12) return false;
  const letter = String(s.charCodeAt(8) - 64).padStart(2, '0');
  const eff = s.slice(0, 8) + letter + s.slice(9, 11);
  const w = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const p = digitAt(eff, i) * (w[i] as number);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10 === digitAt(s, 11);
}

/** German Krankenversichertennummer: letter + 8 digits + check digit (letter as 01-26, weights 1,2, cross-sums). */
export function validDeKvnr(s: string): boolean {
  const v = String(s.charCodeAt(0) - 64).padStart(2, '0') + s.slice(1, 9);
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const p = digitAt(v, i) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 10) + (p % 10);
  }
  return sum % 10 === digitAt(s, 9);
}

/** German lebenslange Arztnummer: 6-digit id, check digit (weights 4, 9), 2-digit specialty group. */
export function validDeLanr(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += digitAt(d, i) * (i % 2 === 0 ? 4 : 9);
  return (10 - (sum % 10)) % 10 === digitAt(d, 6);
}

/** Thai national id: 13 digits, weighted mod 11. */
export function validThaiId(d: string): boolean {
  if (d.charAt(0) === '0' || d.charAt(0) === '9') return false;
  // Digits 2-3 are the province code of the registering office.
  const prov = Number(d.slice(1, 3));
  const provOk =
    (prov >= 10 && prov <= 27) ||
    (prov >= 30 && prov <= 58) ||
    (prov >= 60 && prov <= 67) ||
    (prov >= 70 && prov <= 77) ||
    (prov >= 80 && prov <= 86) ||
    (prov >= 90 && prov <= 96);
  if (!provOk) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digitAt(d, i) * (13 - i);
  return (11 - (sum % 11)) % 10 === digitAt(d, 12);
}

/** Turkish T.C. Kimlik No: 11 digits, two check digits. */
export function validTrId(d: string): boolean {
  if (d.charAt(0) === '0') return false;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 9; i += 2) odd += digitAt(d, i);
  for (let i = 1; i < 8; i += 2) even += digitAt(d, i);
  const c10 = (((odd * 7 - even) % 10) + 10) % 10;
  if (c10 !== digitAt(d, 9)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digitAt(d, i);
  return sum % 10 === digitAt(d, 10);
}

/** South African id: YYMMDD SSSS C A Z, valid date, citizenship 0/1/2, Luhn. */
export function validZaId(d: string): boolean {
  const mm = Number(d.slice(2, 4));
  const dd = Number(d.slice(4, 6));
  if (!validDate(2000, mm, dd)) return false;
  const c = digitAt(d, 10);
  if (c > 2) return false;
  return luhn(d);
}

/** Korean resident / foreigner registration number: valid birth date and a known gender/century digit. */
export function validKrRrnShape(d: string): boolean {
  const g = digitAt(d, 6);
  if (g < 1 || g > 8) return false;
  const century = g === 1 || g === 2 || g === 5 || g === 6 ? 1900 : 2000;
  return validDate(century + Number(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4, 6)));
}

/** Korean business registration number: 10 digits, weighted check. */
export function validKrBrn(d: string): boolean {
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(d, i) * (w[i] as number);
  sum += Math.floor((digitAt(d, 8) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digitAt(d, 9);
}

/** Canadian SIN: 9 digits, Luhn, first digit not 0 or 8. */
export function validCaSin(d: string): boolean {
  const f = d.charAt(0);
  return f !== '0' && f !== '8' && luhn(d) && !isTrivialSequence(d);
}

/** Australian business number: subtract 1 from the first digit, weighted sum mod 89. */
export function validAuAbn(d: string): boolean {
  const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += (digitAt(d, i) - (i === 0 ? 1 : 0)) * (w[i] as number);
  return sum % 89 === 0 && d !== '00000000000';
}

/** Australian company number: 9 digits, weights 8..1, complement mod 10. */
export function validAuAcn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(d, i) * (8 - i);
  return (10 - (sum % 10)) % 10 === digitAt(d, 8);
}

/** Australian tax file number: 9 digits, weighted sum mod 11. */
export function validAuTfn(d: string): boolean {
  const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(d, i) * (w[i] as number);
  return sum % 11 === 0 && !isTrivialSequence(d);
}

/** Australian Medicare number: first digit 2-6, weighted check digit at position 9, issue digit. */
export function validAuMedicare(d: string): boolean {
  const f = digitAt(d, 0);
  if (f < 2 || f > 6) return false;
  const w = [1, 3, 7, 9, 1, 3, 7, 9];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(d, i) * (w[i] as number);
  return sum % 10 === digitAt(d, 8);
}

/** US National Provider Identifier: Luhn over the 80840 prefix plus the 10 digits. */
export function validNpi(d: string): boolean {
  const f = d.charAt(0);
  return (f === '1' || f === '2') && luhn(`80840${d}`);
}

/** ABA routing transit number: weights 3, 7, 1. */
export function validAba(d: string): boolean {
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(d, i) * (w[i % 3] as number);
  const p = Number(d.slice(0, 2));
  const prefixOk = p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
  return sum % 10 === 0 && prefixOk && !isTrivialSequence(d) && d !== '000000000';
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Indian Aadhaar: 12 digits, first 2-9, Verhoeff checksum. */
export function validAadhaar(d: string): boolean {
  const f = digitAt(d, 0);
  if (f < 2) return false;
  let c = 0;
  for (let i = 0; i < d.length; i++) {
    const row = VERHOEFF_P[i % 8] as number[];
    c = (VERHOEFF_D[c] as number[])[row[digitAt(d, d.length - 1 - i)] as number] as number;
  }
  return c === 0 && !isTrivialSequence(d);
}

/** Indian GSTIN: state code 01-38, PAN, entity digit, Z, mod-36 check character. */
export function validGstin(s: string): boolean {
  const state = Number(s.slice(0, 2));
  if (state < 1 || state > 37) return false;
  const cs = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const v = cs.indexOf(s.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(v / 36) + (v % 36);
  }
  return cs.charAt((36 - (sum % 36)) % 36) === s.charAt(14);
}

/** Italian partita IVA: 11 digits, Luhn-like check. */
export function validItVat(d: string): boolean {
  if (d === '00000000000') return false;
  return luhn(d);
}

/** Singapore NRIC/FIN check letter. */
export function validSgNric(s: string): boolean {
  const w = [2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += digitAt(s, i + 1) * (w[i] as number);
  const p = s.charAt(0);
  if (p === 'T' || p === 'G') sum += 4;
  if (p === 'M') sum += 3;
  const r = sum % 11;
  const st = 'JZIHGFEDCBA';
  const fg = 'XWUTRQPNMLK';
  const m = 'KLJNPQRTUWX';
  const table = p === 'S' || p === 'T' ? st : p === 'F' || p === 'G' ? fg : m;
  return table.charAt(r) === s.charAt(8);
}

/** Korean RRN/FRN check digit (numbers issued before October 2020 carry one). */
export function validKrRrnCheck(d: string): boolean {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digitAt(d, i) * (w[i] as number);
  return (11 - (sum % 11)) % 10 === digitAt(d, 12);
}

/**
 * US DEA registration number: a registrant-type letter, the registrant's initial (or 9), seven digits;
 * (d1 + d3 + d5) + 2 * (d2 + d4 + d6) ends in the seventh digit.
 */
export function validDea(s: string): boolean {
  if (s.length !== 9 || !'ABCDEFGHJKLMPRSTUX'.includes(s.charAt(0))) return false;
  const c1 = s.charCodeAt(1);
  if (!((c1 >= 65 && c1 <= 90) || c1 === 57)) return false;
  const d = s.slice(2);
  if (!isDigits(d)) return false;
  const sum = digitAt(d, 0) + digitAt(d, 2) + digitAt(d, 4) + 2 * (digitAt(d, 1) + digitAt(d, 3) + digitAt(d, 5));
  return sum % 10 === digitAt(d, 6) && !isTrivialSequence(d);
}

const UEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWX0123456789';

/**
 * Singapore UEN check letter (ACRA): businesses "nnnnnnnnX" (weights 10 4 9 3 8 2 7 1, mod 11 over
 * XMKECAWLJDB), local companies "yyyynnnnnX" (weights 10 8 6 4 9 7 5 3 1, mod 11 over ZKCMDNERGWH),
 * other entities "TyyPQnnnnX" (weights 4 3 5 3 10 2 2 5 7 over the UEN alphabet, (sum - 5) mod 11).
 */
export function validSgUen(s: string): boolean {
  const n = s.length;
  if (n === 9 || (n === 10 && isDigits(s.slice(0, 9)))) {
    if (!isDigits(s.slice(0, n - 1))) return false;
    const w = n === 9 ? [10, 4, 9, 3, 8, 2, 7, 1] : [10, 8, 6, 4, 9, 7, 5, 3, 1];
    let sum = 0;
    for (let i = 0; i < n - 1; i++) sum += digitAt(s, i) * (w[i] as number);
    return (n === 9 ? 'XMKECAWLJDB' : 'ZKCMDNERGWH').charAt(sum % 11) === s.charAt(n - 1);
  }
  if (n !== 10) return false;
  const w = [4, 3, 5, 3, 10, 2, 2, 5, 7];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += UEN_ALPHABET.indexOf(s.charAt(i)) * (w[i] as number);
  return UEN_ALPHABET.charAt((((sum - 5) % 11) + 11) % 11) === s.charAt(9);
}
/** Swiss AHV/AVS number (since 2008): 756, nine digits and an EAN-13 check digit. */
export function validChAhv(d: string): boolean {
  if (d.length !== 13 || !d.startsWith('756') || !isDigits(d)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === d.charCodeAt(12) - 48 && !isTrivialSequence(d.slice(3, 12));
}

/** Irish PPS number: seven digits, a check letter (mod 23) and an optional second letter (A, B, H or W). */
export function validIePps(s: string): boolean {
  const v = s.toUpperCase();
  if (v.length < 8 || v.length > 9 || !isDigits(v.slice(0, 7))) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (v.charCodeAt(i) - 48) * (8 - i);
  const second = v.charAt(8);
  if (second !== '' && second !== 'W') {
    if (!'ABH'.includes(second)) return false;
    sum += (second.charCodeAt(0) - 64) * 9;
  }
  return 'WABCDEFGHIJKLMNOPQRSTUV'.charAt(sum % 23) === v.charAt(7) && !isTrivialSequence(v.slice(0, 7));
}

/** Portuguese NIF: nine digits, a first digit in use for people or companies, mod-11 check digit. */
export function validPtNif(d: string): boolean {
  if (d.length !== 9 || !isDigits(d) || !'1235689'.includes(d.charAt(0))) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d.charCodeAt(i) - 48) * (9 - i);
  const r = 11 - (sum % 11);
  return (r >= 10 ? 0 : r) === d.charCodeAt(8) - 48 && !isTrivialSequence(d);
}

/** Danish CPR number: DDMMYY and four digits (the mod-11 check was dropped in 2007, so only the date is checked). */
export function validDkCpr(d: string): boolean {
  if (d.length !== 10 || !isDigits(d)) return false;
  const dd = Number(d.slice(0, 2));
  const mm = Number(d.slice(2, 4));
  const yy = Number(d.slice(4, 6));
  return validDate(1900 + yy, mm, dd) || validDate(2000 + yy, mm, dd);
}

/** Romanian CNP: sex/century digit, YYMMDD, county (01-52), serial, and a weighted check digit (279146358279 mod 11, 10 -> 1). */
export function validRoCnp(d: string): boolean {
  if (d.length !== 13 || !isDigits(d)) return false;
  const s = Number(d.charAt(0));
  if (s < 1 || s > 8) return false;
  const century = s <= 2 ? 1900 : s <= 4 ? 1800 : s <= 6 ? 2000 : 1900;
  const yy = Number(d.slice(1, 3));
  const mm = Number(d.slice(3, 5));
  const dd = Number(d.slice(5, 7));
  if (!validDate(century + yy, mm, dd) && !(s >= 7 && validDate(2000 + yy, mm, dd))) return false;
  const county = Number(d.slice(7, 9));
  if (county < 1 || county > 52) return false;
  const w = '279146358279';
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d.charAt(i)) * Number(w.charAt(i));
  const check = sum % 11;
  return (check === 10 ? 1 : check) === Number(d.charAt(12));
}

/** Czech and Slovak birth number (rodné číslo, since 1954): YYMMDD (+50 or +20/+70 to the month) and four digits, divisible by 11. */
export function validCzBirthNumber(d: string): boolean {
  if (d.length !== 10 || !isDigits(d)) return false;
  let mm = Number(d.slice(2, 4));
  if (mm > 70) mm -= 70;
  else if (mm > 50) mm -= 50;
  else if (mm > 20) mm -= 20;
  const yy = Number(d.slice(0, 2));
  if (!validDate(yy < 54 ? 2000 + yy : 1900 + yy, mm, Number(d.slice(4, 6)))) return false;
  const n = BigInt(d);
  // Numbers whose first nine digits left remainder 10 carry a check digit of 0 (issued until 1985).
  return n % 11n === 0n || (Number(BigInt(d.slice(0, 9)) % 11n) === 10 && d.charAt(9) === '0');
}

// Province codes that open a Chinese resident identity number (GB/T 2260 first two digits; 71, 81-83 for Taiwan, Hong Kong, Macau residents).
const CN_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);
const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** Chinese resident identity number (GB 11643): province, birth date YYYYMMDD at 6..14, ISO 7064 MOD 11-2 check character. */
export function validCnResidentId(s: string): boolean {
  if (s.length !== 18 || !CN_PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2030 || !validDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = digitAt(s, i);
    if (d < 0 || d > 9) return false;
    sum += d * (CN_WEIGHTS[i] as number);
  }
  return CN_CHECK.charAt(sum % 11) === s.charAt(17);
}

/** Hong Kong identity card number: one or two letters, six digits, a mod-11 check character (0-9 or A); `s` without the parentheses. */
export function validHkid(s: string): boolean {
  const letters = s.length === 9 ? 2 : 1;
  if (s.length !== 8 && s.length !== 9) return false;
  // A single letter counts as a space (36) in the first position.
  let sum = letters === 1 ? 36 * 9 : 0;
  let w = letters === 1 ? 8 : 9;
  for (let i = 0; i < s.length - 1; i++, w--) {
    const c = s.charCodeAt(i);
    const v = i < letters ? c - 55 : c - ZERO;
    if (i < letters ? c < 65 || c > 90 : v < 0 || v > 9) return false;
    sum += v * w;
  }
  const check = (11 - (sum % 11)) % 11;
  return s.charAt(s.length - 1) === (check === 10 ? 'A' : String(check));
}

// Taiwan national id: the letter's two-digit code (A=10 ... in the order of the issuing regions, I/O/W/X/Y/Z out of sequence).
const TW_LETTER = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** Taiwan national identification number: a region letter, 1 or 2 (sex), seven digits and a check digit (weights 1,9,8,...,1, mod 10). */
export function validTwId(s: string): boolean {
  if (s.length !== 10) return false;
  const k = TW_LETTER.indexOf(s.charAt(0));
  const sex = s.charAt(1);
  if (k < 0 || (sex !== '1' && sex !== '2')) return false;
  const code = k + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) {
    const d = digitAt(s, i);
    if (d < 0 || d > 9) return false;
    sum += d * (9 - i);
  }
  const last = digitAt(s, 9);
  return last >= 0 && last <= 9 && (sum + last) % 10 === 0;
}

// ISO 3779 VIN transliteration (letters to 1-9; I, O, Q are not used) and position weights.
const VIN_VALUES = '012345678912345678.12345.7.923456789';
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Whether a 17-character upper-case VIN uses only its alphabet (no I, O, Q). */
export function vinAlphabet(s: string): boolean {
  if (s.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) || c === 73 || c === 79 || c === 81) return false;
  }
  return true;
}

/** North American VIN check digit (49 CFR 565.15): the weighted sum mod 11 at position 9 ('X' for 10). */
export function validVinCheck(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    const v = c <= 57 ? c - ZERO : Number(VIN_VALUES.charAt(c - 55));
    sum += v * (VIN_WEIGHTS[i] as number);
  }
  const check = sum % 11;
  return s.charAt(8) === (check === 10 ? 'X' : String(check));
}

/** Chile's RUT/RUN: the body's digits weighted 2..7 from the right, mod 11; 11 is "0", 10 is "K". */
export function validClRut(body: string, check: string): boolean {
  let sum = 0;
  for (let i = body.length - 1, w = 2; i >= 0; i--, w = w === 7 ? 2 : w + 1) sum += Number(body[i]) * w;
  const r = 11 - (sum % 11);
  const expected = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  return check.toUpperCase() === expected;
}

/** Malaysia's MyKad number YYMMDD-PB-###G: a birth date and a place-of-birth code in use. */
export function validMyKad(d: string): boolean {
  const mm = Number(d.slice(2, 4));
  const dd = Number(d.slice(4, 6));
  if (!validDate(2000, mm, dd)) return false;
  const pb = Number(d.slice(6, 8));
  return (
    (pb >= 1 && pb <= 16) ||
    (pb >= 21 && pb <= 59) ||
    (pb >= 60 && pb <= 68) ||
    pb === 71 ||
    pb === 72 ||
    (pb >= 74 && pb <= 79) ||
    (pb >= 82 && pb <= 93) ||
    pb === 98 ||
    pb === 99
  );
}

const CURP_CHARS = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** Mexico's CURP: the 18th character is 10 − (Σ value(c_i)·(18 − i) mod 10), over the first 17 (RENAPO's rule). */
export function validCurp(s: string): boolean {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CURP_CHARS.indexOf(s[i] as string);
    if (v < 0) return false;
    sum += v * (18 - i);
  }
  return (10 - (sum % 10)) % 10 === Number(s[17]);
}

const RFC_CHARS = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/**
 * Mexico's RFC of a person (13 characters: four letters, the birth date, a two-character homoclave
 * and a check character): 11 − (Σ value(c_i)·(13 − i) mod 11) over the first 12, 10 written "A".
 * The generic RFCs of the public (XAXX010101000) and of foreigners (XEXX010101000) are nobody's.
 */
export function validMxRfc(s: string): boolean {
  if (s.length !== 13 || s === 'XAXX010101000' || s === 'XEXX010101000') return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const v = RFC_CHARS.indexOf(s[i] as string);
    if (v < 0) return false;
    sum += v * (13 - i);
  }
  const r = 11 - (sum % 11);
  const check = r === 11 ? '0' : r === 10 ? 'A' : String(r);
  return s[12] === check;
}

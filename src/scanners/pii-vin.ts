// Vehicle identification numbers (ISO 3779): 17 letters and digits without I, O and Q. The scanner's
// pass calls scanVin only at a token of exactly 17 ASCII letters and digits with both kinds present,
// so hashes, keys and SKUs of other lengths never get here; this module decides on the rest.

import { compact, type Hit, hasWordContext, LOWER, looksNonPersonal } from './pii-core.js';
import { validVinCheck, vinAlphabet } from './pii-validators.js';

const CTX_VIN = [
  'vin',
  'vehicle',
  'chassis',
  'fahrgestell',
  'fahrzeug',
  'car',
  'truck',
  'motorcycle',
  'véhicule',
  'vehículo',
  'bastidor',
  'veicolo',
  'telaio',
  'chassi',
  '车架号',
  '车辆识别',
  '車台番号',
  '차대번호',
];
// Labels right before the value that name it a VIN: enough without the check digit, which only
// North American VINs carry (European ones have a filler at position 9).
const STRONG_VIN = [
  'vin',
  'vin no',
  'vin nr',
  'vin number',
  'fin',
  'fahrgestellnummer',
  'fahrgestell-nr',
  'chassis',
  'chassis no',
  'chassis number',
  'número de bastidor',
  'numero di telaio',
  'numéro vin',
  '车架号',
  '車台番号',
  '차대번호',
];

// Words that name the value a VIN wherever they stand in the window.
const VIN_WORDS = ['vin', 'vins', 'chassis', 'fahrgestellnummer', 'fahrzeug-identifizierungsnummer', '车架号', '車台番号', '차대번호'];

function isHexLetter(c: number): boolean {
  return c >= 65 && c <= 70;
}

/** Whether one of the strong labels ends within a few characters before `p` ("VIN: ", "VIN #", "车架号："). */
function labelledVin(text: string, p: number): boolean {
  const pre = text.slice(Math.max(0, p - 24), p).toLowerCase();
  let end = pre.length;
  while (end > 0 && ' :#=.\'"(\u3000：'.includes(pre.charAt(end - 1))) end--;
  // "VIN is 1HG…", "VIN lautet …": one short verb between the label and the value.
  const words = pre.slice(0, end);
  for (const w of STRONG_VIN) {
    if (words.endsWith(w) || words.endsWith(`${w} is`) || words.endsWith(`${w} ist`) || words.endsWith(`${w} lautet`)) {
      const before = words.charCodeAt(words.lastIndexOf(w) - 1);
      if (!(before >= 97 && before <= 122)) return true;
    }
  }
  return false;
}

/** `[p, end)` is a 17-character token of ASCII letters and digits with both kinds (`kinds`: its class bits). */
export function scanVin(text: string, p: number, end: number, kinds: number, out: Hit[]): void {
  const v = compact(text, p, end);
  if (!vinAlphabet(v)) return;
  // The serial part (positions 14-17) is numeric for every manufacturer; hashes and keys rarely end in four digits.
  for (let i = 13; i < 17; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return;
  }
  const lowerCase = (kinds & LOWER) !== 0;
  if (labelledVin(text, p)) {
    out.push({ type: 'vehicle_id', start: p, end, score: validVinCheck(v) ? 0.95 : 0.8, rule: 'vin.label' });
    return;
  }
  const check = validVinCheck(v);
  const context = hasWordContext(text, p, end, CTX_VIN);
  if (check && context) {
    out.push({ type: 'vehicle_id', start: p, end, score: 0.9, rule: 'vin.check.context' });
    return;
  }
  // Otherwise upper case (VINs are printed so), and a letter beyond A-F (an upper-case hex string is not a VIN).
  if (lowerCase || looksNonPersonal(text, p)) return;
  let letters = 0;
  let beyondHex = false;
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i);
    if (c >= 65) {
      letters++;
      if (!isHexLetter(c)) beyondHex = true;
    }
  }
  if (!beyondHex || letters < 2 || embedded(text, p, end)) return;
  if (check) out.push({ type: 'vehicle_id', start: p, end, score: 0.75, rule: 'vin.check' });
  // No check digit (European VINs have none) and no label right before: a VIN word nearby ("VIN", "chassis") and a
  // five-digit serial. A vehicle word alone ("car", "vehicle") is not enough without the check digit.
  else if (isDigitCode(v.charCodeAt(12)) && hasWordContext(text, p, end, VIN_WORDS))
    out.push({ type: 'vehicle_id', start: p, end, score: 0.7, rule: 'vin.word' });
}

/** Glued by '/', '+', '=', '_', '-' or '.' to more letters or digits: a piece of a key, a path or a file name. */
function embedded(text: string, p: number, end: number): boolean {
  const b = text.charCodeAt(p - 1);
  const a = text.charCodeAt(end);
  const joins = (c: number) => c === 47 || c === 43 || c === 61 || c === 95 || c === 45 || c === 46;
  return (joins(b) && isAlnumCode(text.charCodeAt(p - 2))) || (joins(a) && isAlnumCode(text.charCodeAt(end + 1))) || a === 61;
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

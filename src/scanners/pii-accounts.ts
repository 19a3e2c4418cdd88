// Values that only their label identifies as a person's: a phone's IMEI. The recognizer runs as a
// trigger at its label (see TRIGGERS in pii-text.ts) and reads the value right after it; the value is
// never looked for without its label (a bare 15-digit Luhn number is as often a card, an order or a
// parcel number as an IMEI).

import { cls, DIGIT, type Hit, isWordAt, LOWER, negated, UPPER } from './pii-core.js';
import { valueStart } from './pii-finance.js';
import { luhn } from './pii-validators.js';

const ALNUM = DIGIT | UPPER | LOWER;

/**
 * "IMEI 490154203237518", "IMEI number: 49-015420-323751-8", "IMEI 2: 35 209900 176148 1": fifteen
 * digits passing Luhn, in one group or the printed 2-6-6-1 (or 8-6-1) grouping, after the label.
 */
export function imeiTrigger(text: string, at: number, out: Hit[]): void {
  const after = at + 4;
  // "IMEIs", "IMEISV" (16 digits, no check digit): the label must end its word.
  if ((cls(text, after) & ALNUM) !== 0 || (at > 0 && (cls(text, at - 1) & ALNUM) !== 0)) return;
  let j = valueStart(text, after);
  if (j < 0) return;
  // A dual-SIM phone's slot: "IMEI 1: …", "IMEI (2) …".
  const slot = text.charCodeAt(j);
  if ((slot === 49 || slot === 50) && cls(text, j + 1) !== DIGIT) {
    const c = text.charCodeAt(j + 1);
    if (c !== 58 && c !== 41) return;
    j = valueStart(text, j + 2);
    if (j < 0) return;
  }
  // Groups of digits separated by one space or dash (the same throughout).
  let e = j;
  let sep = 0;
  let shape = 0;
  let digits = '';
  for (let g = 0; g < 4; g++) {
    const s = e;
    while (e < text.length && e - s < 16 && cls(text, e) === DIGIT) e++;
    digits += text.slice(s, e);
    shape = shape * 32 + (e - s);
    const c = text.charCodeAt(e);
    if ((c !== 32 && c !== 45) || cls(text, e + 1) !== DIGIT || (sep !== 0 && c !== sep)) break;
    sep = c;
    e++;
  }
  if (cls(text, e) === DIGIT || isWordAt(text, e)) return;
  // 15; 2-6-6-1 (reporting body, type, serial, check digit); 8-6-1 (TAC, serial, check digit).
  if (shape !== 15 && shape !== ((2 * 32 + 6) * 32 + 6) * 32 + 1 && shape !== (8 * 32 + 6) * 32 + 1) return;
  if (!luhn(digits) || sameDigits(digits) || negated(text, at)) return;
  // Above a card reading of the same digits (a UATP number is 15 digits with Luhn too): the label names it.
  out.push({ type: 'device_id', start: j, end: e, score: 0.96, rule: 'imei' });
}

function sameDigits(d: string): boolean {
  for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) !== d.charCodeAt(0)) return false;
  return true;
}

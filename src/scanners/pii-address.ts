// Street addresses in the layouts of French, Italian, Spanish, Portuguese and Polish, where the
// street type comes before the name ("12 rue de la Paix", "Via Roma 1", "Calle Mayor 5",
// "ul. Marszałkowska 10"). Each is run as a trigger at the street-type word and needs a house
// number in its place, so a type word in prose ("via email", "12 place settings") is not an address.

import { cls, DIGIT, type Hit, isUpperAt, isWordAt, LOWER, UPPER, wordEnd } from './pii-core.js';

/** Types written after the house number (French): "12 rue de la Paix", "5 bis avenue Foch". */
export const NUMBER_FIRST_TYPES = ['rue', 'avenue', 'boulevard', 'bd', 'chemin', 'impasse', 'quai', 'cours', 'place'];
/** Types followed by the name, then the house number: "Via Roma 1", "Calle Mayor 5", "Rua Augusta 100". */
export const NAME_FIRST_TYPES = [
  'via',
  'viale',
  'piazza',
  'corso',
  'largo',
  'calle',
  'avenida',
  'avda',
  'paseo',
  'carrera',
  'rua',
  'travessa',
  'alameda',
  'ulica',
  'ul',
  'aleja',
  // Spanish "Av. Irarrázaval 2841", Polish "os. Piastów 21" (osiedle), "al. Jerozolimskie 65" (aleja)
  'av',
  'os',
  'al',
];

/** Lower-case words allowed inside a street name: "rue de la Paix", "Via della Scala", "Rua do Ouro". */
const CONNECTORS: ReadonlySet<string> = new Set(
  'de la le les du des d l di del della dei degli da do dos das y e et san santa sant st'.split(' '),
);

/**
 * The street name from i: one to four words, each Capitalised or a connector (apostrophes glue
 * "d'Italie"); at least one Capitalised. Returns the end of the last Capitalised word, or -1.
 */
function streetName(text: string, i: number): number {
  let j = i;
  let last = -1;
  for (let words = 0; words < 5 && j < text.length; words++) {
    const e = wordEnd(text, j);
    if (e === j) break;
    const upper = isUpperAt(text, j);
    if (!upper && !CONNECTORS.has(text.slice(j, e).toLowerCase())) break;
    if (upper) last = e;
    if (text[e] === "'" || text[e] === '’') j = e + 1;
    else if (text[e] === ' ' || (text[e] === '-' && isUpperAt(text, e + 1))) j = e + 1;
    else break;
  }
  return last;
}

/** A house number at i ("1", "100", "12a", "5 bis"); returns its end or -1. */
function houseNumber(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 4 && cls(text, e) === DIGIT) e++;
  if (e === i || cls(text, e) === DIGIT) return -1;
  if (cls(text, e) === LOWER && !isWordAt(text, e + 1)) e++;
  return isWordAt(text, e) ? -1 : e;
}

/** ", 75002 Paris", " 00184 Roma", ", 1100-053 Lisboa", ", 00-590 Warszawa", ", 1017 GC Amsterdam" after the number. */
export function postcodeCity(text: string, i: number): number {
  let j = i;
  if (text[j] === ',') j++;
  if (text[j] !== ' ') return i;
  j++;
  const s = j;
  while (j < text.length && j - s < 5 && cls(text, j) === DIGIT) j++;
  const n = j - s;
  if (n === 2 && text[j] === '-') {
    const t = j + 1;
    j = t;
    while (j < text.length && j - t < 3 && cls(text, j) === DIGIT) j++;
    if (j - t !== 3) return i;
  } else if (n === 4 && text[j] === '-') {
    const t = j + 1;
    j = t;
    while (j < text.length && j - t < 3 && cls(text, j) === DIGIT) j++;
    if (j - t !== 3) return i;
  } else if (n === 4 && text[j] === ' ' && cls(text, j + 1) === UPPER && cls(text, j + 2) === UPPER && cls(text, j + 3) === 0) j += 3;
  else if (n !== 4 && n !== 5) return i;
  if (text[j] !== ' ' || !isUpperAt(text, j + 1)) return i;
  const e = wordEnd(text, j + 1);
  return e - j > 2 ? e : i;
}

/** "12 rue de la Paix": the type word at [at, end) with the house number right before it. */
export function scanNumberFirstStreet(text: string, at: number, end: number, out: Hit[]): void {
  let k = at - 1;
  if (text[k] !== ' ') return;
  k--;
  if (text[k] === ',') k--;
  // "5 bis", "5 ter"
  if (text.slice(k - 2, k + 1).toLowerCase() === 'bis' || text.slice(k - 2, k + 1).toLowerCase() === 'ter') k -= 4;
  let s = k;
  while (s >= 0 && k - s < 4 && cls(text, s) === DIGIT) s--;
  s++;
  if (s > k || isWordAt(text, s - 1) || text[end] !== ' ') return;
  const nameEnd = streetName(text, end + 1);
  if (nameEnd < 0) return;
  out.push({ type: 'address', start: s, end: postcodeCity(text, nameEnd), score: 0.8, rule: 'address.street_first' });
}

function titleCaseBefore(text: string, at: number): boolean {
  let k = at - 1;
  if (text[k] !== ' ') return false;
  k--;
  if ((cls(text, k) & (UPPER | LOWER)) === 0) return false;
  while (k > 0 && (cls(text, k - 1) & (UPPER | LOWER)) !== 0) k--;
  return isUpperAt(text, k);
}

/** "Via Roma 1", "Calle Mayor 5, 28013 Madrid", "ul. Marszałkowska 10": a Capitalised type word, the name, the number. */
export function scanNameFirstStreet(text: string, at: number, end: number, out: Hit[]): void {
  if (isWordAt(text, at - 1)) return;
  let j = end;
  // Polish writes the abbreviation in lower case ("ul. Marszałkowska 10"); the other types are Capitalised.
  if (text[j] === '.') j++;
  else if (end - at === 2) return;
  // Italian writes "via" in lower case too ("via Lorenteggio 212, 20147 Milano"): then the postcode
  // and city must follow ("via FedEx 2" is no address)
  const lower = !isUpperAt(text, at) && end - at !== 2;
  // English "Via" in a Title Case heading ("Shipped Via UPS 2"): the word before is Capitalised too.
  if (end - at === 3 && (text[at + 1] === 'i' || text[at + 1] === 'I') && titleCaseBefore(text, at)) return;
  if (text[j] !== ' ') return;
  const nameEnd = streetName(text, j + 1);
  if (nameEnd < 0) return;
  let k = nameEnd;
  if (text[k] === ',') k++;
  if (text[k] !== ' ') return;
  const numEnd = houseNumber(text, k + 1);
  if (numEnd < 0) return;
  const end2 = postcodeCity(text, numEnd);
  if (lower && end2 === numEnd) return;
  out.push({ type: 'address', start: at, end: end2, score: 0.8, rule: 'address.type_first' });
}

// One pass over a record's bytes that proves them canonical and reads the top-level values, for
// verification: JSON.parse followed by isCanonical (re-serialize and compare) costs about four
// times as much. The scan accepts a strict subset of canonical JSON — exactly the shapes our
// writer produces — and answers "don't know" (undefined) for anything else, so the caller runs the
// general check, which also words the error. It never accepts text that the general check rejects:
//   - no whitespace; one object at the top; nesting at most MAX_DEPTH deep;
//   - strings: raw characters from U+0020 except `"`, `\` and surrogates, and the escapes
//     \" \\ \b \f \n \r \t (exactly what JSON.stringify writes for those characters; \u escapes,
//     which it writes for other controls and lone surrogates, are left to the general check);
//   - numbers: 0 or -?[1-9][0-9]* with at most 15 digits (always a safe integer, written as
//     JSON.stringify writes it);
//   - object keys without escapes, not starting with a digit (JavaScript enumerates integer-like
//     keys first, so only such keys keep text order = enumeration order), in strictly increasing
//     UTF-16 order — the order canonicalize() sorts them in.

/** Stands for an object or array value at the top level. */
export const NESTED: unique symbol = Symbol('nested');

export type TopValue = string | number | boolean | null | typeof NESTED;

const MAX_DEPTH = 64;
const MAX_DIGITS = 15;

/** Per open container (index = depth): 1 object, 2 array; and the last key read in an object. */
const kinds = new Uint8Array(MAX_DEPTH + 2);
const keyStarts = new Int32Array(MAX_DEPTH + 2);
const keyEnds = new Int32Array(MAX_DEPTH + 2);

/** Characters never allowed raw in canonical text: controls (whitespace included) and surrogates. */
const REFUSED_CHAR = /[\u0000-\u001f\ud800-\udfff]/;

/** Whether the string stringEnd last scanned held an escape (its value then needs decoding). */
let escapedString = false;

/**
 * End (after the closing quote) of the string whose opening quote is at i, or -1 to refuse.
 * `plain`: the whole text has no backslash, control character or surrogate.
 */
function stringEnd(t: string, i: number, plain: boolean): number {
  escapedString = false;
  if (plain) {
    // The text has no backslash, control character or surrogate: the next quote closes it.
    const q = t.indexOf('"', i + 1);
    return q === -1 ? -1 : q + 1;
  }
  let j = i + 1;
  for (;;) {
    const c = t.charCodeAt(j);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && (c < 0xd800 || c > 0xdfff)) {
      j++;
      continue;
    }
    if (c === 0x22) return j + 1;
    if (c !== 0x5c) return -1; // control character, surrogate or end of text (NaN)
    const e = t.charCodeAt(j + 1);
    // \" \\ \b \f \n \r \t: what JSON.stringify writes for these characters
    if (e !== 0x22 && e !== 0x5c && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
    escapedString = true;
    j += 2;
  }
}

/** End of the canonical integer at i, or -1. */
function numberEnd(t: string, i: number): number {
  const start = i;
  if (t.charCodeAt(i) === 45) i++; // '-'
  const first = t.charCodeAt(i);
  if (first === 48) {
    if (i !== start) return -1; // "-0" is not how JSON.stringify writes zero
    i++;
  } else if (first >= 49 && first <= 57) {
    const digits = i;
    i++;
    for (let c = t.charCodeAt(i); c >= 48 && c <= 57; c = t.charCodeAt(++i));
    if (i - digits > MAX_DIGITS) return -1;
  } else return -1;
  const next = t.charCodeAt(i);
  if (next === 46 || next === 101 || next === 69) return -1; // fraction or exponent
  return i;
}

/** Reads `"key":` at i inside the object at `depth`, in order after its previous key; end or -1. */
function keyEnd(t: string, i: number, depth: number, plain: boolean): number {
  if (t.charCodeAt(i) !== 34) return -1;
  const k0 = t.charCodeAt(i + 1);
  if (k0 >= 48 && k0 <= 57) return -1;
  const end = stringEnd(t, i, plain);
  if (end === -1 || escapedString || t.charCodeAt(end) !== 58) return -1;
  const prev = keyStarts[depth] as number;
  if (prev !== -1 && !less(t, prev, keyEnds[depth] as number, i + 1, end - 1)) return -1;
  keyStarts[depth] = i + 1;
  keyEnds[depth] = end - 1;
  return end + 1;
}

/** Whether text[a0, a1) < text[b0, b1) in UTF-16 code-unit order (as `<` compares strings). */
function less(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) {
    const a = text.charCodeAt(a0 + i);
    const b = text.charCodeAt(b0 + i);
    if (a !== b) return a < b;
  }
  return a1 - a0 < b1 - b0;
}

/** The top-level members a caller wants read (other members are scanned, not kept). */
export interface FieldSet {
  names: readonly string[];
  firstCodes: Int32Array;
  /** indexes into names, by name length */
  byLength: Array<number[] | undefined>;
}

export function fieldSet(names: readonly string[]): FieldSet {
  const byLength: Array<number[] | undefined> = [];
  names.forEach((name, i) => {
    const list = byLength[name.length] ?? [];
    list.push(i);
    byLength[name.length] = list;
  });
  return { names, firstCodes: Int32Array.from(names, (n) => n.charCodeAt(0)), byLength };
}

/** Index of the wanted field named by the key just read at depth 1, or -1. */
function fieldAt(t: string, fields: FieldSet): number {
  const start = keyStarts[1] as number;
  const candidates = fields.byLength[(keyEnds[1] as number) - start];
  if (candidates === undefined) return -1;
  if (candidates.length === 1 && (fields.names[candidates[0] as number] as string).length === 0) return candidates[0] as number;
  const first = t.charCodeAt(start);
  for (const f of candidates) if (fields.firstCodes[f] === first && t.startsWith(fields.names[f] as string, start)) return f;
  return -1;
}

/**
 * The values of the top-level members named in `fields` (in its order; undefined when absent) of
 * `text` when it is, provably, canonical
 * JSON of an object in the shapes described above; undefined when the fast scan cannot tell (the text may still be canonical:
 * decide with JSON.parse and isCanonical).
 */
export function scanCanonical(t: string, fields: FieldSet): Array<TopValue | undefined> | undefined {
  if (t.charCodeAt(0) !== 123 || REFUSED_CHAR.test(t)) return undefined;
  const plain = t.indexOf('\\') === -1;
  const top: Array<TopValue | undefined> = new Array(fields.names.length).fill(undefined);
  const n = t.length;
  // One loop over values; containers are tracked in kinds[1..depth] instead of by recursion.
  let depth = 1;
  kinds[1] = 1;
  keyStarts[1] = -1;
  let i = 1;
  if (t.charCodeAt(1) === 125) return n === 2 ? top : undefined;
  i = keyEnd(t, 1, 1, plain);
  if (i === -1) return undefined;
  for (;;) {
    // A value starts at i.
    const start = i;
    const c = t.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (depth === 1) {
        const f = fieldAt(t, fields);
        if (f !== -1) top[f] = NESTED;
      }
      if (++depth > MAX_DEPTH) return undefined;
      const object = c === 123;
      kinds[depth] = object ? 1 : 2;
      i++;
      if (t.charCodeAt(i) !== (object ? 125 : 93)) {
        if (object) {
          keyStarts[depth] = -1;
          i = keyEnd(t, i, depth, plain);
          if (i === -1) return undefined;
        }
        continue;
      }
      i++;
      depth--;
    } else {
      if (c === 34) {
        i = stringEnd(t, i, plain);
        if (i === -1) return undefined;
      } else if (c === 116) {
        if (!t.startsWith('true', i)) return undefined;
        i += 4;
      } else if (c === 102) {
        if (!t.startsWith('false', i)) return undefined;
        i += 5;
      } else if (c === 110) {
        if (!t.startsWith('null', i)) return undefined;
        i += 4;
      } else {
        i = numberEnd(t, i);
        if (i === -1) return undefined;
      }
      if (depth === 1) {
        const f = fieldAt(t, fields);
        if (f !== -1) top[f] = scalar(t, start, i);
      }
    }
    // After a value: close containers, or move on to the next member or element.
    for (;;) {
      const d = t.charCodeAt(i++);
      const object = kinds[depth] === 1;
      if (d === 44) {
        if (object) {
          i = keyEnd(t, i, depth, plain);
          if (i === -1) return undefined;
        }
        break;
      }
      if (d !== (object ? 125 : 93)) return undefined;
      if (--depth === 0) return i === n ? top : undefined;
    }
  }
}

/** A top-level scalar scanned from start to end. */
function scalar(t: string, start: number, end: number): TopValue {
  const c = t.charCodeAt(start);
  if (c === 34) return escapedString ? (JSON.parse(t.slice(start, end)) as string) : t.slice(start + 1, end - 1);
  if (c === 116) return true;
  if (c === 102) return false;
  if (c === 110) return null;
  return Number(t.slice(start, end));
}

// The fast canonical scan must never accept what the general check (JSON.parse + isCanonical)
// rejects, must read the same top-level values, and must accept the records our writer makes.
// Differential fuzzing: real record bodies, mutated one edit at a time, plus generated values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminEntry } from '../identity/key-service.js';
import { canonicalize, isCanonical } from './canonical.js';
import { fieldSet, NESTED, scanCanonical } from './canonical-scan.js';
import { sealRecord } from './record.js';

const NAMES = ['seq', 'id', 'prev', 'ts', 'kind', 'tenant', 'key_id', 'status', 'v', 'detail', '', 'a', 'b'];
const FIELDS = fieldSet(NAMES);

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The general check's verdict and values, for comparison. */
function general(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !isCanonical(parsed, text)) return undefined;
  return parsed as Record<string, unknown>;
}

let accepted = 0;
function agree(text: string): void {
  const fast = scanCanonical(text, FIELDS);
  if (fast === undefined) return; // "don't know" is always allowed
  accepted++;
  const slow = general(text);
  assert.ok(slow, `fast scan accepted text the general check rejects: ${JSON.stringify(text)}`);
  NAMES.forEach((name, i) => {
    const want = Object.hasOwn(slow, name) ? slow[name] : undefined;
    const got = fast[i];
    if (typeof want === 'object' && want !== null) assert.equal(got, NESTED, `${name} in ${JSON.stringify(text)}`);
    else assert.equal(got, want, `${name} in ${JSON.stringify(text)}`);
  });
}

function records(): string[] {
  const out: string[] = [];
  let prev = '0'.repeat(64);
  const details: Array<Record<string, string | number | boolean | null>> = [
    { n: 1 },
    { note: 'plain ascii', ok: true, none: null, neg: -42, zero: 0 },
    { note: 'quote " backslash \\ newline \n tab \t cr \r bs \b ff \f' },
    { note: 'control \u0001 and \u001f' },
    { note: 'non-ASCII é ü 中文 and emoji 😀' },
    { big: 123456789012345, neg: -999999999999999 },
  ];
  details.forEach((d, i) => {
    const e = adminEntry({ keyId: 'k1', userId: `user-${i}`, tenant: i % 2 ? 'acme' : null, client: '10.0.0.1' }, 'test', String(i), d);
    const sealed = sealRecord(e, i, prev);
    prev = sealed.hash;
    out.push(sealed.body);
  });
  return out;
}

const ALPHABET = [
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  ' ',
  '\n',
  '0',
  '1',
  '-',
  '.',
  'e',
  'E',
  'a',
  'z',
  't',
  'n',
  'u',
  '/',
  '\u0000',
  '\u001f',
  '\ud83d',
  '\ude00',
  'é',
  '\u2028',
];

function mutate(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const ch = ALPHABET[Math.floor(r() * ALPHABET.length)] as string;
  switch (Math.floor(r() * 5)) {
    case 0:
      return text.slice(0, at) + ch + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + ch + text.slice(at + 1);
    case 3: {
      // move a slice elsewhere (reorders keys, values, brackets)
      const len = 1 + Math.floor(r() * 20);
      const piece = text.slice(at, at + len);
      const rest = text.slice(0, at) + text.slice(at + len);
      const to = Math.floor(r() * (rest.length + 1));
      return rest.slice(0, to) + piece + rest.slice(to);
    }
    default: {
      const len = Math.floor(r() * 4);
      return text.slice(0, at) + text.slice(at + len);
    }
  }
}

function randomValue(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 3 ? 5 : 7));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2: {
      const digits = Math.floor(r() * 16);
      const n = Math.floor(r() * 10 ** digits);
      return r() < 0.3 ? -n : n;
    }
    case 3:
    case 4: {
      let s = '';
      const len = Math.floor(r() * 8);
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
      return s;
    }
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++) o[NAMES[Math.floor(r() * NAMES.length)] as string] = randomValue(r, depth + 1);
      if (r() < 0.1) o['1x'] = 1; // a key starting with a digit
      return o;
    }
  }
}

describe('scanCanonical', () => {
  it('accepts every record the writer makes, unless it holds a \\u escape or a surrogate', () => {
    for (const body of records()) {
      const fast = scanCanonical(body, FIELDS);
      const needsGeneral = body.includes('\\u') || /[\ud800-\udfff]/.test(body);
      assert.equal(fast === undefined, needsGeneral, body);
      agree(body);
    }
  });
  it('reads strings with short escapes, numbers, booleans, null and nested values as JSON.parse does', () => {
    const text = canonicalize({
      a: 'x"y\\z\n',
      b: [1, { c: 2 }],
      detail: { x: 1 },
      id: 'r1',
      kind: true,
      seq: -5,
      status: 0,
      tenant: null,
    });
    const fast = scanCanonical(text, FIELDS);
    assert.ok(fast);
    assert.equal(fast[NAMES.indexOf('a')], 'x"y\\z\n');
    assert.equal(fast[NAMES.indexOf('b')], NESTED);
    assert.equal(fast[NAMES.indexOf('seq')], -5);
    assert.equal(fast[NAMES.indexOf('kind')], true);
    assert.equal(fast[NAMES.indexOf('tenant')], null);
    assert.equal(fast[NAMES.indexOf('prev')], undefined);
  });
  it('refuses non-canonical forms the general check also refuses', () => {
    for (const text of [
      '{"a":1,"a":1}',
      '{"b":1,"a":2}',
      // key order where one key is empty or starts below the quote character
      '{" a":1,"":2}',
      '{"a":1,"":2}',
      '{"":1,"":2}',
      '{"!":1," ":2}',
      '{"ab":1,"a":2}',
      '{"a":{"b":1,"a":2}}',
      '{"a":tRue}',
      '{"a":nulL}',
      '{"a":fals}',
      '{"a":1.0}',
      '{"a":1e3}',
      '{"a":-0}',
      '{"a":01}',
      '{"a":1234567890123456789}',
      '{ "a":1}',
      '{"a":1}\n',
      '{"a":"\\/"}',
      '{"a":"\\u0041"}',
      '{"a":"\u0001"}',
      '[1]',
      '{"a":tru}',
      '{"a":[1,]}',
      '{"a":{}',
      '',
      '{',
      `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`,
    ]) {
      assert.equal(scanCanonical(text, FIELDS), undefined, text);
      assert.equal(general(text) === undefined || text.includes('\\u') || text.includes('{"a":{"a"'), true, text);
    }
  });
  it('accepts key orders with empty keys and keys below the quote character', () => {
    for (const text of ['{"":1," a":2}', '{"":1,"a":2}', '{" ":1,"!":2,"a":3}', '{"a":1,"ab":2}', '{"a":true,"b":false,"c":null}']) {
      assert.ok(general(text), text);
      assert.notEqual(scanCanonical(text, FIELDS), undefined, text);
    }
  });
  it('differential fuzz: mutated records are accepted only when the general check accepts them, with the same values', () => {
    const r = rng(20261123);
    const bodies = records();
    let n = 0;
    for (let round = 0; round < 400; round++) {
      for (const body of bodies) {
        let text = body;
        const edits = 1 + Math.floor(r() * 3);
        for (let e = 0; e < edits; e++) text = mutate(text, r);
        agree(text);
        n++;
      }
    }
    assert.ok(n >= 2000);
  });
  it('differential fuzz: generated values, canonical and with their keys shuffled', () => {
    const r = rng(7);
    const before = accepted;
    for (let i = 0; i < 3000; i++) {
      const value = { seq: i, ...(randomValue(r, 0) as object) };
      const text = canonicalize(value);
      agree(text);
      agree(JSON.stringify(value)); // insertion order: canonical only by chance
      agree(mutate(text, r));
    }
    // The fast path is not vacuous: it accepted most canonical texts.
    assert.ok(accepted - before > 2000, String(accepted - before));
  });
});

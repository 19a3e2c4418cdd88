import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminEntry } from '../identity/key-service.js';
import { canonicalize } from './canonical.js';
import { GENESIS_PREV, leafHash, sealRecord } from './record.js';
import { type StoredRow, verifyChain } from './verify.js';

describe('canonical JSON (RFC 8785 subset)', () => {
  it('sorts keys by code unit, recursively, and omits undefined', () => {
    assert.equal(canonicalize({ b: 1, a: { d: [1, 'x', null], c: true }, z: undefined }), '{"a":{"c":true,"d":[1,"x",null]},"b":1}');
    assert.equal(canonicalize({ é: 1, e: 2, E: 3 }), '{"E":3,"e":2,"é":1}');
  });
  it('escapes strings exactly as JSON.stringify does', () => {
    assert.equal(canonicalize('a"b\\c\n\u2028\u0001'), JSON.stringify('a"b\\c\n\u2028\u0001'));
  });
  it('refuses floats and non-JSON values rather than serialize them ambiguously', () => {
    assert.throws(() => canonicalize(0.1), /not a safe integer/);
    assert.throws(() => canonicalize(2 ** 60), /not a safe integer/);
    assert.throws(() => canonicalize({ f: () => 1 }), /cannot encode/);
  });
});

describe('record hashing', () => {
  it('is the RFC 6962 leaf hash of the canonical bytes', () => {
    const { body, hash } = sealRecord(adminEntry({ keyId: null, userId: 'u', tenant: null, client: null }, 'x', null, {}), 0, GENESIS_PREV);
    assert.equal(hash, leafHash(Buffer.from(body)));
    // Known vector: SHA-256(0x00) for an empty leaf (RFC 6962 test vectors).
    assert.equal(leafHash(Buffer.alloc(0)), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
});

function chain(n: number): StoredRow[] {
  const rows: StoredRow[] = [];
  let prev = GENESIS_PREV;
  for (let i = 0; i < n; i++) {
    const e = adminEntry({ keyId: null, userId: `u${i}`, tenant: null, client: null }, 'test', String(i), { i });
    const { body, hash } = sealRecord(e, i, prev);
    rows.push({ seq: i, id: e.id, body, hash });
    prev = hash;
  }
  return rows;
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const rows = chain(5);
    const r = verifyChain(rows);
    assert.deepEqual(r, { ok: true, records: 5, expired: 0, head: { seq: 4, hash: rows[4]?.hash } });
    assert.deepEqual(verifyChain([]), { ok: true, records: 0, expired: 0, head: null });
  });
  it('names a modified record', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, body: rows[2]!.body.replace('"u2"', '"u9"') };
    const r = verifyChain(rows);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.seq, 2);
  });
  it('names the record after a deletion', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    const r = verifyChain(rows);
    assert.equal(!r.ok && r.seq, 3);
    assert.match(!r.ok ? r.problem : '', /2\.\.2 are missing/);
  });
  it('detects a truncated head only against an anchor (documented limit of a bare chain)', () => {
    const rows = chain(5);
    assert.equal(verifyChain(rows.slice(0, 3)).ok, true);
  });
  it('rejects non-canonical bodies even when the hash matches them', () => {
    const rows = chain(2);
    const body = rows[1]!.body.replace('{', '{ ');
    rows[1] = { ...rows[1]!, body, hash: leafHash(Buffer.from(body)) };
    assert.match(JSON.stringify(verifyChain(rows)), /not in canonical form/);
  });
});

describe('canonicalizer with known keys', () => {
  it('gives exactly the generic canonical form, including for unexpected keys', async () => {
    const { canonicalizer } = await import('./canonical.js');
    const fast = canonicalizer(['b', 'a', 'c']);
    const samples = [{ a: 1, b: { y: 2, x: [1, { q: 1, p: 2 }] } }, { c: 'z', a: null }, { a: 1, extra: 2 }, {}];
    for (const s of samples) assert.equal(fast(s), canonicalize(s));
    const { record } = sealRecord(
      adminEntry({ keyId: 'k', userId: 'u', tenant: 't', client: 'c' }, 'x', null, { z: 1, a: 'b' }),
      3,
      GENESIS_PREV,
    );
    assert.equal(sealRecord(record, 3, GENESIS_PREV).body, canonicalize({ ...record, v: 1, seq: 3, prev: GENESIS_PREV }));
  });
});

describe('isCanonical', () => {
  it('agrees with canonicalize on canonical and non-canonical texts', async () => {
    const { isCanonical } = await import('./canonical.js');
    const values = [{ b: 1, a: [1, { d: 'x', c: null }] }, { z: true }, [], 'é\u2028', { a: { b: { c: -5 } } }];
    for (const v of values) {
      const text = canonicalize(v);
      assert.equal(isCanonical(JSON.parse(text), text), true);
    }
    for (const text of ['{"b":1,"a":2}', '{"a":1.5}', '{ "a":1}', '{"a":"\\u0041"}', '{"a":1,"1":2}', '{"a":1,"a":2}']) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      assert.equal(isCanonical(parsed, text), false, text);
    }
  });
});

describe('leafHash of a string', () => {
  it('equals the hash of its UTF-8 bytes, including non-ASCII', () => {
    for (const text of ['', 'abc', 'é日本🙂', '{"a":"\\u0000"}']) assert.equal(leafHash(text), leafHash(Buffer.from(text, 'utf8')));
  });
});

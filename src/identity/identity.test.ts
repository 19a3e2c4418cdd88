import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashesEqual, hashKey, KEY_PATTERN, newKeyId, newSecret, parseKey } from './keys.js';
import { globMatch, modelAllowed } from './roles.js';

describe('key format', () => {
  it('generates greppable keys that parse back to their id', () => {
    const id = newKeyId();
    const key = newSecret(id);
    assert.match(key, KEY_PATTERN);
    assert.equal(key.length, 55);
    assert.deepEqual(parseKey(key), { id });
  });
  it('rejects a key whose checksum does not match (a typo or a look-alike)', () => {
    const key = newSecret(newKeyId());
    const flipped = key.slice(0, 30) + (key[30] === 'a' ? 'b' : 'a') + key.slice(31);
    assert.equal(parseKey(flipped), undefined);
    assert.equal(parseKey(`${key}x`), undefined);
    assert.equal(parseKey('sk-live-whatever'), undefined);
    assert.equal(parseKey(''), undefined);
  });
  it('two keys never share a secret', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newSecret('aaaaaaaaaaaa')));
    assert.equal(seen.size, 1000);
  });
  it('compares hashes in constant time and only equal-length digests', () => {
    const h = hashKey('x');
    assert.equal(hashesEqual(h, hashKey('x')), true);
    assert.equal(hashesEqual(h, hashKey('y')), false);
    assert.equal(hashesEqual(h, h.slice(0, 10)), false);
  });
});

describe('model globs', () => {
  it('matches * anywhere, everything else literally', () => {
    assert.equal(globMatch('*', 'gpt-4o'), true);
    assert.equal(globMatch('gpt-4o*', 'gpt-4o-mini'), true);
    assert.equal(globMatch('gpt-4o', 'gpt-4o-mini'), false);
    assert.equal(globMatch('*mini', 'gpt-4o-mini'), true);
    assert.equal(globMatch('claude-*-haiku*', 'claude-3-5-haiku-latest'), true);
    assert.equal(globMatch('gpt.4', 'gpt-4'), false);
    assert.equal(globMatch('', ''), true);
    assert.equal(modelAllowed([], 'x'), false);
  });
  it('stays fast on hostile patterns (bounded backtracking, no recursion)', () => {
    // Each star advances monotonically, so this is O(n*m) at worst, never exponential.
    const text = 'a'.repeat(5000);
    assert.equal(globMatch('*a*a*a*a*a*a*a*a*b', text), false);
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ContentVault, loadMasterKey, VaultError, type VaultKeyStore } from './vault.js';

function memoryStore(): VaultKeyStore {
  const keys = new Map<string, Buffer | null>();
  return {
    getWrapped: (s) => keys.get(s),
    putWrapped: (s, w) => {
      if (keys.has(s)) return false;
      keys.set(s, w);
      return true;
    },
    destroy: (s) => {
      const had = !!keys.get(s);
      keys.set(s, null);
      return had;
    },
  };
}

describe('ContentVault', () => {
  it('round-trips, binds ciphertexts to their record and subject, and shreds on erase', () => {
    const store = memoryStore();
    const vault = new ContentVault(randomBytes(32), store);
    const blob = vault.encrypt('alice', 'rec-1', Buffer.from('hello')) as Buffer;
    assert.equal(vault.decrypt('alice', 'rec-1', blob)?.toString(), 'hello');
    assert.throws(() => vault.decrypt('alice', 'rec-2', blob), /authenticate|Unsupported state/);
    const tampered = Buffer.from(blob);
    tampered[20] = (tampered[20] as number) ^ 1;
    assert.throws(() => vault.decrypt('alice', 'rec-1', tampered));
    assert.equal(vault.erase('alice'), true);
    assert.equal(vault.decrypt('alice', 'rec-1', blob), undefined);
    assert.equal(vault.encrypt('alice', 'rec-3', Buffer.from('x')), undefined, 'an erased subject is not captured again');
  });
  it('a vault with another master key cannot unwrap the data keys', () => {
    const store = memoryStore();
    const blob = new ContentVault(randomBytes(32), store).encrypt('bob', 'r', Buffer.from('x')) as Buffer;
    assert.throws(() => new ContentVault(randomBytes(32), store).decrypt('bob', 'r', blob));
  });
  it('loads a 32-byte master key from hex or base64 and refuses other lengths', () => {
    const key = randomBytes(32);
    assert.deepEqual(loadMasterKey({ env: key.toString('hex'), dataDir: '/nonexistent' }), key);
    assert.deepEqual(loadMasterKey({ env: key.toString('base64'), dataDir: '/nonexistent' }), key);
    assert.throws(() => loadMasterKey({ env: 'abcd', dataDir: '/nonexistent' }), VaultError);
  });
});

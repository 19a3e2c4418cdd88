import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteGrantStore, createSqliteRoleStore } from '../store/sqlite/sqlite-access-store.js';
import { openDb } from '../store/sqlite/sqlite-db.js';
import { createSqliteKeyStore } from '../store/sqlite/sqlite-key-store.js';
import { createAuthenticator } from './authenticator.js';
import { JitService } from './jit.js';
import { type Actor, KeyService } from './key-service.js';
import { RoleRegistry, ToolRegistry } from './registry.js';

describe('authenticator and just-in-time grants in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-auth-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an approval made by this process reaches the identities it has cached, without waiting for a poll', async () => {
    const db = openDb(join(dir, 'g.db'));
    const keyStore = createSqliteKeyStore(db);
    const audit = async () => {};
    const roles = new RoleRegistry([], new ToolRegistry([], 'destructive'), createSqliteRoleStore(db));
    const jit = new JitService(createSqliteGrantStore(db), roles, audit, 3_600_000);
    // A poll interval far beyond the test: only the request path can pick the change up.
    const auth = createAuthenticator(keyStore, 3_600_000, undefined, { roles, jit });
    try {
      const keys = new KeyService(keyStore, audit);
      const cli: Actor = { keyId: null, userId: 'cli', tenant: null, client: null };
      const alice = await keys.create({ name: 'alice', role: 'member', userId: 'alice', tenant: 't1' }, cli);
      const bob = await keys.create({ name: 'bob', role: 'tenant-admin', userId: 'bob', tenant: 't1' }, cli);
      auth.refresh();
      assert.equal(auth.authenticate(alice.secret).access.can('keys:read'), false);
      const grant = await jit.request(
        { userId: 'alice', tenant: 't1', role: 'tenant-admin', durationMs: 60_000, reason: 'incident 42' },
        cli,
      );
      // A poll between the request and the approval (the order that once left alice's identity stale).
      auth.refresh();
      assert.equal(auth.authenticate(alice.secret).access.can('keys:read'), false);
      const approver = auth.authenticate(bob.secret);
      await jit.approve(grant.id, { userId: 'bob', tenant: 't1', access: approver.access }, cli);
      assert.equal(auth.authenticate(alice.secret).access.can('keys:read'), true);
      await jit.revoke(grant.id, cli);
      assert.equal(auth.authenticate(alice.secret).access.can('keys:read'), false);
    } finally {
      auth.close();
      db.close();
    }
  });
});

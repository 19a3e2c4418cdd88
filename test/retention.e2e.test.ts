// Retention: bodies of records past their tenant's retention period are removed, leaf hashes
// stay — so the chain, the tree, checkpoints signed before expiry and proofs still verify, and a
// body removed outside an audited retention run is reported as tampering.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openCheckpoint } from '../src/audit/checkpoint.js';
import { verifyInclusion } from '../src/audit/merkle.js';
import { parseVerifierKey } from '../src/audit/note.js';
import { type AuditEntry, prepareRecord } from '../src/audit/record.js';
import { adminEntry } from '../src/identity/key-service.js';
import { createSqliteBatchAppender } from '../src/store/sqlite/sqlite-audit-store.js';
import { openDb } from '../src/store/sqlite/sqlite-db.js';
import { cli, tempDir, writeConfig } from './helpers/server.js';

const DAY = 86_400_000;
let dir: string;
const G = (args: string[]) => cli([...args, '--data-dir', dir]);

function request(tenant: string, ageDays: number, i: number): AuditEntry {
  return {
    ...adminEntry({ keyId: 'k', userId: `user-${tenant}-${i}`, tenant, client: '10.0.0.1' }, 'x', null, {}),
    ts: new Date(Date.now() - ageDays * DAY).toISOString(),
    kind: 'request',
    action: null,
    method: 'POST',
    path: '/v1/chat/completions',
    model_requested: 'gpt-x',
    status: 200,
  };
}

before(() => {
  dir = tempDir();
  const db = openDb(join(dir, 'gatehouse.db'));
  const append = createSqliteBatchAppender(db);
  append(
    [
      ...Array.from({ length: 5 }, (_, i) => request('acme', 500, i)),
      ...Array.from({ length: 5 }, (_, i) => request('beta', 300, i)),
      ...Array.from({ length: 5 }, (_, i) => request('acme', 1, i)),
    ].map(prepareRecord),
  );
  db.close();
});

describe('retention policy', () => {
  it('refuses less than 183 days unless explicitly allowed, citing the EU AI Act', () => {
    const r = G(['audit', 'retention', 'set', '--tenant', 'beta', '--days', '100']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /183-day minimum \(EU AI Act Art\. 19\(1\) and 26\(6\)/);
    assert.equal(G(['audit', 'retention', 'set', '--tenant', 'beta', '--days', '100', '--allow-short-retention']).code, 0);
    const cfg = cli(['config', 'check', '--config', writeConfig(tempDir(), 'audit:\n  retention:\n    defaultDays: 90\n')]);
    assert.equal(cfg.code, 1);
    assert.match(cfg.stderr, /audit\.retention\.defaultDays: 90 days is below the 183-day minimum/);
  });
});

describe('expiry keeps everything verifiable', () => {
  it('expires old bodies per tenant, audits it, and every check still passes', () => {
    const vkey = G(['audit', 'pubkey']).stdout.trim();
    const before = G(['audit', 'checkpoint', '--new']).stdout;
    const proofBefore = JSON.parse(G(['audit', 'prove', '--index', '2', '--json']).stdout) as { leaf_hash: string };

    const runs = JSON.parse(G(['audit', 'retention', 'apply', '--json']).stdout) as Array<{ tenant: string; count: number }>;
    assert.deepEqual(runs.map((r) => [r.tenant, r.count]).sort(), [
      ['(default)', 5],
      ['beta', 5],
    ]);
    const db = new Database(join(dir, 'gatehouse.db'), { readonly: true });
    const bodies = db.prepare('SELECT seq, body FROM audit_log ORDER BY seq').all() as Array<{ seq: number; body: string }>;
    db.close();
    assert.deepEqual(
      bodies.filter((b) => b.body === '').map((b) => b.seq),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.ok(!bodies.some((b) => b.body.includes('user-beta')), 'expired content is gone');

    const v = G(['audit', 'verify']);
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /\(10 expired by retention: hash only\)/);
    assert.deepEqual(JSON.parse(G(['audit', 'show', '2', '--json']).stdout).expired, true);

    // A proof for an expired record still verifies against the checkpoint signed before expiry.
    const cp = openCheckpoint(before, [parseVerifierKey(vkey)]).checkpoint;
    const p = JSON.parse(G(['audit', 'prove', '--index', '2', '--size', String(cp.size), '--json']).stdout) as {
      leaf_hash: string;
      inclusion: string[];
    };
    assert.equal(p.leaf_hash, proofBefore.leaf_hash);
    assert.ok(
      verifyInclusion(
        Buffer.from(p.leaf_hash, 'hex'),
        2,
        cp.size,
        p.inclusion.map((h) => Buffer.from(h, 'hex')),
        cp.rootHash,
      ),
    );

    // Offline: the export carries expired records as hash-only lines; tree and consistency hold.
    const file = join(dir, 'export.jsonl');
    const exp = G(['audit', 'export', '--format', 'jsonl', '--checkpoint', `${file}.checkpoint`]);
    writeFileSync(file, exp.stdout);
    assert.match(exp.stdout.split('\n')[0] ?? '', /^\{"expired":true,"hash":"[0-9a-f]{64}","seq":0\}$/);
    const kept = join(dir, 'before.checkpoint');
    writeFileSync(kept, before);
    const off = cli(['audit', 'verify', '--export', file, '--pubkey', vkey, '--previous', kept]);
    assert.equal(off.code, 0, off.stdout);
  });

  it('a body removed outside an audited retention run is tampering', () => {
    const db = new Database(join(dir, 'gatehouse.db'));
    db.prepare("UPDATE audit_log SET body = '', expired_at = 1 WHERE seq = 12").run();
    db.close();
    const v = G(['audit', 'verify']);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /record seq 12 .*no audited retention run covers this record \(tampering\)/);
  });
});

// Tampering with the SQLite file directly — edit, delete, insert, reorder — and showing that
// `gatehouse audit verify` exits 1 naming the record where the chain breaks, while an
// untouched copy verifies. The attacker here can even recompute hashes.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sealRecord } from '../src/audit/record.js';
import { cli, createKey, startServer, tempDir } from './helpers/server.js';

let source: string;

before(async () => {
  const srv = await startServer();
  const key = createKey(srv.dataDir, ['--name', 't', '--role', 'member']);
  await new Promise((r) => setTimeout(r, 400));
  for (let i = 0; i < 10; i++) {
    await fetch(`${srv.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: `hello ${i}` }] }),
    });
  }
  await srv.stop();
  source = join(srv.dataDir, 'gatehouse.db');
});

function tampered(mutate: (db: Database.Database) => void): string {
  const dir = tempDir('gatehouse-tamper-');
  mkdirSync(dir, { recursive: true });
  copyFileSync(source, join(dir, 'gatehouse.db'));
  const db = new Database(join(dir, 'gatehouse.db'));
  mutate(db);
  db.close();
  return dir;
}

function verify(dir: string) {
  const r = cli(['audit', 'verify', '--data-dir', dir]);
  const j = cli(['audit', 'verify', '--data-dir', dir, '--json']);
  return { ...r, json: JSON.parse(j.stdout) as { ok: boolean; seq?: number; problem?: string } };
}

type Row = {
  seq: number;
  id: string;
  ts: string;
  kind: string;
  tenant: string | null;
  key_id: string | null;
  status: number;
  body: string;
  hash: string;
};
const row = (db: Database.Database, seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Row;

describe('exit 0 when untouched', () => {
  it('verifies the original trail', () => {
    const dir = tampered(() => {});
    const r = verify(dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK: \d+ records verified/);
  });
});

describe('exit 1 naming the record', () => {
  it('edited content', () => {
    const dir = tampered((db) => {
      const r = row(db, 5);
      db.prepare('UPDATE audit_log SET body = ? WHERE seq = 5').run(r.body.replace('"status":200', '"status":201'));
    });
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /record seq 5 .*modified/);
    assert.equal(r.json.seq, 5);
  });

  it('edited content with the hash recomputed: the next record no longer links', () => {
    const dir = tampered((db) => {
      const r = row(db, 5);
      const rec = JSON.parse(r.body);
      rec.status = 500;
      const { v: _v, seq, prev, ...entry } = rec;
      const sealed = sealRecord(entry, seq, prev);
      db.prepare('UPDATE audit_log SET body = ?, hash = ?, status = 500 WHERE seq = 5').run(sealed.body, sealed.hash);
    });
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.equal(r.json.seq, 6);
    assert.match(r.stdout, /record seq 6 .*record 5 was altered, or this record was inserted or reordered/);
  });

  it('edited index column only', () => {
    const dir = tampered((db) => db.prepare('UPDATE audit_log SET status = 404 WHERE seq = 5').run());
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /indexed column status does not match/);
  });

  it('edited stored hash', () => {
    const dir = tampered((db) =>
      db
        .prepare("UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 3")
        .run(),
    );
    assert.match(verify(dir).stdout, /record seq 3 .*(hash|link)/);
  });

  it('deleted record', () => {
    const dir = tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq = 4').run());
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /records 4\.\.4 are missing \(deleted\)/);
  });

  it('inserted record, hash-consistent and linked to its predecessor', () => {
    const dir = tampered((db) => {
      const prev = row(db, 4);
      // Make room at seq 5 (two steps avoid primary-key clashes), then forge a record there.
      db.prepare('UPDATE audit_log SET seq = -seq - 1000 WHERE seq >= 5').run();
      db.prepare('UPDATE audit_log SET seq = -seq - 1000 + 1 WHERE seq < 0').run();
      const forged = JSON.parse(prev.body);
      const { v: _v, seq: _s, prev: _p, ...entry } = forged;
      entry.id = 'forged-record';
      const sealed = sealRecord(entry, 5, prev.hash);
      db.prepare('INSERT INTO audit_log (seq, id, ts, kind, tenant, key_id, status, body, hash) VALUES (5, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        entry.id,
        entry.ts,
        entry.kind,
        entry.tenant,
        entry.key_id,
        entry.status,
        sealed.body,
        sealed.hash,
      );
    });
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.equal(r.json.seq, 6);
    assert.match(r.stdout, /record seq 6 .*body says seq 5 but it is stored at 6 \(moved or inserted\)/);
  });

  it('appended copy of an old record', () => {
    const dir = tampered((db) => {
      const r = row(db, 2);
      db.prepare(
        'INSERT INTO audit_log (seq, id, ts, kind, tenant, key_id, status, body, hash) SELECT MAX(seq) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM audit_log',
      ).run(r.id, r.ts, r.kind, r.tenant, r.key_id, r.status, r.body, r.hash);
    });
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /body says seq 2/);
  });

  it('reordered records', () => {
    const dir = tampered((db) => {
      const a = row(db, 6);
      const b = row(db, 7);
      const put = db.prepare(
        'UPDATE audit_log SET id = ?, ts = ?, kind = ?, tenant = ?, key_id = ?, status = ?, body = ?, hash = ? WHERE seq = ?',
      );
      put.run(b.id, b.ts, b.kind, b.tenant, b.key_id, b.status, b.body, b.hash, 6);
      put.run(a.id, a.ts, a.kind, a.tenant, a.key_id, a.status, a.body, a.hash, 7);
    });
    const r = verify(dir);
    assert.equal(r.code, 1);
    assert.equal(r.json.seq, 6);
  });
});

describe('offline verification of an export', () => {
  it('verifies the exported JSONL with no database, and names a tampered line', () => {
    const dir = tampered(() => {});
    const exp = cli(['audit', 'export', '--format', 'jsonl', '--data-dir', dir]);
    assert.equal(exp.code, 0);
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, exp.stdout);
    const ok = cli(['audit', 'verify', '--export', file]);
    assert.equal(ok.code, 0, ok.stdout);
    const lines = exp.stdout.trim().split('\n');
    lines[3] = lines[3]!.replace('"kind":"request"', '"kind":"admin"');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const bad = cli(['audit', 'verify', '--export', file]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /record seq 4 .*record 3 was altered/);
  });
});

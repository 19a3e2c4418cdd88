// verifySqliteLog (workers reading 5,000-record ranges, replying with a summary when a range
// checks out) must give exactly the in-order verifyChain's verdict on the same file, wherever
// the tampering is: inside a range, on either side of a range boundary, in expired records.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { leafHash, prepareRecord } from '../../audit/record.js';
import { verifyChain } from '../../audit/verify.js';
import { adminEntry } from '../../identity/key-service.js';
import { createSqliteAuditReader, createSqliteBatchAppender } from './sqlite-audit-store.js';
import { openDb, type SqliteDb } from './sqlite-db.js';
import { verifySqliteLog } from './sqlite-verify.js';

const RECORDS = 12_345; // three ranges, the last one partial
let dir: string;
let source: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-verify-'));
  source = join(dir, 'source.db');
  const db = openDb(source, { durability: 'os' });
  const append = createSqliteBatchAppender(db);
  for (let i = 0; i < RECORDS; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(i + 1000, RECORDS); j++) {
      // Some bodies need the general check: escapes, non-ASCII, a \u escape for a control character.
      const detail: Record<string, string | number> = j % 97 === 0 ? { note: `quote " and \\ tab\t ctl\u0001 é 😀 #${j}` } : { n: j };
      batch.push(prepareRecord(adminEntry({ keyId: 'k1', userId: `u${j}`, tenant: 'acme', client: null }, 'test', String(j), detail)));
    }
    append(batch);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

let copies = 0;
async function check(mutate: (db: SqliteDb) => void) {
  const file = join(dir, `copy-${copies++}.db`);
  const src = openDb(source, {});
  await src.backup(file);
  src.close();
  const db = openDb(file, {});
  mutate(db);
  const expected = verifyChain(createSqliteAuditReader(db).scan());
  const got = await verifySqliteLog(file, db, 2);
  db.close();
  assert.deepEqual(got, expected);
  return got;
}

const body = (db: SqliteDb, seq: number) => (db.prepare('SELECT body FROM audit_log WHERE seq = ?').get(seq) as { body: string }).body;
const setBody = (db: SqliteDb, seq: number, text: string, rehash: boolean) => {
  db.prepare('UPDATE audit_log SET body = ? WHERE seq = ?').run(text, seq);
  if (rehash) db.prepare('UPDATE audit_log SET hash = ? WHERE seq = ?').run(leafHash(text), seq);
};

describe('verifySqliteLog across ranges gives verifyChain’s verdict', () => {
  it('intact, with bodies that take the general check', async () => {
    const r = await check(() => {});
    assert.equal(r.ok, true);
    assert.equal(r.records, RECORDS);
  });
  for (const seq of [0, 4999, 5000, 10_000, RECORDS - 1]) {
    it(`edited body at seq ${seq}`, async () => {
      const r = await check((db) => setBody(db, seq, body(db, seq).replace('"test"', '"tesT"'), false));
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.seq, seq);
    });
    it(`edited body with its hash recomputed at seq ${seq}`, async () => {
      const r = await check((db) => setBody(db, seq, body(db, seq).replace('"test"', '"tesT"'), true));
      assert.equal(r.ok, seq === RECORDS - 1);
    });
  }
  it('non-canonical body (whitespace) with its hash recomputed', async () => {
    const r = await check((db) => setBody(db, 7000, body(db, 7000).replace('{"', '{ "'), true));
    assert.equal(!r.ok && r.problem, 'body is not in canonical form (modified)');
  });
  it('edited indexed column', async () => {
    const r = await check((db) => db.prepare("UPDATE audit_log SET tenant = 'other' WHERE seq = 6123").run());
    assert.equal(!r.ok && r.seq, 6123);
  });
  // Columns are read packed by SQLite's json_array; any column that does not pack to the body's
  // own text takes the general check, and one that cannot be packed (a BLOB) the column reader.
  const columnEdits: Array<[string, string, boolean]> = [
    ['tenant as a BLOB', "UPDATE audit_log SET tenant = CAST('acme' AS BLOB) WHERE seq = 5003", false],
    ['status as a REAL of the same value', 'UPDATE audit_log SET status = 200.0 WHERE seq = 5004', true],
    ['status as text', "UPDATE audit_log SET status = '200 OK' WHERE seq = 5005", false],
    ['tenant set to NULL', 'UPDATE audit_log SET tenant = NULL WHERE seq = 2', false],
    ['key_id holding a quote', `UPDATE audit_log SET key_id = 'k1",' WHERE seq = 9000`, false],
    ['id changed', "UPDATE audit_log SET id = 'other' WHERE seq = 11111", false],
    ['ts with a control character', 'UPDATE audit_log SET ts = ts || char(1) WHERE seq = 12000', false],
  ];
  for (const [name, sql, ok] of columnEdits) {
    it(`indexed column edit: ${name}`, async () => {
      const r = await check((db) => db.prepare(sql).run());
      assert.equal(r.ok, ok);
    });
  }
  for (const seq of [5000, 7777]) {
    it(`deleted record at seq ${seq}`, async () => {
      const r = await check((db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq));
      assert.equal(r.ok, false);
    });
  }
  it('swapped records across a range boundary', async () => {
    const r = await check((db) => {
      const a = db.prepare('SELECT * FROM audit_log WHERE seq = 4999').get() as Record<string, unknown>;
      const b = db.prepare('SELECT * FROM audit_log WHERE seq = 5000').get() as Record<string, unknown>;
      const put = db.prepare(
        'UPDATE audit_log SET id = ?, body = ?, hash = ?, ts = ?, kind = ?, tenant = ?, key_id = ?, status = ? WHERE seq = ?',
      );
      put.run(b.id, b.body, b.hash, b.ts, b.kind, b.tenant, b.key_id, b.status, 4999);
      put.run(a.id, a.body, a.hash, a.ts, a.kind, a.tenant, a.key_id, a.status, 5000);
    });
    assert.equal(!r.ok && r.seq, 4999);
  });
  it('expired records (bodies removed by retention) still verify and are counted', async () => {
    const r = await check((db) => db.prepare("UPDATE audit_log SET body = '', expired_at = 1 WHERE seq < 6000 OR seq % 3 = 0").run());
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.expired, 6000 + [...Array(RECORDS - 6000).keys()].filter((i) => (i + 6000) % 3 === 0).length);
  });
  it('an expired record with a forged hash', async () => {
    const r = await check((db) => db.prepare("UPDATE audit_log SET body = '', expired_at = 1, hash = 'x' WHERE seq = 5000").run());
    assert.equal(!r.ok && r.seq, 5000);
  });
});

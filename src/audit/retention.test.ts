import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { adminEntry } from '../identity/key-service.js';
import { createSqliteAuditReader, createSqliteBatchAppender, createSqliteRetentionStore } from '../store/sqlite/sqlite-audit-store.js';
import { openDb } from '../store/sqlite/sqlite-db.js';
import { prepareRecord } from './record.js';
import { applyRetention, applyRetentionInChunks, validateRetention } from './retention.js';
import { verifyChain } from './verify.js';

function log(records: Array<{ tenant: string; ageDays: number }>) {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'gatehouse-ret-')), 'g.db'));
  createSqliteBatchAppender(db)(
    records.map((r, i) =>
      prepareRecord({
        ...adminEntry({ keyId: null, userId: `u${i}`, tenant: r.tenant, client: null }, 'x', null, {}),
        ts: new Date(Date.now() - r.ageDays * 86_400_000).toISOString(),
      }),
    ),
  );
  return db;
}

describe('retention', () => {
  it('refuses short periods unless allowed', () => {
    assert.throws(() => validateRetention(100, false), /183-day minimum/);
    validateRetention(100, true);
    validateRetention(400, false);
  });
  it('expires in chunks with the same result as one pass, and the chain still verifies', async () => {
    const shape = [
      ...Array.from({ length: 25 }, () => ({ tenant: 'a', ageDays: 500 })),
      ...Array.from({ length: 5 }, () => ({ tenant: 'a', ageDays: 1 })),
    ];
    const chunked = log(shape);
    const runs = await applyRetentionInChunks(createSqliteRetentionStore(chunked), 400, 10);
    const whole = log(shape);
    const once = applyRetention(createSqliteRetentionStore(whole), 400);
    assert.deepEqual(
      runs.map((r) => [r.tenant, r.count, r.maxSeq]),
      once.map((r) => [r.tenant, r.count, r.maxSeq]),
    );
    assert.deepEqual(
      runs.map((r) => [r.count, r.maxSeq]),
      [[25, 24]],
    );
    const result = verifyChain(createSqliteAuditReader(chunked).scan());
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.expired, 25);
  });
});

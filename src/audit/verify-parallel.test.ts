import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminEntry } from '../identity/key-service.js';
import { GENESIS_PREV, sealRecord } from './record.js';
import { type StoredRow, verifyChain } from './verify.js';
import { verifyChainParallel } from './verify-parallel.js';

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

describe('verifyChainParallel', () => {
  const base = chain(9000);
  const cases: Array<[string, (rows: StoredRow[]) => void]> = [
    ['intact', () => {}],
    [
      'modified body in a middle chunk',
      (rows) => {
        rows[4321] = { ...rows[4321]!, body: rows[4321]!.body.replace('"u4321"', '"x4321"') };
      },
    ],
    [
      'deleted record at a chunk boundary',
      (rows) => {
        rows.splice(4000, 1);
      },
    ],
    [
      'reordered records across chunks',
      (rows) => {
        const a = rows[1999]!;
        rows[1999] = rows[2000]!;
        rows[2000] = a;
      },
    ],
    [
      'modified last record',
      (rows) => {
        rows[8999] = { ...rows[8999]!, hash: '0'.repeat(64) };
      },
    ],
  ];
  for (const [name, mutate] of cases) {
    it(`gives exactly verifyChain's result: ${name}`, async () => {
      const rows = base.map((r) => ({ ...r }));
      mutate(rows);
      const expected = verifyChain(rows);
      assert.deepEqual(await verifyChainParallel(rows, { jobs: 2, minRows: 100 }), expected);
    });
  }
});

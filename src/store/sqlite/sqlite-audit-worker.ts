// Group-commit worker: owns one SQLite connection, takes every record that arrived while the
// previous commit was running, and commits them in one transaction (one fsync per batch). Runs
// in a worker thread so that fsync and hashing never block the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import type { PreparedRecord } from '../../audit/record.js';
import type { CapturedContent } from '../types.js';
import { createSqliteBatchAppender } from './sqlite-audit-store.js';
import { openDb } from './sqlite-db.js';

export interface WorkerInit {
  file: string;
  durability: 'fsync' | 'os';
  maxBatch: number;
}
export type ToWorker = { batch: Array<{ n: number; record: PreparedRecord; content?: CapturedContent | undefined }> };
export type FromWorker = { acks: Array<{ n: number; seq: number; hash: string }> } | { fail: { ns: number[]; message: string } };

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('sqlite-audit-worker must run as a worker thread');
const db = openDb(init.file, { durability: init.durability });
// Checkpoints run in their own thread (sqlite-checkpoint-worker), never inside a group commit.
db.pragma('wal_autocheckpoint = 0');
const append = createSqliteBatchAppender(db);
const pending: ToWorker['batch'] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  while (pending.length) {
    const batch = pending.splice(0, init.maxBatch);
    try {
      const results = append(
        batch.map((b) => b.record),
        batch.map((b) => b.content),
      );
      const msg: FromWorker = { acks: batch.map((b, i) => ({ n: b.n, seq: results[i]!.seq, hash: results[i]!.hash })) };
      port!.postMessage(msg);
    } catch (err) {
      const msg: FromWorker = { fail: { ns: batch.map((b) => b.n), message: (err as Error).message } };
      port!.postMessage(msg);
    }
  }
}

port.on('message', (msg: ToWorker | 'close') => {
  if (msg === 'close') {
    flush();
    db.close();
    port!.close();
    return;
  }
  for (const item of msg.batch) pending.push(item);
  if (!scheduled) {
    scheduled = true;
    // Let every message already queued on the port arrive before committing: that is the group.
    setImmediate(flush);
  }
});

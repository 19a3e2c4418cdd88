// WAL checkpointer: copies committed WAL frames back into the database file from its own
// thread and connection. SQLite's automatic checkpoint would otherwise run inside whichever
// commit crosses the threshold, stalling every request waiting on that group commit (a p99
// spike of several milliseconds). PASSIVE checkpoints never block the writer.
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from './sqlite-db.js';

export interface CheckpointInit {
  file: string;
  intervalMs: number;
}

const init = workerData as CheckpointInit;
const db = openDb(init.file, { durability: 'fsync' });
db.pragma('wal_autocheckpoint = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (err) {
    parentPort?.postMessage({ error: (err as Error).message });
  }
}, init.intervalMs);

parentPort?.on('message', (msg) => {
  if (msg === 'close') {
    clearInterval(timer);
    try {
      // A final full checkpoint keeps the WAL small for the next start and for copies.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another connection may still be reading; PASSIVE progress is enough.
    }
    db.close();
    parentPort?.close();
  }
});

// Worker for verify-parallel.ts: runs the independent per-record checks on a chunk.
import { parentPort } from 'node:worker_threads';
import { checkRow, type StoredRow } from './verify.js';

parentPort?.on('message', (msg: { chunk: number; rows: StoredRow[] }) => {
  parentPort?.postMessage({ chunk: msg.chunk, checks: msg.rows.map(checkRow) });
});

// Worker for sqlite-verify.ts: reads a seq range with its own read-only connection and runs the
// per-record checks, returning only what the in-order linking needs (hashes, prevs, problems).
import { parentPort, workerData } from 'node:worker_threads';
import { checkRow } from '../../audit/verify.js';
import { type AuditRow, toStored } from './sqlite-audit-store.js';
import { openDb } from './sqlite-db.js';

export interface RangeResult {
  task: number;
  seqs: number[];
  ids: string[];
  hashes: string[];
  prevs: Array<string | null>;
  /** Sparse: index in the range -> problem. */
  problems: Array<[number, string]>;
  late: Array<[number, string]>;
}

const db = openDb((workerData as { file: string }).file, { readonly: true });
const range = db.prepare('SELECT * FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq');

parentPort?.on('message', (msg: { task: number; from: number; to: number }) => {
  const out: RangeResult = { task: msg.task, seqs: [], ids: [], hashes: [], prevs: [], problems: [], late: [] };
  for (const row of range.iterate(msg.from, msg.to) as IterableIterator<AuditRow>) {
    const stored = toStored(row);
    const check = checkRow(stored);
    const i = out.seqs.length;
    out.seqs.push(stored.seq);
    out.ids.push(stored.id);
    out.hashes.push(check.hash);
    out.prevs.push(check.prev);
    if (check.problem) out.problems.push([i, check.problem]);
    if (check.lateProblem) out.late.push([i, check.lateProblem]);
  }
  parentPort?.postMessage(out);
});

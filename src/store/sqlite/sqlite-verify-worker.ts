// Worker for sqlite-verify.ts: reads a seq range with its own read-only connection and runs the
// per-record checks. When every record in the range checks out on its own, follows the one before
// it in seq and links to its hash, the reply is a summary (the first record, whose link only the
// caller can check, and the range's last hash); otherwise it carries every record's hash, prev
// and problems, so the caller's in-order linking names the first failure exactly as before.
import { parentPort, workerData } from 'node:worker_threads';
import { checkRow, type RowCheck, type StoredRow } from '../../audit/verify.js';
import { openDb } from './sqlite-db.js';

export interface RangeRows {
  task: number;
  seqs: number[];
  ids: string[];
  hashes: string[];
  prevs: Array<string | null>;
  /** Sparse: index in the range -> problem. */
  problems: Array<[number, string]>;
  late: Array<[number, string]>;
}

/** A range whose records after the first are known to link and check: linked as a whole. */
export interface RangeSummary {
  task: number;
  summary: true;
  first: { seq: number; id: string };
  firstCheck: RowCheck;
  count: number;
  /** expired records after the first */
  expired: number;
  lastHash: string;
}

export type RangeResult = RangeRows | RangeSummary;

const db = openDb((workerData as { file: string }).file, { readonly: true });
// Read pages in place instead of copying them into the page cache (a sequential scan of the log).
db.pragma('mmap_size = 1073741824');
const range = db
  .prepare('SELECT seq, id, ts, kind, tenant, key_id, status, body, hash, expired_at FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq')
  .raw();

type Raw = [number, string, string, string, string | null, string | null, number, string, string, number | null];

function stored(r: Raw): StoredRow {
  if (r[9] !== null) return { seq: r[0], id: r[1], body: '', hash: r[8], expired: true };
  return { seq: r[0], id: r[1], body: r[7], hash: r[8], columns: { ts: r[2], kind: r[3], tenant: r[4], key_id: r[5], status: r[6] } };
}

/** Every record's check, for the caller to link one by one (a range with a problem in it). */
function rows(task: number, from: number, to: number): RangeRows {
  const out: RangeRows = { task, seqs: [], ids: [], hashes: [], prevs: [], problems: [], late: [] };
  for (const r of range.iterate(from, to) as IterableIterator<Raw>) {
    const row = stored(r);
    const check = checkRow(row);
    const i = out.seqs.length;
    out.seqs.push(row.seq);
    out.ids.push(row.id);
    out.hashes.push(check.hash);
    out.prevs.push(check.prev);
    if (check.problem) out.problems.push([i, check.problem]);
    if (check.lateProblem) out.late.push([i, check.lateProblem]);
  }
  return out;
}

/**
 * One pass keeping only what a summary needs; undefined as soon as a record after the first has
 * a problem, is out of place or does not link (then the range is read again with rows()).
 */
function summary(task: number, from: number, to: number): RangeSummary | undefined {
  let first: { seq: number; id: string } | undefined;
  let firstCheck: RowCheck | undefined;
  let count = 0;
  let expired = 0;
  let lastHash = '';
  for (const r of range.iterate(from, to) as IterableIterator<Raw>) {
    const row = stored(r);
    const check = checkRow(row);
    if (count === 0) {
      if (row.seq !== from) return undefined;
      first = { seq: row.seq, id: row.id };
      firstCheck = check;
    } else {
      if (check.problem || check.lateProblem || row.seq !== from + count || (check.prev !== null && check.prev !== lastHash))
        return undefined;
      if (check.prev === null) expired++;
    }
    lastHash = check.hash;
    count++;
  }
  if (!first || !firstCheck) return undefined;
  return { task, summary: true, first, firstCheck, count, expired, lastHash };
}

parentPort?.on('message', (msg: { task: number; from: number; to: number }) => {
  parentPort?.postMessage(summary(msg.task, msg.from, msg.to) ?? rows(msg.task, msg.from, msg.to));
});

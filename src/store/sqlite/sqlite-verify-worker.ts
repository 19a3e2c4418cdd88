// Worker for sqlite-verify.ts: reads a seq range with its own read-only connection and runs the
// per-record checks. When every record in the range checks out on its own, follows the one before
// it in seq and links to its hash, the reply is a summary (the first record, whose link only the
// caller can check, and the range's last hash); otherwise it carries every record's hash, prev
// and problems, so the caller's in-order linking names the first failure exactly as before.
import { parentPort, workerData } from 'node:worker_threads';
import { checkPackedRow, checkRow, PACKED_COLUMNS_SQL, type RowCheck, storedRow, unpackRow } from '../../audit/verify.js';
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
db.pragma('mmap_size = 1099511627776'); // SQLite caps it at its maximum (2 GiB here)

/** Reads a seq range's rows and checks each one on its own. */
interface Reader<R> {
  rows(from: number, to: number): IterableIterator<R>;
  seq(r: R): number;
  id(r: R): string;
  check(r: R): RowCheck;
}

// The body is NULL once expired by retention (a NULL body that did not expire reads as '', which
// fails as invalid JSON).
const BODY = `CASE WHEN expired_at IS NULL THEN coalesce(body, '') END`;

/**
 * Four values per row: seq, body, stored hash, and the id and indexed columns packed by SQLite
 * into one string (checkPackedRow): each column read costs about as much as the body.
 */
type Packed = [number, string | null, string, string];
const packedRange = db
  .prepare(`SELECT seq, ${BODY}, hash, ${PACKED_COLUMNS_SQL} FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq`)
  .raw();
const packed: Reader<Packed> = {
  rows: (from, to) => packedRange.iterate(from, to) as IterableIterator<Packed>,
  seq: (r) => r[0],
  id: (r) => unpackRow(r[0], r[1], r[2], r[3]).id,
  check: (r) => checkPackedRow(r[0], r[1], r[2], r[3]),
};

/** Column by column: for a range SQLite cannot pack (json_array refuses a BLOB, as in a tampered column). */
type Columns = [number, string | null, string, string, string, string, string | null, string | null, number];
const columnRange = db
  .prepare(`SELECT seq, ${BODY}, hash, id, ts, kind, tenant, key_id, status FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq`)
  .raw();
const columns: Reader<Columns> = {
  rows: (from, to) => columnRange.iterate(from, to) as IterableIterator<Columns>,
  seq: (r) => r[0],
  id: (r) => r[3],
  check: (r) => checkRow(storedRow(r[0], r[1], r[2], [r[3], r[4], r[5], r[6], r[7], r[8]])),
};

/** Every record's check, for the caller to link one by one (a range with a problem in it). */
function rows<R>(read: Reader<R>, task: number, from: number, to: number): RangeRows {
  const out: RangeRows = { task, seqs: [], ids: [], hashes: [], prevs: [], problems: [], late: [] };
  for (const r of read.rows(from, to)) {
    const check = read.check(r);
    const i = out.seqs.length;
    out.seqs.push(read.seq(r));
    out.ids.push(read.id(r));
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
function summary<R>(read: Reader<R>, task: number, from: number, to: number): RangeSummary | undefined {
  let first: { seq: number; id: string } | undefined;
  let firstCheck: RowCheck | undefined;
  let count = 0;
  let expired = 0;
  let lastHash = '';
  for (const r of read.rows(from, to)) {
    const seq = read.seq(r);
    const check = read.check(r);
    if (count === 0) {
      if (seq !== from) return undefined;
      first = { seq, id: read.id(r) };
      firstCheck = check;
    } else {
      if (check.problem || check.lateProblem || seq !== from + count || (check.prev !== null && check.prev !== lastHash)) return undefined;
      if (check.prev === null) expired++;
    }
    lastHash = check.hash;
    count++;
  }
  if (!first || !firstCheck) return undefined;
  return { task, summary: true, first, firstCheck, count, expired, lastHash };
}

function verifyRange<R>(read: Reader<R>, task: number, from: number, to: number): RangeResult {
  return summary(read, task, from, to) ?? rows(read, task, from, to);
}

parentPort?.on('message', (msg: { task: number; from: number; to: number }) => {
  let result: RangeResult;
  try {
    result = verifyRange(packed, msg.task, msg.from, msg.to);
  } catch (e) {
    if (!(e instanceof Error && e.message.includes('BLOB'))) throw e;
    result = verifyRange(columns, msg.task, msg.from, msg.to);
  }
  parentPort?.postMessage(result);
});

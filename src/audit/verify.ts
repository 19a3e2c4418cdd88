// Recomputes the hash chain over stored rows and names the first record that does not fit:
// modified (body or hash changed), deleted (a gap in seq), inserted or reordered (prev or seq
// does not match its position). Pure: rows in, verdict out — usable offline on an export.
import { canonicalize } from './canonical.js';
import { GENESIS_PREV, leafHash } from './record.js';

export interface StoredRow {
  seq: number;
  id: string;
  body: string;
  hash: string;
  /** Indexed columns duplicated from the body; they must agree with it. */
  columns?: Record<string, string | number | null>;
}

export type VerifyResult =
  | { ok: true; records: number; head: { seq: number; hash: string } | null }
  | { ok: false; records: number; seq: number; id: string; problem: string };

export function verifyChain(rows: Iterable<StoredRow>): VerifyResult {
  let expectedSeq = 0;
  let prev = GENESIS_PREV;
  let count = 0;
  for (const row of rows) {
    const fail = (problem: string): VerifyResult => ({ ok: false, records: count, seq: row.seq, id: row.id, problem });
    if (row.seq > expectedSeq) return fail(`records ${expectedSeq}..${row.seq - 1} are missing (deleted) before this one`);
    if (row.seq < expectedSeq) return fail(`seq ${row.seq} appears out of order (expected ${expectedSeq})`);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(row.body) as Record<string, unknown>;
    } catch {
      return fail('body is not valid JSON (modified)');
    }
    let canonical: string;
    try {
      canonical = canonicalize(parsed);
    } catch (err) {
      return fail(`body is not canonical (${(err as Error).message})`);
    }
    if (canonical !== row.body) return fail('body is not in canonical form (modified)');
    const computed = leafHash(Buffer.from(row.body, 'utf8'));
    if (computed !== row.hash) return fail('content does not match its stored hash (modified)');
    if (parsed.seq !== row.seq) return fail(`body says seq ${String(parsed.seq)} but it is stored at ${row.seq} (moved or inserted)`);
    if (parsed.id !== row.id) return fail('stored id does not match the body (modified)');
    if (parsed.prev !== prev) {
      return fail(
        `does not link to the record before it (prev ${String(parsed.prev).slice(0, 12)}… expected ${prev.slice(0, 12)}…): record ${row.seq - 1} was altered, or this record was inserted or reordered`,
      );
    }
    if (row.columns) {
      for (const [k, v] of Object.entries(row.columns)) {
        if ((parsed[k] ?? null) !== v) return fail(`indexed column ${k} does not match the body (modified)`);
      }
    }
    prev = computed;
    expectedSeq++;
    count++;
  }
  return { ok: true, records: count, head: count ? { seq: expectedSeq - 1, hash: prev } : null };
}

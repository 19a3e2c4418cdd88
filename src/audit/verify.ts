// Recomputes the hash chain over stored rows and names the first record that does not fit:
// modified (body or hash changed), deleted (a gap in seq), inserted or reordered (prev or seq
// does not match its position). Pure: rows in, verdict out — usable offline on an export.
// The per-record work (checkRow) is independent of other records, so verify-parallel.ts can
// spread it over cores; only the seq and prev links are checked in order, here.
import { isCanonical } from './canonical.js';
import { fieldSet, NESTED, scanCanonical, type TopValue } from './canonical-scan.js';
import { GENESIS_PREV, leafHash } from './record.js';

export interface StoredRow {
  seq: number;
  id: string;
  body: string;
  hash: string;
  /** Indexed columns duplicated from the body; they must agree with it. */
  columns?: Record<string, string | number | null>;
  /**
   * The body was removed by the retention policy: only the leaf hash remains. The record still
   * counts in the chain (the next record must link to its hash) and in the Merkle tree.
   */
  expired?: boolean;
}

export type VerifyResult =
  | { ok: true; records: number; expired: number; head: { seq: number; hash: string } | null }
  | { ok: false; records: number; seq: number; id: string; problem: string };

/** What can be checked about one record on its own. */
export interface RowCheck {
  /** First problem with the record itself, before its link is considered. */
  problem: string | null;
  /** Problem found after the link check (indexed columns disagreeing with the body). */
  lateProblem: string | null;
  /** The record's leaf hash, recomputed from its bytes. */
  hash: string;
  /** The `prev` the record claims (null when its body expired). */
  prev: string | null;
}

/** The members checkRow reads: the link, the position and every indexed column. */
const CHECKED = ['seq', 'id', 'prev', 'ts', 'kind', 'tenant', 'key_id', 'status'] as const;
const CHECKED_FIELDS = fieldSet(CHECKED);
const CHECKED_NAMES: ReadonlySet<string> = new Set(CHECKED);

function readsColumns(row: StoredRow): boolean {
  if (row.columns) for (const k in row.columns) if (!CHECKED_NAMES.has(k)) return false;
  return true;
}

export function checkRow(row: StoredRow): RowCheck {
  if (row.expired) {
    // Nothing left to recompute: the stored leaf hash stands for the record (the Merkle tree and
    // every signed checkpoint commit to it, and the next record's prev must match it).
    if (!/^[0-9a-f]{64}$/.test(row.hash))
      return { problem: 'expired record has no valid leaf hash (modified)', lateProblem: null, hash: '', prev: null };
    return { problem: null, lateProblem: null, hash: row.hash, prev: null };
  }
  const v = scanCanonical(row.body, CHECKED_FIELDS);
  if (v !== undefined && v[0] !== NESTED && v[1] !== NESTED && v[2] !== NESTED && readsColumns(row)) {
    return checkParsed(row, { seq: v[0], id: v[1], prev: v[2], ts: v[3], kind: v[4], tenant: v[5], key_id: v[6], status: v[7] });
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    return bad('body is not valid JSON (modified)');
  }
  if (!isCanonical(parsed, row.body)) return bad('body is not in canonical form (modified)');
  return checkParsed(row, parsed);
}

/**
 * A row's id and indexed columns as SQLite packs them into one string, in this order: reading
 * one string instead of six columns is the largest saving in a full verify of a SQLite log.
 */
export const PACKED_COLUMNS_SQL = 'json_array(id, ts, kind, tenant, key_id, status)';

/** Indexed column values, in PACKED_COLUMNS_SQL order: id, ts, kind, tenant, key_id, status. */
export type ColumnValues = readonly [string, string, string, string | null, string | null, number];

/** The row checkRow sees, from its seq, body (`null`: expired by retention), hash and column values. */
export function storedRow(seq: number, body: string | null, hash: string, [id, ts, kind, tenant, key_id, status]: ColumnValues): StoredRow {
  if (body === null) return { seq, id, body: '', hash, expired: true };
  return { seq, id, body, hash, columns: { ts, kind, tenant, key_id, status } };
}

/** The row checkRow would see, from a packed row. */
export function unpackRow(seq: number, body: string | null, hash: string, packed: string): StoredRow {
  return storedRow(seq, body, hash, JSON.parse(packed) as ColumnValues);
}

/**
 * checkRow(unpackRow(...)), faster: when the body is canonical without any escape and its own id
 * and indexed values, written the way SQLite's json_array writes them, are exactly the packed
 * text, the columns agree with the body and only the hash and seq remain to be checked. Without
 * escapes, no string value holds a quote or backslash, so the written form is unambiguous (equal
 * text means equal values). Anything else takes the general path, which also words the problem.
 */
export function checkPackedRow(seq: number, body: string | null, hash: string, packed: string): RowCheck {
  if (body !== null) {
    const v = scanCanonical(body, CHECKED_FIELDS);
    if (
      v !== undefined &&
      typeof v[1] === 'string' &&
      body.indexOf('\\') === -1 &&
      packed === `["${v[1]}",${packedValue(v[3])},${packedValue(v[4])},${packedValue(v[5])},${packedValue(v[6])},${packedValue(v[7])}]` &&
      v[0] !== NESTED &&
      v[2] !== NESTED
    )
      return checkParsed({ seq, id: v[1], body, hash }, { seq: v[0], id: v[1], prev: v[2] });
  }
  return checkRow(unpackRow(seq, body, hash, packed));
}

/** A top-level value of an escape-free body as json_array writes a column (NESTED never matches). */
function packedValue(v: TopValue | undefined): string {
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'number') return String(v);
  return v === null || v === undefined ? 'null' : '\0';
}

function bad(problem: string): RowCheck {
  return { problem, lateProblem: null, hash: '', prev: '' };
}

/** The checks on a body known to be canonical, given its top-level members. */
function checkParsed(row: StoredRow, parsed: Record<string, unknown>): RowCheck {
  const hash = leafHash(row.body);
  if (hash !== row.hash) return bad('content does not match its stored hash (modified)');
  if (parsed.seq !== row.seq) return bad(`body says seq ${String(parsed.seq)} but it is stored at ${row.seq} (moved or inserted)`);
  if (parsed.id !== row.id) return bad('stored id does not match the body (modified)');
  let lateProblem: string | null = null;
  if (row.columns) {
    for (const [k, v] of Object.entries(row.columns)) {
      if ((parsed[k] ?? null) !== v) {
        lateProblem = `indexed column ${k} does not match the body (modified)`;
        break;
      }
    }
  }
  return { problem: null, lateProblem, hash, prev: String(parsed.prev) };
}

/** The in-order part of verification, fed one record (and its independent check) at a time. */
export class ChainLinker {
  private expectedSeq = 0;
  private prev = GENESIS_PREV;
  private count = 0;
  private expired = 0;
  failure: VerifyResult | undefined;

  /** Returns false once the chain is broken (then `failure` says where and why). */
  next(row: { seq: number; id: string }, check: RowCheck): boolean {
    const fail = (problem: string) => {
      this.failure = { ok: false, records: this.count, seq: row.seq, id: row.id, problem };
      return false;
    };
    if (row.seq > this.expectedSeq) return fail(`records ${this.expectedSeq}..${row.seq - 1} are missing (deleted) before this one`);
    if (row.seq < this.expectedSeq) return fail(`seq ${row.seq} appears out of order (expected ${this.expectedSeq})`);
    if (check.problem) return fail(check.problem);
    if (check.prev !== null && check.prev !== this.prev) {
      return fail(
        `does not link to the record before it (prev ${check.prev.slice(0, 12)}… expected ${this.prev.slice(0, 12)}…): record ${row.seq - 1} was altered, or this record was inserted or reordered`,
      );
    }
    if (check.lateProblem) return fail(check.lateProblem);
    if (check.prev === null) this.expired++;
    this.prev = check.hash;
    this.expectedSeq++;
    this.count++;
    return true;
  }

  /**
   * A run of `count` records: `first`, then records already known to follow it in seq, each
   * linking to the one before and checking out on its own (`expired` of them expired), the last
   * with hash `lastHash`. Same outcome as feeding them one by one.
   */
  nextRun(first: { seq: number; id: string }, firstCheck: RowCheck, count: number, expired: number, lastHash: string): boolean {
    if (!this.next(first, firstCheck)) return false;
    this.expectedSeq += count - 1;
    this.count += count - 1;
    this.expired += expired;
    this.prev = lastHash;
    return true;
  }

  result(): VerifyResult {
    return (
      this.failure ?? {
        ok: true,
        records: this.count,
        expired: this.expired,
        head: this.count ? { seq: this.expectedSeq - 1, hash: this.prev } : null,
      }
    );
  }
}

export function verifyChain(rows: Iterable<StoredRow>): VerifyResult {
  const linker = new ChainLinker();
  for (const row of rows) if (!linker.next(row, checkRow(row))) break;
  return linker.result();
}

/** A stored row as readers show it: the record with its hash, or what is left after expiry. */
export function recordView(row: StoredRow): Record<string, unknown> {
  if (row.expired) return { seq: row.seq, id: row.id, expired: true, hash: row.hash };
  return { ...(JSON.parse(row.body) as Record<string, unknown>), hash: row.hash };
}

/** The export line of an expired record: canonical JSON, recognisable by having no `v`. */
export function expiredLine(row: StoredRow): string {
  return `{"expired":true,"hash":"${row.hash}","seq":${row.seq}}`;
}

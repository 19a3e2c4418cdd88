// The audit record: one per request (rejected ones too) and per admin action. Its canonical JSON
// bytes are the leaf of the log; each record names its predecessor's hash, so the chain is
// tamper-evident now and the same bytes become RFC 6962 Merkle leaves later.
import { hash } from 'node:crypto';
import type { ThreatEntry } from '../pipeline/types.js';
import { canonicalize } from './canonical.js';
import { encodeSealed } from './record-encoding.js';

export const RECORD_VERSION = 1;
export const GENESIS_PREV = '0'.repeat(64);
const LEAF_PREFIX = Buffer.from([0]);

export interface DecisionEntry {
  stage: string;
  verdict: string;
  reason: string;
  us: number;
}

/** A finding as the audit record keeps it (the exchange's ThreatEntry, unchanged). */
export type ThreatFinding = ThreatEntry;

/** What the gateway hands to the log; the log adds `v`, `seq` and `prev`. */
export interface AuditEntry {
  id: string;
  /** ISO 8601 UTC with milliseconds. */
  ts: string;
  kind: 'request' | 'admin';
  tenant: string | null;
  user: string | null;
  key_id: string | null;
  client: string | null;
  method: string | null;
  path: string | null;
  dialect: string | null;
  endpoint: string | null;
  model_requested: string | null;
  provider: string | null;
  upstream_model: string | null;
  /** The model the upstream reported it used (its exact version). */
  model_resolved: string | null;
  prompt_version: string | null;
  /** The AI feature the request invoked (access control), null when none was selected. */
  feature: string | null;
  input_sha256: string | null;
  output_sha256: string | null;
  usage: { input_tokens: number; output_tokens: number } | null;
  stream: boolean | null;
  status: number;
  upstream_status: number | null;
  latency_us: number;
  error: { code: string; detail: string } | null;
  decisions: DecisionEntry[];
  /**
   * Runtime-protection metadata: the data-classification labels of the exchange and each finding
   * a policy rule decided on (scanner, type, label, span, score in percent, rule, action). Never
   * the matched value. Null when nothing was found (or for admin actions).
   */
  threats: { labels: string[]; findings: ThreatFinding[] } | null;
  /** Admin actions: what was done to what. */
  action: { name: string; target: string | null; details: Record<string, string | number | boolean | null> } | null;
}

export interface AuditRecord extends AuditEntry {
  v: number;
  /** 0-based position in the log (the Merkle leaf index). */
  seq: number;
  /** Hex leaf hash of the record at seq - 1 (64 zeros for seq 0). */
  prev: string;
}

/** The exact bytes that are hashed: canonical JSON of the whole record, UTF-8. */
export function leafBytes(record: AuditRecord): Buffer {
  return Buffer.from(canonicalize(record), 'utf8');
}

/**
 * RFC 6962 §2.1 leaf hash: SHA-256(0x00 || leaf). A string leaf is hashed as its UTF-8 bytes;
 * prefixing U+0000 (encoded as the single byte 0x00) avoids copying the record into a Buffer.
 */
export function leafHash(leaf: Buffer | string): string {
  return typeof leaf === 'string' ? hash('sha256', `\0${leaf}`, 'hex') : hash('sha256', Buffer.concat([LEAF_PREFIX, leaf]), 'hex');
}

/**
 * A record encoded before its position in the log is known: the canonical bytes split around
 * the `prev` and `seq` values, plus the indexed columns. The slow part (encoding) can then run
 * where the record is produced, and the group-commit writer only splices in prev and seq —
 * three strings cross the thread boundary instead of an object graph.
 */
export interface PreparedRecord {
  parts: [string, string, string];
  id: string;
  ts: string;
  kind: 'request' | 'admin';
  tenant: string | null;
  key_id: string | null;
  status: number;
}

const SEQ_SENTINEL = Number.MAX_SAFE_INTEGER;
const PREV_SENTINEL = 'x'.repeat(64);
const PREV_KEY = `"prev":"${PREV_SENTINEL}"`;
const SEQ_KEY = `"seq":${SEQ_SENTINEL}`;

export function prepareRecord(entry: AuditEntry): PreparedRecord {
  const body = encodeSealed(entry, RECORD_VERSION, SEQ_SENTINEL, PREV_SENTINEL);
  // prev and seq are top-level keys; nothing after them in canonical order can hold either
  // (quotes inside strings are escaped), so the last occurrences are theirs.
  const i = body.lastIndexOf(PREV_KEY);
  const j = body.lastIndexOf(SEQ_KEY);
  if (i < 0 || j < i) throw new Error('record encoding: prev/seq not found');
  return {
    parts: [body.slice(0, i + 8), body.slice(i + 8 + 64, j + 6), body.slice(j + SEQ_KEY.length)],
    id: entry.id,
    ts: entry.ts,
    kind: entry.kind,
    tenant: entry.tenant,
    key_id: entry.key_id,
    status: entry.status,
  };
}

export function sealPrepared(p: PreparedRecord, seq: number, prev: string): { body: string; hash: string } {
  const body = `${p.parts[0]}${prev}${p.parts[1]}${seq}${p.parts[2]}`;
  return { body, hash: leafHash(body) };
}

export function sealRecord(entry: AuditEntry, seq: number, prev: string): { record: AuditRecord; body: string; hash: string } {
  const { body, hash } = sealPrepared(prepareRecord(entry), seq, prev);
  return {
    body,
    hash,
    // The record object is rarely needed (tests, tools): built only on demand.
    get record(): AuditRecord {
      return { ...entry, v: RECORD_VERSION, seq, prev };
    },
  };
}

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

// The audit record: one per request (rejected ones too) and per admin action. Its canonical JSON
// bytes are the leaf of the log; each record names its predecessor's hash, so the chain is
// tamper-evident now and the same bytes become RFC 6962 Merkle leaves later.
import { hash } from 'node:crypto';
import { canonicalize, canonicalizer } from './canonical.js';

export const RECORD_VERSION = 1;
export const GENESIS_PREV = '0'.repeat(64);
const LEAF_PREFIX = Buffer.from([0]);

export interface DecisionEntry {
  stage: string;
  verdict: string;
  reason: string;
  us: number;
}

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
  input_sha256: string | null;
  output_sha256: string | null;
  usage: { input_tokens: number; output_tokens: number } | null;
  stream: boolean | null;
  status: number;
  upstream_status: number | null;
  latency_us: number;
  error: { code: string; detail: string } | null;
  decisions: DecisionEntry[];
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

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Buffer): string {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, leaf]), 'hex');
}

const RECORD_KEYS = [
  'v',
  'seq',
  'prev',
  'id',
  'ts',
  'kind',
  'tenant',
  'user',
  'key_id',
  'client',
  'method',
  'path',
  'dialect',
  'endpoint',
  'model_requested',
  'provider',
  'upstream_model',
  'model_resolved',
  'prompt_version',
  'input_sha256',
  'output_sha256',
  'usage',
  'stream',
  'status',
  'upstream_status',
  'latency_us',
  'error',
  'decisions',
  'action',
] as const satisfies ReadonlyArray<keyof AuditRecord>;
const canonicalRecord = canonicalizer(RECORD_KEYS);

export function sealRecord(entry: AuditEntry, seq: number, prev: string): { record: AuditRecord; body: string; hash: string } {
  const record: AuditRecord = { ...entry, v: RECORD_VERSION, seq, prev };
  const body = canonicalRecord(record as unknown as Record<string, unknown>);
  return { record, body, hash: leafHash(Buffer.from(body, 'utf8')) };
}

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

// Narrow storage interfaces. Modules depend on these, never on a driver; sqlite/ is the default
// adapter, memory/ serves unit tests. Each method states its edge cases.
import type { AuditEntry } from '../audit/record.js';
import type { StoredRow } from '../audit/verify.js';
import type { Permission, RoleName } from '../identity/types.js';
import type { Endpoint } from '../pipeline/types.js';

export interface KeyRecord {
  id: string;
  name: string;
  userId: string;
  tenant: string;
  role: RoleName;
  models: string[];
  endpoints: Endpoint[];
  /** Tool-name globs the key may invoke (within its role); ['*'] for all the role allows. */
  tools: string[];
  /** Feature globs the key may invoke (within its role); ['*'] for all the role allows. */
  features: string[];
  /** Permissions the key keeps (a subset of its role's); null for all of them. */
  scopes: Permission[] | null;
  /** Hex SHA-256 of the full current secret. */
  hash: string;
  /** Hex SHA-256 of the previous secret after a rotation, valid until prevValidUntil. */
  prevHash: string | null;
  prevValidUntil: number | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  rotatedAt: number | null;
  lastUsedAt: number | null;
}

export interface KeyStore {
  /** Fails if the id exists (ids are random; a clash is a bug). */
  create(key: KeyRecord): void;
  /** Undefined when no such key (revoked keys are still returned, with revokedAt). */
  get(id: string): KeyRecord | undefined;
  list(filter?: { tenant?: string; includeRevoked?: boolean }): KeyRecord[];
  /** Returns false when the key does not exist or is already revoked. */
  revoke(id: string, at: number): boolean;
  /**
   * Replaces the secret hash, keeping the old one valid until `prevValidUntil`, and sets the
   * expiry when `expiresAt` is given (null: none; undefined: unchanged). False if absent or revoked.
   */
  rotate(id: string, newHash: string, prevValidUntil: number, at: number, expiresAt?: number | null): boolean;
  /** Records last use; best effort, batched by the caller. */
  touch(uses: Array<{ id: string; at: number }>): void;
  count(): number;
  /** A counter that increases on every change made by any process sharing the store. */
  generation(): number;
  /** Keys changed since a generation (for cache refresh across processes). */
  changedSince(generation: number): KeyRecord[];
}

/** Encrypted content stored beside a record, in the same transaction (optional capture). */
export interface CapturedContent {
  subject: string;
  blob: Buffer;
}

export interface AppendResult {
  seq: number;
  hash: string;
}

/** Durable, ordered, hash-chained append. */
export interface AuditAppender {
  /**
   * Resolves only once the record is durable per the configured durability; rejects (and the
   * caller must then refuse service) when the store cannot take writes or the queue is full.
   */
  append(entry: AuditEntry, content?: CapturedContent): Promise<AppendResult>;
  /** Records waiting for commit. */
  readonly depth: number;
  close(): Promise<void>;
}

export interface AuditQuery {
  /** Only records with seq > after (tailing/cursor). */
  after?: number;
  keyId?: string;
  tenant?: string;
  kind?: 'request' | 'admin';
  /** Newest first when true. */
  newestFirst?: boolean;
  limit?: number;
}

export interface AuditReader {
  /** Rows in ascending seq order, streaming (no full materialization). */
  scan(fromSeq?: number): Iterable<StoredRow>;
  query(q: AuditQuery): StoredRow[];
  byId(id: string): StoredRow | undefined;
  bySeq(seq: number): StoredRow | undefined;
  head(): { seq: number; hash: string } | undefined;
}

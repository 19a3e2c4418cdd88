// Opens the SQLite database (WAL, so the CLI can read and write while the server runs) and
// applies the schema. Every connection to the file goes through here.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { trimTrailingSlashes } from '../../util/strings.js';

export type SqliteDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (k, v) VALUES ('schema_version', 1), ('keys_generation', 0);

CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  role TEXT NOT NULL,
  models TEXT NOT NULL,
  endpoints TEXT NOT NULL,
  hash TEXT NOT NULL,
  prev_hash TEXT,
  prev_valid_until INTEGER,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  rotated_at INTEGER,
  last_used_at INTEGER,
  generation INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS api_keys_generation ON api_keys (generation);

CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  ts TEXT NOT NULL,
  kind TEXT NOT NULL,
  tenant TEXT,
  key_id TEXT,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_id ON audit_log (id);
CREATE INDEX IF NOT EXISTS audit_log_key ON audit_log (key_id, seq);
CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant, seq);

-- RFC 6962 tree over the audit records: every complete subtree's hash, stored once at its
-- flat index (Go sumdb/tlog layout), appended in the same transaction as the record.
CREATE TABLE IF NOT EXISTS merkle_hashes (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL);

-- Retention policy per tenant (days); tenants without one use audit.retention.defaultDays.
CREATE TABLE IF NOT EXISTS retention_policies (tenant TEXT PRIMARY KEY, days INTEGER NOT NULL, set_at INTEGER NOT NULL);

-- Optional content capture (crypto-shredding): per-subject data keys wrapped by the master key
-- (wrapped is NULL once destroyed), and the encrypted content of each record.
CREATE TABLE IF NOT EXISTS content_keys (subject TEXT PRIMARY KEY, wrapped BLOB, created_at INTEGER NOT NULL, destroyed_at INTEGER);
CREATE TABLE IF NOT EXISTS content (id TEXT PRIMARY KEY, subject TEXT NOT NULL, blob BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS content_subject ON content (subject);
INSERT OR IGNORE INTO meta (k, v) VALUES ('content_keys_generation', 0);

-- Kill switches (shared by every process and replica on this store); the generation counter
-- lets them notice a change with one cheap read.
CREATE TABLE IF NOT EXISTS kill_switches (scope TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL, set_by TEXT NOT NULL,
  set_at INTEGER NOT NULL, abort_streams INTEGER NOT NULL, PRIMARY KEY (scope, target));
INSERT OR IGNORE INTO meta (k, v) VALUES ('kill_generation', 0);

-- Monthly token quota usage (per limit rule and value), so a restart does not reset quotas.
CREATE TABLE IF NOT EXISTS quota_usage (rule TEXT NOT NULL, value TEXT NOT NULL, month TEXT NOT NULL, tokens INTEGER NOT NULL,
  PRIMARY KEY (rule, value, month));

-- Delivery cursors of the SIEM exporters: the last seq each one delivered.
CREATE TABLE IF NOT EXISTS export_cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL, updated_at INTEGER NOT NULL);

-- Signed C2SP checkpoints, one per tree size that was ever signed.
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, note TEXT NOT NULL);
`;

export interface OpenOptions {
  /** fsync: synchronous=FULL (durable across power loss); os: NORMAL (durable across process crash). */
  durability?: 'fsync' | 'os';
  readonly?: boolean;
}

export function dbPath(dataDir: string): string {
  return `${trimTrailingSlashes(dataDir)}/gatehouse.db`;
}

export function openDb(file: string, options: OpenOptions = {}): SqliteDb {
  if (!options.readonly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'os' ? 'NORMAL' : 'FULL'}`);
    db.exec(SCHEMA);
    migrate(db);
  }
  return db;
}

/** Additive schema changes for databases created by earlier versions. */
function migrate(db: SqliteDb): void {
  const columns = (db.prepare('PRAGMA table_info(audit_log)').all() as Array<{ name: string }>).map((c) => c.name);
  // Retention blanks a record's body and keeps its leaf hash; expired_at says when.
  if (!columns.includes('expired_at')) db.exec('ALTER TABLE audit_log ADD COLUMN expired_at INTEGER');
  // Access control: a key narrows its role to tools, features and scopes (NULL: no narrowing).
  const keyColumns = (db.prepare('PRAGMA table_info(api_keys)').all() as Array<{ name: string }>).map((c) => c.name);
  for (const c of ['tools', 'features', 'scopes']) if (!keyColumns.includes(c)) db.exec(`ALTER TABLE api_keys ADD COLUMN ${c} TEXT`);
}

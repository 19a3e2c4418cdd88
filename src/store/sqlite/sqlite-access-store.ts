// Access-control state in SQLite: custom roles, just-in-time grants and MFA enrolments. Each
// table has its own generation counter in `meta`, bumped in the same transaction as the change.
import type { GrantRecord, GrantStatus, GrantStore, MfaRecord, MfaStore, RoleStore, StoredRole } from '../access.js';
import type { SqliteDb } from './sqlite-db.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS roles (name TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS access_grants (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, tenant TEXT NOT NULL, role TEXT NOT NULL,
  reason TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, status TEXT NOT NULL,
  decided_by TEXT, decided_at INTEGER, expires_at INTEGER);
CREATE INDEX IF NOT EXISTS access_grants_user ON access_grants (user_id, status);
CREATE TABLE IF NOT EXISTS mfa (user_id TEXT PRIMARY KEY, secret BLOB NOT NULL, recovery TEXT NOT NULL, created_at INTEGER NOT NULL,
  confirmed_at INTEGER);
INSERT OR IGNORE INTO meta (k, v) VALUES ('roles_generation', 0), ('grants_generation', 0), ('mfa_generation', 0);
`;

export function ensureAccessSchema(db: SqliteDb): void {
  db.exec(SCHEMA);
}

function counter(db: SqliteDb, name: string) {
  const bump = db.prepare(`UPDATE meta SET v = v + 1 WHERE k = '${name}'`);
  const get = db.prepare(`SELECT v FROM meta WHERE k = '${name}'`).pluck();
  return { bump: () => bump.run(), get: () => get.get() as number };
}

export function createSqliteRoleStore(db: SqliteDb): RoleStore {
  ensureAccessSchema(db);
  const gen = counter(db, 'roles_generation');
  const list = db.prepare('SELECT name, definition, updated_at FROM roles ORDER BY name');
  const put = db.prepare('INSERT OR REPLACE INTO roles (name, definition, updated_at) VALUES (?, ?, ?)');
  const del = db.prepare('DELETE FROM roles WHERE name = ?');
  return {
    list: () =>
      (list.all() as Array<{ name: string; definition: string; updated_at: number }>).map((r) => ({
        name: r.name,
        definition: r.definition,
        updatedAt: r.updated_at,
      })),
    put: db.transaction((r: StoredRole) => {
      put.run(r.name, r.definition, r.updatedAt);
      gen.bump();
    }),
    remove: db.transaction((name: string) => {
      const removed = del.run(name).changes === 1;
      if (removed) gen.bump();
      return removed;
    }),
    generation: gen.get,
  };
}

interface GrantRow {
  id: string;
  user_id: string;
  tenant: string;
  role: string;
  reason: string;
  requested_by: string;
  requested_at: number;
  duration_ms: number;
  status: GrantStatus;
  decided_by: string | null;
  decided_at: number | null;
  expires_at: number | null;
}

const grantFromRow = (r: GrantRow): GrantRecord => ({
  id: r.id,
  userId: r.user_id,
  tenant: r.tenant,
  role: r.role,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  durationMs: r.duration_ms,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  expiresAt: r.expires_at,
});

export function createSqliteGrantStore(db: SqliteDb): GrantStore {
  ensureAccessSchema(db);
  const gen = counter(db, 'grants_generation');
  const insert = db.prepare(`INSERT INTO access_grants (id, user_id, tenant, role, reason, requested_by, requested_at, duration_ms,
    status, decided_by, decided_at, expires_at) VALUES (@id, @userId, @tenant, @role, @reason, @requestedBy, @requestedAt, @durationMs,
    @status, @decidedBy, @decidedAt, @expiresAt)`);
  const one = db.prepare('SELECT * FROM access_grants WHERE id = ?');
  const cas = db.prepare(
    'UPDATE access_grants SET status = @status, decided_by = @decidedBy, decided_at = @decidedAt, expires_at = @expiresAt WHERE id = @id AND status = @from',
  );
  return {
    create: db.transaction((g: GrantRecord) => {
      insert.run(g);
      gen.bump();
    }),
    get(id) {
      const r = one.get(id) as GrantRow | undefined;
      return r ? grantFromRow(r) : undefined;
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.userId) {
        where.push('user_id = ?');
        args.push(filter.userId);
      }
      if (filter.tenant) {
        where.push('tenant = ?');
        args.push(filter.tenant);
      }
      if (filter.status) {
        where.push('status = ?');
        args.push(filter.status);
      }
      const sql = `SELECT * FROM access_grants ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at, id`;
      return (db.prepare(sql).all(...args) as GrantRow[]).map(grantFromRow);
    },
    transition: db.transaction((id: string, from: GrantStatus, to: GrantRecord) => {
      const ok = cas.run({ ...to, id, from }).changes === 1;
      if (ok) gen.bump();
      return ok;
    }),
    generation: gen.get,
  };
}

export function createSqliteMfaStore(db: SqliteDb): MfaStore {
  ensureAccessSchema(db);
  const gen = counter(db, 'mfa_generation');
  const one = db.prepare('SELECT * FROM mfa WHERE user_id = ?');
  const put = db.prepare('INSERT OR REPLACE INTO mfa (user_id, secret, recovery, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM mfa WHERE user_id = ?');
  const setRecovery = db.prepare('UPDATE mfa SET recovery = ? WHERE user_id = ?');
  const enrolled = db.prepare('SELECT user_id FROM mfa WHERE confirmed_at IS NOT NULL').pluck();
  type Row = { user_id: string; secret: Buffer; recovery: string; created_at: number; confirmed_at: number | null };
  const get = (userId: string): MfaRecord | undefined => {
    const r = one.get(userId) as Row | undefined;
    return r
      ? {
          userId: r.user_id,
          secret: r.secret,
          recovery: JSON.parse(r.recovery) as string[],
          createdAt: r.created_at,
          confirmedAt: r.confirmed_at,
        }
      : undefined;
  };
  return {
    get,
    put: db.transaction((m: MfaRecord) => {
      put.run(m.userId, m.secret, JSON.stringify(m.recovery), m.createdAt, m.confirmedAt);
      gen.bump();
    }),
    remove: db.transaction((userId: string) => {
      const removed = del.run(userId).changes === 1;
      if (removed) gen.bump();
      return removed;
    }),
    useRecovery: db.transaction((userId: string, hash: string) => {
      const m = get(userId);
      if (!m?.recovery.includes(hash)) return false;
      setRecovery.run(JSON.stringify(m.recovery.filter((h) => h !== hash)), userId);
      gen.bump();
      return true;
    }),
    enrolled: () => enrolled.all() as string[],
    generation: gen.get,
  };
}

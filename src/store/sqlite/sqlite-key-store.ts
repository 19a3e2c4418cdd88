// API keys in SQLite. Every change bumps a generation counter in the same transaction, so other
// processes (the server, while the CLI revokes) can pick up exactly what changed.

import type { KillScope, KillSwitch, KillSwitchStore } from '../../control/kill-switch.js';
import type { QuotaStore } from '../../control/rate-limit.js';
import type { Permission, RoleName } from '../../identity/types.js';
import type { Endpoint } from '../../pipeline/types.js';
import type { KeyRecord, KeyStore } from '../types.js';
import type { SqliteDb } from './sqlite-db.js';

interface KeyRow {
  id: string;
  name: string;
  user_id: string;
  tenant: string;
  role: string;
  models: string;
  endpoints: string;
  tools: string | null;
  features: string | null;
  scopes: string | null;
  hash: string;
  prev_hash: string | null;
  prev_valid_until: number | null;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  rotated_at: number | null;
  last_used_at: number | null;
}

function fromRow(r: KeyRow): KeyRecord {
  return {
    id: r.id,
    name: r.name,
    userId: r.user_id,
    tenant: r.tenant,
    role: r.role as RoleName,
    models: JSON.parse(r.models) as string[],
    endpoints: JSON.parse(r.endpoints) as Endpoint[],
    tools: r.tools ? (JSON.parse(r.tools) as string[]) : ['*'],
    features: r.features ? (JSON.parse(r.features) as string[]) : ['*'],
    scopes: r.scopes ? (JSON.parse(r.scopes) as Permission[]) : null,
    hash: r.hash,
    prevHash: r.prev_hash,
    prevValidUntil: r.prev_valid_until,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    rotatedAt: r.rotated_at,
    lastUsedAt: r.last_used_at,
  };
}

export function createSqliteKeyStore(db: SqliteDb): KeyStore {
  const bump = db.prepare("UPDATE meta SET v = v + 1 WHERE k = 'keys_generation' RETURNING v");
  const gen = db.prepare("SELECT v FROM meta WHERE k = 'keys_generation'").pluck();
  const insert = db.prepare(`INSERT INTO api_keys (id, name, user_id, tenant, role, models, endpoints, hash, prev_hash,
    prev_valid_until, created_at, expires_at, revoked_at, rotated_at, last_used_at, generation, tools, features, scopes)
    VALUES (@id, @name, @userId, @tenant, @role, @models, @endpoints, @hash, @prevHash, @prevValidUntil, @createdAt,
    @expiresAt, @revokedAt, @rotatedAt, @lastUsedAt, @generation, @tools, @features, @scopes)`);
  const getOne = db.prepare('SELECT * FROM api_keys WHERE id = ?');
  const revokeStmt = db.prepare('UPDATE api_keys SET revoked_at = ?, generation = ? WHERE id = ? AND revoked_at IS NULL');
  const rotateStmt = db.prepare(
    'UPDATE api_keys SET prev_hash = hash, hash = ?, prev_valid_until = ?, rotated_at = ?, generation = ?, expires_at = CASE WHEN ? THEN ? ELSE expires_at END WHERE id = ? AND revoked_at IS NULL',
  );
  const touchStmt = db.prepare('UPDATE api_keys SET last_used_at = MAX(COALESCE(last_used_at, 0), ?) WHERE id = ?');
  const since = db.prepare('SELECT * FROM api_keys WHERE generation > ?');
  const countStmt = db.prepare('SELECT COUNT(*) FROM api_keys').pluck();
  const nextGen = () => (bump.get() as { v: number }).v;

  return {
    create: db.transaction((key: KeyRecord) => {
      insert.run({
        ...key,
        models: JSON.stringify(key.models),
        endpoints: JSON.stringify(key.endpoints),
        tools: JSON.stringify(key.tools),
        features: JSON.stringify(key.features),
        scopes: key.scopes ? JSON.stringify(key.scopes) : null,
        generation: nextGen(),
      });
    }),
    get(id) {
      const row = getOne.get(id) as KeyRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.tenant) {
        where.push('tenant = ?');
        args.push(filter.tenant);
      }
      if (!filter.includeRevoked) where.push('revoked_at IS NULL');
      const sql = `SELECT * FROM api_keys ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
      return (db.prepare(sql).all(...args) as KeyRow[]).map(fromRow);
    },
    revoke: db.transaction((id: string, at: number) => revokeStmt.run(at, nextGen(), id).changes === 1),
    rotate: db.transaction(
      (id: string, newHash: string, prevValidUntil: number, at: number, expiresAt?: number | null) =>
        rotateStmt.run(newHash, prevValidUntil, at, nextGen(), expiresAt === undefined ? 0 : 1, expiresAt ?? null, id).changes === 1,
    ),
    touch: db.transaction((uses: Array<{ id: string; at: number }>) => {
      for (const u of uses) touchStmt.run(u.at, u.id);
    }),
    count: () => countStmt.get() as number,
    generation: () => gen.get() as number,
    changedSince: (g) => (since.all(g) as KeyRow[]).map(fromRow),
  };
}

export function createSqliteKillSwitchStore(db: SqliteDb): KillSwitchStore {
  const list = db.prepare('SELECT scope, target, reason, set_by, set_at, abort_streams FROM kill_switches ORDER BY scope, target');
  const put = db.prepare(
    'INSERT OR REPLACE INTO kill_switches (scope, target, reason, set_by, set_at, abort_streams) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const del = db.prepare('DELETE FROM kill_switches WHERE scope = ? AND target = ?');
  const bump = db.prepare("UPDATE meta SET v = v + 1 WHERE k = 'kill_generation'");
  const gen = db.prepare("SELECT v FROM meta WHERE k = 'kill_generation'").pluck();
  type Row = { scope: KillScope; target: string; reason: string; set_by: string; set_at: number; abort_streams: number };
  return {
    list: () =>
      (list.all() as Row[]).map((r) => ({
        scope: r.scope,
        target: r.target,
        reason: r.reason,
        setBy: r.set_by,
        setAt: r.set_at,
        abortStreams: r.abort_streams === 1,
      })),
    set: db.transaction((sw: KillSwitch) => {
      put.run(sw.scope, sw.target, sw.reason, sw.setBy, sw.setAt, sw.abortStreams ? 1 : 0);
      bump.run();
    }),
    clear: db.transaction((scope: KillScope, target: string) => {
      const removed = del.run(scope, target).changes === 1;
      bump.run();
      return removed;
    }),
    generation: () => gen.get() as number,
  };
}

export function createSqliteQuotaStore(db: SqliteDb): QuotaStore {
  const load = db.prepare('SELECT rule, value, tokens FROM quota_usage WHERE month = ?');
  const put = db.prepare(
    'INSERT INTO quota_usage (rule, value, month, tokens) VALUES (?, ?, ?, ?) ON CONFLICT (rule, value, month) DO UPDATE SET tokens = excluded.tokens',
  );
  return {
    load: (month) => load.all(month) as Array<{ rule: string; value: string; tokens: number }>,
    save: db.transaction((month: string, usage: Array<{ rule: string; value: string; tokens: number }>) => {
      for (const u of usage) put.run(u.rule, u.value, month, Math.round(u.tokens));
    }),
  };
}

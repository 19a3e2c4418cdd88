// Reading the audit log from SQLite, and the synchronous append used by short-lived CLI
// processes (admin actions). The server appends through the group-commit worker instead; both
// take the chain head inside a write transaction, so concurrent processes never fork the chain.

import type { CursorStore, ExportSource } from '../../audit/export/exporter.js';
import { type HashReader, storedHashCount, storedHashesForRecord } from '../../audit/merkle.js';
import { GENESIS_PREV, type PreparedRecord, sealPrepared } from '../../audit/record.js';
import type { RetentionStore } from '../../audit/retention.js';
import type { CheckpointStore, TreeSource } from '../../audit/tlog.js';
import type { VaultKeyStore } from '../../audit/vault.js';
import type { StoredRow } from '../../audit/verify.js';
import type { AppendResult, AuditQuery, AuditReader, CapturedContent } from '../types.js';
import type { SqliteDb } from './sqlite-db.js';

export interface AuditRow {
  seq: number;
  id: string;
  ts: string;
  kind: string;
  tenant: string | null;
  key_id: string | null;
  status: number;
  body: string;
  hash: string;
  expired_at?: number | null;
}

export function toStored(r: AuditRow): StoredRow {
  if (r.expired_at !== null && r.expired_at !== undefined) return { seq: r.seq, id: r.id, body: '', hash: r.hash, expired: true };
  return {
    seq: r.seq,
    id: r.id,
    body: r.body,
    hash: r.hash,
    columns: { ts: r.ts, kind: r.kind, tenant: r.tenant, key_id: r.key_id, status: r.status },
  };
}

export function createSqliteAuditReader(db: SqliteDb): AuditReader {
  const scanStmt = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq');
  const byIdStmt = db.prepare('SELECT * FROM audit_log WHERE id = ? ORDER BY seq LIMIT 1');
  const bySeqStmt = db.prepare('SELECT * FROM audit_log WHERE seq = ?');
  const headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  return {
    *scan(fromSeq = 0) {
      for (const r of scanStmt.iterate(fromSeq) as IterableIterator<AuditRow>) yield toStored(r);
    },
    query(q: AuditQuery) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.after !== undefined) {
        where.push('seq > ?');
        args.push(q.after);
      }
      if (q.keyId) {
        where.push('key_id = ?');
        args.push(q.keyId);
      }
      if (q.tenant) {
        where.push('tenant = ?');
        args.push(q.tenant);
      }
      if (q.kind) {
        where.push('kind = ?');
        args.push(q.kind);
      }
      const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT ${limit}`;
      return (db.prepare(sql).all(...args) as AuditRow[]).map(toStored);
    },
    byId(id) {
      const r = byIdStmt.get(id) as AuditRow | undefined;
      return r ? toStored(r) : undefined;
    },
    bySeq(seq) {
      const r = bySeqStmt.get(seq) as AuditRow | undefined;
      return r ? toStored(r) : undefined;
    },
    head() {
      return headStmt.get() as { seq: number; hash: string } | undefined;
    },
  };
}

/**
 * Appends a batch in one transaction: reads the head, chains and inserts. Used by the worker
 * (group commit) and by the CLI (batch of one). BEGIN IMMEDIATE takes the write lock first, so
 * the head read is current across processes.
 */
export function createSqliteBatchAppender(
  db: SqliteDb,
): (records: PreparedRecord[], contents?: Array<CapturedContent | undefined>) => AppendResult[] {
  const headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, id, ts, kind, tenant, key_id, status, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tree = createSqliteMerkleStore(db);
  const insertContent = db.prepare('INSERT OR REPLACE INTO content (id, subject, blob, created_at) VALUES (?, ?, ?, ?)');
  const tx = db.transaction((records: PreparedRecord[], contents?: Array<CapturedContent | undefined>) => {
    const head = headStmt.get() as { seq: number; hash: string } | undefined;
    let seq = head ? head.seq + 1 : 0;
    let prev = head ? head.hash : GENESIS_PREV;
    tree.catchUp(seq);
    const out: AppendResult[] = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as PreparedRecord;
      const { body, hash } = sealPrepared(r, seq, prev);
      const content = contents?.[i];
      if (content) insertContent.run(r.id, content.subject, content.blob, Date.now());
      insert.run(seq, r.id, r.ts, r.kind, r.tenant, r.key_id, r.status, body, hash);
      tree.add(seq, hash);
      out.push({ seq, hash });
      prev = hash;
      seq++;
    }
    return out;
  });
  return (records, contents) => tx.immediate(records, contents);
}

/**
 * The Merkle tree's stored hashes in SQLite. `add` appends the hashes leaf n completes;
 * `catchUp` fills in the tree for records written before the tree existed (an upgrade), from
 * their stored leaf hashes. Both run inside the caller's write transaction.
 */
export function createSqliteMerkleStore(db: SqliteDb) {
  const readOne = db.prepare('SELECT hash FROM merkle_hashes WHERE idx = ?').pluck();
  const insertHash = db.prepare('INSERT INTO merkle_hashes (idx, hash) VALUES (?, ?)');
  const countStmt = db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_hashes').pluck();
  const leafStmt = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
  const read: HashReader = (indexes) =>
    indexes.map((i) => {
      const h = readOne.get(i) as Buffer | undefined;
      if (!h) throw new Error(`merkle store: stored hash ${i} is missing`);
      return h;
    });
  // Left subtrees wait here for the right sibling that completes their parent: each is read
  // exactly once, as that sibling's partner, so the map holds at most log2(n) hashes. Stored
  // hashes never change, so a cached one is always right even if another process appends; a
  // miss (a restart, another writer) falls back to the table.
  const frontier = new Map<number, Buffer>();
  const readForAdd: HashReader = (indexes) =>
    indexes.map((i) => {
      const h = frontier.get(i);
      if (h === undefined) return read([i])[0] as Buffer;
      frontier.delete(i);
      return h;
    });
  const add = (n: number, leafHex: string) => {
    let idx = storedHashCount(n);
    let k = n;
    for (const h of storedHashesForRecord(n, Buffer.from(leafHex, 'hex'), readForAdd)) {
      insertHash.run(idx, h);
      if (k % 2 === 0) frontier.set(idx, h);
      idx++;
      k = Math.floor(k / 2);
    }
  };
  let caughtUp = false;
  return {
    read,
    add,
    catchUp(size: number) {
      if (caughtUp) return;
      const have = countStmt.get() as number;
      if (have < storedHashCount(size)) {
        // Find the first leaf whose hashes are not stored yet, then replay from there.
        let n = 0;
        while (storedHashCount(n + 1) <= have) n++;
        for (; n < size; n++) add(n, leafStmt.get(n) as string);
      }
      caughtUp = true;
    },
  };
}

/** Tree snapshots and checkpoint storage for the transparency log (audit/tlog.ts). */
export function createSqliteTreeSource(db: SqliteDb): TreeSource {
  const sizeStmt = db.prepare('SELECT COALESCE(MAX(seq) + 1, 0) FROM audit_log').pluck();
  const leafStmt = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
  const readOne = db.prepare('SELECT hash FROM merkle_hashes WHERE idx = ?').pluck();
  const read: HashReader = (indexes) =>
    indexes.map((i) => {
      const h = readOne.get(i) as Buffer | undefined;
      if (!h) throw new Error(`merkle store: stored hash ${i} is missing`);
      return h;
    });
  return {
    snapshot(fn) {
      // One read transaction: the size and every hash read come from the same snapshot.
      return db.transaction(() =>
        fn({ size: sizeStmt.get() as number, read, leafHash: (seq) => leafStmt.get(seq) as string | undefined }),
      )();
    },
  };
}

export function createSqliteCheckpointStore(db: SqliteDb): CheckpointStore {
  const latest = db.prepare('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1');
  const get = db.prepare('SELECT note FROM checkpoints WHERE size = ?').pluck();
  const put = db.prepare('INSERT OR IGNORE INTO checkpoints (size, created_at, note) VALUES (?, ?, ?)');
  return {
    latest: () => latest.get() as { size: number; note: string } | undefined,
    get: (size) => get.get(size) as string | undefined,
    put: (size, note, at) => {
      put.run(size, at, note);
    },
  };
}

/** Records and cursors for the SIEM exporters (audit/export/exporter.ts). */
export function createSqliteExportSource(db: SqliteDb): ExportSource {
  // Records whose body expired have nothing left to send.
  const after = db.prepare('SELECT seq, body FROM audit_log WHERE seq > ? AND expired_at IS NULL ORDER BY seq LIMIT ?');
  const head = db.prepare('SELECT COALESCE(MAX(seq), -1) FROM audit_log').pluck();
  return {
    after: (seq, limit) => after.all(seq, limit) as Array<{ seq: number; body: string }>,
    headSeq: () => head.get() as number,
  };
}

export function createSqliteCursorStore(db: SqliteDb): CursorStore & { all(): Array<{ name: string; seq: number; updated_at: number }> } {
  const get = db.prepare('SELECT seq FROM export_cursors WHERE name = ?').pluck();
  const set = db.prepare(
    'INSERT INTO export_cursors (name, seq, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at',
  );
  const all = db.prepare('SELECT name, seq, updated_at FROM export_cursors ORDER BY name');
  return {
    get: (name) => (get.get(name) as number | undefined) ?? -1,
    set: (name, seq) => {
      set.run(name, seq, Date.now());
    },
    all: () => all.all() as Array<{ name: string; seq: number; updated_at: number }>,
  };
}

export function createSqliteRetentionStore(db: SqliteDb): RetentionStore {
  const list = db.prepare('SELECT tenant, days FROM retention_policies ORDER BY tenant');
  const put = db.prepare(
    'INSERT INTO retention_policies (tenant, days, set_at) VALUES (?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET days = excluded.days, set_at = excluded.set_at',
  );
  return {
    policies: () => list.all() as Array<{ tenant: string; days: number }>,
    setPolicy: (tenant, days, at) => {
      put.run(tenant, days, at);
    },
    expire: db.transaction((tenant: string | null, cutoff: string, policyTenants: string[], at: number, limit?: number) => {
      // Only the body goes; seq, id, the indexed columns and the leaf hash stay.
      const scope =
        tenant !== null
          ? { sql: 'tenant = ?', args: [tenant] }
          : { sql: `(tenant IS NULL OR tenant NOT IN (${policyTenants.map(() => '?').join(',') || "''"}))`, args: policyTenants };
      const where = `${scope.sql} AND ts < ? AND expired_at IS NULL`;
      // With a limit, expire the oldest `limit` matching records only: a seq range, so that the
      // caller can work through a large backlog in short transactions.
      const last =
        limit === undefined
          ? (db
              .prepare(`SELECT MAX(seq) FROM audit_log WHERE ${where}`)
              .pluck()
              .get(...scope.args, cutoff) as number | null)
          : (db
              .prepare(`SELECT MAX(seq) FROM (SELECT seq FROM audit_log WHERE ${where} ORDER BY seq LIMIT ?)`)
              .pluck()
              .get(...scope.args, cutoff, limit) as number | null);
      if (last === null) return { count: 0, maxSeq: -1 };
      const r = db
        .prepare(`UPDATE audit_log SET body = '', expired_at = ? WHERE ${where} AND seq <= ?`)
        .run(at, ...scope.args, cutoff, last);
      return { count: r.changes, maxSeq: last };
    }),
  };
}

/** Wrapped data keys and encrypted content for the content vault (audit/vault.ts). */
export function createSqliteVaultStore(db: SqliteDb): VaultKeyStore & {
  content(id: string): { subject: string; blob: Buffer } | undefined;
  generation(): number;
  forget(subject: string): number;
} {
  const get = db.prepare('SELECT wrapped FROM content_keys WHERE subject = ?');
  const put = db.prepare('INSERT OR IGNORE INTO content_keys (subject, wrapped, created_at) VALUES (?, ?, ?)');
  const destroy = db.prepare('UPDATE content_keys SET wrapped = NULL, destroyed_at = ? WHERE subject = ? AND wrapped IS NOT NULL');
  const bump = db.prepare("UPDATE meta SET v = v + 1 WHERE k = 'content_keys_generation'");
  const gen = db.prepare("SELECT v FROM meta WHERE k = 'content_keys_generation'").pluck();
  const content = db.prepare('SELECT subject, blob FROM content WHERE id = ?');
  const forget = db.prepare('DELETE FROM content WHERE subject = ?');
  return {
    getWrapped(subject) {
      const row = get.get(subject) as { wrapped: Buffer | null } | undefined;
      return row === undefined ? undefined : row.wrapped;
    },
    putWrapped: (subject, wrapped, at) => put.run(subject, wrapped, at).changes === 1,
    destroy: db.transaction((subject: string, at: number) => {
      const destroyed = destroy.run(at, subject).changes === 1;
      bump.run();
      return destroyed;
    }),
    content: (id) => content.get(id) as { subject: string; blob: Buffer } | undefined,
    generation: () => gen.get() as number,
    forget: (subject) => forget.run(subject).changes,
  };
}

// Reading the audit log from SQLite, and the synchronous append used by short-lived CLI
// processes (admin actions). The server appends through the group-commit worker instead; both
// take the chain head inside a write transaction, so concurrent processes never fork the chain.
import type { AuditEntry } from '../../audit/record.js';
import { GENESIS_PREV, sealRecord } from '../../audit/record.js';
import type { StoredRow } from '../../audit/verify.js';
import type { AppendResult, AuditQuery, AuditReader } from '../types.js';
import type { SqliteDb } from './sqlite-db.js';

interface AuditRow {
  seq: number;
  id: string;
  ts: string;
  kind: string;
  tenant: string | null;
  key_id: string | null;
  status: number;
  body: string;
  hash: string;
}

function toStored(r: AuditRow): StoredRow {
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
export function createSqliteBatchAppender(db: SqliteDb): (entries: AuditEntry[]) => AppendResult[] {
  const headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, id, ts, kind, tenant, key_id, status, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((entries: AuditEntry[]) => {
    const head = headStmt.get() as { seq: number; hash: string } | undefined;
    let seq = head ? head.seq + 1 : 0;
    let prev = head ? head.hash : GENESIS_PREV;
    const out: AppendResult[] = [];
    for (const entry of entries) {
      const { body, hash } = sealRecord(entry, seq, prev);
      insert.run(seq, entry.id, entry.ts, entry.kind, entry.tenant, entry.key_id, entry.status, body, hash);
      out.push({ seq, hash });
      prev = hash;
      seq++;
    }
    return out;
  });
  return (entries) => tx.immediate(entries);
}

// gatehouse audit tail|show|verify|export — reading and checking the trail. `verify` exits 1
// naming the first record that was modified, deleted, inserted or reordered; `export` writes
// one record per line, each line being exactly the bytes that were hashed (the leaf), so anyone
// can recompute SHA-256(0x00 || line) and follow the `prev` links.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyExport } from '../audit/offline.js';
import { leafHash, prepareRecord } from '../audit/record.js';
import { applyRetention, RetentionError, validateRetention } from '../audit/retention.js';
import { loadSigningKey, SigningKeyError } from '../audit/signing-key.js';
import { ProofError, TransparencyLog } from '../audit/tlog.js';
import { ContentVault, loadMasterKey } from '../audit/vault.js';
import { expiredLine, recordView, type StoredRow, type VerifyResult, verifyChain } from '../audit/verify.js';
import type { Config } from '../config/schema.js';
import { adminEntry } from '../identity/key-service.js';
import { dbPath } from '../store/sqlite/sqlite-db.js';
import { verifySqliteLog } from '../store/sqlite/sqlite-verify.js';

const prepareAdmin = (...args: Parameters<typeof adminEntry>) => prepareRecord(adminEntry(...args));

import {
  createSqliteAuditReader,
  createSqliteBatchAppender,
  createSqliteCheckpointStore,
  createSqliteRetentionStore,
  createSqliteTreeSource,
  createSqliteVaultStore,
} from '../store/sqlite/sqlite-audit-store.js';
import type { SqliteDb } from '../store/sqlite/sqlite-db.js';
import { CliError, config, EXIT, type Io, openStore, parse, table } from './common.js';

const USAGE = 'gatehouse audit <tail|show|verify|export|pubkey|checkpoint|prove|retention|erase|content> [options]';

function summary(row: StoredRow): string[] {
  if (row.expired) return [String(row.seq), '-', '-', 'expired', '-', '(body removed by retention)', '-', '-', ''];
  const r = JSON.parse(row.body) as Record<string, unknown>;
  const action = r.action as { name: string; target: string | null } | null;
  const what = action ? `${action.name} ${action.target ?? ''}`.trim() : `${r.method} ${r.path}`;
  const err = r.error as { code: string } | null;
  return [
    String(r.seq),
    String(r.ts),
    String(r.status),
    String(r.kind),
    String(r.key_id ?? '-'),
    what,
    String(r.model_requested ?? '-'),
    `${Math.round(Number(r.latency_us) / 100) / 10}ms`,
    err ? err.code : '',
  ];
}

const HEAD = ['SEQ', 'TIME', 'STATUS', 'KIND', 'KEY', 'WHAT', 'MODEL', 'LATENCY', 'ERROR'];

async function* exportRows(file: string): AsyncGenerator<StoredRow> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let seq = -1;
    let id = '';
    try {
      const r = JSON.parse(line) as { seq: number; id: string; v?: number; expired?: boolean; hash?: string };
      if (
        r.expired === true &&
        r.v === undefined &&
        typeof r.hash === 'string' &&
        line === `{"expired":true,"hash":"${r.hash}","seq":${r.seq}}`
      ) {
        yield { seq: r.seq, id: '', body: '', hash: r.hash, expired: true };
        continue;
      }
      seq = r.seq;
      id = r.id;
    } catch {
      // verifyChain reports it as not canonical.
    }
    yield { seq: seq < 0 ? n - 1 : seq, id, body: line, hash: leafHash(line) };
  }
}

function tlog(cfg: Config, db: SqliteDb): TransparencyLog {
  try {
    return new TransparencyLog(createSqliteTreeSource(db), createSqliteCheckpointStore(db), loadSigningKey(cfg.dataDir, cfg.audit.origin));
  } catch (err) {
    if (err instanceof SigningKeyError) throw new CliError(err.message, EXIT.store);
    throw err;
  }
}

export async function auditCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(
    rest,
    {
      limit: { type: 'string', short: 'n' },
      follow: { type: 'boolean', short: 'f', default: false },
      format: { type: 'string', default: 'jsonl' },
      from: { type: 'string' },
      to: { type: 'string' },
      index: { type: 'string' },
      size: { type: 'string' },
      export: { type: 'string' },
      pubkey: { type: 'string' },
      checkpoint: { type: 'string' },
      previous: { type: 'string' },
      new: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      days: { type: 'string' },
      'allow-short-retention': { type: 'boolean', default: false },
      subject: { type: 'string' },
    },
    USAGE,
  );
  const int = (v: string | undefined, flag: string, dflt: number) => {
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v)) throw new CliError(`${flag}: expected a whole number, got "${v}"`);
    return Number(v);
  };
  if (verb === 'verify' && values.export) {
    const rows: StoredRow[] = [];
    try {
      for await (const r of exportRows(values.export)) rows.push(r);
    } catch (err) {
      throw new CliError(`cannot read ${values.export}: ${(err as Error).message}`, EXIT.failed);
    }
    if (!values.pubkey) {
      // Without the public key only the hash chain can be checked; say so.
      const result = verifyChain(rows);
      if (!values.json) io.err('gatehouse: note: no --pubkey given, so only the hash chain was checked (not the signed tree)\n');
      return report(result, io, values.json);
    }
    const checkpointFile = values.checkpoint ?? `${values.export}.checkpoint`;
    const readText = (file: string, what: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        throw new CliError(
          `cannot read the ${what} ${file}; pass it with --${what === 'checkpoint' ? 'checkpoint' : 'previous'} <file>`,
          EXIT.usage,
        );
      }
    };
    const result = verifyExport(rows, {
      vkey: values.pubkey,
      checkpoint: readText(checkpointFile, 'checkpoint'),
      ...(values.previous ? { previous: readText(values.previous, 'previous checkpoint') } : {}),
    });
    if (values.json) io.out(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      io.out(
        `OK: ${result.records} records verified: hash chain, every leaf, and the tree root signed by the checkpoint${result.previous_size !== undefined ? `; consistent with the checkpoint of size ${result.previous_size}` : ''}\n`,
      );
    } else io.out(`FAIL: ${result.problem}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  }
  const cfg = config(values);
  const db = openStore(cfg);
  const reader = createSqliteAuditReader(db);
  try {
    switch (verb) {
      case 'tail': {
        const limit = int(values.limit, '--limit', 20);
        const rows = reader.query({ newestFirst: true, limit }).reverse();
        const emit = (rs: StoredRow[]) => {
          if (values.json) for (const r of rs) io.out(`${r.expired ? expiredLine(r) : r.body}\n`);
          else if (rs.length) io.out(table([HEAD, ...rs.map(summary)]));
        };
        emit(rows);
        if (!values.follow) return EXIT.ok;
        let after = rows.at(-1)?.seq ?? -1;
        for (;;) {
          await new Promise((r) => setTimeout(r, 500));
          const more = reader.query({ after, limit: 1000 });
          if (more.length) {
            after = more.at(-1)!.seq;
            emit(more);
          }
        }
      }
      case 'show': {
        const id = positionals[0];
        if (!id) throw new CliError('missing record id or seq; usage: gatehouse audit show <id|seq>');
        const row = /^\d+$/.test(id) ? reader.bySeq(Number(id)) : reader.byId(id);
        if (!row) throw new CliError(`no audit record "${id}"; find ids with gatehouse audit tail`, EXIT.notFound);
        const record = recordView(row);
        io.out(values.json ? `${JSON.stringify(record)}\n` : `${JSON.stringify(record, null, 2)}\n`);
        return EXIT.ok;
      }
      case 'verify': {
        const result = await verifySqliteLog(dbPath(cfg.dataDir), db);
        return report(result.ok ? checkExpiries(reader, result) : result, io, values.json);
      }
      case 'retention':
        return retentionCommand(positionals, values, cfg, db, io);
      case 'erase': {
        // Crypto-shredding: destroy the subject's data key; the ciphertexts become unreadable.
        if (!values.subject) throw new CliError('usage: gatehouse audit erase --subject <user id>');
        const store = createSqliteVaultStore(db);
        const destroyed = store.destroy(values.subject, Date.now());
        createSqliteBatchAppender(db)([
          prepareAdmin({ keyId: null, userId: 'cli', tenant: null, client: 'cli' }, 'content.erase', values.subject, {
            key_destroyed: destroyed,
          }),
        ]);
        io.out(
          values.json
            ? `${JSON.stringify({ subject: values.subject, key_destroyed: destroyed })}\n`
            : destroyed
              ? `erased: the content key of "${values.subject}" is destroyed; their captured content can no longer be decrypted\n`
              : `nothing to erase: no content key for "${values.subject}" (never captured, or already erased); recorded anyway\n`,
        );
        return EXIT.ok;
      }
      case 'content': {
        const id = positionals[0];
        if (!id) throw new CliError('usage: gatehouse audit content <record id>');
        const store = createSqliteVaultStore(db);
        const row = store.content(id);
        if (!row)
          throw new CliError(`no captured content for record "${id}" (capture is off by default: audit.content.enabled)`, EXIT.notFound);
        const c = cfg.audit.content;
        const vault = new ContentVault(
          loadMasterKey({ env: process.env[c.masterKeyEnv], file: c.masterKeyFile, dataDir: cfg.dataDir }),
          store,
        );
        const plain = vault.decrypt(row.subject, id, row.blob);
        if (!plain) throw new CliError(`the content of record "${id}" was erased (subject "${row.subject}")`, EXIT.notFound);
        io.out(`${plain.toString('utf8')}\n`);
        return EXIT.ok;
      }
      case 'export': {
        if (values.format !== 'jsonl') throw new CliError(`--format ${values.format} is not supported yet; use --format jsonl`);
        const from = int(values.from, '--from', 0);
        // Fix the size first: the log is append-only, so records below it never change, and the
        // checkpoint signed for exactly this size covers exactly what is exported.
        const size = (reader.head()?.seq ?? -1) + 1;
        if (values.checkpoint) {
          if (from !== 0) throw new CliError('--checkpoint needs a full export (no --from): the signed root covers the whole log');
          writeFileSync(values.checkpoint, tlog(cfg, db).checkpoint(size).note);
        }
        for (const row of reader.scan(from)) {
          if (row.seq >= size) break;
          io.out(`${row.expired ? expiredLine(row) : row.body}\n`);
        }
        return EXIT.ok;
      }
      case 'pubkey':
        io.out(values.json ? `${JSON.stringify({ origin: tlog(cfg, db).origin, vkey: tlog(cfg, db).vkey })}\n` : `${tlog(cfg, db).vkey}\n`);
        return EXIT.ok;
      case 'checkpoint': {
        const log = tlog(cfg, db);
        const cp = values.new ? log.checkpoint() : log.latest();
        io.out(values.json ? `${JSON.stringify({ size: cp.size, checkpoint: cp.note })}\n` : cp.note);
        return EXIT.ok;
      }
      case 'prove': {
        const log = tlog(cfg, db);
        try {
          if (values.index !== undefined) {
            const size = values.size === undefined ? undefined : int(values.size, '--size', 0);
            const p = log.proveInclusion(int(values.index, '--index', 0), size);
            io.out(
              values.json
                ? `${JSON.stringify(p)}\n`
                : `record ${p.index} in tree of size ${p.tree_size}\nleaf ${p.leaf_hash}\n${p.inclusion.join('\n')}\n\n${p.checkpoint}`,
            );
            return EXIT.ok;
          }
          if (values.from !== undefined && values.to !== undefined) {
            const p = log.proveConsistency(int(values.from, '--from', 0), int(values.to, '--to', 0));
            io.out(values.json ? `${JSON.stringify(p)}\n` : `consistency ${p.from} -> ${p.to}\n${p.consistency.join('\n')}\n`);
            return EXIT.ok;
          }
        } catch (err) {
          if (err instanceof ProofError) throw new CliError(err.message, EXIT.notFound);
          throw err;
        }
        throw new CliError('usage: gatehouse audit prove --index <n> [--size <tree size>] | --from <m> --to <n> [--json]');
      }
      default:
        throw new CliError(`unknown audit command "${verb ?? ''}"; usage: ${USAGE}`);
    }
  } finally {
    db.close();
  }
}

/**
 * Every expired record must be covered by an audited retention run (`retention.expire`, itself
 * chained and in the Merkle tree): a body blanked outside retention is tampering.
 */
function checkExpiries(reader: ReturnType<typeof createSqliteAuditReader>, result: VerifyResult): VerifyResult {
  if (!result.ok || !result.expired) return result;
  let covered = -1;
  for (const row of reader.query({ kind: 'admin', limit: 10_000 })) {
    if (row.expired) continue;
    const action = (JSON.parse(row.body) as { action: { name: string; details: { max_seq?: number } } | null }).action;
    if (action?.name === 'retention.expire' && typeof action.details.max_seq === 'number')
      covered = Math.max(covered, action.details.max_seq);
  }
  for (const row of reader.scan()) {
    if (row.expired && row.seq > covered) {
      return {
        ok: false,
        records: row.seq,
        seq: row.seq,
        id: row.id,
        problem: 'body was removed, but no audited retention run covers this record (tampering)',
      };
    }
  }
  return result;
}

function report(result: VerifyResult, io: Io, json: boolean | undefined): number {
  if (json) io.out(`${JSON.stringify(result)}\n`);
  else if (result.ok) {
    io.out(
      result.head
        ? `OK: ${result.records} records verified${result.expired ? ` (${result.expired} expired by retention: hash only)` : ''}; head seq ${result.head.seq} hash ${result.head.hash}\n`
        : 'OK: the audit trail is empty\n',
    );
  } else
    io.out(`FAIL: record seq ${result.seq} (id ${result.id || '?'}): ${result.problem}; ${result.records} records before it verified\n`);
  return result.ok ? EXIT.ok : EXIT.failed;
}

function retentionCommand(
  positionals: string[],
  values: {
    tenant?: string | undefined;
    days?: string | undefined;
    'allow-short-retention'?: boolean | undefined;
    json?: boolean | undefined;
  },
  cfg: Config,
  db: SqliteDb,
  io: Io,
): number {
  const store = createSqliteRetentionStore(db);
  const append = createSqliteBatchAppender(db);
  const actor = { keyId: null, userId: 'cli', tenant: null, client: 'cli' };
  switch (positionals[0]) {
    case 'show': {
      const policies = { default: cfg.audit.retention.defaultDays, tenants: store.policies() };
      io.out(
        values.json
          ? `${JSON.stringify(policies)}\n`
          : table([
              ['TENANT', 'DAYS'],
              ['(default)', String(policies.default)],
              ...policies.tenants.map((p) => [p.tenant, String(p.days)]),
            ]),
      );
      return EXIT.ok;
    }
    case 'set': {
      if (!values.tenant || values.days === undefined || !/^\d+$/.test(values.days)) {
        throw new CliError('usage: gatehouse audit retention set --tenant <t> --days <n> [--allow-short-retention]');
      }
      const days = Number(values.days);
      try {
        validateRetention(days, values['allow-short-retention'] ?? false);
      } catch (err) {
        if (err instanceof RetentionError) throw new CliError(err.message);
        throw err;
      }
      append([prepareAdmin(actor, 'retention.set', values.tenant, { days, allow_short: values['allow-short-retention'] ?? false })]);
      store.setPolicy(values.tenant, days, Date.now());
      io.out(
        values.json ? `${JSON.stringify({ tenant: values.tenant, days })}\n` : `retention for tenant ${values.tenant}: ${days} days\n`,
      );
      return EXIT.ok;
    }
    case 'apply': {
      const runs = applyRetention(store, cfg.audit.retention.defaultDays);
      for (const r of runs) {
        append([prepareAdmin(actor, 'retention.expire', r.tenant, { days: r.days, cutoff: r.cutoff, count: r.count, max_seq: r.maxSeq })]);
      }
      io.out(
        values.json
          ? `${JSON.stringify(runs)}\n`
          : runs.length
            ? table([['TENANT', 'DAYS', 'CUTOFF', 'EXPIRED'], ...runs.map((r) => [r.tenant, String(r.days), r.cutoff, String(r.count)])])
            : 'nothing to expire\n',
      );
      return EXIT.ok;
    }
    default:
      throw new CliError('usage: gatehouse audit retention <show|set|apply> [--tenant <t> --days <n> [--allow-short-retention]]');
  }
}

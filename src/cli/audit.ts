// gatehouse audit tail|show|verify|export — reading and checking the trail. `verify` exits 1
// naming the first record that was modified, deleted, inserted or reordered; `export` writes
// one record per line, each line being exactly the bytes that were hashed (the leaf), so anyone
// can recompute SHA-256(0x00 || line) and follow the `prev` links.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { leafHash } from '../audit/record.js';
import { type StoredRow, type VerifyResult, verifyChain } from '../audit/verify.js';
import { createSqliteAuditReader } from '../store/sqlite/sqlite-audit-store.js';
import { CliError, config, EXIT, type Io, openStore, parse, table } from './common.js';

const USAGE = 'gatehouse audit <tail|show|verify|export> [options]';

function summary(body: string): string[] {
  const r = JSON.parse(body) as Record<string, unknown>;
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
      const r = JSON.parse(line) as { seq: number; id: string };
      seq = r.seq;
      id = r.id;
    } catch {
      // verifyChain reports it as not canonical.
    }
    yield { seq: seq < 0 ? n - 1 : seq, id, body: line, hash: leafHash(Buffer.from(line, 'utf8')) };
  }
}

async function verifyExport(file: string): Promise<VerifyResult> {
  const rows: StoredRow[] = [];
  for await (const r of exportRows(file)) rows.push(r);
  return verifyChain(rows);
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
      export: { type: 'string' },
    },
    USAGE,
  );
  const int = (v: string | undefined, flag: string, dflt: number) => {
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v)) throw new CliError(`${flag}: expected a whole number, got "${v}"`);
    return Number(v);
  };
  if (verb === 'verify' && values.export) {
    const result = await verifyExport(values.export).catch((err: Error) => {
      throw new CliError(`cannot read ${values.export}: ${err.message}`, EXIT.failed);
    });
    return report(result, io, values.json);
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
          if (values.json) for (const r of rs) io.out(`${r.body}\n`);
          else if (rs.length) io.out(table([HEAD, ...rs.map((r) => summary(r.body))]));
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
        const record = { ...JSON.parse(row.body), hash: row.hash };
        io.out(values.json ? `${JSON.stringify(record)}\n` : `${JSON.stringify(record, null, 2)}\n`);
        return EXIT.ok;
      }
      case 'verify':
        return report(verifyChain(reader.scan()), io, values.json);
      case 'export': {
        if (values.format !== 'jsonl') throw new CliError(`--format ${values.format} is not supported yet; use --format jsonl`);
        for (const row of reader.scan(int(values.from, '--from', 0))) io.out(`${row.body}\n`);
        return EXIT.ok;
      }
      default:
        throw new CliError(`unknown audit command "${verb ?? ''}"; usage: ${USAGE}`);
    }
  } finally {
    db.close();
  }
}

function report(result: VerifyResult, io: Io, json: boolean | undefined): number {
  if (json) io.out(`${JSON.stringify(result)}\n`);
  else if (result.ok) {
    io.out(
      result.head
        ? `OK: ${result.records} records verified; head seq ${result.head.seq} hash ${result.head.hash}\n`
        : 'OK: the audit trail is empty\n',
    );
  } else
    io.out(`FAIL: record seq ${result.seq} (id ${result.id || '?'}): ${result.problem}; ${result.records} records before it verified\n`);
  return result.ok ? EXIT.ok : EXIT.failed;
}

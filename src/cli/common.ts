// Shared CLI plumbing: argument parsing with one-line errors, documented exit codes, store
// access from a separate process (SQLite WAL lets the CLI work while the server runs).
import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { dbPath, openDb, type SqliteDb } from '../store/sqlite/sqlite-db.js';

/** Exit codes (documented in the README's CLI reference). */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, store: 4, internal: 70 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const GLOBAL_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]}; usage: ${usage}`);
  }
}

export function config(
  values: { config?: string | boolean | undefined; 'data-dir'?: string | boolean | undefined },
  extra: { host?: string; port?: number } = {},
): Config {
  try {
    return loadConfig({
      file: typeof values.config === 'string' ? values.config : undefined,
      overrides: { dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, ...extra },
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`config error: ${err.message}`, EXIT.failed);
    throw err;
  }
}

export function openStore(cfg: Config, mustExist = true): SqliteDb {
  const file = dbPath(cfg.dataDir);
  if (mustExist && !existsSync(file)) {
    throw new CliError(`no Gatehouse database at ${file}; start the server once (gatehouse serve) or pass --data-dir`, EXIT.store);
  }
  try {
    return openDb(file, { durability: cfg.audit.durability });
  } catch (err) {
    throw new CliError(`cannot open ${file}: ${(err as Error).message}`, EXIT.store);
  }
}

/** Aligned columns for human output. */
export function table(rows: string[][]): string {
  if (!rows.length) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return `${rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n')}\n`;
}

export function when(ms: number | null | undefined): string {
  return ms ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

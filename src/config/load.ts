// Loads the configuration once: defaults <- YAML file <- GATEHOUSE_* environment. The only module
// that reads process.env for configuration. A bad config fails with the path of the bad field.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type Config, configSchema } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** Path of a YAML config file; default: env GATEHOUSE_CONFIG, else none (all defaults). */
  file?: string | undefined;
  /** Overrides applied last (CLI flags). */
  overrides?: { dataDir?: string | undefined; host?: string | undefined; port?: number | undefined };
  env?: NodeJS.ProcessEnv;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (typeof next !== 'object' || next === null) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = value;
}

/** Environment variables that override the file, and the config path each sets. */
export const ENV_OVERRIDES: Record<string, { path: string[]; type: 'string' | 'int' }> = {
  GATEHOUSE_DATA_DIR: { path: ['dataDir'], type: 'string' },
  GATEHOUSE_HOST: { path: ['server', 'host'], type: 'string' },
  GATEHOUSE_PORT: { path: ['server', 'port'], type: 'int' },
  GATEHOUSE_LOG_LEVEL: { path: ['logging', 'level'], type: 'string' },
  GATEHOUSE_AUDIT_DURABILITY: { path: ['audit', 'durability'], type: 'string' },
};

function formatIssues(error: z.ZodError, source: string): string {
  const issue = error.issues[0];
  if (!issue) return `${source}: invalid configuration`;
  const where = issue.path.length ? issue.path.join('.') : '(root)';
  return `${source}: ${where}: ${issue.message}`;
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.GATEHOUSE_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(
        `cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}; check the path given to --config or GATEHOUSE_CONFIG`,
      );
    }
    try {
      raw = (parseYaml(text) as Record<string, unknown> | null) ?? {};
    } catch (err) {
      throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: the top level must be a mapping`);
  }
  for (const [name, spec] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (spec.type === 'int') {
      if (!/^\d+$/.test(value)) throw new ConfigError(`${name}: "${value}" is not a whole number`);
      setPath(raw, spec.path, Number(value));
    } else setPath(raw, spec.path, value);
  }
  const o = options.overrides ?? {};
  if (o.dataDir !== undefined) setPath(raw, ['dataDir'], o.dataDir);
  if (o.host !== undefined) setPath(raw, ['server', 'host'], o.host);
  if (o.port !== undefined) setPath(raw, ['server', 'port'], o.port);
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(formatIssues(result.error, file ?? 'configuration'));
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// gatehouse config check|docs — validates a configuration (exit 1 naming the bad field) or
// prints the reference generated from the schema.

import { configReference } from '../config/docs.js';
import { ConfigError } from '../config/load.js';
import { createProviders } from '../providers/index.js';
import { CliError, config, EXIT, type Io, parse } from './common.js';

export async function configCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values } = parse(rest, {}, 'gatehouse config <check|docs> [--config <file>]');
  if (verb === 'docs') {
    io.out(configReference());
    return EXIT.ok;
  }
  if (verb !== 'check')
    throw new CliError(`unknown config command "${verb ?? ''}"; usage: gatehouse config <check|docs> [--config <file>]`);
  const cfg = config(values);
  try {
    // Resolves provider credentials too (env vars set, files readable), without calling out.
    const providers = createProviders(cfg.providers);
    await Promise.all([...providers.values()].map((p) => p.close()));
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`config error: ${err.message}`, EXIT.failed);
    throw err;
  }
  const summary = { ok: true, providers: Object.keys(cfg.providers), models: cfg.models.map((m) => m.name), dataDir: cfg.dataDir };
  io.out(
    values.json
      ? `${JSON.stringify(summary)}\n`
      : `OK: ${summary.providers.length} provider(s), ${summary.models.length} model(s), data in ${cfg.dataDir}\n`,
  );
  return EXIT.ok;
}

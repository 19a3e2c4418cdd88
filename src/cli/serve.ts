// gatehouse serve — starts the gateway and stops it cleanly on SIGINT/SIGTERM (in-flight
// requests finish, queued audit records are committed).

import { ConfigError } from '../config/load.js';
import { createLogger } from '../log.js';
import { createApp } from '../server/app.js';
import { CliError, config, EXIT, type Io, parse } from './common.js';

export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(
    args,
    { host: { type: 'string' }, port: { type: 'string' } },
    'gatehouse serve [--config <file>] [--data-dir <dir>] [--host <addr>] [--port <n>]',
  );
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port))
    throw new CliError(`--port: expected a port number, got "${values.port}"`);
  const cfg = config(values, {
    ...(values.host ? { host: values.host } : {}),
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
  });
  const log = createLogger(cfg.logging.level);
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    const file = typeof values.config === 'string' ? values.config : process.env.GATEHOUSE_CONFIG || undefined;
    app = await createApp(cfg, log, process.env, {
      configFile: file,
      reloadConfig: () =>
        config(values, {
          ...(values.host ? { host: values.host } : {}),
          ...(values.port !== undefined ? { port: Number(values.port) } : {}),
        }),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`config error: ${err.message}`, EXIT.failed);
    throw new CliError(`cannot start: ${(err as Error).message}`, EXIT.store);
  }
  let addr: { host: string; port: number };
  try {
    addr = await app.listen();
  } catch (err) {
    await app.close();
    const e = err as NodeJS.ErrnoException;
    throw new CliError(`cannot listen on ${cfg.server.host}:${cfg.server.port}: ${e.code ?? e.message}; pick another --port`, EXIT.failed);
  }
  io.out(
    `Gatehouse listening on http://${addr.host}:${addr.port} (data: ${cfg.dataDir}, providers: ${Object.keys(cfg.providers).join(', ')})\n`,
  );
  if (app.bootstrapKey) {
    io.out(`Bootstrap admin key (shown once; store it now, it cannot be shown again):\n${app.bootstrapKey}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('shutting down', { signal });
      app.close().then(resolve, resolve);
    };
    process.on('SIGHUP', () => app.reload());
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return EXIT.ok;
}

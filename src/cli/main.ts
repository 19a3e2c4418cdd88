// gatehouse <noun> <verb>: dispatches to one file per command. Errors are one line on stderr
// saying what is wrong and how to fix it; exit codes are listed in common.ts and the README.
import { CliError, EXIT, type Io } from './common.js';

// Commands are imported on use: `audit verify` should not pay for loading the HTTP server.

const HELP = `usage: gatehouse <command> [options]

commands:
  serve                         start the gateway (--host, --port)
  config check|docs             validate the configuration / print its reference
  keys create|list|show|revoke|rotate|stale
  access request|approve|deny|list|revoke   just-in-time elevation
  mfa enroll|verify|recovery|remove         TOTP for the admin API
  audit tail|show|verify|export|pubkey|checkpoint|prove|retention|content|erase
  kill set|clear|list           kill switches (global, tenant, feature, model, provider, key, user)
  redteam                       attack an LLM endpoint and write disclosure reports (--demo: with vs without Gatehouse)
  scan                          run the scanners over JSON Lines (stdin or --input)

global options: --config <file>  --data-dir <dir>  --json  --help
`;

export async function main(
  argv: string[],
  io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await (await import('./serve.js')).serveCommand(rest, io);
      case 'config':
        return await (await import('./config.js')).configCommand(rest, io);
      case 'keys':
        return await (await import('./keys.js')).keysCommand(rest, io);
      case 'audit':
        return await (await import('./audit.js')).auditCommand(rest, io);
      case 'kill':
        return await (await import('./kill.js')).killCommand(rest, io);
      case 'access':
        return await (await import('./access.js')).accessCommand(rest, io);
      case 'mfa':
        return await (await import('./access.js')).mfaCommand(rest, io);
      case 'redteam':
        return await (await import('./redteam.js')).redteamCommand(rest, io);
      case 'scan':
        return await (await import('./scan.js')).scanCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new CliError(`unknown command "${command}"; run gatehouse --help`);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`gatehouse: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`gatehouse: internal error: ${(err as Error).message}\n`);
    return EXIT.internal;
  }
}

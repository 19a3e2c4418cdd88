// gatehouse kill set|clear|list — kill switches from the terminal. Works on the store directly;
// running servers (and replicas sharing the store) apply a change within 250 ms.
import { userInfo } from 'node:os';
import { prepareRecord } from '../audit/record.js';
import { KillSwitchError, KillSwitchService, switchName } from '../control/kill-switch.js';
import { adminEntry } from '../identity/key-service.js';
import { createSqliteBatchAppender } from '../store/sqlite/sqlite-audit-store.js';
import { createSqliteKillSwitchStore } from '../store/sqlite/sqlite-key-store.js';
import { CliError, config, EXIT, type Io, openStore, parse, table, when } from './common.js';

const USAGE =
  'gatehouse kill <set|clear|list> --scope <global|tenant|feature|model|provider|key|user> [--target <name>] [--reason <text>] [--abort-streams]';

export async function killCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values } = parse(
    rest,
    {
      scope: { type: 'string' },
      target: { type: 'string' },
      reason: { type: 'string' },
      'abort-streams': { type: 'boolean', default: false },
    },
    USAGE,
  );
  const cfg = config(values);
  const db = openStore(cfg, verb !== 'list');
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry
  }
  const actor = { keyId: null, userId: `cli:${user}`, tenant: null, client: 'cli' };
  const append = createSqliteBatchAppender(db);
  const service = new KillSwitchService(createSqliteKillSwitchStore(db), (name, target, details) =>
    append([prepareRecord(adminEntry(actor, name, target, details))]),
  );
  try {
    switch (verb) {
      case 'set': {
        if (!values.scope) throw new CliError(`missing --scope; usage: ${USAGE}`);
        const sw = await service.set(values.scope, values.target, values.reason ?? '', actor.userId, values['abort-streams'] ?? false);
        io.out(
          values.json
            ? `${JSON.stringify(sw)}\n`
            : `kill switch "${switchName(sw)}" set; running servers refuse matching requests within 250 ms\n`,
        );
        return EXIT.ok;
      }
      case 'clear': {
        if (!values.scope) throw new CliError(`missing --scope; usage: ${USAGE}`);
        const cleared = await service.clear(values.scope, values.target, actor.userId);
        io.out(values.json ? `${JSON.stringify({ cleared })}\n` : cleared ? 'cleared\n' : 'no such switch was set (recorded anyway)\n');
        return EXIT.ok;
      }
      case 'list': {
        const list = service.list();
        if (values.json) io.out(`${JSON.stringify(list)}\n`);
        else if (!list.length) io.out('no kill switch is set\n');
        else
          io.out(
            table([
              ['SWITCH', 'SET BY', 'SET AT', 'ABORTS STREAMS', 'REASON'],
              ...list.map((s) => [switchName(s), s.setBy, when(s.setAt), String(s.abortStreams), s.reason]),
            ]),
          );
        return EXIT.ok;
      }
      default:
        throw new CliError(`unknown kill command "${verb ?? ''}"; usage: ${USAGE}`);
    }
  } catch (err) {
    if (err instanceof KillSwitchError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

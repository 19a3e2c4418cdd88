// gatehouse keys create|list|show|revoke|rotate — key lifecycle from the terminal. Works on the
// store directly (the server picks changes up within keys.refreshInterval); every change is
// appended to the audit trail as an admin action by "cli".
import { userInfo } from 'node:os';
import { prepareRecord } from '../audit/record.js';
import { type Config, parseDuration } from '../config/schema.js';
import { GatehouseError } from '../errors.js';
import { KeyService, type PublicKey } from '../identity/key-service.js';
import { keyHint } from '../identity/keys.js';
import { RoleRegistry, ToolRegistry } from '../identity/registry.js';
import { keyLifetimes } from '../server/access.js';
import { createSqliteRoleStore } from '../store/sqlite/sqlite-access-store.js';
import { createSqliteBatchAppender } from '../store/sqlite/sqlite-audit-store.js';
import { createSqliteKeyStore } from '../store/sqlite/sqlite-key-store.js';
import { CliError, config, EXIT, type Io, openStore, parse, table, when } from './common.js';

const USAGE = 'gatehouse keys <create|list|show|revoke|rotate|stale> [options]';

function service(cfg: Config, mustExist: boolean) {
  const db = openStore(cfg, mustExist);
  const append = createSqliteBatchAppender(db);
  // Roles from the config file and the admin API; the tenants' maximum key lifetimes.
  const roles = new RoleRegistry(
    cfg.access.roles,
    new ToolRegistry(cfg.access.tools, cfg.access.unknownToolRisk),
    createSqliteRoleStore(db),
  );
  return {
    db,
    keys: new KeyService(createSqliteKeyStore(db), (e) => append([prepareRecord(e)]), { roles, maxLifetimeMs: keyLifetimes(cfg) }),
  };
}

function actor() {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Containers may have no passwd entry.
  }
  return { keyId: null, userId: `cli:${user}`, tenant: null, client: 'cli' };
}

function human(k: PublicKey): string {
  return table([
    ['id', k.id],
    ['key', keyHint(k.id)],
    ['name', k.name],
    ['user', k.userId],
    ['tenant', k.tenant],
    ['role', k.role],
    ['models', k.models.join(',')],
    ['endpoints', k.endpoints.join(',')],
    ['tools', k.tools.join(',')],
    ['features', k.features.join(',')],
    ['scopes', k.scopes ? k.scopes.join(',') : '(all of the role)'],
    ['status', k.status],
    ['created', when(k.createdAt)],
    ['expires', when(k.expiresAt)],
    ['rotated', when(k.rotatedAt)],
    ['old secret valid until', when(k.prevValidUntil)],
    ['last used', when(k.lastUsedAt)],
  ]);
}

const csv = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function duration(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch (err) {
    throw new CliError(`${flag}: ${(err as Error).message}`);
  }
}

export async function keysCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(
    rest,
    {
      name: { type: 'string' },
      role: { type: 'string' },
      tenant: { type: 'string' },
      user: { type: 'string' },
      models: { type: 'string' },
      endpoints: { type: 'string' },
      expires: { type: 'string' },
      overlap: { type: 'string' },
      tools: { type: 'string' },
      features: { type: 'string' },
      scopes: { type: 'string' },
      days: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
    USAGE,
  );
  const cfg = config(values);
  const print = (obj: unknown, text: string) => io.out(values.json ? `${JSON.stringify(obj)}\n` : text);
  const idArg = () => {
    const id = positionals[0];
    if (!id) throw new CliError(`missing key id; usage: gatehouse keys ${verb} <id>`);
    return id;
  };
  const { db, keys } = service(cfg, verb !== 'create');
  try {
    switch (verb) {
      case 'create': {
        if (!values.name)
          throw new CliError(
            'missing --name; usage: gatehouse keys create --name <n> --role <r> [--tenant <t>] [--models <glob,...>] [--expires <duration>]',
          );
        const input = {
          name: values.name,
          role: values.role ?? 'member',
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.user ? { userId: values.user } : {}),
          ...(values.models
            ? {
                models: values.models
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(values.endpoints
            ? {
                endpoints: values.endpoints
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(values.tools ? { tools: csv(values.tools) } : {}),
          ...(values.features ? { features: csv(values.features) } : {}),
          ...(values.scopes ? { scopes: csv(values.scopes) } : {}),
          ...(values.expires ? { expiresInMs: duration(values.expires, '--expires') } : {}),
        };
        const { key, secret } = await keys.create(input, actor());
        print({ ...key, key: secret }, `${human(key)}\nkey (shown once, store it now):\n${secret}\n`);
        return EXIT.ok;
      }
      case 'list': {
        const list = keys.list({ includeRevoked: values.all, ...(values.tenant ? { tenant: values.tenant } : {}) });
        if (values.json) {
          io.out(`${JSON.stringify(list)}\n`);
          return EXIT.ok;
        }
        io.out(
          table([
            ['ID', 'NAME', 'ROLE', 'TENANT', 'STATUS', 'MODELS', 'EXPIRES', 'LAST USED'],
            ...list.map((k) => [k.id, k.name, k.role, k.tenant, k.status, k.models.join(','), when(k.expiresAt), when(k.lastUsedAt)]),
          ]),
        );
        return EXIT.ok;
      }
      case 'show': {
        const k = keys.get(idArg());
        if (!k) throw new CliError(`no key with id "${positionals[0]}"; list them with gatehouse keys list --all`, EXIT.notFound);
        print(k, human(k));
        return EXIT.ok;
      }
      case 'revoke': {
        const k = await keys.revoke(idArg(), actor());
        print(k, `revoked ${k.id} (${k.name}); the server rejects it within ${cfg.keys.refreshInterval}\n`);
        return EXIT.ok;
      }
      case 'rotate': {
        const overlap = values.overlap ? duration(values.overlap, '--overlap') : parseDuration(cfg.keys.rotationOverlap);
        const { key, secret } = await keys.rotate(idArg(), overlap, actor());
        print(
          { ...key, key: secret },
          `rotated ${key.id}; the old secret stays valid until ${when(key.prevValidUntil)}\nnew key (shown once, store it now):\n${secret}\n`,
        );
        return EXIT.ok;
      }
      case 'stale': {
        const days = values.days ? Number(values.days) : undefined;
        if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new CliError('--days: expected a whole number of days');
        const unusedMs = days !== undefined ? days * 86_400_000 : parseDuration(cfg.access.keyLifecycle.staleAfter);
        const list = keys.stale(unusedMs, values.tenant ? { tenant: values.tenant } : {});
        if (values.json) {
          io.out(`${JSON.stringify(list)}\n`);
          return EXIT.ok;
        }
        io.out(
          table([
            ['ID', 'NAME', 'ROLE', 'TENANT', 'CREATED', 'LAST USED'],
            ...list.map((k) => [k.id, k.name, k.role, k.tenant, when(k.createdAt), when(k.lastUsedAt)]),
          ]),
        );
        return EXIT.ok;
      }
      default:
        throw new CliError(`unknown keys command "${verb ?? ''}"; usage: ${USAGE}`);
    }
  } catch (err) {
    if (err instanceof GatehouseError) throw new CliError(err.message, err.code === 'not_found' ? EXIT.notFound : EXIT.usage);
    throw err;
  } finally {
    db.close();
  }
}

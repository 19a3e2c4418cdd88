// gatehouse access request|approve|deny|list|revoke — just-in-time elevation from the terminal,
// and gatehouse mfa enroll|verify|recovery|remove — TOTP enrolment. Both work on the store
// directly (the server picks changes up within keys.refreshInterval); every change is audited.
// The approver is named with --as: they must hold an active key whose role has access:approve,
// and may not be the elevated user or the requester (whoever runs the CLI has the database, so
// this records and checks the four-eyes rule; it cannot prove identity like the admin API does).
import { userInfo } from 'node:os';
import { prepareRecord } from '../audit/record.js';
import { loadMasterKey } from '../audit/vault.js';
import { type Config, parseDuration } from '../config/schema.js';
import { GatehouseError } from '../errors.js';
import { JitService } from '../identity/jit.js';
import { MfaService } from '../identity/mfa.js';
import { RoleRegistry, ToolRegistry } from '../identity/registry.js';
import { createSqliteGrantStore, createSqliteMfaStore, createSqliteRoleStore } from '../store/sqlite/sqlite-access-store.js';
import { createSqliteBatchAppender } from '../store/sqlite/sqlite-audit-store.js';
import { createSqliteKeyStore } from '../store/sqlite/sqlite-key-store.js';
import { CliError, config, EXIT, type Io, openStore, parse, table, when } from './common.js';

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

function services(cfg: Config) {
  const db = openStore(cfg, true);
  const append = createSqliteBatchAppender(db);
  const audit = (e: Parameters<typeof prepareRecord>[0]) => append([prepareRecord(e)]);
  const roles = new RoleRegistry(
    cfg.access.roles,
    new ToolRegistry(cfg.access.tools, cfg.access.unknownToolRisk),
    createSqliteRoleStore(db),
  );
  const jit = new JitService(createSqliteGrantStore(db), roles, audit, parseDuration(cfg.access.jit.maxDuration));
  const content = cfg.audit.content;
  const mfa = new MfaService(
    createSqliteMfaStore(db),
    () => loadMasterKey({ env: process.env[content.masterKeyEnv], file: content.masterKeyFile, dataDir: cfg.dataDir }),
    cfg.access.mfa.issuer,
    audit,
  );
  return { db, roles, jit, mfa, keys: createSqliteKeyStore(db) };
}

const wrap = async (fn: () => Promise<number>): Promise<number> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GatehouseError) throw new CliError(err.message, err.code === 'not_found' ? EXIT.notFound : EXIT.failed);
    throw err;
  }
};

const ACCESS_USAGE = 'gatehouse access <request|approve|deny|list|revoke> [options]';

export async function accessCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(
    rest,
    {
      user: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      duration: { type: 'string' },
      reason: { type: 'string' },
      as: { type: 'string' },
    },
    ACCESS_USAGE,
  );
  const cfg = config(values);
  const s = services(cfg);
  const actor = { keyId: null, userId: operator(), tenant: null, client: 'cli' };
  const print = (obj: unknown, text: string) => io.out(values.json ? `${JSON.stringify(obj)}\n` : text);
  const approver = () => {
    if (!values.as) throw new CliError(`missing --as <approver user>; usage: gatehouse access ${verb} <id> --as <user>`);
    const now = Date.now();
    const held = s.keys
      .list({})
      .filter((k) => k.userId === values.as && (k.expiresAt === null || k.expiresAt > now))
      .map((k) => ({ k, access: s.roles.compile([k.role], { scopes: k.scopes }) }))
      .find((x) => x.access.can('access:approve'));
    if (!held) throw new CliError(`user "${values.as}" holds no active key whose role may approve access (access:approve)`, EXIT.failed);
    return { userId: values.as, tenant: held.k.tenant, access: held.access };
  };
  try {
    return await wrap(async () => {
      switch (verb) {
        case 'request': {
          if (!values.user || !values.role || !values.duration || !values.reason)
            throw new CliError('usage: gatehouse access request --user <u> --role <r> --duration <30m> --reason "<why>" [--tenant <t>]');
          let durationMs: number;
          try {
            durationMs = parseDuration(values.duration);
          } catch (err) {
            throw new CliError(`--duration: ${(err as Error).message}`);
          }
          const g = await s.jit.request(
            { userId: values.user, tenant: values.tenant ?? 'default', role: values.role, durationMs, reason: values.reason },
            { ...actor, userId: values.user },
          );
          print(
            g,
            `requested ${g.id}: ${g.role} for ${g.userId} (${values.duration}); approve with gatehouse access approve ${g.id} --as <approver>\n`,
          );
          return EXIT.ok;
        }
        case 'approve':
        case 'deny': {
          const id = positionals[0];
          if (!id) throw new CliError(`missing request id; usage: gatehouse access ${verb} <id> --as <user>`);
          const who = approver();
          const g =
            verb === 'approve'
              ? await s.jit.approve(id, who, { ...actor, userId: who.userId })
              : await s.jit.deny(id, who, { ...actor, userId: who.userId });
          print(g, verb === 'approve' ? `approved ${g.id}: ${g.role} for ${g.userId} until ${when(g.expiresAt)}\n` : `denied ${g.id}\n`);
          return EXIT.ok;
        }
        case 'revoke': {
          const id = positionals[0];
          if (!id) throw new CliError('missing request id; usage: gatehouse access revoke <id>');
          const g = await s.jit.revoke(id, actor);
          print(g, `revoked ${g.id}\n`);
          return EXIT.ok;
        }
        case 'list': {
          const list = s.jit.list({ ...(values.user ? { userId: values.user } : {}), ...(values.tenant ? { tenant: values.tenant } : {}) });
          if (values.json) {
            io.out(`${JSON.stringify(list)}\n`);
            return EXIT.ok;
          }
          io.out(
            table([
              ['ID', 'USER', 'TENANT', 'ROLE', 'STATE', 'APPROVER', 'EXPIRES', 'REASON'],
              ...list.map((g) => [g.id, g.userId, g.tenant, g.role, g.state, g.decidedBy ?? '-', when(g.expiresAt), g.reason]),
            ]),
          );
          return EXIT.ok;
        }
        default:
          throw new CliError(`unknown access command "${verb ?? ''}"; usage: ${ACCESS_USAGE}`);
      }
    });
  } finally {
    s.db.close();
  }
}

const MFA_USAGE = 'gatehouse mfa <enroll|verify|recovery|remove> --user <u> [--code <c>]';

export async function mfaCommand(args: string[], io: Io): Promise<number> {
  const [verb, ...rest] = args;
  const { values } = parse(rest, { user: { type: 'string' }, code: { type: 'string' } }, MFA_USAGE);
  if (!values.user) throw new CliError(`missing --user; usage: ${MFA_USAGE}`);
  const user = values.user;
  const cfg = config(values);
  const s = services(cfg);
  const actor = { keyId: null, userId: operator(), tenant: null, client: 'cli' };
  const print = (obj: unknown, text: string) => io.out(values.json ? `${JSON.stringify(obj)}\n` : text);
  try {
    return await wrap(async () => {
      switch (verb) {
        case 'enroll': {
          const e = await s.mfa.enroll(user, actor);
          print(
            { user, secret: e.secret, uri: e.uri, recovery_codes: e.recoveryCodes },
            `TOTP secret for ${user} (shown once): ${e.secret}\nauthenticator URI: ${e.uri}\nrecovery codes (each works once; store them offline):\n${e.recoveryCodes.join('\n')}\nconfirm with: gatehouse mfa verify --user ${user} --code <6 digits>\n`,
          );
          return EXIT.ok;
        }
        case 'verify': {
          if (!values.code) throw new CliError(`missing --code; usage: ${MFA_USAGE}`);
          const method = await s.mfa.verify(user, values.code, actor);
          print({ user, ok: true, method }, `code accepted (${method}); ${user} is enrolled\n`);
          return EXIT.ok;
        }
        case 'recovery': {
          const codes = await s.mfa.regenerateRecovery(user, actor);
          print({ user, recovery_codes: codes }, `new recovery codes for ${user} (the old ones no longer work):\n${codes.join('\n')}\n`);
          return EXIT.ok;
        }
        case 'remove': {
          const removed = await s.mfa.remove(user, actor);
          if (!removed) throw new CliError(`user "${user}" has no MFA enrolment`, EXIT.notFound);
          print({ user, removed }, `removed the MFA enrolment of ${user}\n`);
          return EXIT.ok;
        }
        default:
          throw new CliError(`unknown mfa command "${verb ?? ''}"; usage: ${MFA_USAGE}`);
      }
    });
  } finally {
    s.db.close();
  }
}

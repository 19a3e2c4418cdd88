// Composition of access control (part of the composition root): role and tool registries,
// just-in-time grants, MFA, OIDC, the authenticator, the key service with the tenants' key
// lifetimes, auth-failure lock-out and key-expiry warnings, wired to the SQLite stores and the
// alert router.
import { loadMasterKey } from '../audit/vault.js';
import { type Config, parseDuration } from '../config/schema.js';
import { type Authenticator, createAuthenticator } from '../identity/authenticator.js';
import { JitService } from '../identity/jit.js';
import { type AuditFn, adminEntry, KeyService } from '../identity/key-service.js';
import { AuthFailureGuard } from '../identity/lockout.js';
import { MfaService, SessionStore } from '../identity/mfa.js';
import { OidcVerifier } from '../identity/oidc.js';
import { RoleRegistry, ToolRegistry } from '../identity/registry.js';
import type { Logger } from '../log.js';
import type { Alert } from '../monitor/anomaly.js';
import { createSqliteGrantStore, createSqliteMfaStore, createSqliteRoleStore } from '../store/sqlite/sqlite-access-store.js';
import type { SqliteDb } from '../store/sqlite/sqlite-db.js';
import type { KeyStore } from '../store/types.js';
import type { RouteDeps } from './routes.js';

export interface AccessControl {
  authenticator: Authenticator;
  keys: KeyService;
  roles: RoleRegistry;
  jit: JitService;
  mfa: MfaService;
  routeDeps: RouteDeps['access'];
  /** Starts the periodic jobs (key-expiry warnings, grant-expiry audit). */
  start(): void;
  close(): void;
}

export function keyLifetimes(config: Config): (tenant: string) => number | undefined {
  const kl = config.access.keyLifecycle;
  const global = kl.maxLifetime ? parseDuration(kl.maxLifetime) : undefined;
  const per = new Map(Object.entries(kl.tenants).map(([t, v]) => [t, parseDuration(v.maxLifetime)]));
  return (tenant) => per.get(tenant) ?? global;
}

export function createAccessControl(o: {
  config: Config;
  db: SqliteDb;
  keyStore: KeyStore;
  append: AuditFn;
  env: NodeJS.ProcessEnv;
  log: Logger;
  raise: (alert: Alert) => void;
}): AccessControl {
  const { config, db, append, log } = o;
  const ac = config.access;
  const roles = new RoleRegistry(ac.roles, new ToolRegistry(ac.tools, ac.unknownToolRisk), createSqliteRoleStore(db), (m) => log.warn(m));
  const jit = new JitService(createSqliteGrantStore(db), roles, append, parseDuration(ac.jit.maxDuration));
  const content = config.audit.content;
  const mfa = new MfaService(
    createSqliteMfaStore(db),
    () => loadMasterKey({ env: o.env[content.masterKeyEnv], file: content.masterKeyFile, dataDir: config.dataDir }),
    ac.mfa.issuer,
    append,
  );
  const sessions = new SessionStore(parseDuration(ac.mfa.sessionTtl));
  const authenticator = createAuthenticator(o.keyStore, parseDuration(config.keys.refreshInterval), (m) => log.warn(m), {
    roles,
    jit,
    mfa,
  });
  const oidc = new OidcVerifier(
    ac.oidc.issuers,
    { cacheMaxAgeMs: parseDuration(ac.oidc.jwksCacheMaxAge), cooldownMs: parseDuration(ac.oidc.jwksCooldown) },
    roles,
    jit,
  );
  const keys = new KeyService(o.keyStore, append, { roles, maxLifetimeMs: keyLifetimes(config) });
  const now = () => new Date().toISOString();
  const lo = ac.lockout;
  const lockout = new AuthFailureGuard(
    {
      threshold: lo.threshold,
      windowMs: parseDuration(lo.window),
      durationMs: parseDuration(lo.duration),
      maxDurationMs: parseDuration(lo.maxDuration),
      keyAlertThreshold: lo.keyAlertThreshold,
    },
    (e) =>
      o.raise(
        e.kind === 'address_locked'
          ? {
              signal: 'auth_lockout',
              severity: 'SEV2',
              subject: `client:${e.subject}`,
              message: `${e.count} authentication failures from ${e.subject}: locked out for ${Math.round((e.lockedForMs ?? 0) / 1000)} s`,
              details: { client: e.subject, count: e.count, locked_for_ms: e.lockedForMs ?? 0 },
              at: now(),
            }
          : {
              signal: 'auth_failures',
              severity: 'SEV2',
              subject: `key:${e.subject}`,
              message: `${e.count} failed authentications naming key ${e.subject}`,
              details: { key_id: e.subject, count: e.count },
              at: now(),
            },
      ),
  );

  const warnBefore = parseDuration(ac.keyLifecycle.warnBefore);
  const warned = new Map<string, number>();
  const checkExpiry = () => {
    for (const k of keys.expiring(warnBefore)) {
      // Once per key and expiry (a rotation that renews the key re-arms the warning).
      if (warned.get(k.id) === k.expiresAt) continue;
      warned.set(k.id, k.expiresAt as number);
      const days = Math.max(0, Math.round(((k.expiresAt as number) - Date.now()) / 86_400_000));
      const message = `key ${k.id} (${k.name}, tenant ${k.tenant}) expires in ${days} days: rotate it (gatehouse keys rotate ${k.id})`;
      Promise.resolve(
        append(
          adminEntry({ keyId: null, userId: 'system', tenant: k.tenant, client: null }, 'key.expiry_warning', k.id, {
            expires_at: k.expiresAt,
            tenant: k.tenant,
          }),
        ),
      ).catch((err: Error) => log.error('could not audit a key-expiry warning', { detail: err.message }));
      o.raise({
        signal: 'key_expiry',
        severity: 'SEV4',
        subject: `key:${k.id}`,
        message,
        details: { key_id: k.id, tenant: k.tenant, days },
        at: now(),
      });
    }
  };
  const timers: NodeJS.Timeout[] = [];
  return {
    authenticator,
    keys,
    roles,
    jit,
    mfa,
    routeDeps: {
      roles,
      jit,
      mfa,
      sessions,
      audit: append,
      oidc,
      lockout,
      mfaGate: { mfa, sessions, require: ac.mfa.require },
      request: {
        features: ac.features.map((f) => f.name),
        defaultFeature: ac.defaultFeature,
        requireFeature: ac.requireFeature,
        toolRequests: ac.toolRequests,
      },
      toolCalls: ac.toolCalls,
    },
    start() {
      const safe = (f: () => unknown, what: string) => () => {
        (async () => f())().catch((err: Error) => log.warn(`${what} failed`, { detail: err.message }));
      };
      const expiry = safe(checkExpiry, 'key-expiry check');
      setImmediate(expiry);
      timers.push(setInterval(expiry, parseDuration(ac.keyLifecycle.checkInterval)));
      timers.push(
        setInterval(
          safe(() => jit.sweep(), 'grant-expiry sweep'),
          5000,
        ),
      );
      for (const t of timers) t.unref();
    },
    close() {
      for (const t of timers) clearInterval(t);
      authenticator.close();
    },
  };
}

// Turns a presented API key into an Identity, from an in-memory cache of key records so that no
// request touches the disk. Changes made in this process apply at once; changes made by another
// process (the CLI) are picked up by polling the store's generation counters (keys, roles,
// just-in-time grants, MFA enrolments). Each key's compiled Access is cached and rebuilt when
// its record, the roles or its grants change, or when a grant expires.
import { GatehouseError } from '../errors.js';
import type { KeyRecord, KeyStore } from '../store/types.js';
import type { JitService } from './jit.js';
import { hashesEqual, hashKey, parseKey } from './keys.js';
import type { MfaService } from './mfa.js';
import { RoleRegistry, ToolRegistry } from './registry.js';
import type { Identity } from './types.js';

export interface Authenticator {
  authenticate(credential: string | undefined, now?: number): Identity;
  /** Reloads changed keys (and roles, grants, enrolments) now (after an in-process change). */
  refresh(): void;
  close(): void;
}

export interface AuthenticatorDeps {
  roles: RoleRegistry;
  jit?: JitService | undefined;
  mfa?: MfaService | undefined;
}

interface Cached {
  epoch: number;
  validUntil: number;
  identity: Identity;
}

export function createAuthenticator(
  store: KeyStore,
  refreshIntervalMs: number,
  onError?: (m: string) => void,
  deps: AuthenticatorDeps = { roles: new RoleRegistry([], new ToolRegistry([], 'destructive'), undefined) },
): Authenticator {
  const cache = new Map<string, KeyRecord>();
  const identities = new Map<string, Cached>();
  let generation = -1;
  let epoch = 0;
  let rolesSeen = -1;
  let grantsSeen = -1;
  // Cached identities are rebuilt when roles or grants changed, including a change made by a
  // handler in this process (approve, role edit) that the poll's refresh() would not report.
  const syncEpoch = () => {
    const r = deps.roles.generation;
    const g = deps.jit?.generation ?? 0;
    if (r !== rolesSeen || g !== grantsSeen) {
      rolesSeen = r;
      grantsSeen = g;
      epoch++;
    }
  };
  const used = new Map<string, number>();

  const refresh = () => {
    const g = store.generation();
    if (g !== generation) {
      const changed = generation < 0 ? store.list({ includeRevoked: true }) : store.changedSince(generation);
      for (const k of changed) {
        cache.set(k.id, k);
        identities.delete(k.id);
      }
      generation = g;
    }
    deps.roles.refresh();
    deps.jit?.refresh();
    deps.mfa?.refresh();
    syncEpoch();
  };
  refresh();

  const poll = setInterval(() => {
    try {
      refresh();
    } catch (err) {
      onError?.(`key refresh failed: ${(err as Error).message}`);
    }
  }, refreshIntervalMs);
  poll.unref();
  // Last use is recorded in memory and written in batches, never on the request path.
  const flushUse = setInterval(() => {
    if (!used.size) return;
    const batch = [...used].map(([id, at]) => ({ id, at }));
    used.clear();
    try {
      store.touch(batch);
    } catch (err) {
      onError?.(`key last-use update failed: ${(err as Error).message}`);
    }
  }, 5000);
  flushUse.unref();

  const build = (record: KeyRecord, now: number): Cached => {
    const granted = deps.jit?.activeRoles(record.userId, record.tenant, now) ?? [];
    const access = deps.roles.compile([record.role, ...granted], {
      models: record.models,
      tools: record.tools,
      features: record.features,
      scopes: record.scopes,
    });
    return {
      epoch,
      validUntil: deps.jit?.nextExpiry(record.userId, now) ?? Number.POSITIVE_INFINITY,
      identity: {
        kind: 'api_key',
        keyId: record.id,
        keyName: record.name,
        userId: record.userId,
        tenant: record.tenant,
        role: record.role,
        models: record.models,
        endpoints: record.endpoints,
        access,
        mfa: false,
      },
    };
  };

  return {
    authenticate(credential, now = Date.now()) {
      if (!credential) {
        throw new GatehouseError('missing_key', 'missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"');
      }
      const parsed = parseKey(credential);
      const record = parsed ? cache.get(parsed.id) : undefined;
      if (!record) throw new GatehouseError('invalid_key', 'invalid API key', { internal: parsed ? 'unknown key id' : 'malformed key' });
      const hash = hashKey(credential);
      const current = hashesEqual(hash, record.hash);
      const previous = !current && record.prevHash !== null && record.prevValidUntil !== null && hashesEqual(hash, record.prevHash);
      if (!current && !previous)
        throw new GatehouseError('invalid_key', 'invalid API key', { internal: `wrong secret for key ${record.id}` });
      // Only a caller holding the secret learns that a key is revoked or expired.
      if (record.revokedAt !== null) throw new GatehouseError('revoked_key', 'this API key has been revoked', { internal: record.id });
      if (record.expiresAt !== null && record.expiresAt <= now) {
        throw new GatehouseError('expired_key', 'this API key has expired', { internal: record.id });
      }
      if (previous && (record.prevValidUntil as number) <= now) {
        throw new GatehouseError('expired_key', 'this API key was rotated and its old secret has expired', {
          internal: `${record.id} old secret after rotation`,
        });
      }
      used.set(record.id, now);
      syncEpoch();
      let c = identities.get(record.id);
      if (!c || c.epoch !== epoch || c.validUntil <= now) {
        c = build(record, now);
        identities.set(record.id, c);
      }
      return c.identity;
    },
    refresh,
    close() {
      clearInterval(poll);
      clearInterval(flushUse);
      if (used.size) {
        try {
          store.touch([...used].map(([id, at]) => ({ id, at })));
        } catch {
          // Best effort on shutdown.
        }
      }
    },
  };
}

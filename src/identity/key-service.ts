// Key lifecycle shared by the CLI and the admin API: create, revoke, rotate — each one audited
// as an admin action. Returns the secret exactly once, at creation or rotation.
import type { AuditEntry } from '../audit/record.js';
import { GatehouseError } from '../errors.js';
import type { Endpoint } from '../pipeline/types.js';
import type { KeyRecord, KeyStore } from '../store/types.js';
import { timeOrderedId } from '../util/ids.js';
import { hashKey, newKeyId, newSecret, parseKey } from './keys.js';
import type { RoleRegistry } from './registry.js';
import { BUILTIN_ROLES, canGrant, MODEL_ENDPOINTS, narrowingProblem, type RoleDef } from './roles.js';
import type { Access, Permission, RoleName } from './types.js';

export interface Actor {
  /** Who did it: a key id, or "cli" for a local operator. */
  keyId: string | null;
  userId: string;
  tenant: string | null;
  client: string | null;
}

export interface CreateKeyInput {
  name: string;
  role: string;
  tenant?: string;
  userId?: string;
  models?: string[];
  endpoints?: string[];
  /** Tool-name globs (narrowing the role); default all the role allows. */
  tools?: string[];
  /** Feature globs (narrowing the role); default all the role allows. */
  features?: string[];
  /** Permissions kept from the role; default all of them. */
  scopes?: string[];
  /** Lifetime in milliseconds; undefined for no expiry. */
  expiresInMs?: number;
  /**
   * An operator-supplied secret (bootstrap from a secrets manager) instead of a generated one.
   * Must be a well-formed key; its id becomes the key id.
   */
  secret?: string;
}

export type PublicKey = Omit<KeyRecord, 'hash' | 'prevHash'> & { status: 'active' | 'expired' | 'revoked' };

export function publicKey(k: KeyRecord, now = Date.now()): PublicKey {
  const { hash: _h, prevHash: _p, ...rest } = k;
  const status = k.revokedAt ? 'revoked' : k.expiresAt !== null && k.expiresAt <= now ? 'expired' : 'active';
  return { ...rest, status };
}

export type AuditFn = (entry: AuditEntry) => Promise<unknown> | unknown;

export function adminEntry(
  actor: Actor,
  name: string,
  target: string | null,
  details: Record<string, string | number | boolean | null>,
): AuditEntry {
  return {
    id: timeOrderedId(),
    ts: new Date().toISOString(),
    kind: 'admin',
    tenant: actor.tenant,
    user: actor.userId,
    key_id: actor.keyId,
    client: actor.client,
    method: null,
    path: null,
    dialect: null,
    endpoint: null,
    model_requested: null,
    provider: null,
    upstream_model: null,
    model_resolved: null,
    prompt_version: null,
    feature: null,
    input_sha256: null,
    output_sha256: null,
    usage: null,
    stream: null,
    status: 200,
    upstream_status: null,
    latency_us: 0,
    error: null,
    decisions: [],
    threats: null,
    // Canonical JSON carries integers only: any other number is recorded as its decimal text.
    action: {
      name,
      target,
      details: Object.fromEntries(
        Object.entries(details).map(([k, v]) => [k, typeof v === 'number' && !Number.isSafeInteger(v) ? String(v) : v]),
      ),
    },
  };
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 ._:@-]{0,63}$/;
const ENDPOINTS = new Set<string>(MODEL_ENDPOINTS);

/** Key policy from access control: the role registry and each tenant's maximum key lifetime. */
export interface KeyPolicy {
  roles?: RoleRegistry;
  /** Longest lifetime (ms) of a key in this tenant, or undefined for no limit. */
  maxLifetimeMs?: (tenant: string) => number | undefined;
}

const GLOB_RE = /^[A-Za-z0-9*][A-Za-z0-9._:/@*-]{0,127}$/;

export class KeyService {
  constructor(
    private readonly store: KeyStore,
    private readonly audit: AuditFn,
    private readonly policy: KeyPolicy = {},
  ) {}

  private role(name: string): RoleDef | undefined {
    return this.policy.roles ? this.policy.roles.get(name) : BUILTIN_ROLES.find((r) => r.name === name);
  }

  /**
   * Creates a key. `grantor` is the Access of an API caller (undefined for the local CLI
   * operator): it may only hand out roles it could exercise itself, and a tenant-scoped grantor
   * only in its own tenant.
   */
  async create(
    input: CreateKeyInput,
    actor: Actor,
    grantor?: { access: Access; tenant: string },
  ): Promise<{ key: PublicKey; secret: string }> {
    if (!NAME_RE.test(input.name)) {
      throw new GatehouseError('invalid_request', 'name must be 1-64 characters: letters, digits, space and ._:@-', {
        details: { field: 'name' },
      });
    }
    const roleDef = this.role(input.role);
    if (!roleDef) {
      const known = (this.policy.roles?.list() ?? BUILTIN_ROLES).map((r) => r.name);
      throw new GatehouseError('invalid_request', `unknown role "${input.role}"; use one of ${known.join(', ')}`, {
        details: { field: 'role' },
      });
    }
    if (grantor && !canGrant(grantor.access, roleDef)) {
      throw new GatehouseError('forbidden', `you may not create keys with role "${input.role}" (it exceeds your own)`, {
        details: { field: 'role' },
      });
    }
    const globs = (list: string[] | undefined, field: string) => {
      for (const g of list ?? [])
        if (!GLOB_RE.test(g)) throw new GatehouseError('invalid_request', `invalid ${field} glob "${g}"`, { details: { field } });
      return list?.length ? list : ['*'];
    };
    const tools = globs(input.tools, 'tools');
    const features = globs(input.features, 'features');
    const scopes = input.scopes?.length ? (input.scopes as Permission[]) : null;
    const problem = narrowingProblem(roleDef, {
      ...(input.models?.length ? { models: input.models } : {}),
      ...(input.features?.length ? { features: input.features } : {}),
      scopes,
    });
    if (problem) throw new GatehouseError('invalid_request', `a key may only narrow its role: ${problem}`, { details: { field: 'role' } });
    const models = input.models?.length ? input.models : ['*'];
    for (const m of models) {
      if (!/^[A-Za-z0-9*][A-Za-z0-9._:/@*-]{0,127}$/.test(m)) {
        throw new GatehouseError('invalid_request', `invalid model glob "${m}"`, { details: { field: 'models' } });
      }
    }
    const endpoints = (input.endpoints?.length ? input.endpoints : [...MODEL_ENDPOINTS]) as Endpoint[];
    for (const e of endpoints) {
      if (!ENDPOINTS.has(e)) {
        throw new GatehouseError('invalid_request', `unknown endpoint "${e}"; use ${MODEL_ENDPOINTS.join(', ')}`, {
          details: { field: 'endpoints' },
        });
      }
    }
    if (input.expiresInMs !== undefined && !(input.expiresInMs > 0)) {
      throw new GatehouseError('invalid_request', 'expiry must be in the future', { details: { field: 'expires' } });
    }
    const tenant = input.tenant ?? (grantor && !grantor.access.global ? grantor.tenant : 'default');
    if (grantor && !grantor.access.global && tenant !== grantor.tenant) {
      throw new GatehouseError('forbidden', `you may only create keys in tenant "${grantor.tenant}"`, { details: { field: 'tenant' } });
    }
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(tenant)) {
      throw new GatehouseError('invalid_request', 'tenant must be lowercase letters, digits, _ or -', {
        details: { field: 'tenant' },
      });
    }
    const maxLife = this.policy.maxLifetimeMs?.(tenant);
    if (maxLife !== undefined && input.expiresInMs !== undefined && input.expiresInMs > maxLife) {
      throw new GatehouseError(
        'invalid_request',
        `tenant "${tenant}" allows keys for at most ${Math.floor(maxLife / 86_400_000)} days (${maxLife} ms)`,
        {
          details: { field: 'expires' },
        },
      );
    }
    const lifetime = input.expiresInMs ?? maxLife;
    const now = Date.now();
    let id = newKeyId();
    let secret = newSecret(id);
    if (input.secret !== undefined) {
      const parsed = parseKey(input.secret);
      if (!parsed)
        throw new GatehouseError('invalid_request', 'the supplied secret is not a well-formed Gatehouse key (gth_<id>_<secret><check>)');
      if (this.store.get(parsed.id)) throw new GatehouseError('invalid_request', 'a key with this id already exists');
      id = parsed.id;
      secret = input.secret;
    }
    const record: KeyRecord = {
      id,
      name: input.name,
      userId: input.userId ?? input.name,
      tenant,
      role: input.role as RoleName,
      models,
      endpoints,
      tools,
      features,
      scopes,
      hash: hashKey(secret),
      prevHash: null,
      prevValidUntil: null,
      createdAt: now,
      expiresAt: lifetime === undefined ? null : now + lifetime,
      revokedAt: null,
      rotatedAt: null,
      lastUsedAt: null,
    };
    // Audit first: if the trail cannot take the record, the key must not exist.
    await this.audit(
      adminEntry(actor, 'key.create', id, {
        name: record.name,
        role: record.role,
        tenant,
        models: models.join(','),
        tools: tools.join(','),
        features: features.join(','),
        scopes: scopes ? scopes.join(',') : null,
        expires_at: record.expiresAt,
      }),
    );
    this.store.create(record);
    return { key: publicKey(record, now), secret };
  }

  async revoke(id: string, actor: Actor): Promise<PublicKey> {
    const key = this.store.get(id);
    if (!key) throw new GatehouseError('not_found', `no key with id "${id}"`);
    if (key.revokedAt) return publicKey(key);
    await this.audit(adminEntry(actor, 'key.revoke', id, { name: key.name }));
    this.store.revoke(id, Date.now());
    return publicKey(this.store.get(id) as KeyRecord);
  }

  async rotate(id: string, overlapMs: number, actor: Actor): Promise<{ key: PublicKey; secret: string }> {
    const key = this.store.get(id);
    if (!key) throw new GatehouseError('not_found', `no key with id "${id}"`);
    if (key.revokedAt) throw new GatehouseError('invalid_request', `key "${id}" is revoked; create a new one`);
    const now = Date.now();
    const secret = newSecret(id);
    // Rotation renews a key's lifetime (its original length, capped by the tenant's maximum).
    const maxLife = this.policy.maxLifetimeMs?.(key.tenant);
    const life = key.expiresAt !== null ? key.expiresAt - (key.rotatedAt ?? key.createdAt) : maxLife;
    const expiresAt = life === undefined ? null : now + Math.min(life, maxLife ?? life);
    await this.audit(adminEntry(actor, 'key.rotate', id, { name: key.name, old_valid_until: now + overlapMs, expires_at: expiresAt }));
    this.store.rotate(id, hashKey(secret), now + overlapMs, now, expiresAt);
    return { key: publicKey(this.store.get(id) as KeyRecord, now), secret };
  }

  get(id: string): PublicKey | undefined {
    const k = this.store.get(id);
    return k ? publicKey(k) : undefined;
  }

  list(filter: { tenant?: string; includeRevoked?: boolean } = {}): PublicKey[] {
    const now = Date.now();
    return this.store.list(filter).map((k) => publicKey(k, now));
  }

  /** Active keys unused for `unusedMs` (never-used keys count from their creation). */
  stale(unusedMs: number, filter: { tenant?: string } = {}, now = Date.now()): PublicKey[] {
    return this.store
      .list(filter)
      .filter((k) => (k.expiresAt === null || k.expiresAt > now) && (k.lastUsedAt ?? k.createdAt) <= now - unusedMs)
      .map((k) => publicKey(k, now));
  }

  /** Active keys expiring within `withinMs` (rotation warnings). */
  expiring(withinMs: number, now = Date.now()): PublicKey[] {
    return this.store
      .list({})
      .filter((k) => k.expiresAt !== null && k.expiresAt > now && k.expiresAt <= now + withinMs)
      .map((k) => publicKey(k, now));
  }
}

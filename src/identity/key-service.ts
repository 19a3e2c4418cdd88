// Key lifecycle shared by the CLI and the admin API: create, revoke, rotate — each one audited
// as an admin action. Returns the secret exactly once, at creation or rotation.
import type { AuditEntry } from '../audit/record.js';
import { GatehouseError } from '../errors.js';
import type { Endpoint } from '../pipeline/types.js';
import type { KeyRecord, KeyStore } from '../store/types.js';
import { timeOrderedId } from '../util/ids.js';
import { hashKey, newKeyId, newSecret, parseKey } from './keys.js';
import { MODEL_ENDPOINTS } from './roles.js';
import { ROLES, type RoleName } from './types.js';

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

export class KeyService {
  constructor(
    private readonly store: KeyStore,
    private readonly audit: AuditFn,
  ) {}

  async create(input: CreateKeyInput, actor: Actor): Promise<{ key: PublicKey; secret: string }> {
    if (!NAME_RE.test(input.name)) {
      throw new GatehouseError('invalid_request', 'name must be 1-64 characters: letters, digits, space and ._:@-', {
        details: { field: 'name' },
      });
    }
    if (!(ROLES as readonly string[]).includes(input.role)) {
      throw new GatehouseError('invalid_request', `unknown role "${input.role}"; use one of ${ROLES.join(', ')}`, {
        details: { field: 'role' },
      });
    }
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
    const tenant = input.tenant ?? 'default';
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(tenant)) {
      throw new GatehouseError('invalid_request', 'tenant must be lowercase letters, digits, _ or -', {
        details: { field: 'tenant' },
      });
    }
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
      hash: hashKey(secret),
      prevHash: null,
      prevValidUntil: null,
      createdAt: now,
      expiresAt: input.expiresInMs === undefined ? null : now + input.expiresInMs,
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
    await this.audit(adminEntry(actor, 'key.rotate', id, { name: key.name, old_valid_until: now + overlapMs }));
    this.store.rotate(id, hashKey(secret), now + overlapMs, now);
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
}

// Terminal stages for the routes that do not call a model: the model list and the admin API.
// Each sets exchange.reply; the audit stage records it like any other request.

import type { ExporterStatus } from '../audit/export/exporter.js';
import { ProofError, type TransparencyLog } from '../audit/tlog.js';
import { recordView, verifyChain } from '../audit/verify.js';
import { parseDuration } from '../config/schema.js';
import { KillSwitchError, type KillSwitchService } from '../control/kill-switch.js';
import { GatehouseError } from '../errors.js';
import type { KeyService } from '../identity/key-service.js';
import { decide } from '../pipeline/runner.js';
import type { ModelRoute } from '../pipeline/stages/route.js';
import type { Exchange, Next } from '../pipeline/types.js';
import type { AuditReader } from '../store/types.js';

type Handler = (ex: Exchange, next: Next) => Promise<void>;

export const listModels = ({ models }: { models: ReadonlyMap<string, ModelRoute> }): Handler =>
  async function listModels(ex) {
    const start = process.hrtime.bigint();
    const allowed = [...models.values()].filter((m) => ex.identity?.access.model(m.name));
    // The Anthropic SDK sends anthropic-version; answer in its list shape.
    const body = ex.headers['anthropic-version']
      ? {
          data: allowed.map((m) => ({ type: 'model', id: m.name, display_name: m.name, created_at: '1970-01-01T00:00:00Z' })),
          has_more: false,
          first_id: allowed[0]?.name ?? null,
          last_id: allowed.at(-1)?.name ?? null,
        }
      : { object: 'list', data: allowed.map((m) => ({ id: m.name, object: 'model', created: 0, owned_by: m.provider.name })) };
    ex.reply = { status: 200, body };
    decide(ex, 'models', 'allow', `${allowed.length} of ${models.size}`, start);
  };

async function jsonBody(ex: Exchange): Promise<Record<string, unknown>> {
  const raw = await ex.readBody();
  if (raw.length === 0) return {};
  try {
    const v = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (err) {
    throw new GatehouseError('invalid_json', `the request body is not a JSON object: ${(err as Error).message}`);
  }
}

function actor(ex: Exchange) {
  return {
    keyId: ex.identity?.keyId ?? null,
    userId: ex.identity?.userId ?? 'unknown',
    tenant: ex.identity?.tenant ?? null,
    client: ex.clientAddress,
  };
}

/**
 * The only tenant a tenant-scoped caller (tenant-admin) may see or change; undefined for a
 * global role. Records of other tenants answer 404, as if they did not exist.
 */
export function ownTenant(ex: Exchange): string | undefined {
  const id = ex.identity;
  if (!id) throw new GatehouseError('internal_error', 'internal error', { internal: 'admin handler without identity' });
  return id.access.global ? undefined : id.tenant;
}

function visibleKey(ex: Exchange, keys: KeyService, id: string) {
  const key = keys.get(id);
  const own = ownTenant(ex);
  if (!key || (own !== undefined && key.tenant !== own)) throw new GatehouseError('not_found', `no key with id "${id}"`);
  return key;
}

function strList(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  throw new GatehouseError('invalid_request', `${field}: expected a list of strings`, { details: { field } });
}

function optString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new GatehouseError('invalid_request', `${field}: expected a string`, { details: { field } });
  return v;
}

export interface AdminDeps {
  keys: KeyService;
  reader: AuditReader;
  tlog: TransparencyLog;
  exporters: () => ExporterStatus[];
  kill: KillSwitchService;
  rotationOverlapMs: number;
  onKeysChanged: () => void;
}

export const admin = {
  listKeys: ({ keys }: AdminDeps): Handler =>
    async function listKeys(ex) {
      const includeRevoked = ex.query.get('include_revoked') === 'true';
      const own = ownTenant(ex);
      const asked = ex.query.get('tenant') ?? undefined;
      if (own !== undefined && asked !== undefined && asked !== own)
        throw new GatehouseError('forbidden', `you may only list keys of tenant "${own}"`);
      const tenant = own ?? asked;
      ex.reply = { status: 200, body: { data: keys.list({ includeRevoked, ...(tenant ? { tenant } : {}) }) } };
    },
  getKey: ({ keys }: AdminDeps): Handler =>
    async function getKey(ex) {
      ex.reply = { status: 200, body: visibleKey(ex, keys, ex.params.id ?? '') };
    },
  createKey: ({ keys, onKeysChanged }: AdminDeps): Handler =>
    async function createKey(ex) {
      const b = await jsonBody(ex);
      const expires = optString(b.expires, 'expires');
      let expiresInMs: number | undefined;
      if (expires !== undefined) {
        try {
          expiresInMs = parseDuration(expires);
        } catch (err) {
          throw new GatehouseError('invalid_request', `expires: ${(err as Error).message}`, { details: { field: 'expires' } });
        }
      }
      const input = {
        name: optString(b.name, 'name') ?? '',
        role: optString(b.role, 'role') ?? 'member',
        ...(optString(b.tenant, 'tenant') !== undefined ? { tenant: b.tenant as string } : {}),
        ...(optString(b.user, 'user') !== undefined ? { userId: b.user as string } : {}),
        ...(strList(b.models, 'models') ? { models: strList(b.models, 'models') as string[] } : {}),
        ...(strList(b.endpoints, 'endpoints') ? { endpoints: strList(b.endpoints, 'endpoints') as string[] } : {}),
        ...(strList(b.tools, 'tools') ? { tools: strList(b.tools, 'tools') as string[] } : {}),
        ...(strList(b.features, 'features') ? { features: strList(b.features, 'features') as string[] } : {}),
        ...(strList(b.scopes, 'scopes') ? { scopes: strList(b.scopes, 'scopes') as string[] } : {}),
        ...(expiresInMs !== undefined ? { expiresInMs } : {}),
      };
      const id = ex.identity;
      const { key, secret } = await keys.create(input, actor(ex), id ? { access: id.access, tenant: id.tenant } : undefined);
      onKeysChanged();
      ex.reply = { status: 201, body: { ...key, key: secret } };
    },
  revokeKey: ({ keys, onKeysChanged }: AdminDeps): Handler =>
    async function revokeKey(ex) {
      const key = await keys.revoke(visibleKey(ex, keys, ex.params.id ?? '').id, actor(ex));
      onKeysChanged();
      ex.reply = { status: 200, body: key };
    },
  rotateKey: ({ keys, rotationOverlapMs, onKeysChanged }: AdminDeps): Handler =>
    async function rotateKey(ex) {
      const target = visibleKey(ex, keys, ex.params.id ?? '').id;
      const b = await jsonBody(ex);
      const overlap = optString(b.overlap, 'overlap');
      let overlapMs = rotationOverlapMs;
      if (overlap !== undefined) {
        try {
          overlapMs = parseDuration(overlap);
        } catch (err) {
          throw new GatehouseError('invalid_request', `overlap: ${(err as Error).message}`, { details: { field: 'overlap' } });
        }
      }
      const { key, secret } = await keys.rotate(target, overlapMs, actor(ex));
      onKeysChanged();
      ex.reply = { status: 200, body: { ...key, key: secret } };
    },
  queryAudit: ({ reader }: AdminDeps): Handler =>
    async function queryAudit(ex) {
      const q = ex.query;
      const num = (name: string) => {
        const v = q.get(name);
        if (v === null) return undefined;
        if (!/^\d+$/.test(v)) throw new GatehouseError('invalid_request', `${name}: expected a whole number`, { details: { field: name } });
        return Number(v);
      };
      const kind = q.get('kind');
      if (kind !== null && kind !== 'request' && kind !== 'admin') {
        throw new GatehouseError('invalid_request', 'kind: expected request or admin', { details: { field: 'kind' } });
      }
      const own = ownTenant(ex);
      const asked = q.get('tenant');
      if (own !== undefined && asked && asked !== own)
        throw new GatehouseError('forbidden', `you may only read audit records of tenant "${own}"`);
      const after = num('after');
      const limit = num('limit');
      const rows = reader.query({
        ...(after !== undefined ? { after } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(q.get('key_id') ? { keyId: q.get('key_id') as string } : {}),
        ...((own ?? asked) ? { tenant: (own ?? asked) as string } : {}),
        ...(kind ? { kind } : {}),
        newestFirst: q.get('order') === 'desc',
      });
      ex.reply = { status: 200, body: { data: rows.map(recordView) } };
    },
  getAudit: ({ reader }: AdminDeps): Handler =>
    async function getAudit(ex) {
      const id = ex.params.id ?? '';
      const row = /^\d+$/.test(id) ? reader.bySeq(Number(id)) : reader.byId(id);
      const own = ownTenant(ex);
      const view = row ? recordView(row) : undefined;
      // An expired record has no body (and so no tenant): only global roles see it.
      if (!view || (own !== undefined && view.tenant !== own)) throw new GatehouseError('not_found', `no audit record "${id}"`);
      ex.reply = { status: 200, body: view };
    },
  pubkey: ({ tlog }: AdminDeps): Handler =>
    async function pubkey(ex) {
      ex.reply = { status: 200, body: { origin: tlog.origin, vkey: tlog.vkey } };
    },
  checkpoint: ({ tlog }: AdminDeps): Handler =>
    async function checkpoint(ex) {
      const cp = ex.query.get('new') === 'true' ? tlog.checkpoint() : tlog.latest();
      ex.reply = { status: 200, body: { size: cp.size, checkpoint: cp.note } };
    },
  inclusionProof: ({ tlog }: AdminDeps): Handler =>
    async function inclusionProof(ex) {
      const index = wholeNumber(ex.query.get('index'), 'index');
      const size = ex.query.get('size') === null ? undefined : wholeNumber(ex.query.get('size'), 'size');
      ex.reply = { status: 200, body: proof(() => tlog.proveInclusion(index, size)) };
    },
  consistencyProof: ({ tlog }: AdminDeps): Handler =>
    async function consistencyProof(ex) {
      const from = wholeNumber(ex.query.get('from'), 'from');
      const to = wholeNumber(ex.query.get('to'), 'to');
      ex.reply = { status: 200, body: proof(() => tlog.proveConsistency(from, to)) };
    },
  listKill: ({ kill }: AdminDeps): Handler =>
    async function listKill(ex) {
      ex.reply = { status: 200, body: { data: kill.list() } };
    },
  setKill: ({ kill }: AdminDeps): Handler =>
    async function setKill(ex) {
      const b = await jsonBody(ex);
      const sw = await killCall(() =>
        kill.set(
          optString(b.scope, 'scope') ?? '',
          optString(b.target, 'target'),
          optString(b.reason, 'reason') ?? '',
          ex.identity?.userId ?? 'unknown',
          b.abort_streams === true,
        ),
      );
      ex.reply = { status: 201, body: sw };
    },
  clearKill: ({ kill }: AdminDeps): Handler =>
    async function clearKill(ex) {
      const b = await jsonBody(ex);
      const cleared = await killCall(() =>
        kill.clear(optString(b.scope, 'scope') ?? '', optString(b.target, 'target'), ex.identity?.userId ?? 'unknown'),
      );
      ex.reply = { status: 200, body: { cleared } };
    },
  exporters: ({ exporters }: AdminDeps): Handler =>
    async function exportersStatus(ex) {
      ex.reply = { status: 200, body: { data: exporters() } };
    },
  verifyAudit: ({ reader }: AdminDeps): Handler =>
    async function verifyAudit(ex) {
      ex.reply = { status: 200, body: verifyChain(reader.scan()) };
    },
};

async function killCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof KillSwitchError) throw new GatehouseError('invalid_request', err.message);
    throw err;
  }
}

function wholeNumber(v: string | null, field: string): number {
  if (v === null || !/^\d{1,15}$/.test(v))
    throw new GatehouseError('invalid_request', `${field}: expected a whole number`, { details: { field } });
  return Number(v);
}

function proof<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ProofError) throw new GatehouseError('invalid_request', err.message);
    throw err;
  }
}

export const metrics = (m: { text: () => Promise<string>; contentType: string }): Handler =>
  async function metrics(ex) {
    ex.reply = { status: 200, body: await m.text(), contentType: m.contentType };
  };

export const methodNotAllowed = (): Handler =>
  async function methodNotAllowed(ex) {
    throw new GatehouseError('method_not_allowed', `${ex.method} is not allowed on ${ex.path}`);
  };

export const notFound = (): Handler =>
  async function notFound(ex) {
    throw new GatehouseError('not_found', `no route for ${ex.method} ${ex.path}`);
  };

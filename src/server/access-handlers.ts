// Admin API of access control: MFA sessions, custom roles, just-in-time elevation. Each handler
// sets exchange.reply; changes are audited by the services before they are stored.
import type { RoleConfig } from '../config/access-schema.js';
import { roleSchema } from '../config/access-schema.js';
import { parseDuration } from '../config/schema.js';
import { GatehouseError } from '../errors.js';
import type { JitService } from '../identity/jit.js';
import { type AuditFn, adminEntry } from '../identity/key-service.js';
import type { MfaService, SessionStore } from '../identity/mfa.js';
import type { RoleRegistry } from '../identity/registry.js';
import type { RoleDef } from '../identity/roles.js';
import type { Exchange, Next } from '../pipeline/types.js';
import { ownTenant } from './handlers.js';

type Handler = (ex: Exchange, next: Next) => Promise<void>;

export interface AccessAdminDeps {
  roles: RoleRegistry;
  jit: JitService;
  mfa: MfaService;
  sessions: SessionStore;
  audit: AuditFn;
}

async function body(ex: Exchange): Promise<Record<string, unknown>> {
  const raw = await ex.readBody();
  if (!raw.length) return {};
  try {
    const v = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new GatehouseError('invalid_json', 'the request body is not a JSON object');
}

function who(ex: Exchange) {
  const id = ex.identity;
  if (!id) throw new GatehouseError('internal_error', 'internal error', { internal: 'access handler without identity' });
  return { id, actor: { keyId: id.keyId, userId: id.userId, tenant: id.tenant, client: ex.clientAddress } };
}

const roleView = (r: RoleDef) => ({
  name: r.name,
  description: r.description,
  source: r.source,
  scope: r.scope,
  permissions: r.permissions,
  models: r.models,
  features: r.features,
  tools: r.tools,
});

export const accessAdmin = {
  /** POST /admin/v1/session {code}: a TOTP (or recovery) code opens a short-lived admin session. */
  openSession: (d: AccessAdminDeps): Handler =>
    async function openSession(ex) {
      const { id, actor } = who(ex);
      const b = await body(ex);
      if (typeof b.code !== 'string')
        throw new GatehouseError('invalid_request', 'code: expected the TOTP code as a string', { details: { field: 'code' } });
      const method = await d.mfa.verify(id.userId, b.code, actor);
      const s = d.sessions.open(id.userId, id.keyId);
      await d.audit(adminEntry(actor, 'mfa.session', id.userId, { method, expires_at: s.expiresAt }));
      ex.reply = { status: 201, body: { session: s.token, expires_at: new Date(s.expiresAt).toISOString(), method } };
    },
  listRoles: (d: AccessAdminDeps): Handler =>
    async function listRoles(ex) {
      d.roles.refresh();
      ex.reply = { status: 200, body: { data: d.roles.list().map(roleView), tools: d.roles.tools.list() } };
    },
  defineRole: (d: AccessAdminDeps): Handler =>
    async function defineRole(ex) {
      const { actor } = who(ex);
      const parsed = roleSchema.safeParse(await body(ex));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new GatehouseError('invalid_request', `${issue?.path.join('.') || 'role'}: ${issue?.message ?? 'invalid'}`, {
          details: { field: String(issue?.path[0] ?? 'role') },
        });
      }
      const def = await d.roles.define(parsed.data as RoleConfig, actor, d.audit);
      ex.reply = { status: 201, body: roleView(def) };
    },
  deleteRole: (d: AccessAdminDeps): Handler =>
    async function deleteRole(ex) {
      const { actor } = who(ex);
      await d.roles.remove(ex.params.name ?? '', actor, d.audit);
      ex.reply = { status: 200, body: { deleted: ex.params.name } };
    },
  listGrants: (d: AccessAdminDeps): Handler =>
    async function listGrants(ex) {
      const own = ownTenant(ex);
      d.jit.refresh();
      ex.reply = { status: 200, body: { data: d.jit.list(own !== undefined ? { tenant: own } : {}) } };
    },
  /** POST /admin/v1/access {role, duration, reason}: the caller asks elevation for itself. */
  requestGrant: (d: AccessAdminDeps): Handler =>
    async function requestGrant(ex) {
      const { id, actor } = who(ex);
      const b = await body(ex);
      let durationMs = Number.NaN;
      try {
        durationMs = parseDuration(String(b.duration ?? ''));
      } catch {
        throw new GatehouseError('invalid_request', 'duration: expected e.g. 30m or 2h', { details: { field: 'duration' } });
      }
      const g = await d.jit.request(
        {
          userId: id.userId,
          tenant: id.tenant,
          role: String(b.role ?? ''),
          durationMs,
          reason: typeof b.reason === 'string' ? b.reason : '',
        },
        actor,
      );
      ex.reply = { status: 201, body: g };
    },
  approveGrant: (d: AccessAdminDeps): Handler =>
    async function approveGrant(ex) {
      const { id, actor } = who(ex);
      ex.reply = {
        status: 200,
        body: await d.jit.approve(ex.params.id ?? '', { userId: id.userId, tenant: id.tenant, access: id.access }, actor),
      };
    },
  denyGrant: (d: AccessAdminDeps): Handler =>
    async function denyGrant(ex) {
      const { id, actor } = who(ex);
      ex.reply = {
        status: 200,
        body: await d.jit.deny(ex.params.id ?? '', { userId: id.userId, tenant: id.tenant, access: id.access }, actor),
      };
    },
  revokeGrant: (d: AccessAdminDeps): Handler =>
    async function revokeGrant(ex) {
      const { actor } = who(ex);
      const own = ownTenant(ex);
      const g = d.jit.get(ex.params.id ?? '');
      if (!g || (own !== undefined && g.tenant !== own)) throw new GatehouseError('not_found', `no access request "${ex.params.id}"`);
      ex.reply = { status: 200, body: await d.jit.revoke(g.id, actor) };
    },
};

// The route table: for each endpoint, the fixed list of stages it runs, outermost first. This
// is the request lifecycle drawn in src/pipeline/README.md; keep the two in step.

import type { KillSwitchBoard } from '../control/kill-switch.js';
import type { RateLimiter } from '../control/rate-limit.js';
import { anthropicCodec } from '../dialects/anthropic/anthropic-codec.js';
import { openaiCodec } from '../dialects/openai/openai-codec.js';
import { parseEmbeddings } from '../dialects/openai/openai-embeddings.js';
import type { DialectCodec } from '../dialects/types.js';
import type { Authenticator } from '../identity/authenticator.js';
import type { AuthFailureGuard } from '../identity/lockout.js';
import type { OidcVerifier } from '../identity/oidc.js';
import type { Permission } from '../identity/roles.js';
import { compose, type Pipeline } from '../pipeline/runner.js';
import { type AuditStageOptions, audit } from '../pipeline/stages/audit.js';
import { authenticate } from '../pipeline/stages/authenticate.js';
import { authorizeEndpoint, authorizeRequest, type MfaGate, type RequestAuthOptions } from '../pipeline/stages/authorize.js';
import { callProvider } from '../pipeline/stages/call-provider.js';
import { killSwitch } from '../pipeline/stages/kill-switch.js';
import { parseRequest } from '../pipeline/stages/parse-request.js';
import { rateLimit } from '../pipeline/stages/rate-limit.js';
import { type ModelRoute, route } from '../pipeline/stages/route.js';
import { scanInput } from '../pipeline/stages/scan-input.js';
import { createToolGovernanceGuard } from '../pipeline/tool-governance.js';
import type { Dialect, Endpoint, Stage } from '../pipeline/types.js';
import type { ProtectionRuntime } from '../policy/runtime.js';
import { createScanGuard } from '../policy/scan-guard.js';
import { type AccessAdminDeps, accessAdmin } from './access-handlers.js';
import { type AdminDeps, admin, listModels, methodNotAllowed, metrics, notFound } from './handlers.js';

/**
 * What a route requires, declared once in the table: public (no credential), any valid
 * credential, or a permission — on the caller's own tenant, or on every tenant (global).
 * The route's authorization stage is built from this declaration, so the table cannot say one
 * thing and the pipeline do another; `checkRouteInventory` fails for a route without one.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: Permission; scope: 'tenant' | 'global' };

/** Routes the HTTP edge answers itself, before any pipeline (probes for orchestrators). */
export const EDGE_ROUTES: ReadonlyArray<{ method: 'GET'; path: string; access: RouteAccess }> = [
  { method: 'GET', path: '/healthz', access: { kind: 'public' } },
  { method: 'GET', path: '/readyz', access: { kind: 'public' } },
];

/** Pipelines built by `guarded` (authenticate + authorize from the declaration). */
const GUARDED = new WeakMap<Pipeline, RouteAccess>();

/** Problems with the route table: a route without a declaration, or whose pipeline was not built from it. */
export function checkRouteInventory(routes: readonly RouteDef[]): string[] {
  const problems: string[] = [];
  for (const r of routes) {
    const where = `${r.method} ${r.path}`;
    if (!r.access) problems.push(`${where}: declares no permission (nor public)`);
    else if (r.access.kind !== 'public' && GUARDED.get(r.pipeline) !== r.access)
      problems.push(
        `${where}: declares ${r.access.kind === 'permission' ? r.access.permission : r.access.kind} but its pipeline does not enforce it`,
      );
  }
  return problems;
}

export interface RouteDef {
  method: 'GET' | 'POST';
  /** Path with `:param` segments. */
  path: string;
  endpoint: Endpoint;
  dialect: Dialect;
  /** Codec that renders this route's errors and answers. */
  codec: DialectCodec;
  pipeline: Pipeline;
  /** Declared access (see RouteAccess); undefined only for a route built outside `guarded`. */
  access: RouteAccess | undefined;
}

export interface RouteDeps {
  authenticator: Authenticator;
  audit: AuditStageOptions;
  models: ReadonlyMap<string, ModelRoute>;
  killBoard: KillSwitchBoard;
  metrics: { text: () => Promise<string>; contentType: string };
  limiter: RateLimiter;
  /** Scanners and policies (hot-reloadable). */
  protection: ProtectionRuntime;
  admin: AdminDeps;
  access: AccessAdminDeps & {
    oidc?: OidcVerifier | undefined;
    lockout?: AuthFailureGuard | undefined;
    mfaGate?: MfaGate | undefined;
    request: RequestAuthOptions;
    toolCalls: 'drop' | 'block';
  };
}

const INVOKE = { kind: 'permission', permission: 'invoke', scope: 'tenant' } as const satisfies RouteAccess;

export function buildRoutes(d: RouteDeps): { routes: RouteDef[]; fallback: Pipeline; wrongMethod: Pipeline } {
  const x = d.access;
  const front: Stage[] = [audit(d.audit), authenticate({ authenticator: d.authenticator, oidc: x.oidc, lockout: x.lockout })];
  // Every authenticated route is built here, from its declaration (and only here).
  const guarded = (access: Exclude<RouteAccess, { kind: 'public' }>, stages: Stage[]): Pipeline => {
    const authz =
      access.kind === 'permission'
        ? [
            authorizeEndpoint({
              permission: access.permission,
              scope: access.scope,
              mfa: access.permission === 'invoke' ? undefined : x.mfaGate,
            }),
          ]
        : [];
    const p = compose([...front, ...authz, ...stages]);
    GUARDED.set(p, access);
    return p;
  };
  const toolGuard = createToolGovernanceGuard({ mode: x.toolCalls });
  const pr = d.protection;
  const scanGuard = createScanGuard({ scanners: () => pr.scanners() });
  // audit → authenticate → authorize → parse → authorize request → route → kill switch → rate limit → scan input → call provider (tool + scan guards)
  const modelCall = (parse: Parameters<typeof parseRequest>[0]['parse']) =>
    guarded(INVOKE, [
      parseRequest({ parse }),
      authorizeRequest(x.request),
      route({ models: d.models }),
      killSwitch({ board: d.killBoard }),
      rateLimit({ limiter: d.limiter }),
      scanInput({ engine: () => pr.engine(), scanners: () => pr.scanners(), settings: () => pr.settings() }),
      // Forbidden tool calls are dropped first; the scanners then see what would reach the caller.
      callProvider({ models: d.models, guards: [toolGuard, scanGuard] }),
    ]);
  const adminCall = (permission: Permission, handler: Stage, scope: 'tenant' | 'global' = 'tenant') =>
    guarded({ kind: 'permission', permission, scope }, [handler]);
  const a = d.admin;
  const r = (
    method: RouteDef['method'],
    path: string,
    endpoint: Endpoint,
    dialect: Dialect,
    codec: DialectCodec,
    pipeline: Pipeline,
  ): RouteDef => ({ method, path, endpoint, dialect, codec, pipeline, access: GUARDED.get(pipeline) });
  return {
    routes: [
      r(
        'POST',
        '/v1/chat/completions',
        'chat',
        'openai',
        openaiCodec,
        modelCall((b) => openaiCodec.parseChat(b)),
      ),
      r(
        'POST',
        '/v1/messages',
        'messages',
        'anthropic',
        anthropicCodec,
        modelCall((b) => anthropicCodec.parseChat(b)),
      ),
      r('POST', '/v1/embeddings', 'embeddings', 'openai', openaiCodec, modelCall(parseEmbeddings)),
      r('GET', '/v1/models', 'models', 'openai', openaiCodec, guarded(INVOKE, [listModels({ models: d.models })])),
      r('GET', '/admin/v1/keys', 'admin', 'admin', openaiCodec, adminCall('keys:read', admin.listKeys(a))),
      r('POST', '/admin/v1/keys', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.createKey(a))),
      r('GET', '/admin/v1/keys/:id', 'admin', 'admin', openaiCodec, adminCall('keys:read', admin.getKey(a))),
      r('POST', '/admin/v1/keys/:id/revoke', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.revokeKey(a))),
      r('POST', '/admin/v1/keys/:id/rotate', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.rotateKey(a))),
      r('GET', '/admin/v1/audit', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.queryAudit(a))),
      r('GET', '/admin/v1/audit/verify', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.verifyAudit(a), 'global')),
      r('GET', '/admin/v1/audit/pubkey', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.pubkey(a), 'global')),
      r('GET', '/metrics', 'admin', 'admin', openaiCodec, adminCall('audit:read', metrics(d.metrics), 'global')),
      r('GET', '/admin/v1/kill', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.listKill(a), 'global')),
      r('POST', '/admin/v1/kill', 'admin', 'admin', openaiCodec, adminCall('killswitch:set', admin.setKill(a), 'global')),
      r('POST', '/admin/v1/kill/clear', 'admin', 'admin', openaiCodec, adminCall('killswitch:set', admin.clearKill(a), 'global')),
      r('GET', '/admin/v1/audit/exporters', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.exporters(a), 'global')),
      r('GET', '/admin/v1/audit/checkpoint', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.checkpoint(a), 'global')),
      r(
        'GET',
        '/admin/v1/audit/proof/inclusion',
        'admin',
        'admin',
        openaiCodec,
        adminCall('audit:read', admin.inclusionProof(a), 'global'),
      ),
      r(
        'GET',
        '/admin/v1/audit/proof/consistency',
        'admin',
        'admin',
        openaiCodec,
        adminCall('audit:read', admin.consistencyProof(a), 'global'),
      ),
      r('GET', '/admin/v1/audit/:id', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.getAudit(a))),
      r('POST', '/admin/v1/session', 'admin', 'admin', openaiCodec, guarded({ kind: 'authenticated' }, [accessAdmin.openSession(x)])),
      r('GET', '/admin/v1/roles', 'admin', 'admin', openaiCodec, adminCall('roles:read', accessAdmin.listRoles(x))),
      r('POST', '/admin/v1/roles', 'admin', 'admin', openaiCodec, adminCall('roles:write', accessAdmin.defineRole(x), 'global')),
      r(
        'POST',
        '/admin/v1/roles/:name/delete',
        'admin',
        'admin',
        openaiCodec,
        adminCall('roles:write', accessAdmin.deleteRole(x), 'global'),
      ),
      r('GET', '/admin/v1/access', 'admin', 'admin', openaiCodec, adminCall('access:approve', accessAdmin.listGrants(x))),
      r('POST', '/admin/v1/access', 'admin', 'admin', openaiCodec, adminCall('access:request', accessAdmin.requestGrant(x))),
      r('POST', '/admin/v1/access/:id/approve', 'admin', 'admin', openaiCodec, adminCall('access:approve', accessAdmin.approveGrant(x))),
      r('POST', '/admin/v1/access/:id/deny', 'admin', 'admin', openaiCodec, adminCall('access:approve', accessAdmin.denyGrant(x))),
      r('POST', '/admin/v1/access/:id/revoke', 'admin', 'admin', openaiCodec, adminCall('access:approve', accessAdmin.revokeGrant(x))),
    ],
    // Unknown routes are audited too (probing is worth seeing), without authentication.
    fallback: compose([audit(d.audit), notFound()]),
    wrongMethod: compose([audit(d.audit), methodNotAllowed()]),
  };
}

// The route table: for each endpoint, the fixed list of stages it runs, outermost first. This
// is the request lifecycle drawn in src/pipeline/README.md; keep the two in step.

import type { KillSwitchBoard } from '../control/kill-switch.js';
import type { RateLimiter } from '../control/rate-limit.js';
import { anthropicCodec } from '../dialects/anthropic/anthropic-codec.js';
import { openaiCodec } from '../dialects/openai/openai-codec.js';
import { parseEmbeddings } from '../dialects/openai/openai-embeddings.js';
import type { DialectCodec } from '../dialects/types.js';
import type { Authenticator } from '../identity/authenticator.js';
import type { Permission } from '../identity/roles.js';
import { compose, type Pipeline } from '../pipeline/runner.js';
import { type AuditStageOptions, audit } from '../pipeline/stages/audit.js';
import { authenticate } from '../pipeline/stages/authenticate.js';
import { authorizeEndpoint, authorizeModel } from '../pipeline/stages/authorize.js';
import { callProvider } from '../pipeline/stages/call-provider.js';
import { killSwitch } from '../pipeline/stages/kill-switch.js';
import { parseRequest } from '../pipeline/stages/parse-request.js';
import { rateLimit } from '../pipeline/stages/rate-limit.js';
import { type ModelRoute, route } from '../pipeline/stages/route.js';
import type { Dialect, Endpoint, Stage } from '../pipeline/types.js';
import { type AdminDeps, admin, listModels, methodNotAllowed, metrics, notFound } from './handlers.js';

export interface RouteDef {
  method: 'GET' | 'POST';
  /** Path with `:param` segments. */
  path: string;
  endpoint: Endpoint;
  dialect: Dialect;
  /** Codec that renders this route's errors and answers. */
  codec: DialectCodec;
  pipeline: Pipeline;
}

export interface RouteDeps {
  authenticator: Authenticator;
  audit: AuditStageOptions;
  models: ReadonlyMap<string, ModelRoute>;
  killBoard: KillSwitchBoard;
  metrics: { text: () => Promise<string>; contentType: string };
  limiter: RateLimiter;
  admin: AdminDeps;
}

export function buildRoutes(d: RouteDeps): { routes: RouteDef[]; fallback: Pipeline; wrongMethod: Pipeline } {
  const front: Stage[] = [audit(d.audit), authenticate({ authenticator: d.authenticator })];
  // audit → authenticate → authorize → parse → authorize model → route → call provider
  const modelCall = (parse: Parameters<typeof parseRequest>[0]['parse']) =>
    compose([
      ...front,
      authorizeEndpoint({ permission: 'invoke' }),
      parseRequest({ parse }),
      authorizeModel(),
      route({ models: d.models }),
      killSwitch({ board: d.killBoard }),
      rateLimit({ limiter: d.limiter }),
      callProvider({ models: d.models }),
    ]);
  const adminCall = (permission: Permission, handler: Stage) => compose([...front, authorizeEndpoint({ permission }), handler]);
  const a = d.admin;
  const r = (
    method: RouteDef['method'],
    path: string,
    endpoint: Endpoint,
    dialect: Dialect,
    codec: DialectCodec,
    pipeline: Pipeline,
  ): RouteDef => ({ method, path, endpoint, dialect, codec, pipeline });
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
      r(
        'GET',
        '/v1/models',
        'models',
        'openai',
        openaiCodec,
        compose([...front, authorizeEndpoint({ permission: 'invoke' }), listModels({ models: d.models })]),
      ),
      r('GET', '/admin/v1/keys', 'admin', 'admin', openaiCodec, adminCall('keys:read', admin.listKeys(a))),
      r('POST', '/admin/v1/keys', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.createKey(a))),
      r('GET', '/admin/v1/keys/:id', 'admin', 'admin', openaiCodec, adminCall('keys:read', admin.getKey(a))),
      r('POST', '/admin/v1/keys/:id/revoke', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.revokeKey(a))),
      r('POST', '/admin/v1/keys/:id/rotate', 'admin', 'admin', openaiCodec, adminCall('keys:write', admin.rotateKey(a))),
      r('GET', '/admin/v1/audit', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.queryAudit(a))),
      r('GET', '/admin/v1/audit/verify', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.verifyAudit(a))),
      r('GET', '/admin/v1/audit/pubkey', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.pubkey(a))),
      r('GET', '/metrics', 'admin', 'admin', openaiCodec, adminCall('audit:read', metrics(d.metrics))),
      r('GET', '/admin/v1/kill', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.listKill(a))),
      r('POST', '/admin/v1/kill', 'admin', 'admin', openaiCodec, adminCall('killswitch:set', admin.setKill(a))),
      r('POST', '/admin/v1/kill/clear', 'admin', 'admin', openaiCodec, adminCall('killswitch:set', admin.clearKill(a))),
      r('GET', '/admin/v1/audit/exporters', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.exporters(a))),
      r('GET', '/admin/v1/audit/checkpoint', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.checkpoint(a))),
      r('GET', '/admin/v1/audit/proof/inclusion', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.inclusionProof(a))),
      r('GET', '/admin/v1/audit/proof/consistency', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.consistencyProof(a))),
      r('GET', '/admin/v1/audit/:id', 'admin', 'admin', openaiCodec, adminCall('audit:read', admin.getAudit(a))),
    ],
    // Unknown routes are audited too (probing is worth seeing), without authentication.
    fallback: compose([audit(d.audit), notFound()]),
    wrongMethod: compose([audit(d.audit), methodNotAllowed()]),
  };
}

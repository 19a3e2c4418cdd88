// Scope checks. Before the body is read: may this identity hold this permission, on every
// tenant when the route needs that, and call this endpoint; admin actions of an MFA user need
// an MFA session. Once the body is parsed: may it use this model, this feature and the tools
// it defines (refused or stripped per `access.toolRequests`).
// Stops with: 403 forbidden | endpoint_not_allowed | mfa_required | model_not_allowed |
// feature_not_allowed | tool_not_allowed.
import { GatehouseError } from '../../errors.js';
import type { MfaService, SessionStore } from '../../identity/mfa.js';
import type { Permission } from '../../identity/types.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export interface MfaGate {
  mfa: MfaService;
  sessions: SessionStore;
  /** enrolled: only users with TOTP enrolled need a session; admin: every admin call does. */
  require: 'enrolled' | 'admin';
}

export const SESSION_HEADER = 'x-gatehouse-session';

export const authorizeEndpoint = ({
  permission,
  scope = 'tenant',
  mfa,
}: {
  permission: Permission;
  scope?: 'tenant' | 'global';
  mfa?: MfaGate | undefined;
}) =>
  async function authorizeEndpoint(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const id = ex.identity;
    if (!id) throw new GatehouseError('internal_error', 'internal error', { internal: 'authorize before authenticate' });
    const a = id.access;
    if (!a.can(permission)) {
      decide(ex, 'authorize', 'deny', `roles ${a.roles.join('+') || '(none)'} lack ${permission}`, start);
      throw new GatehouseError('forbidden', `this caller's role "${id.role}" may not do this (needs ${permission})`);
    }
    if (scope === 'global' && !a.global) {
      decide(ex, 'authorize', 'deny', `${permission} needs a global role`, start);
      throw new GatehouseError(
        'forbidden',
        `this needs ${permission} on every tenant; role "${id.role}" is limited to tenant "${id.tenant}"`,
      );
    }
    if (permission === 'invoke' && ex.endpoint !== 'admin' && !id.endpoints.includes(ex.endpoint)) {
      decide(ex, 'authorize', 'deny', `endpoint ${ex.endpoint} not in key scope`, start);
      throw new GatehouseError('endpoint_not_allowed', `this key may not call the ${ex.endpoint} endpoint`);
    }
    if (mfa && !id.mfa && (mfa.require === 'admin' || mfa.mfa.enrolled(id.userId))) {
      const token = ex.headers[SESSION_HEADER];
      if (!mfa.sessions.valid(typeof token === 'string' ? token : undefined, id.userId, id.keyId)) {
        decide(ex, 'authorize', 'deny', `${permission}: no MFA session for ${id.userId}`, start);
        throw new GatehouseError(
          'mfa_required',
          `admin actions need an MFA session: POST /admin/v1/session with a TOTP code, then send ${SESSION_HEADER}`,
        );
      }
    }
    decide(ex, 'authorize', 'allow', permission, start);
    return next();
  };

export interface RequestAuthOptions {
  /** Known features; empty: any name. */
  features?: readonly string[];
  defaultFeature?: string | undefined;
  requireFeature?: boolean;
  toolRequests?: 'refuse' | 'strip';
}

const LEGACY_FUNCTIONS = ['functions', 'function_call'];

/** Model, feature and request tools, in one decision (`authorize_model`). */
export const authorizeRequest = (o: RequestAuthOptions = {}) => {
  const known = o.features?.length ? new Set(o.features) : undefined;
  return async function authorizeRequest(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const id = ex.identity;
    const req = ex.request;
    const model = req?.model ?? '';
    if (!id?.access.model(model)) {
      decide(ex, 'authorize_model', 'deny', `model ${model} not in scope`, start);
      throw new GatehouseError('model_not_allowed', `this key may not use model "${model}"`, { details: { field: 'model' } });
    }
    ex.feature ??= o.defaultFeature;
    const feature = ex.feature;
    if (feature === undefined) {
      if (o.requireFeature) {
        decide(ex, 'authorize_model', 'deny', 'no feature selected', start);
        throw new GatehouseError('feature_not_allowed', 'select a feature with the x-gatehouse-feature header');
      }
    } else if ((known && !known.has(feature)) || !id.access.feature(feature)) {
      decide(ex, 'authorize_model', 'deny', `feature ${feature.slice(0, 64)} not allowed`, start);
      throw new GatehouseError('feature_not_allowed', `this caller may not use feature "${feature.slice(0, 64)}"`);
    }
    let toolNote = '';
    if (req?.kind === 'chat') {
      for (const p of LEGACY_FUNCTIONS) {
        if (p in req.passthrough.params) {
          decide(ex, 'authorize_model', 'deny', `legacy ${p} (ungoverned)`, start);
          throw new GatehouseError('tool_not_allowed', `"${p}" is not supported here; declare tools with "tools"`, {
            details: { field: p },
          });
        }
      }
      if (req.tools?.length) {
        const denied = req.tools.filter((t) => !id.access.tool(t.name)).map((t) => t.name);
        const chosen = typeof req.toolChoice === 'object' ? req.toolChoice.name : undefined;
        if (denied.length && (o.toolRequests !== 'strip' || (chosen !== undefined && denied.includes(chosen)))) {
          decide(ex, 'authorize_model', 'deny', `tools not allowed: ${denied.join(',').slice(0, 200)}`, start);
          throw new GatehouseError('tool_not_allowed', `this caller may not use tool(s): ${denied.join(', ').slice(0, 200)}`, {
            details: { field: 'tools' },
          });
        }
        if (denied.length) {
          req.tools = req.tools.filter((t) => !denied.includes(t.name));
          if (!req.tools.length) {
            delete req.tools;
            if (req.toolChoice === 'required') delete req.toolChoice;
          }
          toolNote = `; stripped tools ${denied.join(',').slice(0, 200)}`;
        } else toolNote = `; ${req.tools.length} tools`;
      }
    }
    decide(ex, 'authorize_model', 'allow', `${model}${feature !== undefined ? `; feature ${feature}` : ''}${toolNote}`, start);
    return next();
  };
};

/** Kept for callers of the former API: model scope only. */
export const authorizeModel = () => authorizeRequest();

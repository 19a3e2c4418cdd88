// Scope checks that need no request body: may this identity call this endpoint (and hold this
// admin permission); and, once the body is parsed, may it use this model.
// Stops with: 403 endpoint_not_allowed | forbidden | model_not_allowed.
import { GatehouseError } from '../../errors.js';
import { can, modelAllowed, type Permission } from '../../identity/roles.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export const authorizeEndpoint = ({ permission }: { permission: Permission }) =>
  async function authorizeEndpoint(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const id = ex.identity;
    if (!id) throw new GatehouseError('internal_error', 'internal error', { internal: 'authorize before authenticate' });
    if (!can(id.role, permission)) {
      decide(ex, 'authorize', 'deny', `role ${id.role} lacks ${permission}`, start);
      throw new GatehouseError('forbidden', `this key's role "${id.role}" may not do this (needs ${permission})`);
    }
    if (permission === 'invoke' && ex.endpoint !== 'admin' && !id.endpoints.includes(ex.endpoint)) {
      decide(ex, 'authorize', 'deny', `endpoint ${ex.endpoint} not in key scope`, start);
      throw new GatehouseError('endpoint_not_allowed', `this key may not call the ${ex.endpoint} endpoint`);
    }
    decide(ex, 'authorize', 'allow', permission, start);
    return next();
  };

export const authorizeModel = () =>
  async function authorizeModel(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const model = ex.request?.model ?? '';
    if (!ex.identity || !modelAllowed(ex.identity.models, model)) {
      decide(ex, 'authorize_model', 'deny', `model ${model} not in key scope`, start);
      throw new GatehouseError('model_not_allowed', `this key may not use model "${model}"`, { details: { field: 'model' } });
    }
    decide(ex, 'authorize_model', 'allow', model, start);
    return next();
  };

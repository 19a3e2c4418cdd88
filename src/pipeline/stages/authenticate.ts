// Establishes who is calling from the presented key. The raw credential is dropped from the
// exchange as soon as it has been checked.
// Stops with: 401 missing_key | invalid_key | expired_key | revoked_key.

import { GatehouseError } from '../../errors.js';
import type { Authenticator } from '../../identity/authenticator.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export const authenticate = ({ authenticator }: { authenticator: Authenticator }) =>
  async function authenticate(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const credential = ex.credential;
    ex.credential = undefined;
    try {
      ex.identity = authenticator.authenticate(credential);
    } catch (err) {
      const reason = err instanceof GatehouseError ? `${err.code}${err.internal ? `: ${err.internal}` : ''}` : 'error';
      decide(ex, 'authenticate', 'deny', reason, start);
      throw err;
    }
    decide(ex, 'authenticate', 'allow', `key ${ex.identity.keyId} (${ex.identity.role})`, start);
    return next();
  };

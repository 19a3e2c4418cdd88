// Establishes who is calling from the presented API key or OIDC bearer token. The raw
// credential is dropped from the exchange as soon as it has been checked. Every failure is
// counted per source address and per key id; an address over the threshold is locked out
// (fail closed: refused before its credential is looked at).
// Stops with: 401 missing_key | invalid_key | expired_key | revoked_key | invalid_token;
// 403 forbidden (a token that maps to no role); 429 auth_locked (with Retry-After).

import { GatehouseError } from '../../errors.js';
import type { Authenticator } from '../../identity/authenticator.js';
import { parseKey } from '../../identity/keys.js';
import type { AuthFailureGuard } from '../../identity/lockout.js';
import { looksLikeJwt, type OidcVerifier } from '../../identity/oidc.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export interface AuthenticateOptions {
  authenticator: Authenticator;
  oidc?: OidcVerifier | undefined;
  lockout?: AuthFailureGuard | undefined;
}

export const authenticate = ({ authenticator, oidc, lockout }: AuthenticateOptions) =>
  async function authenticate(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const credential = ex.credential;
    ex.credential = undefined;
    const lockedFor = lockout?.lockedFor(ex.clientAddress) ?? 0;
    if (lockedFor > 0) {
      ex.responseHeaders['retry-after'] = String(lockedFor);
      decide(ex, 'authenticate', 'deny', `auth_locked: ${ex.clientAddress} for ${lockedFor} s`, start);
      throw new GatehouseError('auth_locked', `too many authentication failures from this address; retry in ${lockedFor} s`);
    }
    try {
      ex.identity =
        oidc?.enabled && credential !== undefined && looksLikeJwt(credential)
          ? await oidc.verify(credential)
          : authenticator.authenticate(credential);
    } catch (err) {
      const reason = err instanceof GatehouseError ? `${err.code}${err.internal ? `: ${err.internal}` : ''}` : 'error';
      // Guessing needs a credential: calls without one are probes (the anomaly detector counts
      // them), not attempts, and must not lock out an address shared by legitimate callers.
      if (err instanceof GatehouseError && err.status === 401 && credential) lockout?.fail(ex.clientAddress, parseKey(credential)?.id);
      decide(ex, 'authenticate', 'deny', reason, start);
      throw err;
    }
    const id = ex.identity;
    decide(ex, 'authenticate', 'allow', `${id.kind === 'oidc' ? '' : 'key '}${id.keyId} (${id.access.roles.join('+')})`, start);
    return next();
  };

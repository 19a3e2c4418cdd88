// OIDC single sign-on for API callers: a bearer JWT from a configured issuer is verified with
// jose against the issuer's JWKS (fetched from discovery or configured, cached, refetched on an
// unknown `kid` after a cool-down so rotated keys are picked up), with `alg` pinned per issuer
// (never `none` or HMAC), `iss` and `aud` exact, `exp`/`nbf` checked with a bounded clock skew.
// Claims map to user, tenant and roles.
import { createRemoteJWKSet, decodeJwt, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { IssuerConfig } from '../config/access-schema.js';
import { parseDuration } from '../config/schema.js';
import { GatehouseError } from '../errors.js';
import type { JitService } from './jit.js';
import type { RoleRegistry } from './registry.js';
import { MODEL_ENDPOINTS } from './roles.js';
import type { Identity } from './types.js';

const MAX_SKEW_S = 300;
const TENANT = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MFA_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'fido', 'sc']);

/** A compact JWS has three base64url parts and a JSON header (`eyJ` is `{"`). */
export function looksLikeJwt(credential: string): boolean {
  if (!credential.startsWith('eyJ') || credential.length > 16_384) return false;
  const a = credential.indexOf('.');
  return a > 0 && credential.indexOf('.', a + 1) > a && credential.indexOf('.', credential.lastIndexOf('.') + 1) === -1;
}

interface Issuer {
  cfg: IssuerConfig;
  skewS: number;
  jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
}

export class OidcVerifier {
  private readonly issuers = new Map<string, Issuer>();

  constructor(
    issuers: readonly IssuerConfig[],
    private readonly o: { cacheMaxAgeMs: number; cooldownMs: number },
    private readonly registry: RoleRegistry,
    private readonly jit: JitService | undefined,
  ) {
    for (const cfg of issuers) {
      this.issuers.set(cfg.issuer, { cfg, skewS: Math.min(parseDuration(cfg.clockSkew) / 1000, MAX_SKEW_S), jwks: undefined });
    }
  }

  get enabled(): boolean {
    return this.issuers.size > 0;
  }

  private jwks(i: Issuer): Promise<ReturnType<typeof createRemoteJWKSet>> {
    i.jwks ??= (async () => {
      let uri = i.cfg.jwksUri;
      if (!uri) {
        const res = await fetch(`${i.cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
          signal: AbortSignal.timeout(5000),
        });
        if (!res.ok) throw new Error(`discovery answered HTTP ${res.status}`);
        const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
        if (doc.issuer !== i.cfg.issuer) throw new Error('discovery document names another issuer');
        if (typeof doc.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
        uri = doc.jwks_uri;
      }
      return createRemoteJWKSet(new URL(uri), {
        cacheMaxAge: this.o.cacheMaxAgeMs,
        cooldownDuration: this.o.cooldownMs,
        timeoutDuration: 5000,
      });
    })();
    // A failed discovery is retried on the next token rather than cached forever.
    i.jwks.catch(() => {
      i.jwks = undefined;
    });
    return i.jwks;
  }

  async verify(token: string): Promise<Identity> {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new GatehouseError('invalid_token', 'invalid bearer token', { internal: 'undecodable JWT' });
    }
    const issuer = iss === undefined ? undefined : this.issuers.get(iss);
    if (!issuer)
      throw new GatehouseError('invalid_token', 'invalid bearer token', { internal: `untrusted issuer ${String(iss).slice(0, 200)}` });
    let payload: JWTPayload;
    try {
      const jwks = await this.jwks(issuer);
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: issuer.cfg.issuer,
        audience: issuer.cfg.audience,
        algorithms: issuer.cfg.algorithms,
        clockTolerance: issuer.skewS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        throw new GatehouseError('invalid_token', 'the bearer token has expired', { internal: `${issuer.cfg.name}: expired` });
      const code = err instanceof joseErrors.JOSEError ? err.code : 'ERR';
      throw new GatehouseError('invalid_token', 'invalid bearer token', {
        internal: `${issuer.cfg.name}: ${code}: ${(err as Error).message}`.slice(0, 300),
      });
    }
    return this.identity(issuer.cfg, payload);
  }

  private identity(cfg: IssuerConfig, claims: JWTPayload): Identity {
    const user = claims[cfg.userClaim];
    if (typeof user !== 'string' || !user || user.length > 256) {
      throw new GatehouseError('invalid_token', 'invalid bearer token', { internal: `${cfg.name}: no ${cfg.userClaim} claim` });
    }
    const t = cfg.tenantClaim ? claims[cfg.tenantClaim] : undefined;
    const tenant = typeof t === 'string' ? t : cfg.defaultTenant;
    if (!TENANT.test(tenant))
      throw new GatehouseError('invalid_token', 'invalid bearer token', { internal: `${cfg.name}: bad tenant claim` });
    const raw = claims[cfg.rolesClaim];
    const values =
      typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
    const roles: string[] = [];
    for (const v of values) {
      const mapped = cfg.roleMap[v];
      if (mapped && this.registry.get(mapped) && !roles.includes(mapped)) roles.push(mapped);
    }
    if (!roles.length && cfg.defaultRole) roles.push(cfg.defaultRole);
    if (!roles.length)
      throw new GatehouseError('forbidden', 'the token maps to no Gatehouse role', { internal: `${cfg.name}: no mapped role for ${user}` });
    const userId = `${cfg.name}:${user}`;
    const amr = Array.isArray(claims.amr) ? claims.amr : [];
    return {
      kind: 'oidc',
      keyId: `oidc:${cfg.name}:${user}`.slice(0, 200),
      keyName: cfg.name,
      userId,
      tenant,
      role: roles[0] as string,
      models: ['*'],
      endpoints: [...MODEL_ENDPOINTS],
      access: this.registry.compile([...roles, ...(this.jit?.activeRoles(userId, tenant) ?? [])], {}),
      mfa: amr.some((a) => typeof a === 'string' && MFA_AMR.has(a)),
    };
  }
}

// Configuration of access control: custom roles, features, the tool registry and its
// governance, OIDC issuers, MFA, just-in-time elevation, key lifecycle and auth-failure
// lock-out. Kept beside schema.ts (which includes it) so the access surface reads in one place.
import { z } from 'zod';
import { PERMISSIONS } from '../identity/types.js';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 500ms, 30s, 15m, 24h or 90d');
const name = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lowercase letters, digits, _ . -');
const glob = z.string().regex(/^[A-Za-z0-9*][A-Za-z0-9._:/@*-]{0,127}$/, 'a name or glob (`*` matches any run)');
const risk = z.enum(['read', 'write', 'destructive']);

export const roleSchema = z
  .object({
    name: name.describe('Role name (must not shadow a built-in role).'),
    description: z.string().max(200).default('').describe('What the role is for.'),
    extends: z.string().optional().describe('A built-in or earlier role whose grants this one starts from.'),
    permissions: z.array(z.enum(PERMISSIONS)).optional().describe('Admin actions and `invoke` (default: those of `extends`, else none).'),
    scope: z.enum(['global', 'tenant']).optional().describe('global: acts on every tenant; tenant: its own only (default tenant).'),
    models: z.array(glob).optional().describe('Model globs it may invoke (default: `extends`, else all).'),
    features: z.array(glob).optional().describe('Feature globs it may invoke, e.g. [legal-review] (default: `extends`, else all).'),
    toolRisks: z.array(risk).optional().describe('Tool risk classes it may invoke (default: `extends`, else [read]).'),
    allowTools: z.array(glob).default([]).describe('Tools it may invoke whatever their risk.'),
    denyTools: z.array(glob).default([]).describe('Tools it may never invoke (wins over everything else in this role).'),
  })
  .strict();

const issuerSchema = z
  .object({
    name: name.describe('Short issuer name (identities are `oidc:<name>:<sub>`).'),
    issuer: z.url().describe('Expected `iss` claim, exactly.'),
    audience: z.string().min(1).describe('Expected `aud` (the client id Gatehouse is registered as).'),
    jwksUri: z.url().optional().describe('JWKS URL; default: `jwks_uri` from the issuer discovery document.'),
    algorithms: z
      .array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']))
      .default(['RS256'])
      .describe('Accepted `alg` values (pinned; `none` and HMAC are never accepted).'),
    clockSkew: duration.default('60s').describe('Tolerance for `exp`/`nbf`/`iat` (bounded to 5 minutes).'),
    userClaim: z.string().default('sub').describe('Claim that names the user.'),
    tenantClaim: z.string().optional().describe('Claim that names the tenant; default: `defaultTenant`.'),
    defaultTenant: z.string().default('default').describe('Tenant when the token has no tenant claim.'),
    rolesClaim: z.string().default('roles').describe('Claim (string or array) whose values are mapped to roles.'),
    roleMap: z
      .record(z.string(), z.string())
      .default({})
      .describe('Claim value -> Gatehouse role, e.g. {"gatehouse-admins": "admin"}; unmapped values are ignored.'),
    defaultRole: z.string().optional().describe('Role when no claim value maps to one; default: none (the token is refused).'),
  })
  .strict();

export const accessSchema = z
  .object({
    roles: z.array(roleSchema).default([]).describe('Custom roles (also manageable with the admin API, stored and audited).'),
    features: z
      .array(z.object({ name: name.describe('Feature name.'), description: z.string().default('').describe('What it does.') }).strict())
      .default([])
      .describe('Known AI features; when non-empty, a request naming another feature is refused (403 feature_not_allowed).'),
    defaultFeature: name.optional().describe('Feature of requests without the `x-gatehouse-feature` header.'),
    requireFeature: z.boolean().default(false).describe('Refuse model requests that select no feature.'),
    tools: z
      .array(z.object({ name: glob.describe('Tool name (or glob).'), risk: risk.describe('Its risk class.') }).strict())
      .default([])
      .describe('The tool registry: each tool with its risk class.'),
    unknownToolRisk: risk
      .default('write')
      .describe(
        'Risk class of tools missing from the registry: write keeps read-only callers away from them; destructive limits them to developer and admin.',
      ),
    toolRequests: z
      .enum(['refuse', 'strip'])
      .default('refuse')
      .describe('A request defining tools the caller may not use: refuse (403 tool_not_allowed) or strip them.'),
    toolCalls: z
      .enum(['drop', 'block'])
      .default('drop')
      .describe('A model answer calling a tool the caller may not use: drop the call, or block the answer (403).'),
    oidc: z
      .object({
        issuers: z.array(issuerSchema).default([]).describe('Trusted OIDC issuers; bearer JWTs are checked against their JWKS.'),
        jwksCacheMaxAge: duration.default('10m').describe('How long fetched signing keys are trusted before a refetch.'),
        jwksCooldown: duration.default('30s').describe('Least time between refetches on an unknown `kid` (key rotation).'),
      })
      .strict()
      .prefault({})
      .describe('OIDC single sign-on.'),
    mfa: z
      .object({
        require: z
          .enum(['enrolled', 'admin'])
          .default('enrolled')
          .describe('enrolled: admin API calls of users with TOTP enrolled need a session; admin: every admin API call needs one.'),
        sessionTtl: duration.default('15m').describe('Lifetime of an MFA session (POST /admin/v1/session).'),
        issuer: z.string().default('Gatehouse').describe('Issuer label shown by authenticator apps.'),
      })
      .strict()
      .prefault({})
      .describe('Multi-factor authentication (RFC 6238 TOTP) for the admin API.'),
    jit: z
      .object({
        maxDuration: duration.default('8h').describe('Longest just-in-time elevation that can be requested.'),
      })
      .strict()
      .prefault({})
      .describe('Just-in-time elevation (`gatehouse access request|approve`).'),
    keyLifecycle: z
      .object({
        maxLifetime: duration.optional().describe('Longest key lifetime for every tenant; keys without expiry get it.'),
        tenants: z
          .record(z.string(), z.object({ maxLifetime: duration.describe('Longest key lifetime in this tenant.') }).strict())
          .default({})
          .describe('Per-tenant maximum key lifetime (overrides maxLifetime).'),
        warnBefore: duration.default('14d').describe('Warn (alert + audit) this long before a key expires.'),
        checkInterval: duration.default('1h').describe('How often expiring keys are looked for.'),
        staleAfter: duration.default('30d').describe('A key unused this long is stale (`gatehouse keys stale`).'),
      })
      .strict()
      .prefault({})
      .describe('Key lifetime, rotation warnings and stale keys.'),
    lockout: z
      .object({
        threshold: z
          .number()
          .int()
          .positive()
          .default(20)
          .describe('Authentication failures from one address within `window` that lock it out.'),
        window: duration.default('1m').describe('Window of the failure counters.'),
        duration: duration.default('1m').describe('First lock-out; doubles on each repeat up to maxDuration.'),
        maxDuration: duration.default('1h').describe('Longest lock-out.'),
        keyAlertThreshold: z
          .number()
          .int()
          .positive()
          .default(10)
          .describe(
            'Failures naming one key id within `window` that raise an alert (the key itself is not locked: that would let anyone lock it).',
          ),
      })
      .strict()
      .prefault({})
      .describe('Back-off after repeated authentication failures (429 auth_locked, alert).'),
  })
  .strict()
  .prefault({})
  .describe('Access control: roles, features, tools, OIDC, MFA, just-in-time elevation, key lifecycle, lock-out.');

export type AccessConfig = z.infer<typeof accessSchema>;
export type RoleConfig = z.infer<typeof roleSchema>;
export type IssuerConfig = z.infer<typeof issuerSchema>;

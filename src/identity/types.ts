// Who is calling. Produced by authentication (API keys, OIDC bearer tokens), read by
// authorization, the policy engine and the audit trail. Never carries the secret itself.
// `tenant`, `keyId`, `role` are stable names the policy engine matches on.
import type { Endpoint } from '../pipeline/types.js';

/** The built-in roles (custom roles come from config `access.roles` and the admin API). */
export const ROLES = ['admin', 'security-admin', 'auditor', 'tenant-admin', 'developer', 'member', 'read-only'] as const;
export type BuiltinRole = (typeof ROLES)[number];
/** A built-in or custom role name. */
export type RoleName = string;

/** Actions on resources. `invoke` covers models, features and tools (each further scoped). */
export const PERMISSIONS = [
  'invoke',
  'keys:read',
  'keys:write',
  'audit:read',
  'killswitch:set',
  'roles:read',
  'roles:write',
  'access:request',
  'access:approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Risk class of a registered tool; unregistered tools get `access.unknownToolRisk`. */
export type ToolRisk = 'read' | 'write' | 'destructive';
export const TOOL_RISKS: readonly ToolRisk[] = ['read', 'write', 'destructive'];

/**
 * What an identity may do, compiled once per credential (and role-registry generation) so that
 * each check is a set lookup or a short glob scan. Role grants are intersected with the
 * credential's own narrowing: a key or token can only narrow its roles.
 */
export interface Access {
  /** Role names in force (the credential's roles plus any just-in-time grant). */
  readonly roles: readonly RoleName[];
  /** True when a role acts on every tenant (global admin); false: only on `identity.tenant`. */
  readonly global: boolean;
  can(permission: Permission): boolean;
  model(name: string): boolean;
  feature(name: string): boolean;
  /** May the caller invoke this tool (by name; its registered risk decides for the roles)? */
  tool(name: string): boolean;
}

export interface Identity {
  kind: 'api_key' | 'oidc';
  /** Key id; for OIDC `oidc:<issuer name>:<subject>`. */
  keyId: string;
  keyName: string;
  userId: string;
  tenant: string;
  /** The primary role (the key's role, or the first mapped OIDC role). */
  role: RoleName;
  /** Globs of model names the credential may use; ['*'] for all (intersected with the roles). */
  models: string[];
  /** Endpoints this credential may call. */
  endpoints: Endpoint[];
  access: Access;
  /** True when the credential itself proves a second factor (an OIDC token with amr otp/mfa/hwk). */
  mfa: boolean;
}

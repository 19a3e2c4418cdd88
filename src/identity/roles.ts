// Roles and permissions. A role grants admin actions (`keys:write`, `audit:read`, ...) and
// `invoke` scoped three ways: models (globs), features (globs) and tools (by risk class, plus
// allow/deny globs by name). Built-in roles are below; custom roles come from config and the
// admin API. A credential's Access is the union of its roles intersected with its own
// narrowing (a key may only narrow its role). Unknown role or permission = denied.
import type { Endpoint } from '../pipeline/types.js';
import { type Access, type BuiltinRole, PERMISSIONS, type Permission, type RoleName, TOOL_RISKS, type ToolRisk } from './types.js';

export type { Permission } from './types.js';

export interface RoleDef {
  name: RoleName;
  description: string;
  permissions: readonly Permission[];
  /** global: acts on every tenant (admin API sees all); tenant: only on the credential's tenant. */
  scope: 'global' | 'tenant';
  /** Model globs the role may invoke. */
  models: readonly string[];
  /** Feature globs the role may invoke (`legal-review`, `summarize-*`, `*`). */
  features: readonly string[];
  tools: { risks: readonly ToolRisk[]; allow: readonly string[]; deny: readonly string[] };
  source: 'builtin' | 'config' | 'api';
}

const ALL = ['*'] as const;
const builtin = (
  name: BuiltinRole,
  description: string,
  permissions: readonly Permission[],
  scope: RoleDef['scope'],
  risks: readonly ToolRisk[],
): RoleDef => ({
  name,
  description,
  permissions,
  scope,
  models: permissions.includes('invoke') ? ALL : [],
  features: permissions.includes('invoke') ? ALL : [],
  tools: { risks, allow: [], deny: [] },
  source: 'builtin',
});

export const BUILTIN_ROLES: readonly RoleDef[] = [
  builtin('admin', 'Everything, on every tenant.', PERMISSIONS, 'global', TOOL_RISKS),
  builtin(
    'security-admin',
    'Reads keys and the audit trail, sets kill switches, approves elevation; every tenant.',
    ['invoke', 'keys:read', 'audit:read', 'killswitch:set', 'roles:read', 'access:approve'],
    'global',
    ['read'],
  ),
  builtin('auditor', 'Read-only audit trail and evidence, every tenant; cannot call models.', ['audit:read', 'roles:read'], 'global', []),
  builtin(
    'tenant-admin',
    "Manages its own tenant's keys, reads its audit records, approves elevation in it.",
    ['invoke', 'keys:read', 'keys:write', 'audit:read', 'roles:read', 'access:request', 'access:approve'],
    'tenant',
    TOOL_RISKS,
  ),
  builtin('developer', 'Calls models; every tool risk class.', ['invoke', 'access:request'], 'tenant', TOOL_RISKS),
  builtin('member', 'Calls models; read and write tools.', ['invoke', 'access:request'], 'tenant', ['read', 'write']),
  builtin('read-only', 'Calls models; read tools only (never write or destructive).', ['invoke', 'access:request'], 'tenant', ['read']),
];

export const MODEL_ENDPOINTS: readonly Endpoint[] = ['chat', 'messages', 'embeddings', 'models'];

/**
 * Glob match for model, feature and tool names: `*` matches any run of characters (including
 * none), everything else is literal. Iterative with one backtrack point, so linear in practice
 * and never exponential on hostile input.
 */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = t;
    } else if (star !== -1) {
      g = star + 1;
      t = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

export function modelAllowed(globs: readonly string[], model: string): boolean {
  return globs.some((g) => globMatch(g, model));
}

/** What a credential narrows its roles to; undefined fields narrow nothing. */
export interface Narrowing {
  models?: readonly string[];
  features?: readonly string[];
  tools?: readonly string[];
  /** Permissions the credential keeps (a subset of its roles'); undefined: all of them. */
  scopes?: readonly Permission[] | null;
}

export type ToolRiskOf = (tool: string) => ToolRisk;

/** Compiles the Access of a set of role definitions narrowed by a credential. */
export function compileAccess(defs: readonly RoleDef[], narrow: Narrowing, riskOf: ToolRiskOf): Access {
  const scopes = narrow.scopes ? new Set(narrow.scopes) : undefined;
  const permissions = new Set<Permission>();
  for (const d of defs) for (const p of d.permissions) if (!scopes || scopes.has(p)) permissions.add(p);
  const nm = narrow.models ?? ALL;
  const nf = narrow.features ?? ALL;
  const nt = narrow.tools ?? ALL;
  // Tool decisions repeat (the same few tools per agent): memoise, bounded.
  const toolCache = new Map<string, boolean>();
  const toolDecision = (name: string): boolean => {
    if (!permissions.has('invoke') || !modelAllowed(nt, name)) return false;
    const risk = riskOf(name);
    return defs.some(
      (d) =>
        d.permissions.includes('invoke') &&
        !modelAllowed(d.tools.deny, name) &&
        (modelAllowed(d.tools.allow, name) || d.tools.risks.includes(risk)),
    );
  };
  return {
    roles: defs.map((d) => d.name),
    global: defs.some((d) => d.scope === 'global'),
    can: (p) => permissions.has(p),
    model: (name) => permissions.has('invoke') && modelAllowed(nm, name) && defs.some((d) => modelAllowed(d.models, name)),
    feature: (name) => permissions.has('invoke') && modelAllowed(nf, name) && defs.some((d) => modelAllowed(d.features, name)),
    tool(name) {
      let v = toolCache.get(name);
      if (v === undefined) {
        v = toolDecision(name);
        if (toolCache.size < 256) toolCache.set(name, v);
      }
      return v;
    },
  };
}

/** Why a key may not carry this narrowing of its role, or undefined when it only narrows. */
export function narrowingProblem(role: RoleDef, narrow: Narrowing): string | undefined {
  for (const s of narrow.scopes ?? []) if (!role.permissions.includes(s)) return `scope "${s}" is not granted by role "${role.name}"`;
  const covered = (roleGlobs: readonly string[], keyGlob: string) => roleGlobs.some((g) => globMatch(g, keyGlob));
  for (const m of narrow.models ?? []) if (!covered(role.models, m)) return `model "${m}" is outside role "${role.name}"`;
  for (const f of narrow.features ?? []) if (!covered(role.features, f)) return `feature "${f}" is outside role "${role.name}"`;
  return undefined;
}

/** May `actor` hand out `target` (key creation, role grants)? Only roles it could itself exercise. */
export function canGrant(actor: Access, target: RoleDef): boolean {
  if (target.scope === 'global' && !actor.global) return false;
  return target.permissions.every((p) => actor.can(p));
}

// Built-in roles and what they may do. The access-control issue extends this to features, tools
// and custom roles; here it decides admin API access. Unknown permission = denied.
import type { Endpoint } from '../pipeline/types.js';
import type { RoleName } from './types.js';

export type Permission = 'invoke' | 'keys:read' | 'keys:write' | 'audit:read' | 'killswitch:set';

const PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  admin: ['invoke', 'keys:read', 'keys:write', 'audit:read', 'killswitch:set'],
  'security-admin': ['invoke', 'keys:read', 'audit:read', 'killswitch:set'],
  auditor: ['audit:read'],
  developer: ['invoke'],
  member: ['invoke'],
  'read-only': ['invoke'],
};

export function can(role: RoleName, permission: Permission): boolean {
  return PERMISSIONS[role]?.includes(permission) ?? false;
}

export const MODEL_ENDPOINTS: readonly Endpoint[] = ['chat', 'messages', 'embeddings', 'models'];

/**
 * Glob match for model names: `*` matches any run of characters (including none), everything
 * else is literal. Iterative with one backtrack point, so linear in practice and never
 * exponential on hostile input.
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

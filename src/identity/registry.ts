// The role registry (built-in roles, custom roles from config, and roles created through the
// admin API, stored and audited) and the tool registry (tool name -> risk class). Stored roles
// are picked up from the store's generation counter, like keys, so every process agrees.
import type { RoleConfig } from '../config/access-schema.js';
import { GatehouseError } from '../errors.js';
import type { RoleStore } from '../store/access.js';
import type { AuditFn } from './key-service.js';
import { type Actor, adminEntry } from './key-service.js';
import { BUILTIN_ROLES, compileAccess, globMatch, type Narrowing, type RoleDef } from './roles.js';
import { type Access, PERMISSIONS, type Permission, TOOL_RISKS, type ToolRisk } from './types.js';

const ROLE_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const GLOB = /^[A-Za-z0-9*][A-Za-z0-9._:/@*-]{0,127}$/;

export class ToolRegistry {
  private readonly exact = new Map<string, ToolRisk>();
  private readonly globs: Array<{ glob: string; risk: ToolRisk }> = [];

  constructor(
    tools: ReadonlyArray<{ name: string; risk: ToolRisk }>,
    private readonly unknownRisk: ToolRisk,
  ) {
    for (const t of tools) {
      if (t.name.includes('*')) this.globs.push({ glob: t.name, risk: t.risk });
      else this.exact.set(t.name, t.risk);
    }
  }

  riskOf = (name: string): ToolRisk => this.exact.get(name) ?? this.globs.find((g) => globMatch(g.glob, name))?.risk ?? this.unknownRisk;

  list(): Array<{ name: string; risk: ToolRisk }> {
    return [...[...this.exact].map(([name, risk]) => ({ name, risk })), ...this.globs.map((g) => ({ name: g.glob, risk: g.risk }))];
  }
}

/** Builds a role definition from its config / API form, starting from `extends` when given. */
export function roleFromConfig(c: RoleConfig, lookup: (name: string) => RoleDef | undefined, source: RoleDef['source']): RoleDef {
  if (!ROLE_NAME.test(c.name)) throw new Error(`role name "${c.name}": lowercase letters, digits, _ . - (max 64)`);
  if (BUILTIN_ROLES.some((r) => r.name === c.name)) throw new Error(`role "${c.name}" is built in and cannot be redefined`);
  const base = c.extends !== undefined ? lookup(c.extends) : undefined;
  if (c.extends !== undefined && !base) throw new Error(`role "${c.name}" extends unknown role "${c.extends}"`);
  for (const p of c.permissions ?? []) if (!(PERMISSIONS as readonly string[]).includes(p)) throw new Error(`unknown permission "${p}"`);
  for (const r of c.toolRisks ?? []) if (!TOOL_RISKS.includes(r)) throw new Error(`unknown tool risk "${r}"`);
  for (const g of [...(c.models ?? []), ...(c.features ?? []), ...c.allowTools, ...c.denyTools])
    if (!GLOB.test(g)) throw new Error(`invalid glob "${g}"`);
  return {
    name: c.name,
    description: c.description ?? '',
    permissions: (c.permissions ?? base?.permissions ?? []) as Permission[],
    scope: c.scope ?? base?.scope ?? 'tenant',
    models: c.models ?? base?.models ?? ['*'],
    features: c.features ?? base?.features ?? ['*'],
    tools: {
      risks: c.toolRisks ?? base?.tools.risks ?? ['read'],
      allow: [...(base?.tools.allow ?? []), ...c.allowTools],
      deny: [...(base?.tools.deny ?? []), ...c.denyTools],
    },
    source,
  };
}

export class RoleRegistry {
  private readonly fixed = new Map<string, RoleDef>();
  private stored = new Map<string, RoleDef>();
  private storeGeneration = -1;
  /** Bumped whenever the set of roles changes (compiled Access objects are then rebuilt). */
  generation = 0;

  constructor(
    configRoles: readonly RoleConfig[],
    readonly tools: ToolRegistry,
    private readonly store: RoleStore | undefined,
    private readonly onError: (m: string) => void = () => {},
  ) {
    for (const r of BUILTIN_ROLES) this.fixed.set(r.name, r);
    for (const c of configRoles) {
      if (this.fixed.has(c.name)) throw new Error(`access.roles: role "${c.name}" is defined twice or shadows a built-in role`);
      this.fixed.set(
        c.name,
        roleFromConfig(c, (n) => this.fixed.get(n), 'config'),
      );
    }
    this.refresh();
  }

  /** Re-reads API-defined roles when the store changed. Cheap when it did not (one counter read). */
  refresh(): void {
    if (!this.store) return;
    const g = this.store.generation();
    if (g === this.storeGeneration) return;
    const next = new Map<string, RoleDef>();
    for (const r of this.store.list()) {
      try {
        const def = roleFromConfig(JSON.parse(r.definition) as RoleConfig, (n) => this.fixed.get(n) ?? next.get(n), 'api');
        if (!this.fixed.has(def.name)) next.set(def.name, def);
      } catch (err) {
        this.onError(`stored role "${r.name}" ignored: ${(err as Error).message}`);
      }
    }
    this.stored = next;
    this.storeGeneration = g;
    this.generation++;
  }

  get(name: string): RoleDef | undefined {
    return this.fixed.get(name) ?? this.stored.get(name);
  }

  list(): RoleDef[] {
    return [...this.fixed.values(), ...this.stored.values()];
  }

  /** The Access of these roles narrowed by a credential; unknown roles grant nothing. */
  compile(roles: readonly string[], narrow: Narrowing): Access {
    const defs: RoleDef[] = [];
    for (const r of roles) {
      const d = this.get(r);
      if (d && !defs.includes(d)) defs.push(d);
    }
    return compileAccess(defs, narrow, this.tools.riskOf);
  }

  /** Creates or replaces an API-defined role (audited first: no unaudited change). */
  async define(c: RoleConfig, actor: Actor, audit: AuditFn): Promise<RoleDef> {
    if (!this.store) throw new GatehouseError('invalid_request', 'roles cannot be stored here');
    if (this.fixed.has(c.name)) {
      throw new GatehouseError('invalid_request', `role "${c.name}" is built in or defined in the config file`, {
        details: { field: 'name' },
      });
    }
    let def: RoleDef;
    try {
      def = roleFromConfig(c, (n) => this.get(n), 'api');
    } catch (err) {
      throw new GatehouseError('invalid_request', (err as Error).message);
    }
    await audit(
      adminEntry(actor, 'role.define', def.name, {
        permissions: def.permissions.join(','),
        scope: def.scope,
        models: def.models.join(','),
        features: def.features.join(','),
        tool_risks: def.tools.risks.join(','),
      }),
    );
    this.store.put({ name: def.name, definition: JSON.stringify(c), updatedAt: Date.now() });
    this.refresh();
    return def;
  }

  async remove(name: string, actor: Actor, audit: AuditFn): Promise<void> {
    if (!this.store || !this.stored.has(name)) throw new GatehouseError('not_found', `no API-defined role "${name}"`);
    await audit(adminEntry(actor, 'role.delete', name, {}));
    this.store.remove(name);
    this.refresh();
  }
}

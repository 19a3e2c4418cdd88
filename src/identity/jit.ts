// Just-in-time elevation: a user asks for a role for a bounded time with a reason; a different
// person who holds `access:approve` (and could grant that role themselves) approves; the grant
// expires by itself (checked at authentication against the clock, so no job has to run on
// time); every step is audited. Active grants are cached and refreshed from the store's
// generation counter, so the request path never reads the store.
import { GatehouseError } from '../errors.js';
import type { GrantRecord, GrantStatus, GrantStore } from '../store/access.js';
import { timeOrderedId } from '../util/ids.js';
import { type Actor, type AuditFn, adminEntry } from './key-service.js';
import type { RoleRegistry } from './registry.js';
import { canGrant } from './roles.js';
import type { Access } from './types.js';

export interface Approver {
  userId: string;
  tenant: string;
  access: Access;
}

export type GrantView = GrantRecord & { state: GrantStatus | 'active' | 'expired' };

export function grantView(g: GrantRecord, now = Date.now()): GrantView {
  const state = g.status === 'approved' ? ((g.expiresAt ?? 0) > now ? 'active' : 'expired') : g.status;
  return { ...g, state };
}

export class JitService {
  private active = new Map<string, GrantRecord[]>();
  private seen = -1;
  /** Bumped whenever the cached grants change, so every reader (not just the one that refreshed) sees the change. */
  generation = 0;
  private readonly announced = new Set<string>();

  constructor(
    private readonly store: GrantStore,
    private readonly roles: RoleRegistry,
    private readonly audit: AuditFn,
    private readonly maxDurationMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refresh();
  }

  /** Reloads approved grants when the store changed; true when something changed. */
  refresh(): boolean {
    const g = this.store.generation();
    if (g === this.seen) return false;
    const next = new Map<string, GrantRecord[]>();
    for (const grant of this.store.list({ status: 'approved' })) {
      const list = next.get(grant.userId) ?? [];
      list.push(grant);
      next.set(grant.userId, list);
    }
    this.active = next;
    this.seen = g;
    this.generation++;
    return true;
  }

  /** Roles granted to this user in this tenant right now (in-memory; expiry is exact). */
  activeRoles(userId: string, tenant: string, now = this.now()): string[] {
    const list = this.active.get(userId);
    if (!list) return [];
    const out: string[] = [];
    for (const g of list) if (g.tenant === tenant && (g.expiresAt ?? 0) > now) out.push(g.role);
    return out;
  }

  /** Earliest expiry among this user's active grants (compiled access must be rebuilt then). */
  nextExpiry(userId: string, now = this.now()): number | undefined {
    let min: number | undefined;
    for (const g of this.active.get(userId) ?? [])
      if ((g.expiresAt ?? 0) > now && (min === undefined || (g.expiresAt as number) < min)) min = g.expiresAt as number;
    return min;
  }

  async request(
    input: { userId: string; tenant: string; role: string; durationMs: number; reason: string },
    actor: Actor,
  ): Promise<GrantView> {
    const reason = input.reason.trim();
    if (reason.length < 3 || reason.length > 500)
      throw new GatehouseError('invalid_request', 'a reason (3-500 characters) is required', { details: { field: 'reason' } });
    if (!this.roles.get(input.role))
      throw new GatehouseError('invalid_request', `unknown role "${input.role}"`, { details: { field: 'role' } });
    if (!(input.durationMs > 0) || input.durationMs > this.maxDurationMs) {
      throw new GatehouseError(
        'invalid_request',
        `duration must be positive and at most ${Math.round(this.maxDurationMs / 60_000)} minutes (access.jit.maxDuration)`,
        {
          details: { field: 'duration' },
        },
      );
    }
    const grant: GrantRecord = {
      id: timeOrderedId(),
      userId: input.userId,
      tenant: input.tenant,
      role: input.role,
      reason,
      requestedBy: actor.userId,
      requestedAt: this.now(),
      durationMs: input.durationMs,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      expiresAt: null,
    };
    await this.audit(
      adminEntry(actor, 'jit.request', grant.id, {
        user: grant.userId,
        tenant: grant.tenant,
        role: grant.role,
        duration_ms: grant.durationMs,
        reason,
      }),
    );
    this.store.create(grant);
    return grantView(grant);
  }

  private pending(id: string): GrantRecord {
    const g = this.store.get(id);
    if (!g) throw new GatehouseError('not_found', `no access request "${id}"`);
    if (g.status !== 'pending') throw new GatehouseError('invalid_request', `access request "${id}" is ${g.status}, not pending`);
    return g;
  }

  private checkApprover(g: GrantRecord, approver: Approver): void {
    // Four eyes: neither the elevated user nor whoever asked on their behalf may approve.
    if (approver.userId === g.userId || approver.userId === g.requestedBy) {
      throw new GatehouseError('forbidden', 'an access request cannot be approved by the person it elevates or who asked for it');
    }
    if (!approver.access.can('access:approve')) throw new GatehouseError('forbidden', 'approving needs the access:approve permission');
    if (!approver.access.global && approver.tenant !== g.tenant) throw new GatehouseError('not_found', `no access request "${g.id}"`);
    const role = this.roles.get(g.role);
    if (!role || !canGrant(approver.access, role)) throw new GatehouseError('forbidden', `the approver cannot grant role "${g.role}"`);
  }

  async approve(id: string, approver: Approver, actor: Actor): Promise<GrantView> {
    const g = this.pending(id);
    this.checkApprover(g, approver);
    const at = this.now();
    const next: GrantRecord = { ...g, status: 'approved', decidedBy: approver.userId, decidedAt: at, expiresAt: at + g.durationMs };
    await this.audit(
      adminEntry(actor, 'jit.approve', id, { user: g.userId, role: g.role, approver: approver.userId, expires_at: next.expiresAt }),
    );
    if (!this.store.transition(id, 'pending', next))
      throw new GatehouseError('invalid_request', `access request "${id}" is no longer pending`);
    this.refresh();
    return grantView(next, at);
  }

  async deny(id: string, approver: Approver, actor: Actor): Promise<GrantView> {
    const g = this.pending(id);
    this.checkApprover(g, approver);
    const next: GrantRecord = { ...g, status: 'denied', decidedBy: approver.userId, decidedAt: this.now() };
    await this.audit(adminEntry(actor, 'jit.deny', id, { user: g.userId, role: g.role, approver: approver.userId }));
    if (!this.store.transition(id, 'pending', next))
      throw new GatehouseError('invalid_request', `access request "${id}" is no longer pending`);
    this.refresh();
    return grantView(next);
  }

  /** Ends a pending or approved grant now (the user, an approver or an admin). */
  async revoke(id: string, actor: Actor): Promise<GrantView> {
    const g = this.store.get(id);
    if (!g) throw new GatehouseError('not_found', `no access request "${id}"`);
    if (g.status !== 'pending' && g.status !== 'approved')
      throw new GatehouseError('invalid_request', `access request "${id}" is ${g.status}`);
    const next: GrantRecord = {
      ...g,
      status: 'revoked',
      decidedBy: g.decidedBy ?? actor.userId,
      decidedAt: g.decidedAt ?? this.now(),
      expiresAt: g.expiresAt,
    };
    await this.audit(adminEntry(actor, 'jit.revoke', id, { user: g.userId, role: g.role }));
    if (!this.store.transition(id, g.status, next)) throw new GatehouseError('invalid_request', `access request "${id}" changed meanwhile`);
    this.refresh();
    return grantView(next);
  }

  get(id: string): GrantView | undefined {
    const g = this.store.get(id);
    return g ? grantView(g, this.now()) : undefined;
  }

  list(filter: { userId?: string; tenant?: string } = {}): GrantView[] {
    const now = this.now();
    return this.store.list(filter).map((g) => grantView(g, now));
  }

  /** Audits grants that expired since the last sweep (once each per process). Their effect already ended on time. */
  async sweep(): Promise<number> {
    const now = this.now();
    let n = 0;
    for (const list of this.active.values()) {
      for (const g of list) {
        if ((g.expiresAt ?? 0) <= now && !this.announced.has(g.id)) {
          this.announced.add(g.id);
          await this.audit(
            adminEntry({ keyId: null, userId: 'system', tenant: g.tenant, client: null }, 'jit.expire', g.id, {
              user: g.userId,
              role: g.role,
              expired_at: g.expiresAt,
            }),
          );
          n++;
        }
      }
    }
    return n;
  }
}

// Kill switches: stop AI traffic at any scope within a second. Switches live in the store (they
// survive restarts and are shared by replicas); every process keeps them in memory and polls a
// generation counter, so a change made anywhere applies everywhere within the poll interval
// (250 ms), and a change made through this process's admin API applies at once.

export const KILL_SCOPES = ['global', 'tenant', 'feature', 'model', 'provider', 'key', 'user'] as const;
export type KillScope = (typeof KILL_SCOPES)[number];

export interface KillSwitch {
  scope: KillScope;
  /** What it applies to ('' for global). */
  target: string;
  /** Internal reason: audited, never shown to callers. */
  reason: string;
  setBy: string;
  setAt: number;
  /** Also end streams in flight that match. */
  abortStreams: boolean;
}

export interface KillSwitchStore {
  list(): KillSwitch[];
  /** Creates or replaces the switch for (scope, target). */
  set(sw: KillSwitch): void;
  /** Returns false when there was no such switch. */
  clear(scope: KillScope, target: string): boolean;
  /** Increases on every change, by any process sharing the store. */
  generation(): number;
}

/** What a request is, for matching switches. */
export interface KillSubject {
  tenant?: string | undefined;
  feature?: string | undefined;
  model?: string | undefined;
  provider?: string | undefined;
  key?: string | undefined;
  user?: string | undefined;
}

export function switchName(sw: Pick<KillSwitch, 'scope' | 'target'>): string {
  return sw.scope === 'global' ? 'global' : `${sw.scope}:${sw.target}`;
}

export class KillSwitchBoard {
  private switches = new Map<string, KillSwitch>();
  private generation = -1;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: Array<(added: KillSwitch[]) => void> = [];

  constructor(
    private readonly store: KillSwitchStore,
    pollMs = 250,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.refresh();
    if (pollMs > 0) {
      this.timer = setInterval(() => {
        try {
          this.refresh();
        } catch (err) {
          this.onError(`kill switch refresh failed: ${(err as Error).message}`);
        }
      }, pollMs);
      this.timer.unref();
    }
  }

  /** Called with the switches that appeared since the last refresh. */
  onAdded(listener: (added: KillSwitch[]) => void): void {
    this.listeners.push(listener);
  }

  refresh(): void {
    const g = this.store.generation();
    if (g === this.generation) return;
    this.generation = g;
    const next = new Map(this.store.list().map((sw) => [switchName(sw), sw]));
    const added = [...next.entries()].filter(([k]) => !this.switches.has(k)).map(([, v]) => v);
    this.switches = next;
    if (added.length) for (const l of this.listeners) l(added);
  }

  /** The first switch that stops this request, if any (O(scopes) map lookups). */
  match(s: KillSubject): KillSwitch | undefined {
    if (this.switches.size === 0) return undefined;
    return (
      this.switches.get('global') ??
      (s.tenant !== undefined ? this.switches.get(`tenant:${s.tenant}`) : undefined) ??
      (s.key !== undefined ? this.switches.get(`key:${s.key}`) : undefined) ??
      (s.user !== undefined ? this.switches.get(`user:${s.user}`) : undefined) ??
      (s.feature !== undefined ? this.switches.get(`feature:${s.feature}`) : undefined) ??
      (s.model !== undefined ? this.switches.get(`model:${s.model}`) : undefined) ??
      (s.provider !== undefined ? this.switches.get(`provider:${s.provider}`) : undefined)
    );
  }

  list(): KillSwitch[] {
    return [...this.switches.values()];
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Whether a switch applies to a subject (for aborting streams already in flight). */
export function applies(sw: KillSwitch, s: KillSubject): boolean {
  switch (sw.scope) {
    case 'global':
      return true;
    case 'tenant':
      return s.tenant === sw.target;
    case 'feature':
      return s.feature === sw.target;
    case 'model':
      return s.model === sw.target;
    case 'provider':
      return s.provider === sw.target;
    case 'key':
      return s.key === sw.target;
    case 'user':
      return s.user === sw.target;
  }
}

export class KillSwitchError extends Error {}

/**
 * Setting and clearing switches, shared by the CLI and the admin API; every change is audited
 * (with its reason, which callers never see) before it takes effect.
 */
export class KillSwitchService {
  constructor(
    private readonly store: KillSwitchStore,
    private readonly audit: (
      name: string,
      target: string,
      details: Record<string, string | number | boolean | null>,
    ) => Promise<unknown> | unknown,
    private readonly changed: () => void = () => {},
  ) {}

  static validate(scope: string, target: string | undefined): { scope: KillScope; target: string } {
    if (!(KILL_SCOPES as readonly string[]).includes(scope))
      throw new KillSwitchError(`unknown scope "${scope}"; use one of ${KILL_SCOPES.join(', ')}`);
    if (scope === 'global') {
      if (target) throw new KillSwitchError('the global switch takes no target');
      return { scope: 'global', target: '' };
    }
    if (!target) throw new KillSwitchError(`scope ${scope} needs a target (which ${scope})`);
    if (target.length > 256) throw new KillSwitchError('target is too long (at most 256 characters)');
    return { scope: scope as KillScope, target };
  }

  async set(scope: string, target: string | undefined, reason: string, setBy: string, abortStreams: boolean): Promise<KillSwitch> {
    const v = KillSwitchService.validate(scope, target);
    if (!reason.trim()) throw new KillSwitchError('a reason is required (it is audited, never shown to callers)');
    const sw: KillSwitch = { ...v, reason, setBy, setAt: Date.now(), abortStreams };
    await this.audit('kill.set', switchName(sw), { reason, abort_streams: abortStreams, by: setBy });
    this.store.set(sw);
    this.changed();
    return sw;
  }

  async clear(scope: string, target: string | undefined, by: string): Promise<boolean> {
    const v = KillSwitchService.validate(scope, target);
    await this.audit('kill.clear', switchName(v), { by });
    const removed = this.store.clear(v.scope, v.target);
    this.changed();
    return removed;
  }

  list(): KillSwitch[] {
    return this.store.list();
  }
}

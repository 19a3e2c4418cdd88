// Back-off after repeated authentication failures. Counters per source address and per key id
// (fixed windows, O(1) per request, in memory). An address over the threshold is locked out
// for a while (doubling on each repeat, bounded): every request from it is refused with 429
// before its credential is even looked at (fail closed), other addresses are unaffected. A key
// id under attack raises an alert but is not locked: anyone who knows a key id (it is in the
// key's visible prefix) could otherwise lock its owner out.

export interface LockoutOptions {
  threshold: number;
  windowMs: number;
  durationMs: number;
  maxDurationMs: number;
  keyAlertThreshold: number;
}

export interface LockoutEvent {
  kind: 'address_locked' | 'key_failures';
  subject: string;
  count: number;
  /** Lock-out length (address_locked only). */
  lockedForMs?: number;
}

interface Counter {
  count: number;
  windowStart: number;
  lockedUntil: number;
  strikes: number;
}

const MAX_TRACKED = 100_000;

export class AuthFailureGuard {
  private readonly addresses = new Map<string, Counter>();
  private readonly keys = new Map<string, Counter>();

  constructor(
    private readonly o: LockoutOptions,
    private readonly onEvent: (e: LockoutEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this address may try again, or 0 when it is not locked. */
  lockedFor(address: string, now = this.now()): number {
    const c = this.addresses.get(address);
    return c && c.lockedUntil > now ? Math.ceil((c.lockedUntil - now) / 1000) : 0;
  }

  private bump(map: Map<string, Counter>, subject: string, now: number): Counter {
    let c = map.get(subject);
    if (!c) {
      if (map.size >= MAX_TRACKED) this.prune(map, now);
      c = { count: 0, windowStart: now, lockedUntil: 0, strikes: 0 };
      map.set(subject, c);
    }
    if (now - c.windowStart >= this.o.windowMs) {
      c.count = 0;
      c.windowStart = now;
    }
    c.count++;
    return c;
  }

  private prune(map: Map<string, Counter>, now: number): void {
    for (const [k, c] of map) if (c.lockedUntil <= now && now - c.windowStart >= this.o.windowMs) map.delete(k);
    // Still full (a flood of distinct addresses): forget the oldest half rather than grow.
    if (map.size >= MAX_TRACKED) {
      let n = map.size / 2;
      for (const k of map.keys()) {
        if (n-- <= 0) break;
        map.delete(k);
      }
    }
  }

  /** Records one failure; `keyId` when the credential named an existing key. */
  fail(address: string, keyId: string | undefined, now = this.now()): void {
    const a = this.bump(this.addresses, address, now);
    if (a.count >= this.o.threshold && a.lockedUntil <= now) {
      const ms = Math.min(this.o.durationMs * 2 ** a.strikes, this.o.maxDurationMs);
      a.lockedUntil = now + ms;
      a.strikes++;
      a.count = 0;
      a.windowStart = now;
      this.onEvent({ kind: 'address_locked', subject: address, count: this.o.threshold, lockedForMs: ms });
    }
    if (keyId !== undefined) {
      const k = this.bump(this.keys, keyId, now);
      if (k.count === this.o.keyAlertThreshold) this.onEvent({ kind: 'key_failures', subject: keyId, count: k.count });
    }
  }
}

// Retention: after a tenant's retention period, a record's body (everything it said) is removed
// and only its leaf hash stays, so the chain, the Merkle tree, every signed checkpoint and every
// proof still verify. The EU AI Act requires deployers and providers to keep automatically
// generated logs for at least six months (Article 19(1), Article 26(6)); shorter periods are
// refused unless explicitly allowed (e.g. where other law requires it).

export const DEFAULT_RETENTION_DAYS = 400;
export const MIN_RETENTION_DAYS = 183;
const DAY_MS = 86_400_000;

export class RetentionError extends Error {}

export function validateRetention(days: number, allowShort: boolean): void {
  if (!Number.isSafeInteger(days) || days < 1) throw new RetentionError(`retention must be a whole number of days >= 1 (got ${days})`);
  if (days < MIN_RETENTION_DAYS && !allowShort) {
    throw new RetentionError(
      `retention of ${days} days is below the ${MIN_RETENTION_DAYS}-day minimum (EU AI Act Art. 19(1) and 26(6): logs kept at least six months); pass --allow-short-retention if another law requires it`,
    );
  }
}

export interface RetentionStore {
  policies(): Array<{ tenant: string; days: number }>;
  setPolicy(tenant: string, days: number, at: number): void;
  /**
   * Expires (blanks) records older than `cutoff` (ISO) for one tenant, or — with tenant null —
   * for every tenant without a policy (and records with no tenant). Returns how many and the
   * highest seq expired.
   */
  expire(tenant: string | null, cutoff: string, policyTenants: string[], at: number, limit?: number): { count: number; maxSeq: number };
}

export interface ExpiryRun {
  tenant: string;
  days: number;
  cutoff: string;
  count: number;
  maxSeq: number;
}

/**
 * Like applyRetention, in transactions of at most `chunk` records with the event loop free in
 * between: a first run over a large, old log must not stall a serving process.
 */
export async function applyRetentionInChunks(
  store: RetentionStore,
  defaultDays: number,
  chunk = 2000,
  now = Date.now(),
): Promise<ExpiryRun[]> {
  const policies = store.policies();
  const runs: ExpiryRun[] = [];
  for (const p of [...policies, { tenant: null as string | null, days: defaultDays }]) {
    const cutoff = new Date(now - p.days * DAY_MS).toISOString();
    const run: ExpiryRun = { tenant: p.tenant ?? '(default)', days: p.days, cutoff, count: 0, maxSeq: -1 };
    for (;;) {
      const r = store.expire(
        p.tenant,
        cutoff,
        policies.map((x) => x.tenant),
        now,
        chunk,
      );
      run.count += r.count;
      run.maxSeq = Math.max(run.maxSeq, r.maxSeq);
      if (r.count < chunk) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (run.count) runs.push(run);
  }
  return runs;
}

export function applyRetention(store: RetentionStore, defaultDays: number, now = Date.now()): ExpiryRun[] {
  const policies = store.policies();
  const runs: ExpiryRun[] = [];
  for (const p of [...policies, { tenant: null as string | null, days: defaultDays }]) {
    const cutoff = new Date(now - p.days * DAY_MS).toISOString();
    const r = store.expire(
      p.tenant,
      cutoff,
      policies.map((x) => x.tenant),
      now,
    );
    if (r.count) runs.push({ tenant: p.tenant ?? '(default)', days: p.days, cutoff, count: r.count, maxSeq: r.maxSeq });
  }
  return runs;
}

// Rate limits and quotas, O(1) per request. Requests use GCRA (the generic cell rate algorithm:
// one "theoretical arrival time" per bucket), which admits exactly `burst` back-to-back and then
// one per emission interval — correct at bucket boundaries, with no timers. Tokens are only known
// after the answer, so they are debited afterwards from the reported usage (streamed too): a
// caller is admitted while its token balance is positive and refused once it has spent it.
// State is per process; the scale-out issue supplies a shared store for replicas.

export const LIMIT_DIMENSIONS = ['key', 'user', 'tenant', 'model', 'endpoint', 'global'] as const;
export type LimitDimension = (typeof LIMIT_DIMENSIONS)[number];

export interface LimitRule {
  name: string;
  per: LimitDimension;
  /** Requests per interval (also the burst, unless `burst` is set). */
  requests?: number | undefined;
  burst?: number | undefined;
  /** Prompt + completion tokens per interval. */
  tokens?: number | undefined;
  intervalMs: number;
  /** Streams open at once. */
  concurrentStreams?: number | undefined;
  /** Tokens per calendar month (UTC). */
  monthlyTokens?: number | undefined;
  /** Only these values of the dimension (e.g. per model, only gpt-4o); all when absent. */
  only?: readonly string[] | undefined;
}

export type LimitSubject = Partial<Record<LimitDimension, string>>;

export interface LimitHeaders {
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

export type Admission =
  | { ok: true; headers: LimitHeaders; release: (usage: { tokens: number } | undefined) => void }
  | { ok: false; rule: string; kind: 'requests' | 'tokens' | 'streams' | 'monthly'; retryAfterMs: number; headers: LimitHeaders };

interface Bucket {
  /** GCRA theoretical arrival time (ms). */
  tat: number;
  /** Token balance and when it was last refilled. */
  tokens: number;
  tokensAt: number;
  streams: number;
  month: string;
  monthTokens: number;
}

const monthOf = (now: number) => new Date(now).toISOString().slice(0, 7);

/** Where monthly quota usage is kept so that a restart does not reset it. */
export interface QuotaStore {
  load(month: string): Array<{ rule: string; value: string; tokens: number }>;
  save(month: string, usage: Array<{ rule: string; value: string; tokens: number }>): void;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly dirty = new Set<string>();
  private persisted = new Map<string, number>();
  private persistedMonth = '';

  constructor(
    private readonly rules: readonly LimitRule[],
    private readonly now: () => number = Date.now,
    private readonly quotas?: QuotaStore,
  ) {}

  private loadQuotas(month: string): void {
    if (!this.quotas || this.persistedMonth === month) return;
    this.persistedMonth = month;
    this.persisted = new Map(this.quotas.load(month).map((u) => [`${u.rule}\u0000${u.value}`, u.tokens]));
  }

  /** Writes monthly usage changed since the last flush (call off the request path). */
  flushQuotas(): void {
    if (!this.quotas || !this.dirty.size) return;
    const byMonth = new Map<string, Array<{ rule: string; value: string; tokens: number }>>();
    for (const id of this.dirty) {
      const b = this.buckets.get(id);
      if (!b) continue;
      const [rule, value] = id.split('\u0000') as [string, string];
      const list = byMonth.get(b.month) ?? [];
      if (!byMonth.has(b.month)) byMonth.set(b.month, list);
      list.push({ rule, value, tokens: b.monthTokens });
    }
    this.dirty.clear();
    for (const [month, usage] of byMonth) this.quotas.save(month, usage);
  }

  private bucket(rule: LimitRule, value: string, now: number): Bucket {
    const id = `${rule.name}\u0000${value}`;
    let b = this.buckets.get(id);
    if (!b) {
      const month = monthOf(now);
      let monthTokens = 0;
      if (rule.monthlyTokens !== undefined) {
        this.loadQuotas(month);
        monthTokens = this.persisted.get(id) ?? 0;
      }
      b = { tat: now, tokens: rule.tokens ?? 0, tokensAt: now, streams: 0, month, monthTokens };
      this.buckets.set(id, b);
    }
    return b;
  }

  private refill(rule: LimitRule, b: Bucket, now: number): void {
    if (rule.tokens === undefined) return;
    b.tokens = Math.min(rule.tokens, b.tokens + ((now - b.tokensAt) * rule.tokens) / rule.intervalMs);
    b.tokensAt = now;
  }

  /** Checks every rule; admits only if all admit (and then charges the request to each). */
  admit(subject: LimitSubject, stream: boolean): Admission {
    const now = this.now();
    const applicable: Array<{ rule: LimitRule; b: Bucket }> = [];
    const headers: LimitHeaders = {};
    for (const rule of this.rules) {
      const value = rule.per === 'global' ? '*' : subject[rule.per];
      if (value === undefined || (rule.only && !rule.only.includes(value))) continue;
      const b = this.bucket(rule, value, now);
      if (b.month !== monthOf(now)) {
        b.month = monthOf(now);
        b.monthTokens = 0;
      }
      this.refill(rule, b, now);
      if (rule.requests !== undefined) {
        const emission = rule.intervalMs / rule.requests;
        const burst = rule.burst ?? rule.requests;
        const tat = Math.max(b.tat, now);
        const allowAt = tat + emission - burst * emission;
        const remaining = Math.max(0, Math.floor((now - allowAt) / emission));
        headers.limitRequests = Math.min(headers.limitRequests ?? Number.POSITIVE_INFINITY, burst);
        if (now < allowAt) {
          return {
            ok: false,
            rule: rule.name,
            kind: 'requests',
            retryAfterMs: Math.ceil(allowAt - now),
            headers: { ...headers, remainingRequests: 0, resetRequestsMs: Math.ceil(tat - now) },
          };
        }
        headers.remainingRequests = Math.min(headers.remainingRequests ?? Number.POSITIVE_INFINITY, remaining);
        headers.resetRequestsMs = Math.max(headers.resetRequestsMs ?? 0, Math.ceil(tat + emission - now));
      }
      if (rule.tokens !== undefined) {
        headers.limitTokens = rule.tokens;
        headers.remainingTokens = Math.max(0, Math.floor(b.tokens));
        if (b.tokens <= 0) {
          const wait = Math.ceil(((1 - b.tokens) * rule.intervalMs) / rule.tokens);
          return { ok: false, rule: rule.name, kind: 'tokens', retryAfterMs: wait, headers: { ...headers, resetTokensMs: wait } };
        }
      }
      if (stream && rule.concurrentStreams !== undefined && b.streams >= rule.concurrentStreams) {
        return { ok: false, rule: rule.name, kind: 'streams', retryAfterMs: 1000, headers };
      }
      if (rule.monthlyTokens !== undefined && b.monthTokens >= rule.monthlyTokens) {
        const next = new Date(now);
        const reset = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
        return { ok: false, rule: rule.name, kind: 'monthly', retryAfterMs: reset - now, headers };
      }
      applicable.push({ rule, b });
    }
    // Every rule admitted: charge the request.
    for (const { rule, b } of applicable) {
      if (rule.requests !== undefined) b.tat = Math.max(b.tat, now) + rule.intervalMs / rule.requests;
      if (stream && rule.concurrentStreams !== undefined) b.streams++;
    }
    let released = false;
    return {
      ok: true,
      headers,
      release: (usage) => {
        if (released) return;
        released = true;
        const at = this.now();
        for (const { rule, b } of applicable) {
          if (stream && rule.concurrentStreams !== undefined) b.streams--;
          if (usage && rule.tokens !== undefined) {
            this.refill(rule, b, at);
            b.tokens -= usage.tokens;
          }
          if (usage && rule.monthlyTokens !== undefined) {
            b.monthTokens += usage.tokens;
            this.dirty.add(`${rule.name}\u0000${rule.per === 'global' ? '*' : (subject[rule.per] as string)}`);
          }
        }
      },
    };
  }
}

/** OpenAI's reset format: "1s", "6m0s", "120ms". */
export function formatReset(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

export function limitHeaders(h: LimitHeaders, retryAfterMs?: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.limitRequests !== undefined && Number.isFinite(h.limitRequests)) out['x-ratelimit-limit-requests'] = String(h.limitRequests);
  if (h.remainingRequests !== undefined && Number.isFinite(h.remainingRequests))
    out['x-ratelimit-remaining-requests'] = String(h.remainingRequests);
  if (h.resetRequestsMs !== undefined) out['x-ratelimit-reset-requests'] = formatReset(h.resetRequestsMs);
  if (h.limitTokens !== undefined) out['x-ratelimit-limit-tokens'] = String(h.limitTokens);
  if (h.remainingTokens !== undefined) out['x-ratelimit-remaining-tokens'] = String(h.remainingTokens);
  if (h.resetTokensMs !== undefined) out['x-ratelimit-reset-tokens'] = formatReset(h.resetTokensMs);
  if (retryAfterMs !== undefined) {
    out['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    out['retry-after-ms'] = String(Math.max(1, Math.ceil(retryAfterMs)));
  }
  return out;
}

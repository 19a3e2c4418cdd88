import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReset, limitHeaders, RateLimiter } from './rate-limit.js';

function clock(start = Date.UTC(2026, 0, 31, 23, 59, 0)) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('GCRA request limits', () => {
  it('admits exactly the burst at one instant, then one per emission interval', () => {
    const c = clock();
    const rl = new RateLimiter([{ name: 'r', per: 'key', requests: 5, intervalMs: 1000 }], c.now);
    const results = Array.from({ length: 6 }, () => rl.admit({ key: 'k' }, false).ok);
    assert.deepEqual(results, [true, true, true, true, true, false]);
    const refused = rl.admit({ key: 'k' }, false);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.retryAfterMs, 200);
    c.t += 199;
    assert.equal(rl.admit({ key: 'k' }, false).ok, false, 'one millisecond early');
    c.t += 1;
    assert.equal(rl.admit({ key: 'k' }, false).ok, true, 'exactly on time');
    assert.equal(rl.admit({ key: 'other' }, false).ok, true, 'keys have their own buckets');
  });
  it('reports remaining requests and refuses without charging', () => {
    const c = clock();
    const rl = new RateLimiter(
      [
        { name: 'per-key', per: 'key', requests: 10, intervalMs: 1000 },
        { name: 'per-model', per: 'model', requests: 2, intervalMs: 1000 },
      ],
      c.now,
    );
    const a = rl.admit({ key: 'k', model: 'm' }, false);
    assert.ok(a.ok);
    assert.equal(a.headers.remainingRequests, 1);
    assert.ok(rl.admit({ key: 'k', model: 'm' }, false).ok);
    const r = rl.admit({ key: 'k', model: 'm' }, false);
    assert.equal(!r.ok && r.rule, 'per-model');
    // The refusal by per-model did not use up per-key.
    let n = 0;
    while (rl.admit({ key: 'k', model: `m${n}` }, false).ok) n++;
    assert.equal(n, 8);
  });
});

describe('token limits, streams and quotas', () => {
  it('debits tokens from usage after the answer and refuses once spent, refilling over time', () => {
    const c = clock();
    const rl = new RateLimiter([{ name: 't', per: 'user', tokens: 100, intervalMs: 10_000 }], c.now);
    const a = rl.admit({ user: 'u' }, true);
    assert.ok(a.ok);
    a.release({ tokens: 150 });
    const r = rl.admit({ user: 'u' }, false);
    assert.equal(!r.ok && r.kind, 'tokens');
    c.t += 5_100; // refills 51 tokens: balance back above zero
    assert.ok(rl.admit({ user: 'u' }, false).ok);
  });
  it('caps concurrent streams and frees the slot on release', () => {
    const rl = new RateLimiter([{ name: 's', per: 'key', concurrentStreams: 1, intervalMs: 1000 }]);
    const a = rl.admit({ key: 'k' }, true);
    assert.ok(a.ok);
    assert.equal(rl.admit({ key: 'k' }, true).ok, false);
    assert.ok(rl.admit({ key: 'k' }, false).ok, 'non-streamed requests are not streams');
    a.release(undefined);
    a.release(undefined);
    assert.ok(rl.admit({ key: 'k' }, true).ok);
  });
  it('enforces a monthly quota and resets it with the calendar month (UTC)', () => {
    const c = clock();
    const rl = new RateLimiter([{ name: 'q', per: 'tenant', monthlyTokens: 1000, intervalMs: 60_000 }], c.now);
    const a = rl.admit({ tenant: 't' }, false);
    assert.ok(a.ok);
    a.release({ tokens: 1000 });
    const r = rl.admit({ tenant: 't' }, false);
    assert.equal(!r.ok && r.kind, 'monthly');
    assert.equal(!r.ok && r.retryAfterMs, 60_000, 'until 1 February 00:00 UTC');
    c.t += 60_000;
    assert.ok(rl.admit({ tenant: 't' }, false).ok);
  });
});

describe('headers', () => {
  it('uses the formats OpenAI clients read', () => {
    assert.equal(formatReset(120), '120ms');
    assert.equal(formatReset(1500), '2s');
    assert.equal(formatReset(360_000), '6m0s');
    assert.deepEqual(limitHeaders({ limitRequests: 5, remainingRequests: 0, resetRequestsMs: 200 }, 200), {
      'x-ratelimit-limit-requests': '5',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '200ms',
      'retry-after': '1',
      'retry-after-ms': '200',
    });
  });
});

describe('only', () => {
  it('limits just the listed values of the dimension', () => {
    const rl = new RateLimiter([{ name: 'gpt4', per: 'model', only: ['gpt-4o'], requests: 1, intervalMs: 60_000 }]);
    assert.ok(rl.admit({ model: 'gpt-4o' }, false).ok);
    assert.equal(rl.admit({ model: 'gpt-4o' }, false).ok, false);
    for (let i = 0; i < 5; i++) assert.ok(rl.admit({ model: 'gpt-4o-mini' }, false).ok);
  });
});

describe('quota persistence', () => {
  it('a restarted limiter keeps the month spent so far', () => {
    const saved = new Map<string, number>();
    const store = {
      load: (month: string) =>
        [...saved]
          .filter(([k]) => k.startsWith(`${month}|`))
          .map(([k, tokens]) => {
            const [, rule, value] = k.split('|') as [string, string, string];
            return { rule, value, tokens };
          }),
      save: (month: string, usage: Array<{ rule: string; value: string; tokens: number }>) => {
        for (const u of usage) saved.set(`${month}|${u.rule}|${u.value}`, u.tokens);
      },
    };
    const rule = { name: 'q', per: 'tenant' as const, monthlyTokens: 100, intervalMs: 60_000 };
    const first = new RateLimiter([rule], Date.now, store);
    const a = first.admit({ tenant: 'acme' }, false);
    assert.ok(a.ok);
    a.release({ tokens: 120 });
    first.flushQuotas();
    const restarted = new RateLimiter([rule], Date.now, store);
    const r = restarted.admit({ tenant: 'acme' }, false);
    assert.equal(!r.ok && r.kind, 'monthly');
    assert.ok(restarted.admit({ tenant: 'other' }, false).ok);
  });
});

// Applies the configured limits (per key, user, tenant, model, endpoint or globally) and debits
// tokens from the reported usage once the answer is complete, streamed or not. Every answer
// carries x-ratelimit-* headers in the convention OpenAI clients read; refusals add Retry-After.
// Stops with: 429 rate_limit_exceeded (requests, tokens, concurrent streams) | quota_exceeded (monthly).
import { limitHeaders, type RateLimiter } from '../../control/rate-limit.js';
import { GatehouseError } from '../../errors.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export const rateLimit = ({ limiter }: { limiter: RateLimiter }) =>
  async function rateLimit(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const id = ex.identity;
    const stream = ex.request?.kind === 'chat' && ex.request.stream;
    const a = limiter.admit(
      { key: id?.keyId, user: id?.userId, tenant: id?.tenant, model: ex.route?.model, endpoint: ex.endpoint, global: '*' },
      stream,
    );
    if (!a.ok) {
      Object.assign(ex.responseHeaders, limitHeaders(a.headers, a.retryAfterMs));
      decide(ex, 'rate_limit', 'deny', `${a.rule}: ${a.kind}`, start);
      throw a.kind === 'monthly'
        ? new GatehouseError('quota_exceeded', `monthly token quota "${a.rule}" is used up`, { internal: a.rule })
        : new GatehouseError(
            'rate_limit_exceeded',
            `rate limit "${a.rule}" reached (${a.kind}); retry after ${Math.ceil(a.retryAfterMs / 1000)} s`,
            {
              internal: a.rule,
            },
          );
    }
    Object.assign(ex.responseHeaders, limitHeaders(a.headers));
    decide(ex, 'rate_limit', 'allow', 'within limits', start);
    try {
      await next();
    } finally {
      a.release(ex.usage ? { tokens: ex.usage.inputTokens + ex.usage.outputTokens } : undefined);
    }
  };

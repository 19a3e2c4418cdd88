// Reachability probe for /readyz: can we open a connection to the upstream and get any HTTP
// answer (even 401/404 means "reachable")? Cached, so a readiness poller cannot turn into
// load on the upstream, and bounded by a short timeout.
import type { Pool } from 'undici';

export function createProbe(pool: Pool, path: string, ttlMs = 5000, timeoutMs = 2000): () => Promise<{ ok: boolean; detail?: string }> {
  let last: { at: number; result: { ok: boolean; detail?: string } } | undefined;
  let inflight: Promise<{ ok: boolean; detail?: string }> | undefined;
  return () => {
    if (pool.closed || pool.destroyed) return Promise.resolve({ ok: false, detail: 'closed' });
    if (last && Date.now() - last.at < ttlMs) return Promise.resolve(last.result);
    inflight ??= pool
      .request({ path, method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) })
      .then(
        async (res) => {
          await res.body.dump();
          return { ok: true };
        },
        (err: { code?: string; message?: string }) => ({ ok: false, detail: err.code ?? err.message ?? 'unreachable' }),
      )
      .then((result) => {
        last = { at: Date.now(), result };
        inflight = undefined;
        return result;
      });
    return inflight;
  };
}

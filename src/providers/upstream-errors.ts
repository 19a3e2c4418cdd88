// Maps what can go wrong talking to an upstream onto the gateway's error codes, keeping the
// upstream's own words in the internal detail (audit) and out of the caller's message.
import { GatehouseError } from '../errors.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

export function transportError(err: unknown, provider: string): GatehouseError {
  if (err instanceof GatehouseError) return err;
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.name === 'AbortError' || e?.code === 'UND_ERR_ABORTED') {
    return new GatehouseError('client_closed', 'client closed the request', { internal: `${provider}: aborted` });
  }
  if (e?.code && TIMEOUT_CODES.has(e.code)) {
    return new GatehouseError('upstream_timeout', `upstream provider "${provider}" timed out`, {
      internal: `${provider}: ${e.code}`,
    });
  }
  return new GatehouseError('upstream_unavailable', `upstream provider "${provider}" is unavailable`, {
    internal: `${provider}: ${e?.code ?? e?.name ?? 'error'}: ${e?.message ?? String(err)}`,
  });
}

export function statusError(status: number, bodyText: string, provider: string): GatehouseError {
  return new GatehouseError('upstream_error', `upstream provider "${provider}" returned HTTP ${status}`, {
    upstreamStatus: status,
    internal: `${provider}: HTTP ${status}: ${bodyText.slice(0, 500)}`,
  });
}

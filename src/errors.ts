// One error type for the whole gateway. A closed set of codes maps to HTTP statuses in one
// exhaustive table (tRPC/undici style); dialects render the public message in their own shape,
// the audit record keeps the internal detail. Unknown throwables are normalized once, at the edge.

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'model_not_found'
  | 'missing_key'
  | 'invalid_key'
  | 'expired_key'
  | 'revoked_key'
  | 'forbidden'
  | 'model_not_allowed'
  | 'endpoint_not_allowed'
  | 'feature_not_allowed'
  | 'tool_not_allowed'
  | 'mfa_required'
  | 'invalid_token'
  | 'auth_locked'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'audit_unavailable'
  | 'kill_switch'
  | 'rate_limit_exceeded'
  | 'quota_exceeded'
  | 'content_policy_violation'
  | 'scanner_unavailable'
  | 'client_closed'
  | 'internal_error';

export const STATUS_BY_CODE = {
  invalid_json: 400,
  invalid_request: 400,
  payload_too_large: 413,
  not_found: 404,
  method_not_allowed: 405,
  model_not_found: 404,
  missing_key: 401,
  invalid_key: 401,
  expired_key: 401,
  revoked_key: 401,
  forbidden: 403,
  model_not_allowed: 403,
  endpoint_not_allowed: 403,
  feature_not_allowed: 403,
  tool_not_allowed: 403,
  // Admin actions of an MFA-enrolled user need a session opened with a TOTP code.
  mfa_required: 403,
  invalid_token: 401,
  // Too many authentication failures from this address: back off (Retry-After), fail closed.
  auth_locked: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  upstream_unavailable: 502,
  audit_unavailable: 503,
  kill_switch: 503,
  rate_limit_exceeded: 429,
  quota_exceeded: 429,
  // OpenAI's own code and status for content refused by policy; the SDKs raise BadRequestError.
  content_policy_violation: 400,
  // A scanner failed and the policy fails closed.
  scanner_unavailable: 503,
  // 499 is nginx's "client closed request"; it never reaches the client, only the audit trail.
  client_closed: 499,
  internal_error: 500,
} as const satisfies Record<ErrorCode, number>;

export interface GatehouseErrorOptions {
  /** Internal detail for the audit trail and logs; never sent to the caller. */
  internal?: string;
  /** Machine-readable details safe to show the caller (e.g. the offending field). */
  details?: Record<string, unknown>;
  /** Status reported by an upstream provider, recorded in the audit trail. */
  upstreamStatus?: number;
  cause?: unknown;
}

export class GatehouseError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly internal: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly upstreamStatus: number | undefined;

  constructor(code: ErrorCode, publicMessage: string, options: GatehouseErrorOptions = {}) {
    super(publicMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatehouseError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.internal = options.internal;
    this.details = options.details;
    this.upstreamStatus = options.upstreamStatus;
  }
}

/** Turns anything thrown into a GatehouseError without leaking its message to callers. */
export function normalizeError(err: unknown): GatehouseError {
  if (err instanceof GatehouseError) return err;
  const internal = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new GatehouseError('internal_error', 'internal error', { internal, cause: err });
}

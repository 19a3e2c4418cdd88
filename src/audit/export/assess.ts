// What every export format derives the same way from an audit record: the outcome and its
// severity on each format's scale, the decision chain as one line, the client as an address or
// a name, and the event time. One place, so a CEF line, a syslog message and an OCSF event about
// the same record never disagree.
import { isIP } from 'node:net';
import type { AuditRecord, DecisionEntry } from '../record.js';

export interface Assessment {
  success: boolean;
  /** ArcSight CEF Severity, 0-10 (0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High). */
  cef: number;
  /** RFC 5424 §6.2.1 severity: 3 err, 4 warning, 5 notice, 6 informational. */
  syslog: number;
  /** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
  ocsf: number;
}

// Error codes (src/errors.ts) whose 401 means a credential was presented and refused (a guessed,
// leaked or revoked key), as opposed to one that was missing or merely expired.
const BAD_CREDENTIAL = new Set(['invalid_key', 'revoked_key']);
// 403 codes that come from the identity layer (role, model or endpoint not granted). Any other
// 403 is a content or policy block, a stronger signal: someone sent something a rule stopped.
const AUTHZ_DENIAL = new Set(['forbidden', 'model_not_allowed', 'endpoint_not_allowed']);

/**
 * CEF severity of a record. The table, in the order it is checked:
 *
 * | record                                              | CEF | why                                        |
 * |-----------------------------------------------------|-----|--------------------------------------------|
 * | admin action (kind `admin`), success                | 3   | a change to who can do what                |
 * | request to the admin API, success                   | 2   | privileged read                            |
 * | any other success (status 100-399)                  | 1   | normal traffic                             |
 * | 499 client closed the request                       | 2   | not a security event                       |
 * | 401 invalid_key / revoked_key                       | 6   | a real credential was refused              |
 * | 401 otherwise (missing, expired key)                | 5   | authentication failure                     |
 * | 403 identity denial (forbidden, model/endpoint)     | 6   | authenticated but out of scope             |
 * | 403 otherwise (policy or scanner block)             | 7   | a rule stopped content                     |
 * | 429 rate limit or quota                             | 4   | possible abuse, usually benign             |
 * | other 4xx (400, 404, 405, 413)                      | 3   | malformed or probing requests              |
 * | 502 / 504 upstream error or timeout                 | 4   | availability, not integrity                |
 * | 503 audit_unavailable                               | 7   | the audit trail itself is degraded         |
 * | other 5xx                                           | 6   | gateway fault                              |
 * | anything else (status outside 100-599)              | 5   | unexpected; look at it                     |
 */
export function cefSeverity(r: AuditRecord): number {
  const s = r.status;
  const code = r.error?.code ?? '';
  if (s >= 100 && s < 400) return r.kind === 'admin' ? 3 : r.endpoint === 'admin' ? 2 : 1;
  if (s === 499) return 2;
  if (s === 401) return BAD_CREDENTIAL.has(code) ? 6 : 5;
  if (s === 403) return AUTHZ_DENIAL.has(code) ? 6 : 7;
  if (s === 429) return 4;
  if (s >= 400 && s < 500) return 3;
  if (s === 502 || s === 504) return 4;
  if (s === 503 && code === 'audit_unavailable') return 7;
  if (s >= 500 && s < 600) return 6;
  return 5;
}

export function assess(r: AuditRecord): Assessment {
  const success = r.status >= 100 && r.status < 400;
  const cef = cefSeverity(r);
  // RFC 5424 severities as specified for Gatehouse: admin actions are "notice" (5) because they
  // change the gateway's state; requests are informational (6) on success, warning (4) when the
  // client is refused, error (3) when the gateway or its upstream failed.
  const syslog = success ? (r.kind === 'admin' ? 5 : 6) : r.status >= 500 && r.status < 600 ? 3 : 4;
  // OCSF severity_id follows the CEF bands (0-1 Informational, 2-3 Low, 4-6 Medium, 7-8 High).
  const ocsf = cef <= 1 ? 1 : cef <= 3 ? 2 : cef <= 6 ? 3 : cef <= 8 ? 4 : 5;
  return { success, cef, syslog, ocsf };
}

// Percent-encodes the summary's own delimiters inside a stage name or reason, so a reason such
// as `x),authorize:allow` cannot forge an extra "allow" entry in the one-line chain.
function part(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '%' || ch === ',' || ch === ':' || ch === '(' || ch === ')') out += `%${ch.charCodeAt(0).toString(16).toUpperCase()}`;
    else out += ch;
  }
  return out;
}

/**
 * The decision chain on one line: `authenticate:allow,authorize:deny(key lacks scope)`. Reasons
 * are kept only for deny and error verdicts (the ones an analyst reads); the full chain, with
 * timings, is in the record itself.
 */
export function decisionSummary(decisions: readonly DecisionEntry[]): string {
  return decisions
    .map((d) => {
      const head = `${part(d.stage)}:${part(d.verdict)}`;
      return d.verdict === 'deny' || d.verdict === 'error' ? `${head}(${part(d.reason)})` : head;
    })
    .join(',');
}

/**
 * The action the gateway took, for CEF `act`: the admin action's name; else the first deny or
 * error as `deny:<stage>`; else `allow` when some stage allowed; else null (no decision made,
 * e.g. an unknown route).
 */
export function finalAction(r: AuditRecord): string | null {
  if (r.kind === 'admin') return r.action?.name ?? null;
  for (const d of r.decisions) if (d.verdict === 'deny' || d.verdict === 'error') return `${d.verdict}:${d.stage}`;
  return r.decisions.some((d) => d.verdict === 'allow') ? 'allow' : null;
}

/**
 * The client as an IP address when it is one (IPv4-mapped IPv6 such as `::ffff:10.0.0.1` is
 * reported as the IPv4 address), otherwise as a name: `client` may come from X-Forwarded-For,
 * so it is only called an address when it parses as one.
 */
export function clientEndpoint(client: string | null): { ip: string; version: 4 | 6 } | { name: string } | null {
  if (!client) return null;
  const mapped = client.length > 7 && client.slice(0, 7).toLowerCase() === '::ffff:' ? client.slice(7) : null;
  if (mapped !== null && isIP(mapped) === 4) return { ip: mapped, version: 4 };
  const v = isIP(client);
  return v === 4 || v === 6 ? { ip: client, version: v } : { name: client };
}

/** Milliseconds since the epoch for the record's ISO timestamp, or null if it does not parse. */
export function epochMs(ts: string): number | null {
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? ms : null;
}

/** The model the gateway actually called (falling back to the one the client asked for). */
export function modelName(r: AuditRecord): string | null {
  return r.upstream_model ?? r.model_requested ?? r.model_resolved;
}

/** A one-line human title: `POST /v1/chat/completions 200`, or the admin action's name. */
export function title(r: AuditRecord): string {
  if (r.kind === 'admin') return r.action?.name ?? 'admin';
  return `${r.method ?? '-'} ${r.path ?? '-'} ${r.status}`;
}

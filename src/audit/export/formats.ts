// Audit record exporters for SIEMs and log pipelines: pure encoders (record in, string or object
// out, no I/O), one per format. Sinks (files, syslog over TLS, HEC over HTTPS) live elsewhere and
// only move the bytes these produce. Every record field is treated as attacker-influenced text.
import { canonicalize } from '../canonical.js';
import type { AuditRecord } from '../record.js';

export { type Assessment, assess, cefSeverity, decisionSummary } from './assess.js';
export { type CefOptions, escapeCefHeader, escapeCefValue, toCef } from './cef.js';
export { type ApiActivityId, apiActivityId, OCSF_VERSION, type OcsfApiActivity, type OcsfOptions, toOcsfApiActivity } from './ocsf.js';
export { type HecEvent, joinHecBatch, type SplunkHecOptions, toSplunkHec } from './splunk.js';
export { escapeParamValue, frameOctetCounting, type Rfc5424Options, toRfc5424 } from './syslog.js';

/**
 * The record's canonical JSON (RFC 8785 subset, see canonical.ts): exactly the bytes hashed into
 * the Merkle leaf, so a JSONL copy can be re-verified line by line. No trailing newline; the
 * sink adds the line separator.
 */
export function toJsonLine(record: AuditRecord): string {
  return canonicalize(record);
}

// ArcSight Common Event Format (Implementing ArcSight CEF, revisions 23/25): one line per audit
// record, without a syslog prefix (the transport adds one if it wants):
//   CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|key=value key=value ...
// Extension keys are the dictionary's own (as generated into elastic/beats decode_cef keys.go);
// Gatehouse-specific values go in the cs*/cn*/flexString* slots, always with their Label, so a
// SIEM shows "tenant" rather than "deviceCustomString1".
import { canonicalize } from '../canonical.js';
import type { AuditRecord } from '../record.js';
import { assess, clientEndpoint, decisionSummary, epochMs, finalAction, title } from './assess.js';
import { clean, truncate } from './text.js';

export interface CefOptions {
  /** Device Vendor (≤63 characters). */
  vendor?: string;
  /** Device Product (≤63 characters). */
  product?: string;
  /** Device Version (≤31 characters); the composition root passes the package version. */
  version?: string;
}

// Header limits from the CEF guide: vendor 63, product 63, version 31, event class id 1023,
// name 512.
const LIMIT = { vendor: 63, product: 63, version: 31, signature: 1023, name: 512 } as const;

/**
 * A header field: CR and LF become spaces (a header must stay on one line and has no escape for
 * them), other controls become U+FFFD (see `clean`); then `\` → `\\` and `|` → `\|`.
 */
export function escapeCefHeader(value: string, max: number): string {
  const v = truncate(clean(value, 'space'), max);
  let out = '';
  for (const ch of v) out += ch === '\\' ? '\\\\' : ch === '|' ? '\\|' : ch;
  return out;
}

/**
 * An extension value: `\` → `\\`, `=` → `\=`, LF → `\n`, CR → `\r`; pipes are not escaped (the
 * header is already closed). Other controls become U+FFFD first (see `clean`): CEF defines no
 * escape for them, and a raw TAB or NUL breaks real parsers.
 */
export function escapeCefValue(value: string, max: number): string {
  const v = truncate(clean(value, 'keep'), max);
  let out = '';
  for (const ch of v) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '=') out += '\\=';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else out += ch;
  }
  return out;
}

type Value = string | number | null | undefined;

/** One extension entry: key, value, limit from the CEF key table (strings), label if custom. */
interface Entry {
  key: string;
  value: Value;
  max?: number;
  label?: string;
}

// Limits from the CEF key table: most strings 1023; act, outcome 63; app 31; externalId 40;
// cs1-cs6 4000; flexString 1023 with labels ≤128.
function extension(entries: readonly Entry[]): string {
  const out: string[] = [];
  for (const { key, value, max = 1023, label } of entries) {
    if (value === null || value === undefined) continue;
    let text: string;
    if (typeof value === 'number') {
      // Integer fields (in, out, cnN, rt); anything else is not representable and is dropped.
      if (!Number.isSafeInteger(value)) continue;
      text = String(value);
    } else {
      text = escapeCefValue(value, max);
      if (text === '') continue;
    }
    if (label !== undefined) out.push(`${key}Label=${escapeCefValue(label, key.startsWith('flexString') ? 128 : 1023)}`);
    out.push(`${key}=${text}`);
  }
  return out.join(' ');
}

/**
 * One CEF:0 line for an audit record.
 * - Signature ID: `request`, or `admin:<action>` (e.g. `admin:key.create`).
 * - Name: `POST /v1/chat/completions 200`, or the action name.
 * - Severity: see `cefSeverity` in assess.ts.
 * Input and output hashes go in flexString1/2, not `fileHash`: that key means "hash of a file"
 * and SIEMs match it against malware intelligence.
 * `in`/`out` carry token counts (CEF names them bytesIn/bytesOut; the labels are fixed by the
 * dictionary, so a consumer must know that for Gatehouse they count tokens).
 */
export function toCef(record: AuditRecord, opts: CefOptions = {}): string {
  const { vendor = 'Gatehouse', product = 'Gatehouse', version = 'unknown' } = opts;
  const a = assess(record);
  const signature = record.kind === 'admin' ? `admin:${record.action?.name ?? 'unknown'}` : 'request';
  const header = [
    'CEF:0',
    escapeCefHeader(vendor, LIMIT.vendor),
    escapeCefHeader(product, LIMIT.product),
    escapeCefHeader(version, LIMIT.version),
    escapeCefHeader(signature, LIMIT.signature),
    escapeCefHeader(title(record), LIMIT.name),
    String(a.cef),
  ].join('|');

  const client = clientEndpoint(record.client);
  const action = record.action;
  // Error detail for requests; for admin actions, what was done to what.
  const msg = action ? canonicalize({ target: action.target, details: action.details }) : (record.error?.detail ?? null);
  const ext = extension([
    { key: 'rt', value: epochMs(record.ts) },
    { key: 'externalId', value: record.id, max: 40 },
    { key: 'cat', value: record.kind },
    { key: 'suser', value: record.user },
    { key: 'suid', value: record.key_id },
    client && 'ip' in client ? { key: 'src', value: client.ip } : { key: 'shost', value: client?.name },
    { key: 'requestMethod', value: record.method },
    { key: 'request', value: record.path },
    { key: 'app', value: record.dialect, max: 31 },
    { key: 'outcome', value: a.success ? 'success' : 'failure', max: 63 },
    { key: 'reason', value: record.error?.code },
    { key: 'act', value: finalAction(record), max: 63 },
    { key: 'in', value: record.usage?.input_tokens },
    { key: 'out', value: record.usage?.output_tokens },
    { key: 'msg', value: msg },
    { key: 'cs1', value: record.tenant, max: 4000, label: 'tenant' },
    { key: 'cs2', value: record.model_requested, max: 4000, label: 'modelRequested' },
    { key: 'cs3', value: record.model_resolved, max: 4000, label: 'modelResolved' },
    { key: 'cs4', value: record.provider, max: 4000, label: 'provider' },
    { key: 'cs5', value: record.prompt_version, max: 4000, label: 'promptVersion' },
    { key: 'cs6', value: decisionSummary(record.decisions), max: 4000, label: 'decisions' },
    { key: 'cn1', value: record.status, label: 'httpStatus' },
    { key: 'cn2', value: record.latency_us, label: 'latencyUs' },
    { key: 'cn3', value: record.seq, label: 'logSeq' },
    { key: 'flexString1', value: record.input_sha256, label: 'inputSha256' },
    { key: 'flexString2', value: record.output_sha256, label: 'outputSha256' },
  ]);
  return `${header}|${ext}`;
}

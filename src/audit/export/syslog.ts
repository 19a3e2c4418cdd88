// RFC 5424 syslog messages and RFC 6587 octet-counting framing for audit records:
//   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [gatehouse@PEN name="value" ...] BOM{json}
// The structured data carries the fields a collector indexes; MSG carries the record's
// canonical JSON (the exact leaf bytes), so nothing is lost to the SD value limit.
import { canonicalize } from '../canonical.js';
import type { AuditRecord } from '../record.js';
import { assess, decisionSummary, epochMs } from './assess.js';
import { clean, printableAscii, truncate } from './text.js';

export interface Rfc5424Options {
  /** HOSTNAME (≤255 printable ASCII); NILVALUE `-` when absent. Pass os.hostname(). */
  hostname?: string;
  /** APP-NAME (≤48). */
  appName?: string;
  /** PROCID (≤128); NILVALUE when absent. Pass process.pid. */
  procId?: string | number;
  /** MSGID (≤32); derived from the record when absent: the endpoint, or the admin action. */
  msgId?: string;
  /** 0-23; 13 is "log audit" (RFC 5424 §6.2.1). */
  facility?: number;
  /** Private Enterprise Number in the SD-ID; 32473 is reserved for documentation (RFC 5612). */
  enterpriseId?: number | string;
  /** Longest PARAM-VALUE kept, in UTF-16 code units (the full value is in MSG). Default 1024. */
  maxParamLength?: number;
}

/** The UTF-8 byte order mark that announces a UTF-8 MSG (RFC 5424 §6.4). */
const BOM = '\uFEFF';

// RFC 5424 §6: HOSTNAME 1*255, APP-NAME 1*48, PROCID 1*128, MSGID 1*32.
const MAX = { hostname: 255, appName: 48, procId: 128, msgId: 32 } as const;

/**
 * A PARAM-VALUE (RFC 5424 §6.3.3): `"`, `\` and `]` MUST be escaped with a backslash; nothing
 * else may be (a backslash before any other character is read literally). Controls, CR and LF
 * become U+FFFD first: many collectors split on LF whatever the framing, and the exact value
 * survives in MSG.
 */
export function escapeParamValue(value: string, max: number): string {
  const v = truncate(clean(value, 'replace'), max);
  let out = '';
  for (const ch of v) out += ch === '"' || ch === '\\' || ch === ']' ? `\\${ch}` : ch;
  return out;
}

/** RFC 3339 timestamp (§6.2.3): UTC, `Z`, 3 fractional digits; NILVALUE if unusable. */
function timestamp(ts: string): string {
  const ms = epochMs(ts);
  if (ms === null) return '-';
  const iso = new Date(ms).toISOString();
  // toISOString writes years beyond 0000-9999 as ±YYYYYY, which RFC 3339 cannot express.
  return iso.length === 24 ? iso : '-';
}

function checkOptions(facility: number, pen: string): void {
  if (!Number.isInteger(facility) || facility < 0 || facility > 23) throw new RangeError(`syslog facility must be 0-23, got ${facility}`);
  // RFC 5424 §7.2.2: the enterprise number is digits, optionally with dotted sub-identifiers.
  let ok = pen.length > 0 && pen[0] !== '.' && pen[pen.length - 1] !== '.';
  for (let i = 0; ok && i < pen.length; i++) {
    const c = pen.charCodeAt(i);
    ok = (c >= 48 && c <= 57) || (c === 46 && pen[i - 1] !== '.');
  }
  if (!ok) throw new RangeError(`syslog enterpriseId must be a private enterprise number, got "${pen}"`);
}

type Param = readonly [name: string, value: string | number | boolean | null | undefined];

/**
 * One RFC 5424 message (no framing; see `frameOctetCounting`).
 * PRI = facility × 8 + severity, with severity from `assess`: 6 informational for a successful
 * request, 5 notice for an admin action, 4 warning for a refused request, 3 error for a 5xx.
 */
export function toRfc5424(record: AuditRecord, opts: Rfc5424Options = {}): string {
  const facility = opts.facility ?? 13;
  const pen = String(opts.enterpriseId ?? 32473);
  checkOptions(facility, pen);
  const maxValue = opts.maxParamLength ?? 1024;
  const a = assess(record);
  const derivedMsgId = record.kind === 'admin' ? (record.action?.name ?? 'admin') : (record.endpoint ?? 'request');
  const header = [
    `<${facility * 8 + a.syslog}>1`,
    timestamp(record.ts),
    printableAscii(opts.hostname, MAX.hostname),
    printableAscii(opts.appName ?? 'gatehouse', MAX.appName),
    printableAscii(opts.procId === undefined ? undefined : String(opts.procId), MAX.procId),
    printableAscii(opts.msgId ?? derivedMsgId, MAX.msgId),
  ].join(' ');

  // PARAM-NAMEs are the record's own field names: all ≤32 printable ASCII characters without
  // `=`, `]`, `"` or space, as SD-NAME requires.
  const params: Param[] = [
    ['id', record.id],
    ['seq', record.seq],
    ['kind', record.kind],
    ['tenant', record.tenant],
    ['user', record.user],
    ['key_id', record.key_id],
    ['client', record.client],
    ['method', record.method],
    ['path', record.path],
    ['endpoint', record.endpoint],
    ['dialect', record.dialect],
    ['model_requested', record.model_requested],
    ['provider', record.provider],
    ['upstream_model', record.upstream_model],
    ['model_resolved', record.model_resolved],
    ['prompt_version', record.prompt_version],
    ['status', record.status],
    ['upstream_status', record.upstream_status],
    ['latency_us', record.latency_us],
    ['outcome', a.success ? 'success' : 'failure'],
    ['error_code', record.error?.code],
    ['input_tokens', record.usage?.input_tokens],
    ['output_tokens', record.usage?.output_tokens],
    ['decisions', record.decisions.length ? decisionSummary(record.decisions) : null],
    ['action', record.action?.name],
    ['target', record.action?.target],
  ];
  let sd = `[gatehouse@${pen}`;
  for (const [name, value] of params) {
    if (value === null || value === undefined) continue;
    sd += ` ${name}="${escapeParamValue(String(value), maxValue)}"`;
  }
  sd += ']';
  return `${header} ${sd} ${BOM}${canonicalize(record)}`;
}

/**
 * RFC 6587 §3.4.1 octet-counting frame: `MSG-LEN SP SYSLOG-MSG`, where MSG-LEN is the number of
 * octets of the UTF-8 message in decimal without leading zeros. Required over TLS (RFC 5425)
 * and the only TCP framing that survives a newline inside a message.
 */
export function frameOctetCounting(msg: string): Buffer {
  const body = Buffer.from(msg, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

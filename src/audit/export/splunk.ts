// Splunk HTTP Event Collector payloads (help.splunk.com, "Format events for HTTP Event
// Collector"): one JSON object per audit record for /services/collector/event, whose `event` is
// the record itself and whose `fields` are indexed fields for fast filtering. A batch is the
// objects concatenated, not a JSON array.
import type { AuditRecord } from '../record.js';
import { epochMs, modelName } from './assess.js';

export interface SplunkHecOptions {
  host?: string;
  source?: string;
  sourcetype?: string;
  /** Target index; omitted so the token's default index applies. */
  index?: string;
}

export interface HecEvent {
  /** Epoch seconds with millisecond fraction; omitted (Splunk uses receipt time) if ts is unusable. */
  time?: number;
  host?: string;
  source: string;
  sourcetype: string;
  index?: string;
  event: AuditRecord;
  /** Indexed fields: HEC accepts only strings and numbers (or arrays of them) here, never objects. */
  fields: Record<string, string | number>;
}

export function toSplunkHec(record: AuditRecord, opts: SplunkHecOptions = {}): HecEvent {
  const { host, source = 'gatehouse:audit', sourcetype = 'gatehouse:audit', index } = opts;
  const fields: Record<string, string | number> = {};
  const indexed: Record<string, string | number | null> = {
    tenant: record.tenant,
    key_id: record.key_id,
    status: record.status,
    model: modelName(record),
  };
  for (const [k, v] of Object.entries(indexed)) if (v !== null) fields[k] = v;

  const ms = epochMs(record.ts);
  // In the order of Splunk's documented examples. ms / 1000 keeps the millisecond fraction as
  // JSON prints it: 1767323045678 / 1000 is 1767323045.678.
  return {
    ...(ms !== null && { time: ms / 1000 }),
    ...(host !== undefined && { host }),
    source,
    sourcetype,
    ...(index !== undefined && { index }),
    event: record,
    fields,
  };
}

/**
 * A request body for /services/collector/event: the events' JSON concatenated with nothing in
 * between (HEC reads a stream of objects, not an array). JSON.stringify escapes lone surrogates
 * and C0 controls, so the body is valid UTF-8 without a raw CR or LF.
 */
export function joinHecBatch(events: readonly object[]): string {
  let body = '';
  for (const e of events) body += JSON.stringify(e);
  return body;
}

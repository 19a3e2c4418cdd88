// OCSF 1.8.0 API Activity events (class_uid 6003, category 6 Application Activity) for audit
// records, with the `ai_operation` profile (ocsf-schema PR #1488) when a model is involved.
// Class-required: actor (user or app_name), api.operation, src_endpoint (ip or name). Base-
// required: activity_id, category_uid, class_uid, type_uid, severity_id, time, metadata (product,
// version). Whatever has no OCSF attribute goes under `unmapped`, so no audit field is dropped.
import type { AuditRecord } from '../record.js';
import { assess, clientEndpoint, decisionSummary, epochMs, modelName, title } from './assess.js';

export const OCSF_VERSION = '1.8.0';
const CLASS_UID = 6003;
const CATEGORY_UID = 6;

export interface OcsfOptions {
  productName?: string;
  /** metadata.product.version; omitted when not given. */
  productVersion?: string;
  vendorName?: string;
}

/** API Activity activity_id: 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other. */
export type ApiActivityId = 1 | 2 | 3 | 4 | 99;
const ACTIVITY_NAME: Record<ApiActivityId, string> = { 1: 'Create', 2: 'Read', 3: 'Update', 4: 'Delete', 99: 'Other' };
const SEVERITY_NAME = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'] as const;

export interface OcsfApiActivity {
  activity_id: ApiActivityId;
  activity_name: string;
  category_uid: 6;
  category_name: 'Application Activity';
  class_uid: 6003;
  class_name: 'API Activity';
  type_uid: number;
  type_name: string;
  severity_id: number;
  severity: string;
  /** Event time, ms since the epoch (0 if the record's ts did not parse; see metadata.original_time). */
  time: number;
  status_id: 1 | 2;
  status: 'Success' | 'Failure';
  status_code: string;
  status_detail?: string;
  message: string;
  duration?: number;
  metadata: {
    product: { name: string; vendor_name: string; version?: string };
    version: string;
    uid: string;
    sequence: number;
    original_time: string;
    log_name: 'audit';
    profiles?: string[];
  };
  actor: { app_name: string; user?: { uid: string; name: string; programmatic_credentials?: { uid: string; type: string }[] } };
  api: {
    operation: string;
    request: { uid: string };
    response?: { code: number; error?: string; message?: string };
  };
  src_endpoint: { ip: string } | { name: string };
  http_request?: { http_method: string; url: { path: string } };
  http_response?: { code: number };
  resources?: { uid: string; type: string }[];
  ai_model?: { ai_provider: string; name: string; version?: string };
  message_context?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; service?: { name: string } };
  unmapped: Record<string, unknown>;
}

// An admin action's verb (the part after the last dot of `key.create`) as a CRUD activity.
// A Map, not an object literal: a hostile name such as `x.constructor` must not find a prototype
// member.
const VERB_ACTIVITY = new Map<string, ApiActivityId>([
  ['create', 1],
  ['get', 2],
  ['list', 2],
  ['read', 2],
  ['update', 3],
  ['rotate', 3],
  ['delete', 4],
  ['revoke', 4],
]);

/**
 * The activity from the route: model calls create something (a completion, an embedding);
 * listing models and reading the audit log are reads; revoking a key deletes its usability and
 * rotating it updates it; anything unrecognized (unknown routes, probes) is Other.
 */
export function apiActivityId(r: AuditRecord): ApiActivityId {
  if (r.kind === 'admin') {
    const name = r.action?.name ?? '';
    return VERB_ACTIVITY.get(name.slice(name.lastIndexOf('.') + 1)) ?? 99;
  }
  switch (r.endpoint) {
    case 'chat':
    case 'messages':
    case 'embeddings':
      return 1;
    case 'models':
      return 2;
    case 'admin': {
      const path = r.path ?? '';
      if (r.method === 'GET') return 2;
      if (r.method === 'DELETE' || (r.method === 'POST' && path.endsWith('/revoke'))) return 4;
      if (r.method === 'PUT' || r.method === 'PATCH' || (r.method === 'POST' && path.endsWith('/rotate'))) return 3;
      if (r.method === 'POST' && path === '/admin/v1/keys') return 1;
      return 99;
    }
    default:
      return 99;
  }
}

export function toOcsfApiActivity(record: AuditRecord, opts: OcsfOptions = {}): OcsfApiActivity {
  const { productName = 'Gatehouse', vendorName = 'Gatehouse', productVersion } = opts;
  const a = assess(record);
  const activity = apiActivityId(record);
  const model = modelName(record);
  const client = clientEndpoint(record.client);

  const product: OcsfApiActivity['metadata']['product'] = { name: productName, vendor_name: vendorName };
  if (productVersion !== undefined) product.version = productVersion;

  const actor: OcsfApiActivity['actor'] = {
    // The API surface the client spoke (openai, anthropic, admin): the one always-known actor
    // attribute, which keeps the class constraint satisfied for unauthenticated requests.
    app_name: record.dialect ?? (record.kind === 'admin' ? 'admin' : 'unknown'),
  };
  if (record.user !== null) {
    actor.user = { uid: record.user, name: record.user };
    if (record.key_id !== null) actor.user.programmatic_credentials = [{ uid: record.key_id, type: 'API Key' }];
  }

  const api: OcsfApiActivity['api'] = {
    operation: record.kind === 'admin' ? (record.action?.name ?? 'admin') : `${record.method ?? '-'} ${record.path ?? '-'}`,
    request: { uid: record.id },
  };
  if (record.method !== null) {
    api.response = { code: record.status };
    if (record.error) Object.assign(api.response, { error: record.error.code, message: record.error.detail });
  }

  const event: OcsfApiActivity = {
    activity_id: activity,
    activity_name: ACTIVITY_NAME[activity],
    category_uid: CATEGORY_UID,
    category_name: 'Application Activity',
    class_uid: CLASS_UID,
    class_name: 'API Activity',
    // OCSF: type_uid = class_uid × 100 + activity_id.
    type_uid: CLASS_UID * 100 + activity,
    type_name: `API Activity: ${ACTIVITY_NAME[activity]}`,
    severity_id: a.ocsf,
    severity: SEVERITY_NAME[a.ocsf] ?? 'Unknown',
    time: epochMs(record.ts) ?? 0,
    status_id: a.success ? 1 : 2,
    status: a.success ? 'Success' : 'Failure',
    status_code: String(record.status),
    message: title(record),
    duration: Math.round(record.latency_us / 1000),
    metadata: {
      product,
      version: OCSF_VERSION,
      uid: record.id,
      sequence: record.seq,
      original_time: record.ts,
      log_name: 'audit',
    },
    actor,
    api,
    src_endpoint: client === null ? { name: 'unknown' } : 'ip' in client ? { ip: client.ip } : { name: client.name },
    unmapped: {
      kind: record.kind,
      tenant: record.tenant,
      key_id: record.key_id,
      endpoint: record.endpoint,
      prompt_version: record.prompt_version,
      upstream_status: record.upstream_status,
      stream: record.stream,
      latency_us: record.latency_us,
      decisions: record.decisions,
      decision_summary: record.decisions.length ? decisionSummary(record.decisions) : null,
      input_sha256: record.input_sha256,
      output_sha256: record.output_sha256,
      seq: record.seq,
      prev: record.prev,
      record_version: record.v,
    },
  };
  if (!Number.isSafeInteger(event.duration)) delete event.duration;
  // Absent values are left out rather than sent as null, as OCSF producers do.
  for (const [k, v] of Object.entries(event.unmapped)) if (v === null) delete event.unmapped[k];
  if (record.error) event.status_detail = record.error.code;
  if (record.method !== null && record.path !== null) {
    event.http_request = { http_method: record.method, url: { path: record.path } };
    event.http_response = { code: record.status };
  }
  if (record.action) {
    const dot = record.action.name.indexOf('.');
    if (record.action.target !== null) {
      event.resources = [{ uid: record.action.target, type: dot > 0 ? record.action.name.slice(0, dot) : record.action.name }];
    }
    event.unmapped.action_details = record.action.details;
  }
  if (model !== null) {
    // ai_operation profile: ai_model.name is the model called upstream, version the exact one
    // the upstream reported using (e.g. gpt-4o → gpt-4o-2024-08-06).
    event.metadata.profiles = ['ai_operation'];
    event.ai_model = { ai_provider: record.provider ?? 'unknown', name: model };
    if (record.model_resolved !== null && record.model_resolved !== model) event.ai_model.version = record.model_resolved;
    if (record.usage) {
      const { input_tokens, output_tokens } = record.usage;
      event.message_context = { prompt_tokens: input_tokens, completion_tokens: output_tokens, total_tokens: input_tokens + output_tokens };
      // message_context requires application or service: the upstream that served the call.
      if (record.provider !== null) event.message_context.service = { name: record.provider };
    }
  }
  return event;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../record.js';
import { admin, hostile, ID, normal, rejected, seal, TS, TS_MS } from './fixtures.js';
import { apiActivityId, type OcsfApiActivity, toOcsfApiActivity } from './ocsf.js';

/**
 * The attributes OCSF 1.8.0 requires, checked one by one: the base event's (activity_id,
 * category_uid, class_uid, type_uid, severity_id, time, metadata.product, metadata.version) and
 * API Activity's (actor with one of its listed attributes, api.operation, src_endpoint with one
 * of its listed attributes).
 */
function assertRequired(e: OcsfApiActivity): void {
  const o = e as unknown as Record<string, unknown>;
  for (const k of [
    'activity_id',
    'category_uid',
    'class_uid',
    'type_uid',
    'severity_id',
    'time',
    'metadata',
    'actor',
    'api',
    'src_endpoint',
  ]) {
    assert.ok(o[k] !== undefined && o[k] !== null, `${k} is required`);
  }
  assert.equal(e.class_uid, 6003);
  assert.equal(e.category_uid, 6);
  assert.equal(e.type_uid, 6003 * 100 + e.activity_id);
  assert.ok([0, 1, 2, 3, 4, 99].includes(e.activity_id));
  assert.ok([0, 1, 2, 3, 4, 5, 6, 99].includes(e.severity_id));
  assert.equal(typeof e.time, 'number');
  assert.equal(typeof e.metadata.product.name, 'string');
  assert.equal(e.metadata.version, '1.8.0');
  const actor = e.actor as Record<string, unknown>;
  assert.ok(['process', 'user', 'invoked_by', 'session', 'app_name', 'app_uid'].some((k) => actor[k] !== undefined));
  assert.equal(typeof e.api.operation, 'string');
  const src = e.src_endpoint as Record<string, unknown>;
  assert.ok(['ip', 'uid', 'name', 'hostname', 'instance_uid', 'interface_uid', 'interface_name'].some((k) => typeof src[k] === 'string'));
  if (e.ai_model) {
    assert.equal(typeof e.ai_model.ai_provider, 'string', 'ai_model.ai_provider is required');
    assert.equal(typeof e.ai_model.name, 'string', 'ai_model.name is required');
  }
}

describe('toOcsfApiActivity', () => {
  it('maps a model call to API Activity: Create with the ai_operation profile', () => {
    const { record } = normal();
    const e = toOcsfApiActivity(record, { productVersion: '1.2.3' });
    assertRequired(e);
    assert.equal(e.activity_id, 1);
    assert.equal(e.type_uid, 600301);
    assert.equal(e.type_name, 'API Activity: Create');
    assert.equal(e.time, TS_MS);
    assert.equal(e.severity_id, 1);
    assert.equal(e.status_id, 1);
    assert.equal(e.status_code, '200');
    assert.deepEqual(e.metadata, {
      product: { name: 'Gatehouse', vendor_name: 'Gatehouse', version: '1.2.3' },
      version: '1.8.0',
      uid: ID,
      sequence: 41,
      original_time: TS,
      log_name: 'audit',
      profiles: ['ai_operation'],
    });
    assert.deepEqual(e.actor, {
      app_name: 'openai',
      user: { uid: 'alice', name: 'alice', programmatic_credentials: [{ uid: 'key_01', type: 'API Key' }] },
    });
    assert.deepEqual(e.api, { operation: 'POST /v1/chat/completions', request: { uid: ID }, response: { code: 200 } });
    assert.deepEqual(e.src_endpoint, { ip: '203.0.113.7' });
    assert.deepEqual(e.http_request, { http_method: 'POST', url: { path: '/v1/chat/completions' } });
    assert.deepEqual(e.http_response, { code: 200 });
    assert.deepEqual(e.ai_model, { ai_provider: 'openai', name: 'gpt-4o', version: 'gpt-4o-2024-08-06' });
    assert.deepEqual(e.message_context, { prompt_tokens: 12, completion_tokens: 34, total_tokens: 46, service: { name: 'openai' } });
    assert.equal(e.duration, 2);
    assert.deepEqual(e.unmapped, {
      kind: 'request',
      tenant: 'acme',
      key_id: 'key_01',
      endpoint: 'chat',
      upstream_status: 200,
      stream: false,
      latency_us: 1500,
      decisions: record.decisions,
      decision_summary: 'authenticate:allow,authorize:allow,call_provider:allow',
      input_sha256: record.input_sha256,
      output_sha256: record.output_sha256,
      seq: 41,
      prev: record.prev,
      record_version: 1,
    });
  });

  it('maps a rejected request to a failure without the AI profile', () => {
    const e = toOcsfApiActivity(rejected().record);
    assertRequired(e);
    assert.equal(e.status_id, 2);
    assert.equal(e.status, 'Failure');
    assert.equal(e.status_code, '401');
    assert.equal(e.status_detail, 'invalid_key');
    assert.equal(e.severity_id, 3);
    assert.deepEqual(e.api.response, { code: 401, error: 'invalid_key', message: 'no key with id key_zz' });
    assert.deepEqual(e.actor, { app_name: 'anthropic' }, 'no user: the dialect still names the actor');
    assert.deepEqual(e.src_endpoint, { ip: '198.51.100.9' });
    assert.equal(e.metadata.profiles, undefined);
    assert.equal(e.ai_model, undefined);
    assert.equal(e.metadata.product.version, undefined);
  });

  it('maps an admin action to its CRUD activity with the key as the resource', () => {
    const e = toOcsfApiActivity(admin().record);
    assertRequired(e);
    assert.equal(e.activity_id, 1);
    assert.equal(e.api.operation, 'key.create');
    assert.deepEqual(e.resources, [{ uid: 'key_02', type: 'key' }]);
    assert.deepEqual(e.src_endpoint, { ip: '2001:db8::1' });
    assert.equal(e.severity_id, 2);
    assert.equal(e.http_request, undefined);
    assert.deepEqual(e.unmapped.action_details, { name: 'ci', role: 'invoker' });
    assert.equal(toOcsfApiActivity(admin('key.revoke').record).type_uid, 600304);
    assert.equal(toOcsfApiActivity(admin('key.rotate').record).type_uid, 600303);
    assert.equal(toOcsfApiActivity(admin('key.constructor').record).type_uid, 600399, 'no prototype lookup');
  });

  it('chooses the activity from the route', () => {
    const act = (over: Partial<AuditEntry>) => apiActivityId(seal(over).record);
    assert.equal(act({ endpoint: 'messages', method: 'POST' }), 1);
    assert.equal(act({ endpoint: 'embeddings', method: 'POST' }), 1);
    assert.equal(act({ endpoint: 'models', method: 'GET' }), 2);
    assert.equal(act({ endpoint: 'admin', method: 'GET', path: '/admin/v1/audit' }), 2);
    assert.equal(act({ endpoint: 'admin', method: 'POST', path: '/admin/v1/keys' }), 1);
    assert.equal(act({ endpoint: 'admin', method: 'POST', path: '/admin/v1/keys/k1/revoke' }), 4);
    assert.equal(act({ endpoint: 'admin', method: 'POST', path: '/admin/v1/keys/k1/rotate' }), 3);
    assert.equal(act({ endpoint: null, method: 'GET', path: '/wp-admin' }), 99);
  });

  it('falls back to time 0 and keeps the original text when ts does not parse', () => {
    const e = toOcsfApiActivity(seal({ ts: 'garbage' }).record);
    assert.equal(e.time, 0);
    assert.equal(e.metadata.original_time, 'garbage');
    assert.deepEqual(e.src_endpoint, { name: 'unknown' });
  });
});

describe('toOcsfApiActivity with a hostile record', () => {
  const { record } = hostile();
  const e = toOcsfApiActivity(record);

  it('still carries every required attribute', () => {
    assertRequired(e);
    assert.equal(e.activity_id, 99, 'an unknown endpoint is Other');
  });

  it('keeps text verbatim (JSON does the escaping) and survives a JSON round trip', () => {
    assert.equal(e.api.operation, `POST|X ${record.path}`);
    assert.deepEqual(e.src_endpoint, { name: 'not-an-ip suser=admin' });
    assert.equal(e.actor.user?.uid, record.user);
    assert.equal(e.unmapped.tenant, record.tenant);
    assert.equal(e.ai_model?.name, 'a\ud800b\udc00c');
    assert.deepEqual(JSON.parse(JSON.stringify(e)), e);
  });

  it('percent-encodes forged delimiters in the decision summary', () => {
    assert.equal(e.unmapped.decision_summary, 'authenticate:allow,scan=input:deny(x%29%2Cauthorize%3Aallow%2C%28y)');
  });
});

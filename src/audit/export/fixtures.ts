// Test data for the exporter tests (imported only by *.test.ts): a normal request, a rejected
// one, an admin action and a hostile record whose every text field is an injection attempt.
// Records are sealed with the real sealRecord, so `body` is the leaf bytes computed by a path
// independent of the encoders under test.
import { type AuditEntry, type AuditRecord, GENESIS_PREV, sealRecord } from '../record.js';

export interface Sealed {
  record: AuditRecord;
  body: string;
  hash: string;
}

export const TS = '2026-01-02T03:04:05.678Z';
/** Date.UTC(2026, 0, 2, 3, 4, 5, 678), worked out once by hand and checked with node. */
export const TS_MS = 1767323045678;
export const ID = '0194f3a2-1b2c-7d3e-8f40-123456789abc';
export const IN_HASH = 'a'.repeat(64);
export const OUT_HASH = 'b'.repeat(64);

function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    id: ID,
    ts: TS,
    kind: 'request',
    tenant: null,
    user: null,
    key_id: null,
    client: null,
    method: null,
    path: null,
    dialect: null,
    endpoint: null,
    model_requested: null,
    provider: null,
    upstream_model: null,
    model_resolved: null,
    prompt_version: null,
    feature: null,
    input_sha256: null,
    output_sha256: null,
    usage: null,
    stream: null,
    status: 200,
    upstream_status: null,
    latency_us: 0,
    error: null,
    decisions: [],
    threats: null,
    action: null,
    ...over,
  };
}

export function seal(over: Partial<AuditEntry>, seq = 41): Sealed {
  return sealRecord(entry(over), seq, GENESIS_PREV);
}

/** POST /v1/chat/completions, 200, with model, usage and a three-stage decision chain. */
export const normal = (): Sealed =>
  seal({
    tenant: 'acme',
    user: 'alice',
    key_id: 'key_01',
    client: '203.0.113.7',
    method: 'POST',
    path: '/v1/chat/completions',
    dialect: 'openai',
    endpoint: 'chat',
    model_requested: 'gpt-4o',
    provider: 'openai',
    upstream_model: 'gpt-4o',
    model_resolved: 'gpt-4o-2024-08-06',
    input_sha256: IN_HASH,
    output_sha256: OUT_HASH,
    usage: { input_tokens: 12, output_tokens: 34 },
    stream: false,
    status: 200,
    upstream_status: 200,
    latency_us: 1500,
    decisions: [
      { stage: 'authenticate', verdict: 'allow', reason: 'key key_01', us: 12 },
      { stage: 'authorize', verdict: 'allow', reason: 'role invoker', us: 3 },
      { stage: 'call_provider', verdict: 'allow', reason: 'openai 200', us: 1400 },
    ],
  });

/** A 401: a presented key that does not exist. */
export const rejected = (): Sealed =>
  seal({
    client: '::ffff:198.51.100.9',
    method: 'POST',
    path: '/v1/messages',
    dialect: 'anthropic',
    endpoint: 'messages',
    status: 401,
    latency_us: 80,
    error: { code: 'invalid_key', detail: 'no key with id key_zz' },
    decisions: [{ stage: 'authenticate', verdict: 'deny', reason: 'unknown key', us: 40 }],
  });

/** An admin action: a key created for a user. */
export const admin = (name = 'key.create'): Sealed =>
  seal({
    kind: 'admin',
    tenant: 'acme',
    user: 'root',
    key_id: 'key_admin',
    client: '2001:db8::1',
    action: { name, target: 'key_02', details: { name: 'ci', role: 'invoker' } },
  });

export const LONG_PATH = `/v1/chat/completions?x= a=b|c\\ 日本 é 😀${'A'.repeat(5000)}`;
/** 1 + 2×3000 code units: any even limit falls between the halves of a surrogate pair. */
export const EMOJI_RUN = `x${'😀'.repeat(3000)}`;

/** Every text field is an attempt to break out of its format or forge another event. */
export const hostile = (): Sealed =>
  seal({
    id: 'id|1=2\\3',
    tenant: ' acme|x=y\\z]"q',
    user: 'bob\r\nCEF:0|evil|x|1|sig|name|10|src=6.6.6.6',
    key_id: 'k\tey\u0000\u0007\u001b[31m\u007f\u0085\u2028',
    client: 'not-an-ip suser=admin',
    method: 'POST|X',
    path: LONG_PATH,
    dialect: 'openai=evil',
    endpoint: 'chat messages',
    model_requested: 'gpt-4o" ] [injected@1 a="b"]',
    provider: 'openai\\',
    upstream_model: 'a\ud800b\udc00c',
    model_resolved: EMOJI_RUN,
    prompt_version: '  leading spaces',
    status: 403,
    latency_us: 7,
    error: { code: 'blocked|x=1', detail: 'line1\nline2\\ ]"' },
    decisions: [
      { stage: 'authenticate', verdict: 'allow', reason: 'ok', us: 1 },
      { stage: 'scan=input', verdict: 'deny', reason: 'x),authorize:allow,(y', us: 2 },
    ],
  });

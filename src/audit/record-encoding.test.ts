import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminEntry } from '../identity/key-service.js';
import { canonicalize } from './canonical.js';
import type { AuditRecord } from './record.js';
import { encodeRecord } from './record-encoding.js';

function request(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    ...adminEntry({ keyId: 'k', userId: 'u', tenant: 't', client: '::1' }, 'x', null, {}),
    kind: 'request',
    action: null,
    method: 'POST',
    path: '/v1/chat/completions',
    usage: { input_tokens: 3, output_tokens: 4 },
    error: { code: 'upstream_error', detail: 'x "y" \\ z\n' },
    stream: true,
    decisions: [{ stage: 'authenticate', verdict: 'allow', reason: 'key é 日本 🙂 \u2028', us: 7 }],
    v: 1,
    seq: 42,
    prev: '0'.repeat(64),
    ...over,
  };
}

describe('encodeRecord', () => {
  it('is byte-identical to the generic canonical encoder', () => {
    const samples: AuditRecord[] = [
      request(),
      request({ usage: null, error: null, stream: null, decisions: [] }),
      {
        ...adminEntry({ keyId: null, userId: 'cli:root', tenant: null, client: 'cli' }, 'key.create', 'abc', {
          name: 'n|=]',
          expires_at: null,
          n: 5,
        }),
        v: 1,
        seq: 0,
        prev: '0'.repeat(64),
      },
    ];
    for (const r of samples) assert.equal(encodeRecord(r), canonicalize(r));
  });
  it('falls back to the generic encoder for anything unexpected, still canonical', () => {
    const odd: Array<Record<string, unknown>> = [
      { ...request(), extra: 'field' },
      { ...request(), usage: { input_tokens: 1, output_tokens: 2, cached: 9 } },
      { ...request(), decisions: [{ stage: 's', verdict: 'allow', reason: 'r', us: 1, more: true }] },
      { ...request(), error: { detail: 'd', code: 'c' } },
      { ...request(), tenant: undefined },
    ];
    for (const r of odd) assert.equal(encodeRecord(r as unknown as AuditRecord), canonicalize(r));
    assert.throws(() => encodeRecord({ ...request(), latency_us: 1.5 }), /not a safe integer/);
  });
});

describe('prepareRecord + sealPrepared', () => {
  it('splice prev and seq into exactly the canonical bytes, for normal and fallback shapes', async () => {
    const { prepareRecord, sealPrepared, sealRecord } = await import('./record.js');
    const shapes = [request(), { ...request(), extra: { prev: 'x'.repeat(64), seq: Number.MAX_SAFE_INTEGER } }];
    for (const r of shapes) {
      const { v: _v, seq: _s, prev: _p, ...entry } = r as AuditRecord;
      const p = prepareRecord(entry);
      for (const [seq, prev] of [
        [0, '0'.repeat(64)],
        [123456, 'ab'.repeat(32)],
      ] as const) {
        assert.equal(sealPrepared(p, seq, prev).body, canonicalize({ ...entry, v: 1, seq, prev }));
        assert.equal(sealPrepared(p, seq, prev).hash, sealRecord(entry, seq, prev).hash);
      }
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admin, hostile, normal, rejected, seal } from './fixtures.js';
import { joinHecBatch, toSplunkHec } from './splunk.js';

/**
 * Splits concatenated JSON values the way a streaming reader does: track string and escape state
 * and brace depth, and cut where a top-level object closes. Independent of the encoder, and
 * refuses anything between objects (HEC batches are objects back to back).
 */
function splitConcatenated(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) {
        assert.equal(i, start, 'nothing between objects');
        start = i;
      }
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) {
        out.push(body.slice(start, i + 1));
        start = i + 1;
      }
    }
  }
  assert.equal(depth, 0, 'balanced');
  assert.equal(start, body.length, 'ends with a complete object');
  return out;
}

describe('toSplunkHec', () => {
  it('wraps a model call with epoch-second time and indexed fields', () => {
    const { record } = normal();
    assert.deepEqual(toSplunkHec(record), {
      time: 1767323045.678,
      source: 'gatehouse:audit',
      sourcetype: 'gatehouse:audit',
      event: record,
      fields: { tenant: 'acme', key_id: 'key_01', status: 200, model: 'gpt-4o' },
    });
    const e = toSplunkHec(record, { host: 'gw1', index: 'ai_audit', source: 's', sourcetype: 'st' });
    assert.deepEqual(Object.keys(e), ['time', 'host', 'source', 'sourcetype', 'index', 'event', 'fields']);
    assert.equal(
      JSON.stringify(e).startsWith('{"time":1767323045.678,"host":"gw1","source":"s","sourcetype":"st","index":"ai_audit",'),
      true,
    );
  });

  it('leaves null indexed fields out for a rejected request', () => {
    assert.deepEqual(toSplunkHec(rejected().record).fields, { status: 401 });
  });

  it('wraps an admin action', () => {
    const { record } = admin();
    const e = toSplunkHec(record);
    assert.deepEqual(e.fields, { tenant: 'acme', key_id: 'key_admin', status: 200 });
    assert.equal(e.event.action?.name, 'key.create');
  });

  it('omits time (Splunk then uses receipt time) when ts does not parse', () => {
    assert.equal('time' in toSplunkHec(seal({ ts: 'nope' }).record), false);
  });
});

describe('joinHecBatch', () => {
  it('concatenates objects with nothing in between, not an array', () => {
    assert.equal(joinHecBatch([{ event: 'a' }, { event: 'b' }]), '{"event":"a"}{"event":"b"}');
    assert.equal(joinHecBatch([]), '');
  });

  it('round-trips a batch with a hostile record through a streaming split', () => {
    const records = [normal(), rejected(), admin(), hostile()].map((s) => s.record);
    const events = records.map((r) => toSplunkHec(r, { host: 'gw"1}{' }));
    const body = joinHecBatch(events);
    assert.equal(body[0], '{');
    assert.equal(body.includes('\n') || body.includes('\r'), false);
    const parts = splitConcatenated(body);
    assert.equal(parts.length, 4);
    for (const [n, p] of parts.entries()) assert.deepEqual(JSON.parse(p), events[n]);
    const last = JSON.parse(parts[3] as string);
    assert.equal(last.event.user, records[3]?.user);
    assert.equal(last.event.upstream_model, 'a\ud800b\udc00c');
    assert.equal(Buffer.from(body, 'utf8').toString('utf8'), body, 'valid UTF-8: lone surrogates were escaped');
  });
});

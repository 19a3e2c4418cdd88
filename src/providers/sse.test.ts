import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSse } from './sse.js';

async function all(chunks: string[], max?: number) {
  const out = [];
  async function* gen() {
    for (const c of chunks) yield Buffer.from(c);
  }
  for await (const e of parseSse(gen(), max)) out.push(e);
  return out;
}

describe('SSE parsing', () => {
  it('handles events split anywhere across chunks, CRLF, comments and multi-line data', async () => {
    const events = await all(['data: {"a"', ':1}\r\n\r', '\n: comment\nevent: ping\ndata: x\ndata: y\n\n', 'data: [DONE]\n\n']);
    assert.deepEqual(events, [
      { event: undefined, data: '{"a":1}' },
      { event: 'ping', data: 'x\ny' },
      { event: undefined, data: '[DONE]' },
    ]);
  });
  it('decodes multi-byte characters split between chunks', async () => {
    const bytes = Buffer.from('data: héllo\n\n');
    const events = [];
    async function* gen() {
      yield bytes.subarray(0, 8);
      yield bytes.subarray(8);
    }
    for await (const e of parseSse(gen())) events.push(e);
    assert.equal(events[0]?.data, 'héllo');
  });
  it('bounds the size of one event', async () => {
    await assert.rejects(all([`data: ${'x'.repeat(100)}\n`, `data: ${'x'.repeat(100)}\n`], 150), /larger than/);
  });
});

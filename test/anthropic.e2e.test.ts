// End-to-end with the official `@anthropic-ai/sdk` against the real server: answers, streams,
// tool use and every error in Anthropic's own shape, each one audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { auditRecord, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

let srv: RunningServer;
let client: Anthropic;
let key: { id: string; key: string };

before(async () => {
  const dir = tempDir();
  srv = await startServer({
    config: writeConfig(
      dir,
      `
providers:
  mock: { type: mock, timeoutMs: 1500 }
models:
  - { name: claude-mock, provider: mock, upstreamModel: claude-mock-2026-01-01 }
`,
    ),
  });
  key = createKey(srv.dataDir, ['--name', 'agent', '--role', 'member']);
  await new Promise((r) => setTimeout(r, 400));
  client = new Anthropic({ apiKey: key.key, baseURL: srv.url, maxRetries: 0 });
});
after(async () => {
  await srv.stop();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

describe('200 with the Anthropic SDK', () => {
  it('answers a message and audits it', async () => {
    const { data, response } = await client.messages
      .create({ model: 'claude-mock', max_tokens: 100, system: 'Be brief.', messages: ask('Hi') })
      .withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.content[0]?.type === 'text' ? data.content[0].text : '', 'Hello from the Gatehouse mock provider.');
    assert.equal(data.stop_reason, 'end_turn');
    const rec = await auditRecord(srv.url, srv.adminKey, response.headers.get('x-request-id') ?? '');
    assert.equal(rec.status, 200);
    assert.equal(rec.dialect, 'anthropic');
    assert.equal(rec.endpoint, 'messages');
    assert.equal(rec.model_resolved, 'claude-mock-2026-01-01');
    assert.equal(rec.key_id, key.id);
  });

  it('streams text events and the final message assembles', async () => {
    const stream = client.messages.stream({ model: 'claude-mock', max_tokens: 100, messages: ask('alpha beta gamma [[mock:echo]]') });
    const deltas: string[] = [];
    stream.on('text', (t) => deltas.push(t));
    const final = await stream.finalMessage();
    assert.equal(deltas.join(''), 'alpha beta gamma');
    assert.ok(deltas.length >= 3);
    assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', 'alpha beta gamma');
    assert.ok(final.usage.output_tokens > 0);
  });

  it('passes tool_use through, not streamed and streamed', async () => {
    const tools = [{ name: 'delete_record', input_schema: { type: 'object' as const, properties: { id: { type: 'number' } } } }];
    const msg = await client.messages.create({
      model: 'claude-mock',
      max_tokens: 100,
      tools,
      messages: ask('[[mock:tool delete_record {"id":7}]]'),
    });
    const block = msg.content.find((b) => b.type === 'tool_use');
    assert.equal(msg.stop_reason, 'tool_use');
    assert.equal(block?.type === 'tool_use' ? block.name : '', 'delete_record');
    assert.deepEqual(block?.type === 'tool_use' ? block.input : undefined, { id: 7 });
    const final = await client.messages
      .stream({ model: 'claude-mock', max_tokens: 100, tools, messages: ask('[[mock:tool delete_record {"id":8}]]') })
      .finalMessage();
    const sblock = final.content.find((b) => b.type === 'tool_use');
    assert.deepEqual(sblock?.type === 'tool_use' ? sblock.input : undefined, { id: 8 });
  });

  it('lists models in the Anthropic shape', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((m) => m.id),
      ['claude-mock'],
    );
  });
});

describe('errors in the Anthropic shape', () => {
  const rawPost = async (body: string, apiKey: string | null = key.key) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
    if (apiKey) headers['x-api-key'] = apiKey;
    const res = await fetch(`${srv.url}/v1/messages`, { method: 'POST', headers, body });
    const json = (await res.json()) as { type: string; error: { type: string; message: string } };
    const rec = await auditRecord(srv.url, srv.adminKey, res.headers.get('x-request-id') ?? '');
    return { status: res.status, json, rec };
  };
  it('400 malformed JSON', async () => {
    const r = await rawPost('{"model":');
    assert.equal(r.status, 400);
    assert.equal(r.json.type, 'error');
    assert.equal(r.json.error.type, 'invalid_request_error');
    assert.equal(r.rec.status, 400);
  });
  it('400 missing max_tokens (SDK BadRequestError naming the field)', async () => {
    const r = await rawPost(JSON.stringify({ model: 'claude-mock', messages: ask('x') }));
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /max_tokens/);
  });
  it('401 without a key and with a bad key', async () => {
    const r = await rawPost('{}', null);
    assert.equal(r.status, 401);
    assert.equal(r.json.error.type, 'authentication_error');
    const bad = new Anthropic({ apiKey: 'sk-ant-not-ours', baseURL: srv.url, maxRetries: 0 });
    await assert.rejects(bad.messages.create({ model: 'claude-mock', max_tokens: 5, messages: ask('x') }), Anthropic.AuthenticationError);
  });
  it('404 unknown model', async () => {
    await assert.rejects(client.messages.create({ model: 'claude-nope', max_tokens: 5, messages: ask('x') }), Anthropic.NotFoundError);
  });
  it('502 upstream error and 504 upstream timeout', async () => {
    const e502 = await rawPost(JSON.stringify({ model: 'claude-mock', max_tokens: 5, messages: ask('[[mock:fail 500]]') }));
    assert.equal(e502.status, 502);
    assert.equal(e502.json.error.type, 'api_error');
    assert.equal(e502.rec.upstream_status, 500);
    const e504 = await rawPost(JSON.stringify({ model: 'claude-mock', max_tokens: 5, messages: ask('[[mock:stall 5000]]') }));
    assert.equal(e504.status, 504);
    assert.equal(e504.rec.status, 504);
  });
  it('an upstream failure mid-stream arrives as an error event', async () => {
    const stream = client.messages.stream({
      model: 'claude-mock',
      max_tokens: 100,
      messages: ask('a b c d [[mock:echo]] [[mock:disconnect 2]]'),
    });
    await assert.rejects(stream.finalMessage(), Anthropic.APIError);
  });
});

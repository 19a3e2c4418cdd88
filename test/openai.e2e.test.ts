// End-to-end with the official `openai` SDK against the real server (child process, real HTTP,
// real SQLite). Grouped by outcome; every case also checks the audit record it produced.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { auditRecord, cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

let srv: RunningServer;
let client: OpenAI;
let key: { id: string; key: string };

const CONFIG = `
providers:
  mock:
    type: mock
    timeoutMs: 1500
models:
  - name: mock-chat
    provider: mock
  - name: mock-embed
    provider: mock
    type: embeddings
  - name: pinned-chat
    provider: mock
    upstreamModel: mock-chat-2026-01-01
server:
  bodyLimitBytes: 65536
`;

before(async () => {
  const dir = tempDir();
  srv = await startServer({ config: writeConfig(dir, CONFIG) });
  key = createKey(srv.dataDir, ['--name', 'app-1', '--role', 'member', '--tenant', 'acme']);
  // The server picks up keys created by the CLI within keys.refreshInterval (250 ms).
  await new Promise((r) => setTimeout(r, 400));
  client = new OpenAI({ apiKey: key.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
});
after(async () => {
  await srv.stop();
});

const user = (content: string) => [{ role: 'user' as const, content }];

describe('200 with the openai SDK', () => {
  it('answers a chat completion and audits it with hashes, model, usage and the decision chain', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'pinned-chat', messages: [{ role: 'system', content: 'Be brief.' }, ...user('Hello')] })
      .withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from the Gatehouse mock provider.');
    // The answer names the exact version that answered, not the alias the caller used.
    assert.equal(data.model, 'mock-chat-2026-01-01');
    assert.ok(data.usage && data.usage.total_tokens > 0);
    const rec = await auditRecord(srv.url, srv.adminKey, response.headers.get('x-request-id') ?? '');
    assert.equal(rec.status, 200);
    assert.equal(rec.kind, 'request');
    assert.equal(rec.key_id, key.id);
    assert.equal(rec.tenant, 'acme');
    assert.equal(rec.model_requested, 'pinned-chat');
    assert.equal(rec.upstream_model, 'mock-chat-2026-01-01');
    assert.equal(rec.model_resolved, 'mock-chat-2026-01-01');
    assert.equal(rec.provider, 'mock');
    assert.match(String(rec.input_sha256), /^[0-9a-f]{64}$/);
    assert.match(String(rec.output_sha256), /^[0-9a-f]{64}$/);
    assert.deepEqual(rec.usage, { input_tokens: data.usage.prompt_tokens, output_tokens: data.usage.completion_tokens });
    const stages = (rec.decisions as Array<{ stage: string; verdict: string }>).map((d) => `${d.stage}:${d.verdict}`);
    assert.deepEqual(stages, [
      'authenticate:allow',
      'authorize:allow',
      'parse:allow',
      'authorize_model:allow',
      'route:allow',
      'kill_switch:allow',
      'rate_limit:allow',
      'scan_input:allow',
      'scan_output:allow',
      'provider:allow',
    ]);
    // Content is not stored: neither the prompt nor the answer appears in the record.
    assert.ok(!JSON.stringify(rec).includes('Hello from the Gatehouse'));
  });

  it('records the prompt version header', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'mock-chat', messages: user('hi') }, { headers: { 'x-gatehouse-prompt-version': 'support-bot@v7' } })
      .withResponse();
    const rec = await auditRecord(srv.url, srv.adminKey, response.headers.get('x-request-id') ?? '');
    assert.equal(rec.prompt_version, 'support-bot@v7');
  });

  it('streams chunk by chunk, reassembling to the exact text, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      messages: user('one two three four five [[mock:echo]]'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, 'one two three four five');
    assert.ok(chunks >= 6, `expected several chunks, got ${chunks}`);
    assert.ok(usage && usage.completion_tokens > 0);
  });

  it('passes a tool call through, not streamed', async () => {
    const res = await client.chat.completions.create({
      model: 'mock-chat',
      messages: user('clean up [[mock:tool delete_record {"id":42}]]'),
      tools: [
        { type: 'function', function: { name: 'delete_record', parameters: { type: 'object', properties: { id: { type: 'number' } } } } },
      ],
    });
    const call = res.choices[0]?.message.tool_calls?.[0];
    assert.equal(res.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(call?.type, 'function');
    assert.equal(call?.type === 'function' ? call.function.name : '', 'delete_record');
    assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), { id: 42 });
  });

  it('passes a tool call through, streamed', async () => {
    const runner = client.chat.completions.stream({
      model: 'mock-chat',
      messages: user('[[mock:tool get_weather {"city":"Paris","unit":"C"}]]'),
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    assert.equal(call?.type === 'function' ? call.function.name : '', 'get_weather');
    assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), { city: 'Paris', unit: 'C' });
  });

  it('answers tool results sent back by the agent', async () => {
    const res = await client.chat.completions.create({
      model: 'mock-chat',
      messages: [
        ...user('weather?'),
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        ...user('thanks [[mock:reply You are welcome.]]'),
      ],
    });
    assert.equal(res.choices[0]?.message.content, 'You are welcome.');
  });

  it('creates embeddings (the SDK asks for base64 and decodes it)', async () => {
    const res = await client.embeddings.create({ model: 'mock-embed', input: ['a', 'b'], dimensions: 8 });
    assert.equal(res.data.length, 2);
    assert.equal(res.data[0]?.embedding.length, 8);
    const again = await client.embeddings.create({ model: 'mock-embed', input: 'a', dimensions: 8, encoding_format: 'float' });
    assert.deepEqual(
      again.data[0]?.embedding.map((x) => x.toFixed(5)),
      res.data[0]?.embedding.map((x) => x.toFixed(5)),
    );
  });

  it('lists only the models the key may use', async () => {
    const all = await client.models.list();
    assert.deepEqual(all.data.map((m) => m.id).sort(), ['mock-chat', 'mock-embed', 'pinned-chat']);
    const narrow = createKey(srv.dataDir, ['--name', 'narrow', '--role', 'member', '--models', 'pinned-*']);
    await new Promise((r) => setTimeout(r, 400));
    const c2 = new OpenAI({ apiKey: narrow.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    assert.deepEqual(
      (await c2.models.list()).data.map((m) => m.id),
      ['pinned-chat'],
    );
  });
});

async function raw(path: string, init: RequestInit & { key?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? key.key}`;
  const res = await fetch(`${srv.url}${path}`, { method: 'POST', ...init, headers });
  const body = (await res.json()) as { error: { message: string; type: string; code: string; param: string | null } };
  const rec = await auditRecord(srv.url, srv.adminKey, res.headers.get('x-request-id') ?? '');
  return { status: res.status, body, rec };
}

function assertOpenAIError(body: unknown, code: string) {
  const b = body as { error: { message: string; type: string; code: string } };
  assert.equal(typeof b.error.message, 'string');
  assert.ok(b.error.message.length > 0);
  assert.equal(typeof b.error.type, 'string');
  assert.equal(b.error.code, code);
}

describe('400 bad input', () => {
  it('malformed JSON', async () => {
    const r = await raw('/v1/chat/completions', { body: '{"model": "mock-chat", "messages": [' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.body, 'invalid_json');
    assert.equal(r.rec.status, 400);
    assert.deepEqual(r.rec.error && (r.rec.error as { code: string }).code, 'invalid_json');
  });
  it('a request the schema refuses names the field (SDK BadRequestError)', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: 5 as unknown as string }] }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && /messages\.0\.content/.test(err.message),
    );
  });
});

describe('413 body over the limit', () => {
  it('refuses and audits it', async () => {
    const r = await raw('/v1/chat/completions', { body: JSON.stringify({ model: 'mock-chat', messages: user('x'.repeat(70_000)) }) });
    assert.equal(r.status, 413);
    assertOpenAIError(r.body, 'payload_too_large');
    assert.equal(r.rec.status, 413);
  });
});

describe('404 unknown model', () => {
  it('SDK NotFoundError, audited', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'no-such-model', messages: user('x') })
      .withResponse()
      .catch((e) => ({ response: undefined, e }) as never);
    assert.equal(response, undefined);
    const r = await raw('/v1/chat/completions', { body: JSON.stringify({ model: 'no-such-model', messages: user('x') }) });
    assert.equal(r.status, 404);
    assertOpenAIError(r.body, 'model_not_found');
    await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: user('x') }), OpenAI.NotFoundError);
  });
});

describe('401 authentication', () => {
  it('missing key', async () => {
    const r = await raw('/v1/chat/completions', { key: null, body: '{}' });
    assert.equal(r.status, 401);
    assertOpenAIError(r.body, 'missing_key');
    assert.equal((r.rec.decisions as Array<{ verdict: string }>)[0]?.verdict, 'deny');
  });
  it('unknown key (well-formed, never issued)', async () => {
    const bogus = new OpenAI({
      apiKey: 'gth_aaaaaaaaaaaa_00000000000000000000000000000000000000',
      baseURL: `${srv.url}/v1`,
      maxRetries: 0,
    });
    await assert.rejects(bogus.chat.completions.create({ model: 'mock-chat', messages: user('x') }), OpenAI.AuthenticationError);
    const r = await raw('/v1/chat/completions', { key: `${key.key.slice(0, -1)}${key.key.endsWith('x') ? 'y' : 'x'}`, body: '{}' });
    assert.equal(r.status, 401);
    assertOpenAIError(r.body, 'invalid_key');
  });
  it('expired key', async () => {
    const k = createKey(srv.dataDir, ['--name', 'short', '--role', 'member', '--expires', '1s']);
    await new Promise((r) => setTimeout(r, 1100));
    const r = await raw('/v1/chat/completions', { key: k.key, body: '{}' });
    assert.equal(r.status, 401);
    assertOpenAIError(r.body, 'expired_key');
    assert.equal(r.rec.key_id, null);
  });
  it('revoked key, immediately after revocation through the admin API', async () => {
    const k = createKey(srv.dataDir, ['--name', 'to-revoke', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    const c = new OpenAI({ apiKey: k.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    await c.chat.completions.create({ model: 'mock-chat', messages: user('x') });
    const rv = await fetch(`${srv.url}/admin/v1/keys/${k.id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminKey}` },
    });
    assert.equal(rv.status, 200);
    const r = await raw('/v1/chat/completions', { key: k.key, body: '{}' });
    assert.equal(r.status, 401);
    assertOpenAIError(r.body, 'revoked_key');
  });
  it('revoked key through the CLI while the server runs', async () => {
    const k = createKey(srv.dataDir, ['--name', 'cli-revoke', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    const out = cli(['keys', 'revoke', k.id, '--data-dir', srv.dataDir]);
    assert.equal(out.code, 0, out.stderr);
    await new Promise((r) => setTimeout(r, 400));
    const r = await raw('/v1/chat/completions', { key: k.key, body: '{}' });
    assert.equal(r.status, 401);
  });
});

describe('403 out of scope', () => {
  it('model outside the key scope', async () => {
    const k = createKey(srv.dataDir, ['--name', 'embed-only-models', '--role', 'member', '--models', 'mock-embed']);
    await new Promise((r) => setTimeout(r, 400));
    const c = new OpenAI({ apiKey: k.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    await assert.rejects(c.chat.completions.create({ model: 'mock-chat', messages: user('x') }), OpenAI.PermissionDeniedError);
    const r = await raw('/v1/chat/completions', { key: k.key, body: JSON.stringify({ model: 'mock-chat', messages: user('x') }) });
    assert.equal(r.status, 403);
    assertOpenAIError(r.body, 'model_not_allowed');
    assert.equal(r.rec.key_id, k.id);
  });
  it('endpoint outside the key scope', async () => {
    const k = createKey(srv.dataDir, ['--name', 'embeddings-only', '--role', 'member', '--endpoints', 'embeddings']);
    await new Promise((r) => setTimeout(r, 400));
    const r = await raw('/v1/chat/completions', { key: k.key, body: JSON.stringify({ model: 'mock-chat', messages: user('x') }) });
    assert.equal(r.status, 403);
    assertOpenAIError(r.body, 'endpoint_not_allowed');
  });
  it('admin API with a member key', async () => {
    const res = await fetch(`${srv.url}/admin/v1/keys`, { headers: { authorization: `Bearer ${key.key}` } });
    assert.equal(res.status, 403);
    assertOpenAIError(await res.json(), 'forbidden');
  });
});

describe('502/504 upstream failures', () => {
  it('upstream error -> 502 with the upstream status recorded', async () => {
    const r = await raw('/v1/chat/completions', { body: JSON.stringify({ model: 'mock-chat', messages: user('[[mock:fail 503]]') }) });
    assert.equal(r.status, 502);
    assertOpenAIError(r.body, 'upstream_error');
    assert.equal(r.rec.upstream_status, 503);
    assert.equal(r.rec.status, 502);
  });
  it('upstream timeout -> 504', async () => {
    const r = await raw('/v1/chat/completions', { body: JSON.stringify({ model: 'mock-chat', messages: user('[[mock:stall 5000]]') }) });
    assert.equal(r.status, 504);
    assertOpenAIError(r.body, 'upstream_timeout');
    assert.equal(r.rec.status, 504);
  });
  it('upstream disconnect mid-stream ends the stream with an error event the SDK raises', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      messages: user('a b c d e f [[mock:echo]] [[mock:disconnect 3]]'),
      stream: true,
    });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    }, OpenAI.APIError);
    assert.equal(text, 'a b c ');
  });
});

describe('499 client disconnect', () => {
  it('aborts the upstream call and audits the partial answer', async () => {
    const ac = new AbortController();
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'mock-chat', messages: user('[[mock:words 200]] [[mock:chunk-delay 20]]'), stream: true }, { signal: ac.signal })
      .withResponse();
    const id = response.headers.get('x-request-id') ?? '';
    let n = 0;
    try {
      for await (const _ of stream) {
        if (++n === 3) ac.abort();
      }
    } catch {
      // Depending on timing the SDK either ends the iteration or throws an abort error.
    }
    assert.ok(n >= 3 && n < 50, `stopped after ${n} chunks`);
    // The record is written once the gateway notices; poll briefly.
    let rec: Record<string, unknown> | undefined;
    for (let i = 0; i < 40 && !rec; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rec = await auditRecord(srv.url, srv.adminKey, id).catch(() => undefined);
    }
    assert.ok(rec, 'the aborted stream was audited');
    assert.equal(rec.status, 499);
    assert.equal((rec.error as { code: string }).code, 'client_closed');
    // Far fewer than 200 words were produced: the upstream stopped.
    assert.ok((rec.latency_us as number) < 2_000_000);
  });
});

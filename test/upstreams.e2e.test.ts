// The gateway in front of real HTTP upstreams (local servers speaking the OpenAI and Anthropic
// wire formats), across dialects: an Anthropic SDK caller reaching an OpenAI-compatible model
// and an OpenAI SDK caller reaching an Anthropic model. Checks that provider credentials come
// from the gateway's config, never from the caller.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { auditRecord, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}
const seen: Seen[] = [];
let upstream: Server;
let srv: RunningServer;
let key: string;
let upstreamClosed = false;

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(JSON.parse(data || '{}')));
  });
}

before(async () => {
  upstream = createServer(async (req, res) => {
    const body = await readJson(req);
    seen.push({ path: req.url ?? '', headers: req.headers, body });
    if (req.url === '/openai/v1/chat/completions') {
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const piece of ['Bonjour', ' le', ' monde']) {
          res.write(
            `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-x-2025-01-01', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`,
          );
        }
        res.write(
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-x-2025-01-01', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
        );
        res.write(
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-x-2025-01-01', choices: [], usage: { prompt_tokens: 11, completion_tokens: 3 } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'c2',
          object: 'chat.completion',
          model: 'gpt-x-2025-01-01',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour le monde' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 11, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 8 } },
          system_fingerprint: 'fp_test',
          service_tier: 'default',
        }),
      );
      return;
    }
    if (req.url === '/openai/v1/slow/chat/completions') {
      // Streams forever, slowly, until the gateway hangs up.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => {
        res.write(
          `data: ${JSON.stringify({ id: 's', object: 'chat.completion.chunk', model: 'slow', choices: [{ index: 0, delta: { content: 'x ' }, finish_reason: null }] })}\n\n`,
        );
      }, 20);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed = true;
      });
      return;
    }
    if (req.url === '/v1/messages') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-x-2025-02-02',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } },
          ],
          stop_reason: 'tool_use',
          stop_sequence: null,
          usage: { input_tokens: 20, output_tokens: 9 },
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as AddressInfo).port;
  const dir = tempDir();
  srv = await startServer({
    env: { TEST_OPENAI_KEY: 'sk-upstream-openai', TEST_ANTHROPIC_KEY: 'sk-ant-upstream' },
    config: writeConfig(
      dir,
      `
providers:
  oai:
    type: openai
    baseUrl: http://127.0.0.1:${port}/openai/v1
    apiKeyEnv: TEST_OPENAI_KEY
    headers: { x-org: acme }
  slow:
    type: openai
    baseUrl: http://127.0.0.1:${port}/openai/v1/slow
  dead:
    type: openai
    baseUrl: http://127.0.0.1:1/v1
  ant:
    type: anthropic
    baseUrl: http://127.0.0.1:${port}
    apiKeyEnv: TEST_ANTHROPIC_KEY
models:
  - { name: gpt-x, provider: oai }
  - { name: slow-x, provider: slow }
  - { name: claude-x, provider: ant, upstreamModel: claude-x-2025-02-02 }
`,
    ),
  });
  key = createKey(srv.dataDir, ['--name', 'xdialect', '--role', 'member']).key;
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
  upstream.close();
});

describe('an Anthropic caller reaching an OpenAI-compatible model', () => {
  it('translates the request and the answer, with the gateway credential upstream', async () => {
    seen.length = 0;
    const client = new Anthropic({ apiKey: key, baseURL: srv.url, maxRetries: 0 });
    const { data, response } = await client.messages
      .create({ model: 'gpt-x', max_tokens: 50, system: 'Translate to French.', messages: [{ role: 'user', content: 'Hello world' }] })
      .withResponse();
    assert.equal(data.content[0]?.type === 'text' ? data.content[0].text : '', 'Bonjour le monde');
    assert.equal(data.usage.input_tokens, 11);
    const up = seen[0];
    assert.equal(up?.headers.authorization, 'Bearer sk-upstream-openai');
    assert.equal(up?.headers['x-org'], 'acme');
    assert.ok(!JSON.stringify(up?.headers).includes(key), 'the caller key never goes upstream');
    assert.deepEqual(up?.body.messages, [
      { role: 'system', content: 'Translate to French.' },
      { role: 'user', content: 'Hello world' },
    ]);
    assert.equal(up?.body.max_tokens, 50);
    const rec = await auditRecord(srv.url, srv.adminKey, response.headers.get('x-request-id') ?? '');
    assert.equal(rec.model_resolved, 'gpt-x-2025-01-01');
    assert.equal(rec.upstream_status, 200);
  });
  it('streams across dialects', async () => {
    const client = new Anthropic({ apiKey: key, baseURL: srv.url, maxRetries: 0 });
    const final = await client.messages
      .stream({ model: 'gpt-x', max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] })
      .finalMessage();
    assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', 'Bonjour le monde');
    assert.equal(final.usage.output_tokens, 3);
  });
});

describe('an OpenAI caller reaching an OpenAI-compatible model', () => {
  it('keeps the fields the neutral model does not carry: fingerprint, tier, cached tokens, exact model', async () => {
    const client = new OpenAI({ apiKey: key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'Hello' }] });
    assert.equal(res.model, 'gpt-x-2025-01-01');
    assert.equal(res.system_fingerprint, 'fp_test');
    assert.equal(res.service_tier, 'default');
    assert.equal(res.usage?.prompt_tokens_details?.cached_tokens, 8);
  });
});

describe('an OpenAI caller reaching an Anthropic model', () => {
  it('translates tool use back into tool_calls', async () => {
    seen.length = 0;
    const client = new OpenAI({ apiKey: key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'claude-x', messages: [{ role: 'user', content: 'look it up' }] });
    const msg = res.choices[0]?.message;
    assert.equal(msg?.content, 'Checking.');
    assert.equal(res.choices[0]?.finish_reason, 'tool_calls');
    const call = msg?.tool_calls?.[0];
    assert.equal(call?.type === 'function' ? call.function.name : '', 'lookup');
    assert.deepEqual(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}'), { q: 'x' });
    const up = seen[0];
    assert.equal(up?.path, '/v1/messages');
    assert.equal(up?.headers['x-api-key'], 'sk-ant-upstream');
    assert.equal(up?.body.model, 'claude-x-2025-02-02');
  });
});

describe('client disconnects and readiness', () => {
  it('a client that goes away closes the upstream stream', async () => {
    upstreamClosed = false;
    const client = new OpenAI({ apiKey: key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const ac = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'slow-x', stream: true, messages: [{ role: 'user', content: 'go' }] },
      { signal: ac.signal },
    );
    let n = 0;
    try {
      for await (const _ of stream) if (++n === 3) ac.abort();
    } catch {
      // aborted
    }
    for (let i = 0; i < 50 && !upstreamClosed; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(upstreamClosed, true, 'the upstream connection was closed after the client left');
  });
  it('readyz names an unreachable provider and answers 503', async () => {
    const res = await fetch(`${srv.url}/readyz`);
    const body = (await res.json()) as { checks: Record<string, string> };
    assert.equal(res.status, 503);
    assert.equal(body.checks['provider:dead'], 'unavailable');
    assert.equal(body.checks['provider:oai'], 'ok');
    assert.equal(body.checks['provider:ant'], 'ok');
  });
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AnthropicProviderConfig } from '../../config/schema.js';
import { GatehouseError } from '../../errors.js';
import type { ChatRequest, StreamEvent } from '../../pipeline/types.js';
import type { Provider } from '../types.js';
import { createAnthropicProvider } from './anthropic-provider.js';

const KEY = 'sk-ant-secret-key';

interface Seen {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

// A stand-in for api.anthropic.com: each test sets `reply`, every request is recorded in `seen`.
let reply: (res: ServerResponse) => void = () => {};
let seen: Seen[] = [];
const server = createServer(async (req, res) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  seen.push({ url: req.url, headers: req.headers, body: text ? JSON.parse(text) : {} });
  if (req.method === 'GET') {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  reply(res);
});
let port = 0;
before(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const config = (over: Partial<AnthropicProviderConfig> = {}): AnthropicProviderConfig => ({
  type: 'anthropic',
  baseUrl: `http://127.0.0.1:${port}/proxy/`,
  version: '2023-06-01',
  headers: { 'Anthropic-Beta': 'test-beta' },
  connections: 4,
  timeoutMs: 2000,
  ...over,
});

async function withProvider(fn: (p: Provider) => Promise<void>, over: Partial<AnthropicProviderConfig> = {}) {
  seen = [];
  const provider = createAnthropicProvider('claude', config(over), KEY);
  try {
    await fn(provider);
  } finally {
    await provider.close();
  }
}

const ctx = (signal = new AbortController().signal) => ({ signal, upstreamModel: 'claude-pinned-1' });

const request = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  kind: 'chat',
  model: 'claude',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
  streamUsage: true,
  passthrough: { dialect: 'openai', params: {} },
  ...over,
});

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const frame = (data: Record<string, unknown>) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
const MESSAGE_START = frame({
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-pinned-1-2025', content: [], usage: { input_tokens: 7, output_tokens: 1 } },
});
const sse =
  (...frames: string[]) =>
  (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(frames.join(''));
  };

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function isError(code: GatehouseError['code'], upstreamStatus?: number) {
  return (err: unknown) => {
    assert.ok(err instanceof GatehouseError, String(err));
    assert.equal(err.code, code);
    if (upstreamStatus !== undefined) assert.equal(err.upstreamStatus, upstreamStatus);
    assert.ok(!`${err.message} ${err.internal}`.includes(KEY), 'the API key must not leak into errors');
    return true;
  };
}

const MESSAGE = {
  id: 'msg_9',
  type: 'message',
  role: 'assistant',
  model: 'claude-pinned-1-2025',
  content: [
    { type: 'text', text: 'Checking ' },
    { type: 'text', text: 'now.' },
    { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 4 },
};

describe('request translation', () => {
  it('sends system, tools, tool calls and tool results the way the Messages API wants them', () =>
    withProvider(async (p) => {
      reply = json(200, MESSAGE);
      await p.chat(
        request({
          messages: [
            { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
            { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
            {
              role: 'assistant',
              content: [{ type: 'text', text: '' }],
              toolCalls: [
                { id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
                { id: 'toolu_2', name: 'weather', arguments: 'not json' },
              ],
            },
            { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: '18C' }] },
            { role: 'tool', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'bad' }], isError: true },
            { role: 'user', content: [{ type: 'image', url: 'data:image/jpeg;base64,QUJD' }] },
          ],
          tools: [{ name: 'weather', description: 'by city', parameters: { type: 'object' } }],
          toolChoice: 'required',
          maxTokens: 77,
          temperature: 1.5,
          topP: 0.5,
          stop: ['END'],
          user: 'u-1',
          passthrough: { dialect: 'anthropic', params: { top_k: 3, model: 'sneaky' } },
        }),
        ctx(),
      );
      const [call] = seen;
      assert.equal(call?.url, '/proxy/v1/messages');
      assert.equal(call?.headers['x-api-key'], KEY);
      assert.equal(call?.headers['anthropic-version'], '2023-06-01');
      assert.equal(call?.headers['anthropic-beta'], 'test-beta');
      assert.equal(call?.headers['content-type'], 'application/json');
      assert.deepEqual(call?.body, {
        top_k: 3,
        model: 'claude-pinned-1',
        max_tokens: 77,
        system: 'Be brief.',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18C' }] },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'bad' }], is_error: true },
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'QUJD' } },
            ],
          },
        ],
        tools: [{ name: 'weather', description: 'by city', input_schema: { type: 'object' } }],
        tool_choice: { type: 'any' },
        temperature: 1,
        top_p: 0.5,
        stop_sequences: ['END'],
        metadata: { user_id: 'u-1' },
      });
    }));

  it('defaults max_tokens, forwards a named tool choice and drops another dialect passthrough', () =>
    withProvider(async (p) => {
      reply = sse(MESSAGE_START, frame({ type: 'message_stop' }));
      const { events } = await p.chatStream(
        request({ toolChoice: { name: 'weather' }, passthrough: { dialect: 'openai', params: { logprobs: true } } }),
        ctx(),
      );
      await collect(events);
      assert.deepEqual(seen[0]?.body, {
        model: 'claude-pinned-1',
        max_tokens: 4096,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tool_choice: { type: 'tool', name: 'weather' },
        stream: true,
      });
    }));

  it('omits x-api-key when the provider has no key', async () => {
    seen = [];
    const p = createAnthropicProvider('claude', config(), undefined);
    reply = json(200, MESSAGE);
    await p.chat(request(), ctx());
    await p.close();
    assert.equal(seen[0]?.headers['x-api-key'], undefined);
  });
});

describe('200 responses', () => {
  it('parses a Message into the neutral answer', () =>
    withProvider(async (p) => {
      reply = json(200, MESSAGE);
      assert.deepEqual(await p.chat(request(), ctx()), {
        kind: 'chat',
        id: 'msg_9',
        model: 'claude-pinned-1-2025',
        text: 'Checking now.',
        toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' }],
        finishReason: 'tool_calls',
        usage: { inputTokens: 15, outputTokens: 4 },
        upstreamStatus: 200,
      });
    }));

  it('parses a stream with text and tool_use blocks into neutral events', () =>
    withProvider(async (p) => {
      reply = sse(
        MESSAGE_START,
        'event: ping\ndata: {"type":"ping"}\n\n',
        frame({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        frame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }),
        frame({ type: 'content_block_stop', index: 0 }),
        frame({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'w', input: {} } }),
        frame({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } }),
        frame({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":1}' } }),
        frame({ type: 'content_block_stop', index: 1 }),
        frame({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } }),
        frame({ type: 'message_stop' }),
      );
      const stream = await p.chatStream(request({ stream: true }), ctx());
      assert.equal(stream.upstreamStatus, 200);
      assert.deepEqual(await collect(stream.events), [
        { type: 'start', id: 'msg_1', model: 'claude-pinned-1-2025' },
        { type: 'text', text: 'Hi' },
        { type: 'tool_call', index: 0, id: 'toolu_1', name: 'w', argumentsDelta: '' },
        { type: 'tool_call', index: 0, argumentsDelta: '{"a":1}' },
        { type: 'finish', reason: 'tool_calls' },
        { type: 'usage', usage: { inputTokens: 7, outputTokens: 12 } },
      ]);
    }));
});

describe('upstream failures', () => {
  it('turns a non-2xx answer into upstream_error with the upstream status', () =>
    withProvider(async (p) => {
      reply = json(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } });
      await assert.rejects(p.chat(request(), ctx()), (err) => {
        isError('upstream_error', 429)(err);
        assert.equal((err as GatehouseError).message, 'upstream provider "claude" returned HTTP 429');
        assert.match((err as GatehouseError).internal ?? '', /slow down/);
        return true;
      });
      reply = json(529, { type: 'error', error: { type: 'overloaded_error', message: 'busy' } });
      await assert.rejects(p.chatStream(request({ stream: true }), ctx()), isError('upstream_error', 529));
      // An endless error body is read only up to a bound, then dropped.
      reply = (res) => {
        res.writeHead(500);
        res.write('x'.repeat(256 * 1024));
      };
      await assert.rejects(p.chat(request(), ctx()), isError('upstream_error', 500));
    }));

  it('rejects a 200 that is not a Message', () =>
    withProvider(async (p) => {
      reply = (res) => res.end('<html>proxy</html>');
      await assert.rejects(p.chat(request(), ctx()), isError('upstream_error', 200));
      reply = json(200, { type: 'message' });
      await assert.rejects(p.chat(request(), ctx()), isError('upstream_error', 200));
    }));

  it('throws an in-stream error event from the iterator', () =>
    withProvider(async (p) => {
      const error = frame({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
      reply = sse(MESSAGE_START, error);
      const { events } = await p.chatStream(request({ stream: true }), ctx());
      const seenEvents: StreamEvent[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of events) seenEvents.push(e);
        })(),
        (err) => isError('upstream_error')(err) && /overloaded_error/.test((err as GatehouseError).internal ?? ''),
      );
      assert.equal(seenEvents[0]?.type, 'start');
    }));

  it('treats a stream cut off before message_stop, or with a bad event, as an upstream error', () =>
    withProvider(async (p) => {
      reply = sse(MESSAGE_START);
      await assert.rejects(collect((await p.chatStream(request(), ctx())).events), isError('upstream_error'));
      reply = sse(MESSAGE_START, 'event: content_block_delta\ndata: {oops\n\n');
      await assert.rejects(collect((await p.chatStream(request(), ctx())).events), isError('upstream_error'));
    }));

  it('gives upstream_unavailable when nothing listens', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadPort = (closed.address() as AddressInfo).port;
    closed.close();
    const p = createAnthropicProvider('claude', config({ baseUrl: `http://127.0.0.1:${deadPort}` }), KEY);
    await assert.rejects(p.chat(request(), ctx()), isError('upstream_unavailable'));
    await p.close();
  });
});

describe('timeouts and cancellation', () => {
  it('gives upstream_timeout when the headers do not come in time', () =>
    withProvider(
      async (p) => {
        const gone = new Promise((resolve) => {
          reply = (res) => res.on('close', resolve);
        });
        await assert.rejects(p.chat(request(), ctx()), isError('upstream_timeout'));
        await gone;
      },
      { timeoutMs: 100 },
    ));

  it('gives upstream_timeout when a started stream stalls', () =>
    withProvider(
      async (p) => {
        reply = (res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(MESSAGE_START);
        };
        const { events } = await p.chatStream(request({ stream: true }), ctx());
        await assert.rejects(collect(events), isError('upstream_timeout'));
      },
      { timeoutMs: 150 },
    ));

  it('cancels the upstream call when the caller aborts before the answer', () =>
    withProvider(async (p) => {
      const controller = new AbortController();
      const gone = new Promise((resolve) => {
        reply = (res) => {
          res.on('close', resolve);
          controller.abort();
        };
      });
      await assert.rejects(p.chat(request(), ctx(controller.signal)), isError('client_closed'));
      await gone;
    }));

  it('cancels a running stream when the caller aborts', () =>
    withProvider(async (p) => {
      const controller = new AbortController();
      let upstream: ServerResponse | undefined;
      reply = (res) => {
        upstream = res;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(MESSAGE_START);
      };
      const { events } = await p.chatStream(request({ stream: true }), ctx(controller.signal));
      const gone = once(upstream as ServerResponse, 'close');
      await assert.rejects(
        (async () => {
          for await (const e of events) if (e.type === 'start') controller.abort();
        })(),
        isError('client_closed'),
      );
      await gone;
    }));

  it('destroys the upstream body when the consumer stops early', () =>
    withProvider(async (p) => {
      let upstream: ServerResponse | undefined;
      reply = (res) => {
        upstream = res;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(MESSAGE_START);
      };
      const { events } = await p.chatStream(request({ stream: true }), ctx());
      const gone = once(upstream as ServerResponse, 'close');
      for await (const e of events) if (e.type === 'start') break;
      await gone;
    }));
});

describe('the rest of the Provider contract', () => {
  it('refuses embeddings, probes reachability (any HTTP answer counts), and closes', async () => {
    seen = [];
    const p = createAnthropicProvider('claude', config(), KEY);
    assert.equal(p.type, 'anthropic');
    assert.equal(p.name, 'claude');
    await assert.rejects(
      p.embeddings({ kind: 'embeddings', model: 'e', input: ['x'] }, ctx()),
      (err: unknown) =>
        err instanceof GatehouseError &&
        err.code === 'invalid_request' &&
        err.message === 'provider "claude" (anthropic) does not serve embeddings',
    );
    assert.deepEqual(await p.ready(), { ok: true });
    assert.deepEqual(await p.ready(), { ok: true });
    // One probe (GET, no credentials needed to count as reachable), cached for the second call.
    assert.deepEqual(
      seen.map((s) => s.url),
      ['/proxy/v1/models'],
    );
    await p.close();
    assert.equal((await p.ready()).ok, false);
    await p.close();
    const down = createAnthropicProvider('down', config({ baseUrl: 'http://127.0.0.1:1' }), KEY);
    const r = await down.ready();
    assert.equal(r.ok, false);
    assert.match(String(r.detail), /ECONNREFUSED/);
    await down.close();
  });
});

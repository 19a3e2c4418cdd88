import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GatehouseError } from '../../errors.js';
import type { ChatResponse, StreamEvent } from '../../pipeline/types.js';
import { anthropicCodec } from './anthropic-codec.js';

const base = { model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

function rejects(body: unknown, field: string, message?: RegExp) {
  assert.throws(
    () => anthropicCodec.parseChat(body),
    (err: unknown) => {
      assert.ok(err instanceof GatehouseError);
      assert.equal(err.code, 'invalid_request');
      assert.deepEqual(err.details, { field });
      assert.ok(err.message.startsWith(`${field}: `), err.message);
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}

/** Splits renderer output back into {event, data} pairs. */
function frames(sse: string) {
  return sse
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const [eventLine = '', dataLine = '', ...rest] = frame.split('\n');
      assert.equal(rest.length, 0);
      assert.ok(eventLine.startsWith('event: ') && dataLine.startsWith('data: '), frame);
      const data = JSON.parse(dataLine.slice(6));
      assert.equal(data.type, eventLine.slice(7));
      return data;
    });
}

const answer = (over: Partial<ChatResponse> = {}): ChatResponse => ({
  kind: 'chat',
  id: 'abc',
  model: 'claude-x-20250101',
  text: 'Hello',
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 12, outputTokens: 3 },
  ...over,
});

const toolStream: StreamEvent[] = [
  { type: 'start', id: 'msg_1', model: 'upstream' },
  { type: 'text', text: 'Let me ' },
  { type: 'text', text: 'check.' },
  { type: 'tool_call', index: 0, id: 'toolu_1', name: 'weather', argumentsDelta: '' },
  { type: 'tool_call', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool_call', index: 0, argumentsDelta: '"Paris"}' },
  { type: 'tool_call', index: 1, id: 'toolu_2', name: 'time', argumentsDelta: '{}' },
  { type: 'finish', reason: 'tool_calls' },
  { type: 'usage', usage: { inputTokens: 20, outputTokens: 9 } },
];

describe('parseChat: valid requests', () => {
  it('parses a minimal request with the Anthropic defaults', () => {
    const req = anthropicCodec.parseChat(base);
    assert.deepEqual(req, {
      kind: 'chat',
      model: 'claude-x',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      maxTokens: 100,
      stream: false,
      streamUsage: true,
      passthrough: { dialect: 'anthropic', params: {} },
    });
  });

  it('maps system, tools, tool choice, sampling, metadata and unknown params', () => {
    const req = anthropicCodec.parseChat({
      ...base,
      system: [{ type: 'text', text: 'Be brief.' }],
      tools: [{ name: 'weather', description: 'Weather by city', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      stream: true,
      metadata: { user_id: 'u-1' },
      top_k: 5,
      thinking: { type: 'disabled' },
    });
    assert.deepEqual(req.messages[0], { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] });
    assert.deepEqual(req.tools, [{ name: 'weather', description: 'Weather by city', parameters: { type: 'object' } }]);
    assert.equal(req.toolChoice, 'required');
    assert.equal(req.temperature, 0.2);
    assert.equal(req.topP, 0.9);
    assert.deepEqual(req.stop, ['END']);
    assert.equal(req.stream, true);
    assert.equal(req.user, 'u-1');
    assert.deepEqual(req.passthrough, { dialect: 'anthropic', params: { top_k: 5, thinking: { type: 'disabled' } } });
  });

  it('maps every tool_choice type', () => {
    const choice = (tool_choice: unknown) => anthropicCodec.parseChat({ ...base, tool_choice }).toolChoice;
    assert.equal(choice({ type: 'auto' }), 'auto');
    assert.equal(choice({ type: 'none' }), 'none');
    assert.deepEqual(choice({ type: 'tool', name: 'weather' }), { name: 'weather' });
  });

  it('turns tool_use into tool calls and tool_result into tool messages ahead of the user text', () => {
    const req = anthropicCodec.parseChat({
      ...base,
      system: 'sys',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'boom' }], is_error: true },
            { type: 'text', text: 'Thanks' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } },
            { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } },
          ],
        },
      ],
    });
    assert.deepEqual(req.messages, [
      { role: 'system', content: [{ type: 'text', text: 'sys' }] },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Checking.' }],
        toolCalls: [{ id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' }],
      },
      { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: '18C' }], isError: false },
      { role: 'tool', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'boom' }], isError: true },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Thanks' },
          { type: 'image', mediaType: 'image/png', data: 'AAA' },
          { type: 'image', url: 'https://x.test/a.png' },
        ],
      },
    ]);
  });

  it('keeps a user turn of only tool results as tool messages', () => {
    const req = anthropicCodec.parseChat({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't' }] }],
    });
    assert.deepEqual(req.messages, [{ role: 'tool', toolCallId: 't', content: [], isError: false }]);
  });
});

describe('parseChat: invalid requests name the field', () => {
  it('rejects bodies that are not objects', () => {
    for (const body of [null, [], 'x', 3]) rejects(body, 'body');
  });
  it('rejects a missing or empty model', () => {
    rejects({ ...base, model: undefined }, 'model');
    rejects({ ...base, model: '' }, 'model');
  });
  it('requires max_tokens as a positive integer', () => {
    for (const max_tokens of [undefined, 0, -1, 1.5, '10']) rejects({ ...base, max_tokens }, 'max_tokens', /positive integer/);
  });
  it('rejects missing, empty and malformed messages', () => {
    rejects({ ...base, messages: undefined }, 'messages');
    rejects({ ...base, messages: [] }, 'messages', /non-empty/);
    rejects({ ...base, messages: ['hi'] }, 'messages.0');
    rejects({ ...base, messages: [{ role: 'system', content: 7 }] }, 'messages.0.role');
    const messages = [...base.messages, { role: 'assistant', content: 'a' }, { role: 'user', content: 7 }];
    rejects({ ...base, messages }, 'messages.2.content', /expected a string or an array of content blocks/);
  });
  it('rejects blocks in the wrong place or of unknown types', () => {
    const user = (content: unknown) => ({ ...base, messages: [{ role: 'user', content }] });
    const assistant = (content: unknown) => ({ ...base, messages: [{ role: 'assistant', content }] });
    rejects(user([{ type: 'tool_use', id: 'a', name: 'b', input: {} }]), 'messages.0.content.0.type', /assistant/);
    rejects(assistant([{ type: 'tool_result', tool_use_id: 'a' }]), 'messages.0.content.0.type', /user/);
    rejects(assistant([{ type: 'tool_use', id: 'a', name: 'b', input: [] }]), 'messages.0.content.0.input');
    rejects(user([{ type: 'document' }]), 'messages.0.content.0.type', /"document"/);
    rejects(user([{ type: 'constructor' }]), 'messages.0.content.0.type', /"constructor" is not supported/);
    rejects(user([{ type: 'text', text: 5 }]), 'messages.0.content.0.text');
    rejects(user([{ type: 'image', source: { type: 'file' } }]), 'messages.0.content.0.source.type');
    rejects(user([{ type: 'tool_result', tool_use_id: 'a', is_error: 'yes' }]), 'messages.0.content.0.is_error');
  });
  it('rejects a malformed system, tools and tool_choice', () => {
    rejects({ ...base, system: 5 }, 'system');
    rejects({ ...base, system: [{ type: 'image', source: {} }] }, 'system.0.type');
    rejects({ ...base, tools: {} }, 'tools');
    rejects({ ...base, tools: [{ name: 'x' }] }, 'tools.0.input_schema');
    rejects({ ...base, tools: [{ name: '', input_schema: {} }] }, 'tools.0.name');
    rejects({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type');
    rejects({ ...base, tool_choice: { type: 'sometimes' } }, 'tool_choice.type');
    rejects({ ...base, tool_choice: { type: 'tool' } }, 'tool_choice.name');
  });
  it('rejects bad sampling parameters, stream and metadata', () => {
    rejects({ ...base, temperature: 1.5 }, 'temperature');
    rejects({ ...base, top_p: 'x' }, 'top_p');
    rejects({ ...base, stop_sequences: 'END' }, 'stop_sequences');
    rejects({ ...base, stop_sequences: ['a', 1] }, 'stop_sequences.1');
    rejects({ ...base, stream: 'yes' }, 'stream');
    rejects({ ...base, metadata: { user_id: 1 } }, 'metadata.user_id');
  });
});

describe('renderChat', () => {
  it('renders a text answer as a Message under the caller model name', () => {
    assert.deepEqual(anthropicCodec.renderChat(answer(), 'claude-x'), {
      id: 'msg_abc',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 3 },
    });
  });
  it('renders tool calls, omits empty text, and survives arguments that are not JSON', () => {
    const res = answer({
      id: 'msg_keep',
      text: '',
      finishReason: 'tool_calls',
      toolCalls: [
        { id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { id: 'toolu_2', name: 'broken', arguments: '{"city":' },
      ],
    });
    const msg = anthropicCodec.renderChat(res, 'm') as { id: string; content: unknown[]; stop_reason: string };
    assert.equal(msg.id, 'msg_keep');
    assert.equal(msg.stop_reason, 'tool_use');
    assert.deepEqual(msg.content, [
      { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_2', name: 'broken', input: {} },
    ]);
  });
  it('maps every finish reason', () => {
    const expected = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal', error: 'end_turn' };
    for (const [finishReason, stop] of Object.entries(expected)) {
      const msg = anthropicCodec.renderChat(answer({ finishReason: finishReason as ChatResponse['finishReason'] }), 'm');
      assert.equal((msg as { stop_reason: string }).stop_reason, stop);
    }
  });
});

describe('stream renderer', () => {
  it('renders text then tool calls as ordered content blocks', () => {
    const r = anthropicCodec.createStreamRenderer('claude-x');
    const out = frames(toolStream.map((e) => r.event(e)).join('') + r.end());
    assert.deepEqual(
      out.map((f) => [f.type, f.index, f.delta?.type ?? f.content_block?.type].filter((x) => x !== undefined)),
      [
        ['message_start'],
        ['content_block_start', 0, 'text'],
        ['content_block_delta', 0, 'text_delta'],
        ['content_block_delta', 0, 'text_delta'],
        ['content_block_stop', 0],
        ['content_block_start', 1, 'tool_use'],
        ['content_block_delta', 1, 'input_json_delta'],
        ['content_block_delta', 1, 'input_json_delta'],
        ['content_block_stop', 1],
        ['content_block_start', 2, 'tool_use'],
        ['content_block_delta', 2, 'input_json_delta'],
        ['content_block_stop', 2],
        ['message_delta'],
        ['message_stop'],
      ],
    );
    assert.equal(out[0].message.id, 'msg_1');
    // message_start names the model the upstream reported (its exact version), not the alias.
    assert.equal(out[0].message.model, 'upstream');
    assert.deepEqual(out[0].message.content, []);
    assert.deepEqual(out[5].content_block, { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} });
    assert.deepEqual(out[12], {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 20, output_tokens: 9 },
    });
  });
  it('starts the message lazily and ends an empty stream validly', () => {
    const r = anthropicCodec.createStreamRenderer('m');
    const first = frames(r.event({ type: 'text', text: 'x' }));
    assert.equal(first[0].type, 'message_start');
    assert.match(first[0].message.id, /^msg_/);
    const empty = anthropicCodec.createStreamRenderer('m');
    assert.equal(empty.event({ type: 'usage', usage: { inputTokens: 4, outputTokens: 0 } }), '');
    const types = frames(empty.end()).map((f) => f.type);
    assert.deepEqual(types, ['message_start', 'message_delta', 'message_stop']);
  });
  it('renders an error event and refuses anything after the end', () => {
    const r = anthropicCodec.createStreamRenderer('m');
    r.event({ type: 'text', text: 'x' });
    const err = r.error(new GatehouseError('upstream_timeout', 'upstream timed out'));
    assert.equal(err, 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"upstream timed out"}}\n\n');
    assert.throws(() => r.event({ type: 'text', text: 'late' }), /after end\(\) or error\(\)/);
    const done = anthropicCodec.createStreamRenderer('m');
    done.end();
    assert.throws(() => done.event({ type: 'finish', reason: 'stop' }));
    assert.throws(() => done.end());
  });
});

describe('renderError', () => {
  it('maps statuses onto Anthropic error types', () => {
    const cases: Array<[GatehouseError['code'], string]> = [
      ['invalid_request', 'invalid_request_error'],
      ['invalid_key', 'authentication_error'],
      ['forbidden', 'permission_error'],
      ['model_not_found', 'not_found_error'],
      ['payload_too_large', 'request_too_large'],
      ['audit_unavailable', 'overloaded_error'],
      ['upstream_error', 'api_error'],
      ['internal_error', 'api_error'],
      ['method_not_allowed', 'invalid_request_error'],
    ];
    for (const [code, type] of cases) {
      assert.deepEqual(anthropicCodec.renderError(new GatehouseError(code, 'why')), { type: 'error', error: { type, message: 'why' } });
    }
  });
});

describe('the official SDK consumes what the codec renders', () => {
  let reply: (body: unknown, res: ServerResponse) => void = () => {};
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    reply(JSON.parse(text), res);
  });
  let client: Anthropic;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new Anthropic({ apiKey: 'test', baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sseReply = (events: StreamEvent[], tail: 'end' | GatehouseError) => (body: unknown, res: ServerResponse) => {
    const r = anthropicCodec.createStreamRenderer(anthropicCodec.parseChat(body).model);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const e of events) res.write(r.event(e));
    res.end(tail === 'end' ? r.end() : r.error(tail));
  };

  it('parses the request the SDK sends and reads the JSON Message back', async () => {
    let parsed: ReturnType<typeof anthropicCodec.parseChat> | undefined;
    reply = (body, res) => {
      parsed = anthropicCodec.parseChat(body);
      const toolCalls = [{ id: 'toolu_9', name: 'weather', arguments: '{"city":"Oslo"}' }];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(anthropicCodec.renderChat(answer({ toolCalls, finishReason: 'tool_calls' }), parsed.model)));
    };
    const msg = await client.messages.create({
      model: 'claude-x',
      max_tokens: 50,
      system: 'sys',
      tools: [{ name: 'weather', input_schema: { type: 'object' } }],
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    });
    assert.deepEqual(
      parsed?.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'tool'],
    );
    assert.equal(msg.stop_reason, 'tool_use');
    assert.deepEqual(msg.content[1], { type: 'tool_use', id: 'toolu_9', name: 'weather', input: { city: 'Oslo' } });
    assert.deepEqual(msg.usage, { input_tokens: 12, output_tokens: 3 });
  });

  it('assembles the SSE stream into a final message with tool_use input', async () => {
    reply = sseReply(toolStream, 'end');
    const stream = client.messages.stream({ model: 'claude-x', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    stream.on('text', (delta) => {
      text += delta;
    });
    const msg = await stream.finalMessage();
    assert.equal(text, 'Let me check.');
    assert.equal(msg.id, 'msg_1');
    assert.equal(msg.stop_reason, 'tool_use');
    assert.deepEqual(msg.usage.input_tokens, 20);
    assert.deepEqual(msg.usage.output_tokens, 9);
    assert.deepEqual(JSON.parse(JSON.stringify(msg.content)), [
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_2', name: 'time', input: {} },
    ]);
  });

  it('surfaces an in-stream error as an APIError with the Anthropic type', async () => {
    reply = sseReply([{ type: 'text', text: 'par' }], new GatehouseError('audit_unavailable', 'audit down'));
    const stream = client.messages.stream({ model: 'claude-x', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    await assert.rejects(stream.finalMessage(), (err: unknown) => {
      assert.ok(err instanceof Anthropic.APIError);
      assert.equal(err.type, 'overloaded_error');
      assert.match(err.message, /audit down/);
      return true;
    });
  });

  it('maps a rendered error body onto the SDK error class', async () => {
    reply = (_body, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(JSON.stringify(anthropicCodec.renderError(new GatehouseError('forbidden', 'slow down'))));
    };
    await assert.rejects(client.messages.create({ ...base, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => {
      assert.ok(err instanceof Anthropic.RateLimitError);
      assert.equal(err.type, 'permission_error');
      assert.equal(err.apiMessage, 'slow down');
      return true;
    });
  });
});

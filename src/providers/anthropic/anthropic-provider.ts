// The Anthropic Messages API adapter: the neutral ChatRequest goes to POST {baseUrl}/v1/messages
// over an undici pool, and the JSON or SSE answer comes back as the neutral model. Failures map
// onto GatehouseErrors as ../types.ts lays out; the API key only ever travels in a header.
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { AnthropicProviderConfig } from '../../config/schema.js';
import { GatehouseError } from '../../errors.js';
import type { ChatMessage, ChatRequest, ChatResponse, ContentPart, FinishReason, StreamEvent, ToolCall } from '../../pipeline/types.js';
import { trimTrailingSlashes } from '../../util/strings.js';
import { createProbe } from '../probe.js';
import { parseSse } from '../sse.js';
import type { CallContext, ChatStream, Provider } from '../types.js';
import { statusError, transportError } from '../upstream-errors.js';

type Json = Record<string, unknown>;
type Body = Dispatcher.ResponseData['body'];

/** The Messages API requires max_tokens; OpenAI callers often leave it out. */
const DEFAULT_MAX_TOKENS = 4096;
/** Enough of an error body for the audit detail; the rest is not worth holding. */
const ERROR_BODY_LIMIT = 64 * 1024;

const FINISH = new Map<unknown, FinishReason>([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['pause_turn', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool_calls'],
  ['refusal', 'content_filter'],
]);

const finishReason = (reason: unknown): FinishReason => FINISH.get(reason) ?? 'stop';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

// Anthropic reports cache reads and writes apart from input_tokens; the neutral count is the whole
// prompt, as OpenAI's prompt_tokens is, so quotas and audit mean the same thing for every provider.
const inputTokensOf = (usage: Json) =>
  num(usage.input_tokens) + num(usage.cache_creation_input_tokens) + num(usage.cache_read_input_tokens);

const DATA_URL = /^data:([^;,]+);base64,/;

function blockOf(part: ContentPart): Json {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.data !== undefined) {
    return { type: 'image', source: { type: 'base64', media_type: part.mediaType ?? 'image/png', data: part.data } };
  }
  // OpenAI callers inline images as data: URLs; Anthropic wants those as base64 sources.
  const url = part.url ?? '';
  const inline = DATA_URL.exec(url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline[1], data: url.slice(inline[0].length) } };
  return { type: 'image', source: { type: 'url', url } };
}

function toolInput(args: string): Json {
  try {
    return obj(JSON.parse(args));
  } catch {
    return {};
  }
}

/**
 * System messages (wherever an OpenAI caller put them) go to the top-level `system`. Tool results
 * and the user text after them share one user turn, because Anthropic wants every tool_result of
 * an assistant turn in the very next user message.
 */
function toAnthropicMessages(messages: ChatMessage[]): { system: Json[]; messages: Json[] } {
  const system: Json[] = [];
  const out: Json[] = [];
  let userTurn: Json[] | undefined;
  const userBlocks = () => {
    if (!userTurn) {
      userTurn = [];
      out.push({ role: 'user', content: userTurn });
    }
    return userTurn;
  };
  for (const m of messages) {
    if (m.role === 'system') {
      for (const p of m.content) if (p.type === 'text') system.push(blockOf(p));
    } else if (m.role === 'tool') {
      const result: Json = { type: 'tool_result', tool_use_id: m.toolCallId };
      if (m.content.length) result.content = m.content.map(blockOf);
      if (m.isError) result.is_error = true;
      userBlocks().push(result);
    } else if (m.role === 'user') {
      userBlocks().push(...m.content.map(blockOf));
    } else {
      userTurn = undefined;
      // Anthropic rejects empty text blocks, which OpenAI callers send beside tool calls.
      const content = m.content.filter((p) => p.type !== 'text' || p.text !== '').map(blockOf);
      for (const c of m.toolCalls ?? []) content.push({ type: 'tool_use', id: c.id, name: c.name, input: toolInput(c.arguments) });
      out.push({ role: 'assistant', content });
    }
  }
  return { system, messages: out };
}

function toAnthropicBody(req: ChatRequest, model: string, stream: boolean): Json {
  const { system, messages } = toAnthropicMessages(req.messages);
  // Unknown parameters first, so that they can never override the fields the gateway sets.
  const body: Json = req.passthrough.dialect === 'anthropic' ? { ...req.passthrough.params } : {};
  body.model = model;
  body.max_tokens = req.maxTokens ?? DEFAULT_MAX_TOKENS;
  body.messages = messages;
  if (system.length === 1) body.system = system[0]?.text;
  else if (system.length) body.system = system;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      name: t.name,
      ...(t.description === undefined ? {} : { description: t.description }),
      input_schema: t.parameters,
    }));
  }
  const choice = req.toolChoice;
  if (choice !== undefined) {
    body.tool_choice =
      choice === 'required' ? { type: 'any' } : typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.name };
  }
  // OpenAI's temperature goes to 2, Anthropic's to 1: clamp rather than fail a valid caller request.
  if (req.temperature !== undefined) body.temperature = Math.min(Math.max(req.temperature, 0), 1);
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop?.length) body.stop_sequences = req.stop;
  if (req.user !== undefined) body.metadata = { ...obj(body.metadata), user_id: req.user };
  if (stream) body.stream = true;
  return body;
}

function invalidResponse(provider: string, status: number, detail: string): GatehouseError {
  return new GatehouseError('upstream_error', `upstream provider "${provider}" sent an invalid response`, {
    upstreamStatus: status,
    internal: `${provider}: ${detail}`,
  });
}

function fromAnthropicMessage(json: unknown, provider: string, status: number, fallbackModel: string): ChatResponse {
  if (!isObject(json) || !Array.isArray(json.content)) throw invalidResponse(provider, status, 'not a Message object');
  let text = '';
  const toolCalls: ToolCall[] = [];
  for (const block of json.content.map(obj)) {
    if (block.type === 'text') text += str(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({ id: str(block.id), name: str(block.name), arguments: JSON.stringify(obj(block.input)) });
    }
  }
  const usage = obj(json.usage);
  return {
    kind: 'chat',
    id: str(json.id),
    model: str(json.model) || fallbackModel,
    text,
    toolCalls,
    finishReason: finishReason(json.stop_reason),
    usage: { inputTokens: inputTokensOf(usage), outputTokens: num(usage.output_tokens) },
  };
}

/** Destroys a body the gateway no longer wants; undici then reports an abort we expect. */
function discard(body: Body): void {
  if (body.destroyed) return;
  body.on('error', () => {});
  body.destroy();
}

async function readText(body: Body, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } finally {
    discard(body);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Errors from the body stream: undici's (with a code) are transport trouble, the rest bad data. */
function streamFailure(err: unknown, provider: string): GatehouseError {
  if (err instanceof GatehouseError) return err;
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof e?.code === 'string' || e?.name === 'AbortError') return transportError(err, provider);
  return invalidResponse(provider, 200, `invalid stream: ${String(e?.message ?? err)}`);
}

function parseEvent(data: string, provider: string): Json {
  try {
    const event: unknown = JSON.parse(data);
    if (isObject(event)) return event;
  } catch {}
  throw invalidResponse(provider, 200, `invalid stream event: ${data.slice(0, 200)}`);
}

/**
 * Anthropic SSE -> neutral events. Tool indexes count tool_use blocks (0-based), since the
 * upstream's content block index also counts text blocks. A stream that ends without
 * message_stop was cut off and is an error, not a short answer.
 */
async function* streamEvents(body: Body, provider: string): AsyncGenerator<StreamEvent> {
  let inputTokens = 0;
  const toolByBlock = new Map<number, number>();
  let stopped = false;
  try {
    for await (const sse of parseSse(body)) {
      if (sse.event === 'ping') continue;
      const event = parseEvent(sse.data, provider);
      if (event.type === 'message_start') {
        const message = obj(event.message);
        inputTokens = inputTokensOf(obj(message.usage));
        yield { type: 'start', id: str(message.id), model: str(message.model) };
      } else if (event.type === 'content_block_start') {
        const block = obj(event.content_block);
        if (block.type !== 'tool_use') continue;
        const index = toolByBlock.size;
        toolByBlock.set(num(event.index), index);
        yield { type: 'tool_call', index, id: str(block.id), name: str(block.name), argumentsDelta: '' };
      } else if (event.type === 'content_block_delta') {
        const delta = obj(event.delta);
        const index = toolByBlock.get(num(event.index));
        if (delta.type === 'text_delta' && str(delta.text)) yield { type: 'text', text: str(delta.text) };
        else if (delta.type === 'input_json_delta' && index !== undefined && str(delta.partial_json)) {
          yield { type: 'tool_call', index, argumentsDelta: str(delta.partial_json) };
        }
      } else if (event.type === 'message_delta') {
        const delta = obj(event.delta);
        const usage = obj(event.usage);
        // Newer API versions repeat the cumulative input count here; trust it over message_start's.
        if (typeof usage.input_tokens === 'number') inputTokens = inputTokensOf(usage);
        if (delta.stop_reason != null) yield { type: 'finish', reason: finishReason(delta.stop_reason) };
        yield { type: 'usage', usage: { inputTokens, outputTokens: num(usage.output_tokens) } };
      } else if (event.type === 'message_stop') {
        stopped = true;
      } else if (event.type === 'error') {
        const error = obj(event.error);
        throw new GatehouseError('upstream_error', `upstream provider "${provider}" failed during the stream`, {
          upstreamStatus: 200,
          internal: `${provider}: stream error ${str(error.type)}: ${str(error.message)}`,
        });
      }
    }
  } catch (err) {
    throw streamFailure(err, provider);
  } finally {
    discard(body);
  }
  if (!stopped) throw invalidResponse(provider, 200, 'stream ended without message_stop');
}

export function createAnthropicProvider(name: string, cfg: AnthropicProviderConfig, apiKey: string | undefined): Provider {
  const base = new URL(cfg.baseUrl);
  const path = `${trimTrailingSlashes(base.pathname)}/v1/messages`;
  const pool = new Pool(base.origin, { connections: cfg.connections });
  // Lower-cased so that a configured header can never ride alongside ours under another spelling.
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(cfg.headers)) headers[key.toLowerCase()] = value;
  headers['anthropic-version'] = cfg.version;
  headers['content-type'] = 'application/json';
  if (apiKey) headers['x-api-key'] = apiKey;

  async function send(req: ChatRequest, ctx: CallContext, stream: boolean): Promise<Dispatcher.ResponseData> {
    const body = JSON.stringify(toAnthropicBody(req, ctx.upstreamModel, stream));
    let res: Dispatcher.ResponseData;
    try {
      res = await pool.request({
        path,
        method: 'POST',
        headers,
        body,
        signal: ctx.signal,
        headersTimeout: cfg.timeoutMs,
        bodyTimeout: cfg.timeoutMs,
      });
    } catch (err) {
      throw transportError(err, name);
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res;
    const text = await readText(res.body, ERROR_BODY_LIMIT).catch(() => '');
    throw statusError(res.statusCode, text, name);
  }

  return {
    name,
    type: 'anthropic',
    async chat(req, ctx) {
      const res = await send(req, ctx, false);
      let text: string;
      try {
        text = await res.body.text();
      } catch (err) {
        discard(res.body);
        throw transportError(err, name);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw invalidResponse(name, res.statusCode, `invalid JSON: ${text.slice(0, 200)}`);
      }
      return { ...fromAnthropicMessage(json, name, res.statusCode, ctx.upstreamModel), upstreamStatus: res.statusCode };
    },
    async chatStream(req, ctx): Promise<ChatStream> {
      const res = await send(req, ctx, true);
      return { upstreamStatus: res.statusCode, events: streamEvents(res.body, name) };
    },
    async embeddings() {
      throw new GatehouseError('invalid_request', `provider "${name}" (anthropic) does not serve embeddings`);
    },
    ready: createProbe(pool, `${trimTrailingSlashes(base.pathname)}/v1/models`),
    async close() {
      if (!pool.closed) await pool.close();
    },
  };
}

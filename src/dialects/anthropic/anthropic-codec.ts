// The Anthropic Messages dialect (POST /v1/messages): validates a caller's body into the neutral
// ChatRequest and renders answers, SSE streams and errors in the exact shapes the official SDK
// parses. Event order follows https://docs.anthropic.com/en/api/messages-streaming.
import { randomUUID } from 'node:crypto';
import { GatehouseError } from '../../errors.js';
import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  ContentPart,
  FinishReason,
  StreamEvent,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  Usage,
} from '../../pipeline/types.js';
import type { DialectCodec, StreamRenderer } from '../types.js';

type Json = Record<string, unknown>;

// Everything else at the top level is kept verbatim for an Anthropic upstream (top_k, thinking, ...).
const KNOWN_PARAMS = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'temperature',
  'top_p',
  'stop_sequences',
  'stream',
  'metadata',
]);

const STOP_REASON: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
  error: 'end_turn',
};

// https://docs.anthropic.com/en/api/errors; the SDK picks its error class from the HTTP status and
// exposes this string as `err.type`.
const ERROR_TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return ERROR_TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function invalid(field: string, problem: string): never {
  throw new GatehouseError('invalid_request', `${field}: ${problem}`, { details: { field } });
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function objectAt(v: unknown, field: string): Json {
  return isObject(v) ? v : invalid(field, 'expected an object');
}

function stringAt(v: unknown, field: string): string {
  return typeof v === 'string' ? v : invalid(field, 'expected a string');
}

function optionalString(v: unknown, field: string): string | undefined {
  return v === undefined ? undefined : stringAt(v, field);
}

function optionalUnit(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) invalid(field, 'expected a number between 0 and 1');
  return v;
}

interface Block {
  block: Json;
  field: string;
}

function blocksOf(content: unknown, field: string): Block[] {
  if (typeof content === 'string') return [{ block: { type: 'text', text: content }, field }];
  if (!Array.isArray(content)) invalid(field, 'expected a string or an array of content blocks');
  return content.map((b, i) => ({ block: objectAt(b, `${field}.${i}`), field: `${field}.${i}` }));
}

/** text and image blocks: the parts every role may carry. */
function partOf({ block, field }: Block, allowImage: boolean): ContentPart {
  if (block.type === 'text') return { type: 'text', text: stringAt(block.text, `${field}.text`) };
  if (block.type !== 'image' || !allowImage) return unsupported(block, field);
  const source = objectAt(block.source, `${field}.source`);
  if (source.type === 'base64') {
    const mediaType = stringAt(source.media_type, `${field}.source.media_type`);
    return { type: 'image', mediaType, data: stringAt(source.data, `${field}.source.data`) };
  }
  if (source.type === 'url') return { type: 'image', url: stringAt(source.url, `${field}.source.url`) };
  return invalid(`${field}.source.type`, 'expected "base64" or "url"');
}

// A Map, not an object literal: the key is caller text, and "constructor" must not find a prototype member.
const MISPLACED = new Map([
  ['tool_use', 'tool_use blocks are only allowed in assistant messages'],
  ['tool_result', 'tool_result blocks are only allowed in user messages'],
  ['image', 'image blocks are only allowed in user messages and tool results'],
]);

function unsupported(block: Json, field: string): never {
  if (typeof block.type !== 'string') invalid(`${field}.type`, 'expected a string');
  return invalid(`${field}.type`, MISPLACED.get(block.type) ?? `content block type "${block.type}" is not supported`);
}

function toolResult({ block, field }: Block): ChatMessage {
  const toolCallId = stringAt(block.tool_use_id, `${field}.tool_use_id`);
  const content = block.content === undefined ? [] : blocksOf(block.content, `${field}.content`).map((b) => partOf(b, true));
  if (block.is_error !== undefined && typeof block.is_error !== 'boolean') invalid(`${field}.is_error`, 'expected a boolean');
  return { role: 'tool', toolCallId, content, isError: block.is_error === true };
}

// A user turn carries tool results first (Anthropic requires them to lead); the neutral model
// keeps them as separate tool messages, then whatever the user said alongside.
function userMessages(blocks: Block[]): ChatMessage[] {
  const tools: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  for (const b of blocks) {
    if (b.block.type === 'tool_result') tools.push(toolResult(b));
    else parts.push(partOf(b, true));
  }
  return parts.length || !tools.length ? [...tools, { role: 'user', content: parts }] : tools;
}

function assistantMessage(blocks: Block[]): ChatMessage {
  const content: ContentPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const { block, field } of blocks) {
    if (block.type !== 'tool_use') {
      content.push(partOf({ block, field }, false));
      continue;
    }
    const id = stringAt(block.id, `${field}.id`);
    const name = stringAt(block.name, `${field}.name`);
    toolCalls.push({ id, name, arguments: JSON.stringify(objectAt(block.input, `${field}.input`)) });
  }
  return toolCalls.length ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
}

function parseMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) invalid('messages', 'expected a non-empty array of messages');
  return value.flatMap((m, i): ChatMessage[] => {
    const msg = objectAt(m, `messages.${i}`);
    if (msg.role !== 'user' && msg.role !== 'assistant') invalid(`messages.${i}.role`, 'expected "user" or "assistant"');
    const blocks = blocksOf(msg.content, `messages.${i}.content`);
    return msg.role === 'user' ? userMessages(blocks) : [assistantMessage(blocks)];
  });
}

function parseSystem(value: unknown): ChatMessage[] {
  if (value === undefined || value === '') return [];
  const blocks = blocksOf(value, 'system');
  const content = blocks.map((b) => (b.block.type === 'text' ? partOf(b, false) : unsupported(b.block, b.field)));
  return [{ role: 'system', content }];
}

function parseTools(value: unknown): ToolDefinition[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) invalid('tools', 'expected an array of tools');
  return value.map((t, i) => {
    const tool = objectAt(t, `tools.${i}`);
    // Server tools (web_search, bash, ...) run inside Anthropic; the neutral model cannot carry them.
    if (tool.type !== undefined && tool.type !== 'custom') {
      invalid(`tools.${i}.type`, `tool type "${String(tool.type)}" is not supported; only custom tools with an input_schema`);
    }
    const name = stringAt(tool.name, `tools.${i}.name`);
    if (!name) invalid(`tools.${i}.name`, 'expected a non-empty string');
    const description = optionalString(tool.description, `tools.${i}.description`);
    const parameters = objectAt(tool.input_schema, `tools.${i}.input_schema`);
    return description === undefined ? { name, parameters } : { name, description, parameters };
  });
}

function parseToolChoice(value: unknown): ToolChoice | undefined {
  if (value === undefined) return undefined;
  const choice = objectAt(value, 'tool_choice');
  switch (choice.type) {
    case 'auto':
    case 'none':
      return choice.type;
    case 'any':
      return 'required';
    case 'tool':
      return { name: stringAt(choice.name, 'tool_choice.name') };
    default:
      return invalid('tool_choice.type', 'expected "auto", "any", "tool" or "none"');
  }
}

function parseChat(body: unknown): ChatRequest {
  if (!isObject(body)) invalid('body', 'expected a JSON object');
  const model = stringAt(body.model, 'model');
  if (!model) invalid('model', 'expected a non-empty string');
  const maxTokens = body.max_tokens;
  if (typeof maxTokens !== 'number' || !Number.isSafeInteger(maxTokens) || maxTokens < 1) {
    invalid('max_tokens', 'expected a positive integer (required by the Messages API)');
  }
  const messages = [...parseSystem(body.system), ...parseMessages(body.messages)];
  const req: ChatRequest = {
    kind: 'chat',
    model,
    messages,
    maxTokens,
    stream: false,
    streamUsage: true, // Anthropic streams always carry usage.
    passthrough: { dialect: 'anthropic', params: {} },
  };
  const tools = parseTools(body.tools);
  if (tools) req.tools = tools;
  const toolChoice = parseToolChoice(body.tool_choice);
  if (toolChoice !== undefined) req.toolChoice = toolChoice;
  const temperature = optionalUnit(body.temperature, 'temperature');
  if (temperature !== undefined) req.temperature = temperature;
  const topP = optionalUnit(body.top_p, 'top_p');
  if (topP !== undefined) req.topP = topP;
  if (body.stop_sequences !== undefined) {
    if (!Array.isArray(body.stop_sequences)) invalid('stop_sequences', 'expected an array of strings');
    req.stop = body.stop_sequences.map((s, i) => stringAt(s, `stop_sequences.${i}`));
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') invalid('stream', 'expected a boolean');
  req.stream = body.stream === true;
  if (body.metadata !== undefined) {
    const user = optionalString(objectAt(body.metadata, 'metadata').user_id, 'metadata.user_id');
    if (user !== undefined) req.user = user;
  }
  for (const [key, value] of Object.entries(body)) if (!KNOWN_PARAMS.has(key)) req.passthrough.params[key] = value;
  return req;
}

const messageId = (id: string) => (id.startsWith('msg_') ? id : `msg_${id}`);

/** Anthropic's tool_use.input is always an object; arguments that are not one render as {}. */
function toolInput(args: string): Json {
  try {
    const input: unknown = JSON.parse(args);
    return isObject(input) ? input : {};
  } catch {
    return {};
  }
}

function renderChat(res: ChatResponse, model: string): unknown {
  const content: Json[] = [];
  if (res.text || !res.toolCalls.length) content.push({ type: 'text', text: res.text });
  for (const call of res.toolCalls) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: toolInput(call.arguments) });
  }
  return {
    id: messageId(res.id),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: STOP_REASON[res.finishReason],
    stop_sequence: null,
    usage: { input_tokens: res.usage.inputTokens, output_tokens: res.usage.outputTokens },
  };
}

const sse = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '')}`;

/**
 * Renders neutral events as Anthropic SSE: message_start, then one content block at a time
 * (start, deltas, stop), then message_delta and message_stop. The SDK indexes its snapshot by
 * the content block `index`, so indexes count blocks, not tool calls.
 */
function createStreamRenderer(model: string): StreamRenderer {
  let started = false;
  let finished = false;
  let nextIndex = 0;
  let open: { kind: 'text' | 'tool'; index: number } | undefined;
  // Neutral tool index -> content block index. A late delta for an earlier tool (not seen from
  // real upstreams) still targets its own block, which is what the SDK accumulates by.
  const toolBlocks = new Map<number, number>();
  let stopReason: string | undefined;
  let usage: Usage | undefined;

  const guard = () => {
    if (finished) throw new Error('anthropic stream renderer: called after end() or error()');
  };

  const begin = (id?: string, reported?: string) => {
    if (started) return '';
    started = true;
    // Report the model version that actually answered, as the upstream stated it.
    if (reported) model = reported;
    const message = {
      id: id ? messageId(id) : newId('msg_'),
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage?.inputTokens ?? 0, output_tokens: 0 },
    };
    return sse('message_start', { message });
  };

  const closeBlock = () => {
    if (!open) return '';
    const out = sse('content_block_stop', { index: open.index });
    open = undefined;
    return out;
  };

  const openBlock = (kind: 'text' | 'tool', contentBlock: Json) => {
    const out = closeBlock();
    open = { kind, index: nextIndex++ };
    return out + sse('content_block_start', { index: open.index, content_block: contentBlock });
  };

  const onText = (text: string) => {
    let out = begin();
    if (!text) return out;
    if (open?.kind !== 'text') out += openBlock('text', { type: 'text', text: '' });
    // The open block is always the newest one.
    return out + sse('content_block_delta', { index: nextIndex - 1, delta: { type: 'text_delta', text } });
  };

  const onToolCall = (e: Extract<StreamEvent, { type: 'tool_call' }>) => {
    let out = begin();
    let index = toolBlocks.get(e.index);
    if (index === undefined) {
      out += openBlock('tool', { type: 'tool_use', id: e.id ?? newId('toolu_'), name: e.name ?? '', input: {} });
      index = nextIndex - 1;
      toolBlocks.set(e.index, index);
    }
    if (!e.argumentsDelta) return out;
    return out + sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: e.argumentsDelta } });
  };

  return {
    event(e) {
      guard();
      switch (e.type) {
        case 'start':
          return begin(e.id, e.model);
        case 'text':
          return onText(e.text);
        case 'tool_call':
          return onToolCall(e);
        case 'finish':
          stopReason = STOP_REASON[e.reason];
          return '';
        case 'usage':
          usage = e.usage;
          return '';
      }
    },
    end() {
      guard();
      finished = true;
      const delta = { stop_reason: stopReason ?? (toolBlocks.size ? 'tool_use' : 'end_turn'), stop_sequence: null };
      // input_tokens here (as the API now sends) fixes the 0 that message_start had to guess.
      const deltaUsage = usage ? { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens } : { output_tokens: 0 };
      return begin() + closeBlock() + sse('message_delta', { delta, usage: deltaUsage }) + sse('message_stop', {});
    },
    error(err) {
      guard();
      finished = true;
      return sse('error', { error: { type: anthropicErrorType(err.status), message: err.message } });
    },
  };
}

function renderError(err: GatehouseError): unknown {
  return { type: 'error', error: { type: anthropicErrorType(err.status), message: err.message } };
}

export const anthropicCodec: DialectCodec = { name: 'anthropic', parseChat, renderChat, createStreamRenderer, renderError };

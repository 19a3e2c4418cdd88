// The OpenAI Chat Completions dialect: request validation into the neutral model, and answers,
// stream chunks and errors rendered exactly as the official `openai` SDK reads them.
import type { GatehouseError } from '../../errors.js';
import type { ChatMessage, ChatRequest, ContentPart, FinishReason, ToolCall, ToolChoice, ToolDefinition } from '../../pipeline/types.js';
import { fail, isObj, type Obj, optBool, optInt, optNum, optStr, rest, str } from '../shared/validate.js';
import type { DialectCodec, StreamRenderer } from '../types.js';

const KNOWN = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'stream',
  'stream_options',
  'user',
]);

function parseContent(v: unknown, field: string, allowNull: boolean): ContentPart[] {
  if (typeof v === 'string') return [{ type: 'text', text: v }];
  if ((v === null || v === undefined) && allowNull) return [];
  if (!Array.isArray(v)) fail(field, 'expected a string or an array of content parts');
  return v.map((p, i): ContentPart => {
    const f = `${field}.${i}`;
    if (!isObj(p)) fail(f, 'expected a content part object');
    if (p.type === 'text') return { type: 'text', text: str(p, 'text', `${f}.text`) };
    if (p.type === 'image_url') {
      const img = p.image_url;
      if (!isObj(img)) fail(`${f}.image_url`, 'expected an object with url');
      return { type: 'image', url: str(img, 'url', `${f}.image_url.url`) };
    }
    return fail(`${f}.type`, 'expected "text" or "image_url"');
  });
}

function parseToolCalls(v: unknown, field: string): ToolCall[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) fail(field, 'expected an array');
  return v.map((c, i) => {
    const f = `${field}.${i}`;
    if (!isObj(c) || !isObj(c.function)) fail(f, 'expected {id, type: "function", function: {name, arguments}}');
    const fn = c.function as Obj;
    return {
      id: str(c, 'id', `${f}.id`),
      name: str(fn, 'name', `${f}.function.name`),
      arguments: optStr(fn, 'arguments', `${f}.function.arguments`) ?? '',
    };
  });
}

function parseMessage(m: unknown, i: number): ChatMessage {
  const f = `messages.${i}`;
  if (!isObj(m)) fail(f, 'expected a message object');
  switch (m.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: parseContent(m.content, `${f}.content`, false) };
    case 'user':
      return { role: 'user', content: parseContent(m.content, `${f}.content`, false) };
    case 'assistant': {
      const toolCalls = parseToolCalls(m.tool_calls, `${f}.tool_calls`);
      const content = parseContent(m.content, `${f}.content`, true);
      return toolCalls ? { role: 'assistant', content, toolCalls } : { role: 'assistant', content };
    }
    case 'tool':
      return {
        role: 'tool',
        content: parseContent(m.content, `${f}.content`, false),
        toolCallId: str(m, 'tool_call_id', `${f}.tool_call_id`),
      };
    default:
      return fail(`${f}.role`, 'expected system, developer, user, assistant or tool');
  }
}

function parseTools(v: unknown): ToolDefinition[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) fail('tools', 'expected an array');
  return v.map((t, i) => {
    const f = `tools.${i}`;
    if (!isObj(t) || t.type !== 'function' || !isObj(t.function)) fail(f, 'expected {type: "function", function: {...}}');
    const fn = t.function as Obj;
    const params = fn.parameters ?? { type: 'object', properties: {} };
    if (!isObj(params)) fail(`${f}.function.parameters`, 'expected a JSON Schema object');
    const def: ToolDefinition = { name: str(fn, 'name', `${f}.function.name`), parameters: params };
    const description = optStr(fn, 'description', `${f}.function.description`);
    if (description !== undefined) def.description = description;
    return def;
  });
}

function parseToolChoice(v: unknown): ToolChoice | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === 'auto' || v === 'none' || v === 'required') return v;
  if (isObj(v) && v.type === 'function' && isObj(v.function)) return { name: str(v.function, 'name', 'tool_choice.function.name') };
  return fail('tool_choice', 'expected "auto", "none", "required" or {type: "function", function: {name}}');
}

const FINISH: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  error: 'stop',
};

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function renderError(err: GatehouseError) {
  const param = err.details?.field;
  return { error: { message: err.message, type: errorType(err.status), param: typeof param === 'string' ? param : null, code: err.code } };
}

function createStreamRenderer(model: string, options: { includeUsage?: boolean } = {}): StreamRenderer {
  let id = `chatcmpl-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  let started = false;
  let done = false;
  let usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | undefined;
  const chunk = (delta: Obj, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  const guard = () => {
    if (done) throw new Error('openai stream renderer: event after the stream ended');
  };
  const first = () => {
    if (started) return '';
    started = true;
    return chunk({ role: 'assistant', content: '' });
  };
  return {
    event(e) {
      guard();
      switch (e.type) {
        case 'start':
          id = e.id.startsWith('chatcmpl') ? e.id : `chatcmpl-${e.id}`;
          // Report the model version that actually answered, as the upstream stated it.
          if (e.model) model = e.model;
          return first();
        case 'text':
          return e.text ? first() + chunk({ content: e.text }) : '';
        case 'tool_call': {
          const call: Obj = { index: e.index, function: { arguments: e.argumentsDelta } };
          if (e.id) call.id = e.id;
          if (e.id || e.name) call.type = 'function';
          if (e.name) (call.function as Obj).name = e.name;
          return first() + chunk({ tool_calls: [call] });
        }
        case 'finish':
          return first() + chunk({}, FINISH[e.reason]);
        case 'usage':
          usage = {
            prompt_tokens: e.usage.inputTokens,
            completion_tokens: e.usage.outputTokens,
            total_tokens: e.usage.inputTokens + e.usage.outputTokens,
          };
          return '';
      }
    },
    end() {
      guard();
      done = true;
      const tail =
        options.includeUsage && usage
          ? `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`
          : '';
      return `${first()}${tail}data: [DONE]\n\n`;
    },
    error(err) {
      guard();
      done = true;
      return `data: ${JSON.stringify(renderError(err))}\n\n`;
    },
  };
}

export const openaiCodec: DialectCodec = {
  name: 'openai',
  parseChat(body: unknown): ChatRequest {
    if (!isObj(body)) fail('(body)', 'expected a JSON object');
    if (!Array.isArray(body.messages) || body.messages.length === 0) fail('messages', 'expected a non-empty array');
    const stop = body.stop;
    let stopList: string[] | undefined;
    if (typeof stop === 'string') stopList = [stop];
    else if (Array.isArray(stop) && stop.every((s) => typeof s === 'string')) stopList = stop as string[];
    else if (stop !== undefined && stop !== null) fail('stop', 'expected a string or an array of strings');
    const streamOptions = body.stream_options;
    if (streamOptions !== undefined && streamOptions !== null && !isObj(streamOptions)) fail('stream_options', 'expected an object');
    const req: ChatRequest = {
      kind: 'chat',
      model: str(body, 'model'),
      messages: body.messages.map(parseMessage),
      stream: optBool(body, 'stream') ?? false,
      streamUsage: isObj(streamOptions) && streamOptions.include_usage === true,
      passthrough: { dialect: 'openai', params: rest(body, KNOWN) },
    };
    const tools = parseTools(body.tools);
    if (tools) req.tools = tools;
    const toolChoice = parseToolChoice(body.tool_choice);
    if (toolChoice) req.toolChoice = toolChoice;
    const maxTokens = optInt(body, 'max_completion_tokens', 1) ?? optInt(body, 'max_tokens', 1);
    if (maxTokens !== undefined) req.maxTokens = maxTokens;
    const temperature = optNum(body, 'temperature', 0, 2);
    if (temperature !== undefined) req.temperature = temperature;
    const topP = optNum(body, 'top_p', 0, 1);
    if (topP !== undefined) req.topP = topP;
    if (stopList) req.stop = stopList;
    const user = optStr(body, 'user');
    if (user !== undefined) req.user = user;
    return req;
  },
  renderChat(res, model) {
    const extra = res.extra?.dialect === 'openai' ? res.extra.fields : undefined;
    return {
      id: res.id.startsWith('chatcmpl') ? res.id : `chatcmpl-${res.id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: res.text === '' && res.toolCalls.length ? null : res.text,
            refusal: null,
            ...(res.toolCalls.length
              ? {
                  tool_calls: res.toolCalls.map((c) => ({
                    id: c.id,
                    type: 'function',
                    function: { name: c.name, arguments: c.arguments },
                  })),
                }
              : {}),
          },
          logprobs: null,
          finish_reason: FINISH[res.finishReason],
        },
      ],
      usage: {
        prompt_tokens: res.usage.inputTokens,
        completion_tokens: res.usage.outputTokens,
        total_tokens: res.usage.inputTokens + res.usage.outputTokens,
        ...(extra?.prompt_tokens_details !== undefined ? { prompt_tokens_details: extra.prompt_tokens_details } : {}),
        ...(extra?.completion_tokens_details !== undefined ? { completion_tokens_details: extra.completion_tokens_details } : {}),
      },
      ...(extra?.system_fingerprint !== undefined ? { system_fingerprint: extra.system_fingerprint } : {}),
      ...(extra?.service_tier !== undefined ? { service_tier: extra.service_tier } : {}),
    };
  },
  createStreamRenderer,
  renderError,
};

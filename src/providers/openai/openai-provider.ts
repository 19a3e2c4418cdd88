// Adapter for any OpenAI-compatible Chat Completions API (OpenAI, Azure OpenAI v1, vLLM,
// Ollama, LiteLLM, ...), over a pooled undici client so connections are reused and streams are
// read with back-pressure.
import { Pool } from 'undici';
import type { OpenAIProviderConfig } from '../../config/schema.js';
import { GatehouseError } from '../../errors.js';
import type { ChatMessage, ChatRequest, ContentPart, FinishReason, StreamEvent } from '../../pipeline/types.js';
import { trimTrailingSlashes } from '../../util/strings.js';
import { createProbe } from '../probe.js';
import { parseSse } from '../sse.js';
import type { CallContext, ChatStream, Provider } from '../types.js';
import { statusError, transportError } from '../upstream-errors.js';

type Obj = Record<string, unknown>;

function content(parts: ContentPart[]): string | Obj[] {
  if (parts.every((p) => p.type === 'text')) return parts.map((p) => (p as { text: string }).text).join('');
  return parts.map((p) =>
    p.type === 'text'
      ? { type: 'text', text: p.text }
      : { type: 'image_url', image_url: { url: p.url ?? `data:${p.mediaType};base64,${p.data}` } },
  );
}

function message(m: ChatMessage): Obj {
  switch (m.role) {
    case 'assistant':
      return {
        role: 'assistant',
        content: m.content.length ? content(m.content) : null,
        ...(m.toolCalls?.length
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: content(m.content) };
    default:
      return { role: m.role, content: content(m.content) };
  }
}

export function toOpenAIBody(req: ChatRequest, upstreamModel: string): Obj {
  const body: Obj = req.passthrough.dialect === 'openai' ? { ...req.passthrough.params } : {};
  body.model = upstreamModel;
  body.messages = req.messages.map(message);
  if (req.tools) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, parameters: t.parameters, ...(t.description ? { description: t.description } : {}) },
    }));
  }
  if (req.toolChoice)
    body.tool_choice = typeof req.toolChoice === 'string' ? req.toolChoice : { type: 'function', function: { name: req.toolChoice.name } };
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stop) body.stop = req.stop;
  if (req.user !== undefined) body.user = req.user;
  if (req.stream) {
    body.stream = true;
    // Always ask for usage: the audit trail records tokens whether or not the caller wants them.
    body.stream_options = { include_usage: true };
  }
  return body;
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/** OpenAI response fields kept for OpenAI callers: fingerprint, tier, detailed token counts. */
function extraFields(body: Obj): Obj {
  const out: Obj = {};
  if (body.system_fingerprint !== undefined) out.system_fingerprint = body.system_fingerprint;
  if (body.service_tier !== undefined) out.service_tier = body.service_tier;
  const usage = body.usage as Obj | undefined;
  if (usage?.prompt_tokens_details !== undefined) out.prompt_tokens_details = usage.prompt_tokens_details;
  if (usage?.completion_tokens_details !== undefined) out.completion_tokens_details = usage.completion_tokens_details;
  return out;
}

function usageOf(u: unknown) {
  const o = (u ?? {}) as Obj;
  return { inputTokens: Number(o.prompt_tokens ?? 0) | 0, outputTokens: Number(o.completion_tokens ?? 0) | 0 };
}

export function createOpenAIProvider(name: string, cfg: OpenAIProviderConfig, apiKey: string | undefined): Provider {
  const url = new URL(cfg.baseUrl);
  const prefix = trimTrailingSlashes(url.pathname);
  const search = url.search;
  const pool = new Pool(url.origin, { connections: cfg.connections, pipelining: 1 });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...cfg.headers };
  if (apiKey) {
    if (cfg.authHeader === 'api-key') headers['api-key'] = apiKey;
    else headers.authorization = `Bearer ${apiKey}`;
  }

  async function post(path: string, body: Obj, signal: AbortSignal) {
    try {
      const res = await pool.request({
        path: `${prefix}${path}${search}`,
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal,
        headersTimeout: cfg.timeoutMs,
        bodyTimeout: cfg.timeoutMs,
      });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const text = await res.body.text().catch(() => '');
        throw statusError(res.statusCode, text, name);
      }
      return res;
    } catch (err) {
      throw transportError(err, name);
    }
  }

  async function json(res: Awaited<ReturnType<typeof post>>): Promise<Obj> {
    try {
      return (await res.body.json()) as Obj;
    } catch (err) {
      if ((err as Error).name === 'SyntaxError') {
        throw new GatehouseError('upstream_error', `upstream provider "${name}" sent an invalid response`, {
          upstreamStatus: res.statusCode,
          internal: `${name}: invalid JSON body`,
        });
      }
      throw transportError(err, name);
    }
  }

  async function* events(res: Awaited<ReturnType<typeof post>>): AsyncGenerator<StreamEvent> {
    let started = false;
    const tools = new Set<number>();
    try {
      for await (const sse of parseSse(res.body)) {
        if (sse.data === '[DONE]') return;
        let chunk: Obj;
        try {
          chunk = JSON.parse(sse.data) as Obj;
        } catch {
          throw new GatehouseError('upstream_error', `upstream provider "${name}" sent an invalid stream`, {
            internal: `${name}: bad SSE JSON`,
          });
        }
        if (isObjLike(chunk.error)) {
          throw new GatehouseError('upstream_error', `upstream provider "${name}" failed mid-stream`, {
            internal: `${name}: ${JSON.stringify(chunk.error).slice(0, 300)}`,
          });
        }
        if (!started) {
          started = true;
          yield { type: 'start', id: String(chunk.id ?? ''), model: String(chunk.model ?? '') };
        }
        const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as Obj | undefined) : undefined;
        const delta = (choice?.delta ?? {}) as Obj;
        if (typeof delta.content === 'string' && delta.content) yield { type: 'text', text: delta.content };
        if (Array.isArray(delta.tool_calls)) {
          for (const tc of delta.tool_calls as Obj[]) {
            const index = Number(tc.index ?? 0);
            const fn = (tc.function ?? {}) as Obj;
            const first = !tools.has(index);
            tools.add(index);
            yield {
              type: 'tool_call',
              index,
              ...(first && typeof tc.id === 'string' ? { id: tc.id } : {}),
              ...(first && typeof fn.name === 'string' ? { name: fn.name } : {}),
              argumentsDelta: typeof fn.arguments === 'string' ? fn.arguments : '',
            };
          }
        }
        if (typeof choice?.finish_reason === 'string') yield { type: 'finish', reason: FINISH[choice.finish_reason] ?? 'stop' };
        if (chunk.usage) yield { type: 'usage', usage: usageOf(chunk.usage) };
      }
    } catch (err) {
      throw transportError(err, name);
    } finally {
      // Stopping early (client gone, policy block) must release the upstream socket.
      if (!res.body.destroyed) res.body.destroy();
    }
  }

  return {
    name,
    type: 'openai',
    async chat(req, ctx: CallContext) {
      const res = await post('/chat/completions', toOpenAIBody({ ...req, stream: false }, ctx.upstreamModel), ctx.signal);
      const body = await json(res);
      const choice = (Array.isArray(body.choices) ? body.choices[0] : undefined) as Obj | undefined;
      const msg = (choice?.message ?? {}) as Obj;
      const toolCalls = Array.isArray(msg.tool_calls)
        ? (msg.tool_calls as Obj[]).map((c) => {
            const fn = (c.function ?? {}) as Obj;
            return { id: String(c.id ?? ''), name: String(fn.name ?? ''), arguments: String(fn.arguments ?? '') };
          })
        : [];
      return {
        kind: 'chat',
        id: String(body.id ?? ''),
        model: String(body.model ?? ctx.upstreamModel),
        text: typeof msg.content === 'string' ? msg.content : '',
        toolCalls,
        finishReason: FINISH[String(choice?.finish_reason)] ?? 'stop',
        usage: usageOf(body.usage),
        extra: { dialect: 'openai', fields: extraFields(body) },
        upstreamStatus: res.statusCode,
      };
    },
    async chatStream(req, ctx): Promise<ChatStream> {
      const res = await post('/chat/completions', toOpenAIBody({ ...req, stream: true }, ctx.upstreamModel), ctx.signal);
      return { upstreamStatus: res.statusCode, events: events(res) };
    },
    async embeddings(req, ctx) {
      const body: Obj = { model: ctx.upstreamModel, input: req.input };
      if (req.dimensions !== undefined) body.dimensions = req.dimensions;
      if (req.user !== undefined) body.user = req.user;
      const res = await post('/embeddings', body, ctx.signal);
      const out = await json(res);
      const data = Array.isArray(out.data) ? (out.data as Obj[]) : [];
      return {
        kind: 'embeddings',
        model: String(out.model ?? ctx.upstreamModel),
        vectors: data.map((d) => (Array.isArray(d.embedding) ? (d.embedding as number[]) : [])),
        usage: { inputTokens: Number((out.usage as Obj | undefined)?.prompt_tokens ?? 0) | 0, outputTokens: 0 },
        upstreamStatus: res.statusCode,
      };
    },
    ready: createProbe(pool, `${prefix}/models${search}`),
    async close() {
      await pool.close();
    },
  };
}

function isObjLike(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null;
}

// Target clients: one planned attack in, one normalised answer out, over real HTTP (fetch, i.e.
// undici). OpenAI Chat Completions or Anthropic Messages, streamed or not. Retries transport
// failures only (never an HTTP answer, never a timeout: a slow answer is a finding, not noise).
// A refusal by a gateway (4xx policy error, or a stream ending in an error event) is `blocked`.
import type { PlannedAttack, TargetInfo, TargetResponse } from './types.js';

export interface TargetOptions {
  name: string;
  url: string;
  dialect: 'openai' | 'anthropic';
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  retries?: number;
  stream?: boolean;
  maxTokens?: number;
  headers?: Record<string, string>;
  mitigations?: string[];
}

export interface Target {
  readonly info: TargetInfo;
  send(p: PlannedAttack): Promise<TargetResponse>;
}

const POLICY_WORDS = [
  'content_policy',
  'policy',
  'blocked',
  'guardrail',
  'content_filter',
  'content filter',
  'moderation',
  'safety',
  'not_allowed',
  'not allowed',
  'may not',
];

/** Does an error body read as a deliberate refusal by a gateway or provider filter? */
export function isPolicyError(body: unknown): string | undefined {
  const e = (body as { error?: unknown })?.error;
  const err = (typeof e === 'object' && e !== null ? e : body) as Record<string, unknown>;
  const parts = [err.code, err.type, err.message].filter((x): x is string => typeof x === 'string');
  const text = parts.join(' ').toLowerCase();
  if (!POLICY_WORDS.some((w) => text.includes(w))) return undefined;
  return (typeof err.message === 'string' ? err.message : parts.join(' ')).slice(0, 200);
}

/** `https://host/v1` or `https://host/v1/chat/completions` -> the endpoint URL of the dialect. */
export function endpointUrl(url: string, dialect: 'openai' | 'anthropic'): string {
  let u = url;
  while (u.endsWith('/')) u = u.slice(0, -1);
  if (dialect === 'openai') {
    if (u.endsWith('/chat/completions')) return u;
    return u.endsWith('/v1') ? `${u}/chat/completions` : `${u}/v1/chat/completions`;
  }
  if (u.endsWith('/messages')) return u;
  return u.endsWith('/v1') ? `${u}/messages` : `${u}/v1/messages`;
}

function openaiBody(p: PlannedAttack, o: TargetOptions): Record<string, unknown> {
  const messages = p.messages.map((m) => {
    switch (m.role) {
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
      case 'assistant':
        return m.toolCalls?.length
          ? {
              role: 'assistant',
              content: m.content || null,
              tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
            }
          : { role: 'assistant', content: m.content };
      default:
        return { role: m.role, content: m.content };
    }
  });
  return {
    model: o.model,
    messages,
    ...(p.tools.length ? { tools: p.tools.map((t) => ({ type: 'function', function: t })) } : {}),
    ...(o.maxTokens ? { max_tokens: o.maxTokens } : {}),
    ...(o.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function anthropicBody(p: PlannedAttack, o: TargetOptions): Record<string, unknown> {
  const system = p.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const out: Array<{ role: 'user' | 'assistant'; content: Array<Record<string, unknown>> }> = [];
  const push = (role: 'user' | 'assistant', block: Record<string, unknown>) => {
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(block);
    else out.push({ role, content: [block] });
  };
  for (const m of p.messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') push('user', { type: 'tool_result', tool_use_id: m.toolCallId, content: m.content });
    else if (m.role === 'assistant') {
      if (m.content) push('assistant', { type: 'text', text: m.content });
      for (const c of m.toolCalls ?? []) {
        let input: unknown = {};
        try {
          input = JSON.parse(c.arguments);
        } catch {}
        push('assistant', { type: 'tool_use', id: c.id, name: c.name, input });
      }
    } else push('user', { type: 'text', text: m.content });
  }
  return {
    model: o.model,
    max_tokens: o.maxTokens ?? 4096,
    ...(system.length ? { system: system.join('\n\n') } : {}),
    messages: out,
    ...(p.tools.length ? { tools: p.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) } : {}),
    ...(o.stream ? { stream: true } : {}),
  };
}

interface Parsed {
  text: string;
  toolCalls: Array<{ name: string; arguments: string }>;
  model?: string;
  outputTokens?: number;
  finishReason?: string;
  streamError?: unknown;
}

function parseOpenai(j: Record<string, unknown>): Parsed {
  const choice = (j.choices as Array<Record<string, unknown>> | undefined)?.[0] ?? {};
  const msg = (choice.message ?? {}) as Record<string, unknown>;
  const calls = (msg.tool_calls as Array<{ function?: { name?: string; arguments?: string } }> | undefined) ?? [];
  const usage = j.usage as { completion_tokens?: number } | undefined;
  return {
    text: typeof msg.content === 'string' ? msg.content : '',
    toolCalls: calls.map((c) => ({ name: c.function?.name ?? '', arguments: c.function?.arguments ?? '' })),
    ...(typeof j.model === 'string' ? { model: j.model } : {}),
    ...(usage?.completion_tokens !== undefined ? { outputTokens: usage.completion_tokens } : {}),
    ...(typeof choice.finish_reason === 'string' ? { finishReason: choice.finish_reason } : {}),
  };
}

function parseAnthropic(j: Record<string, unknown>): Parsed {
  const blocks = (j.content as Array<Record<string, unknown>> | undefined) ?? [];
  const usage = j.usage as { output_tokens?: number } | undefined;
  return {
    text: blocks
      .filter((b) => b.type === 'text')
      .map((b) => String(b.text ?? ''))
      .join(''),
    toolCalls: blocks
      .filter((b) => b.type === 'tool_use')
      .map((b) => ({ name: String(b.name ?? ''), arguments: JSON.stringify(b.input ?? {}) })),
    ...(typeof j.model === 'string' ? { model: j.model } : {}),
    ...(usage?.output_tokens !== undefined ? { outputTokens: usage.output_tokens } : {}),
    ...(typeof j.stop_reason === 'string' ? { finishReason: j.stop_reason } : {}),
  };
}

/** Reads an SSE body into one answer; an `error` event ends it with `streamError`. */
async function readStream(body: ReadableStream<Uint8Array>, dialect: 'openai' | 'anthropic'): Promise<Parsed> {
  const p: Parsed = { text: '', toolCalls: [] };
  const calls = new Map<number, { name: string; arguments: string }>();
  const decoder = new TextDecoder();
  let buf = '';
  let event = '';
  const onData = (data: string) => {
    if (data === '[DONE]') return;
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return;
    }
    if (j.error || event === 'error' || j.type === 'error') {
      p.streamError = j;
      return;
    }
    if (dialect === 'openai') {
      if (typeof j.model === 'string') p.model ??= j.model;
      const usage = j.usage as { completion_tokens?: number } | undefined;
      if (usage?.completion_tokens !== undefined) p.outputTokens = usage.completion_tokens;
      const choice = (j.choices as Array<Record<string, unknown>> | undefined)?.[0];
      if (!choice) return;
      if (typeof choice.finish_reason === 'string') p.finishReason = choice.finish_reason;
      const delta = (choice.delta ?? {}) as Record<string, unknown>;
      if (typeof delta.content === 'string') p.text += delta.content;
      for (const tc of (delta.tool_calls as Array<{ index?: number; function?: { name?: string; arguments?: string } }>) ?? []) {
        const c = calls.get(tc.index ?? 0) ?? { name: '', arguments: '' };
        if (tc.function?.name) c.name = tc.function.name;
        if (tc.function?.arguments) c.arguments += tc.function.arguments;
        calls.set(tc.index ?? 0, c);
      }
      return;
    }
    const t = j.type;
    if (t === 'message_start') {
      const m = j.message as { model?: string } | undefined;
      if (m?.model) p.model = m.model;
    } else if (t === 'content_block_start') {
      const b = j.content_block as { type?: string; name?: string } | undefined;
      if (b?.type === 'tool_use') calls.set(Number(j.index ?? 0), { name: b.name ?? '', arguments: '' });
    } else if (t === 'content_block_delta') {
      const d = j.delta as { type?: string; text?: string; partial_json?: string } | undefined;
      if (d?.type === 'text_delta') p.text += d.text ?? '';
      if (d?.type === 'input_json_delta') {
        const c = calls.get(Number(j.index ?? 0));
        if (c) c.arguments += d.partial_json ?? '';
      }
    } else if (t === 'message_delta') {
      const u = j.usage as { output_tokens?: number } | undefined;
      if (u?.output_tokens !== undefined) p.outputTokens = u.output_tokens;
      const d = j.delta as { stop_reason?: string } | undefined;
      if (d?.stop_reason) p.finishReason = d.stop_reason;
    }
  };
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    for (;;) {
      const nl = buf.indexOf('\n');
      if (nl === -1) break;
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line === '') event = '';
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) onData(line.slice(5).trim());
    }
  }
  p.toolCalls = [...calls.values()];
  return p;
}

export function createHttpTarget(o: TargetOptions): Target {
  const endpoint = endpointUrl(o.url, o.dialect);
  const info: TargetInfo = { name: o.name, url: o.url, dialect: o.dialect, model: o.model, mitigations: o.mitigations ?? [] };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
  if (o.apiKey) {
    if (o.dialect === 'openai') headers.authorization = `Bearer ${o.apiKey}`;
    else headers['x-api-key'] = o.apiKey;
  }
  if (o.dialect === 'anthropic') headers['anthropic-version'] ??= '2023-06-01';
  const timeoutMs = o.timeoutMs ?? 60_000;
  const retries = o.retries ?? 2;

  async function once(body: string): Promise<TargetResponse> {
    const start = performance.now();
    const res = await fetch(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const ct = res.headers.get('content-type') ?? '';
    if (res.status >= 400) {
      const text = await res.text();
      let j: unknown = text;
      try {
        j = JSON.parse(text);
      } catch {}
      const latencyMs = Math.round(performance.now() - start);
      // 403 is a refusal by authorization (e.g. a role that may not use tools); other 4xx only when the error says policy.
      const reason =
        res.status === 403
          ? (isPolicyError(j) ??
            `HTTP 403: ${String((j as { error?: { message?: string } })?.error?.message ?? 'forbidden').slice(0, 200)}`)
          : res.status < 500 && res.status !== 401 && res.status !== 404 && res.status !== 429
            ? isPolicyError(j)
            : undefined;
      if (reason) return { status: res.status, text: '', toolCalls: [], latencyMs, blocked: { reason } };
      const msg = (j as { error?: { message?: string } })?.error?.message ?? text.slice(0, 200);
      return { status: res.status, text: '', toolCalls: [], latencyMs, error: `HTTP ${res.status}: ${msg}` };
    }
    const parsed =
      ct.includes('text/event-stream') && res.body
        ? await readStream(res.body, o.dialect)
        : o.dialect === 'openai'
          ? parseOpenai((await res.json()) as Record<string, unknown>)
          : parseAnthropic((await res.json()) as Record<string, unknown>);
    const latencyMs = Math.round(performance.now() - start);
    const r: TargetResponse = { status: res.status, text: parsed.text, toolCalls: parsed.toolCalls, latencyMs };
    if (parsed.model) r.model = parsed.model;
    if (parsed.outputTokens !== undefined) r.outputTokens = parsed.outputTokens;
    if (parsed.finishReason) r.finishReason = parsed.finishReason;
    if (parsed.streamError !== undefined) {
      const reason = isPolicyError(parsed.streamError);
      if (reason) r.blocked = { reason };
      else r.error = `stream error: ${JSON.stringify(parsed.streamError).slice(0, 200)}`;
    } else if (parsed.finishReason === 'content_filter') r.blocked = { reason: 'finish_reason content_filter' };
    return r;
  }

  return {
    info,
    async send(p) {
      const body = JSON.stringify(o.dialect === 'openai' ? openaiBody(p, o) : anthropicBody(p, o));
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(body);
        } catch (err) {
          const e = err as Error;
          const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
          if (timeout || attempt >= retries) {
            return {
              status: 0,
              text: '',
              toolCalls: [],
              latencyMs: timeout ? timeoutMs : 0,
              error: timeout ? `timeout after ${timeoutMs} ms` : `transport: ${causeOf(e)}`,
            };
          }
          await new Promise((r) => setTimeout(r, 100 * 3 ** attempt));
        }
      }
    },
  };
}

function causeOf(e: Error): string {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c?.code ?? c?.message ?? e.message;
}

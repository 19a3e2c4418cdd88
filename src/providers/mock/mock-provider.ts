// A real, deterministic provider for demos, tests and benchmarks: same input, same answer.
// Configured behaviour (scripted/echo replies, latency, failure injection) can be steered per
// request by directives in the last user message (see directives.ts and the README).
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MockProviderConfig } from '../../config/schema.js';
import { GatehouseError } from '../../errors.js';
import type { ChatRequest, ChatResponse, StreamEvent, ToolCall, Usage } from '../../pipeline/types.js';
import type { CallContext, ChatStream, Provider } from '../types.js';
import { statusError, transportError } from '../upstream-errors.js';
import { type Directive, parseDirectives } from './directives.js';
import { DEMO_AGENT_MODEL, vulnerableAgent } from './vulnerable-agent.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];

interface Plan {
  id: string;
  text: string;
  /** The answer was cut at the request's max tokens, as a real model does. */
  truncated: boolean;
  toolCalls: ToolCall[];
  usage: Usage;
  delayMs: number;
  chunkDelayMs: number;
  disconnectAfter: number | undefined;
}

function textOf(parts: ChatRequest['messages'][number]['content']): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** Rough, deterministic token estimate (about four characters a token). */
function tokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function find<N extends Directive['name']>(ds: Directive[], name: N): Extract<Directive, { name: N }> | undefined {
  for (let i = ds.length - 1; i >= 0; i--) if (ds[i]?.name === name) return ds[i] as Extract<Directive, { name: N }>;
  return undefined;
}

export function createMockProvider(name: string, cfg: MockProviderConfig): Provider {
  let calls = 0;

  async function wait(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0) return;
    try {
      await sleep(ms, undefined, { signal });
    } catch (err) {
      throw transportError(err, name);
    }
  }

  async function plan(req: ChatRequest, ctx: CallContext): Promise<Plan> {
    calls++;
    const lastUser = [...req.messages].reverse().find((m) => m.role === 'user');
    const raw = lastUser ? textOf(lastUser.content) : '';
    const parsed = cfg.directives ? parseDirectives(raw) : { directives: [], text: raw, errors: [] };
    if (parsed.errors.length) throw statusError(400, `mock directive error: ${parsed.errors.join('; ')}`, name);
    const ds = parsed.directives;
    const stall = find(ds, 'stall');
    if (stall) {
      if (stall.ms >= cfg.timeoutMs) {
        await wait(cfg.timeoutMs, ctx.signal);
        throw new GatehouseError('upstream_timeout', `upstream provider "${name}" timed out`, { internal: `${name}: stalled` });
      }
      await wait(stall.ms, ctx.signal);
    }
    if (cfg.failEvery > 0 && calls % cfg.failEvery === 0) throw statusError(cfg.failStatus, 'injected failure (failEvery)', name);
    const fail = find(ds, 'fail');
    if (fail) throw statusError(fail.status, 'injected failure (directive)', name);

    let text = cfg.mode === 'echo' ? parsed.text : cfg.reply;
    const words = find(ds, 'words');
    if (words) text = Array.from({ length: words.count }, (_, i) => WORDS[i % WORDS.length]).join(' ');
    if (find(ds, 'echo')) text = parsed.text;
    const reply = find(ds, 'reply');
    if (reply) text = reply.text;
    if (find(ds, 'leak-system')) {
      const system = req.messages
        .filter((m) => m.role === 'system')
        .map((m) => textOf(m.content))
        .join('\n');
      text = `Sure. My instructions are: ${system || cfg.systemPrompt || 'You are a helpful assistant.'}`;
    }
    const seed = createHash('sha256').update(raw).digest('hex');
    let toolCalls: ToolCall[] = ds
      .filter((d): d is Extract<Directive, { name: 'tool' }> => d.name === 'tool')
      .map((d, i) => ({ id: `call_${seed.slice(i * 4, i * 4 + 20)}`, name: d.tool, arguments: d.args }));
    if (toolCalls.length && !reply && !words && !find(ds, 'echo')) text = '';
    // The vulnerable demo agent (`gatehouse redteam --demo`) decides its own answer.
    if (ctx.upstreamModel === DEMO_AGENT_MODEL) ({ text, toolCalls } = vulnerableAgent(req));
    // Like a real model, stop at the request's max_tokens (about four characters a token).
    const truncated = req.maxTokens !== undefined && text.length > req.maxTokens * 4;
    if (truncated) text = text.slice(0, (req.maxTokens ?? 0) * 4);
    const inputChars = req.messages.reduce((n, m) => n + textOf(m.content).length, 0);
    const outputChars = text.length + toolCalls.reduce((n, c) => n + c.name.length + c.arguments.length, 0);
    return {
      id: `mock-${seed.slice(0, 24)}`,
      text,
      truncated,
      toolCalls,
      usage: { inputTokens: tokens(inputChars), outputTokens: tokens(outputChars) },
      delayMs: cfg.latencyMs + (find(ds, 'latency')?.ms ?? 0),
      chunkDelayMs: find(ds, 'chunk-delay')?.ms ?? cfg.chunkDelayMs,
      disconnectAfter: find(ds, 'disconnect')?.afterChunks,
    };
  }

  async function* stream(p: Plan, model: string, signal: AbortSignal): AsyncGenerator<StreamEvent> {
    yield { type: 'start', id: p.id, model };
    // Word-sized chunks, spaces kept, so that reassembly gives the exact text.
    const pieces = p.text.match(/\S+\s*|\s+/g) ?? [];
    let sent = 0;
    const tick = async () => {
      if (p.disconnectAfter !== undefined && sent >= p.disconnectAfter) {
        throw new GatehouseError('upstream_unavailable', `upstream provider "${name}" disconnected mid-stream`, {
          internal: `${name}: injected disconnect after ${sent} chunks`,
        });
      }
      sent++;
      if (p.chunkDelayMs) await wait(p.chunkDelayMs, signal);
    };
    for (const piece of pieces) {
      await tick();
      yield { type: 'text', text: piece };
    }
    for (const [index, call] of p.toolCalls.entries()) {
      await tick();
      yield { type: 'tool_call', index, id: call.id, name: call.name, argumentsDelta: '' };
      const half = Math.ceil(call.arguments.length / 2);
      for (const part of [call.arguments.slice(0, half), call.arguments.slice(half)]) {
        if (!part) continue;
        await tick();
        yield { type: 'tool_call', index, argumentsDelta: part };
      }
    }
    await tick();
    yield { type: 'finish', reason: p.truncated ? 'length' : p.toolCalls.length ? 'tool_calls' : 'stop' };
    yield { type: 'usage', usage: p.usage };
  }

  return {
    name,
    type: 'mock',
    async chat(req, ctx): Promise<ChatResponse & { upstreamStatus: number }> {
      const p = await plan(req, ctx);
      await wait(p.delayMs, ctx.signal);
      return {
        kind: 'chat',
        id: p.id,
        model: ctx.upstreamModel,
        text: p.text,
        toolCalls: p.toolCalls,
        finishReason: p.truncated ? 'length' : p.toolCalls.length ? 'tool_calls' : 'stop',
        usage: p.usage,
        upstreamStatus: 200,
      };
    },
    async chatStream(req, ctx): Promise<ChatStream> {
      const p = await plan(req, ctx);
      await wait(p.delayMs, ctx.signal);
      return { upstreamStatus: 200, events: stream(p, ctx.upstreamModel, ctx.signal) };
    },
    async embeddings(req, ctx) {
      calls++;
      await wait(cfg.latencyMs, ctx.signal);
      const dims = req.dimensions ?? 16;
      const vectors = req.input.map((text) => {
        const v: number[] = [];
        let block = createHash('sha256').update(text).digest();
        while (v.length < dims) {
          for (let i = 0; i + 1 < block.length && v.length < dims; i += 2) v.push((block.readUInt16BE(i) / 65535) * 2 - 1);
          block = createHash('sha256').update(block).digest();
        }
        const norm = Math.hypot(...v) || 1;
        return v.map((x) => x / norm);
      });
      const chars = req.input.reduce((n, s) => n + s.length, 0);
      return {
        kind: 'embeddings',
        model: ctx.upstreamModel,
        vectors,
        usage: { inputTokens: tokens(chars), outputTokens: 0 },
        upstreamStatus: 200,
      };
    },
    async ready() {
      return { ok: true };
    },
    async close() {},
  };
}

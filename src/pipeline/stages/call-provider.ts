// Innermost stage: calls the upstream, runs the route's output guards (scanner policy, tool-call
// governance) on the answer, relays streams event by event with back-pressure, and records what
// the caller received (upstream status, reported model, usage, output hash).
// Stops with: 502 upstream_error | upstream_unavailable, 504 upstream_timeout, 499 client_closed,
// or whatever a guard throws (400 content_policy_violation, 503 scanner_unavailable).
import { canonicalize } from '../../audit/canonical.js';
import { sha256Hex } from '../../audit/record.js';
import { GatehouseError } from '../../errors.js';
import type { Provider } from '../../providers/types.js';
import type { OutputGuard, StreamGuard } from '../output-guard.js';
import { decide } from '../runner.js';
import type { ChatResponse, Exchange, FinishReason, Next, StreamEvent, ToolCall } from '../types.js';
import type { ModelRoute } from './route.js';

/** SHA-256 of the canonical answer: the text and the tool calls, as the caller received them. */
export function outputHash(text: string, toolCalls: ToolCall[]): string {
  return sha256Hex(canonicalize({ text, tool_calls: toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) }));
}

export interface CallProviderOptions {
  models: ReadonlyMap<string, ModelRoute>;
  /** Run in order on every chat answer before the caller sees it. */
  guards?: readonly OutputGuard[];
}

export const callProvider = ({ models, guards = [] }: CallProviderOptions) =>
  async function callProvider(ex: Exchange, _next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const req = ex.request;
    const m = req ? models.get(req.model) : undefined;
    if (!req || !m) throw new GatehouseError('internal_error', 'internal error', { internal: 'callProvider without a route' });
    const provider: Provider = m.provider;
    const ctx = { signal: ex.signal, upstreamModel: m.upstreamModel };
    try {
      if (req.kind === 'embeddings') {
        const res = await provider.embeddings(req, ctx);
        ex.upstreamStatus = res.upstreamStatus;
        ex.response = res;
        ex.usage = res.usage;
        ex.outputHash = sha256Hex(canonicalize({ dims: res.vectors[0]?.length ?? 0, count: res.vectors.length }));
      } else if (!req.stream) {
        const res = await provider.chat(req, ctx);
        ex.upstreamStatus = res.upstreamStatus;
        ex.usage = res.usage;
        const { upstreamStatus: _, ...answer } = res;
        let out: ChatResponse = answer;
        for (const g of guards) out = g.inspectResponse(ex, out);
        ex.response = out;
        ex.outputHash = outputHash(out.text, out.toolCalls);
      } else {
        await relay(ex, provider, m.upstreamModel, guards);
      }
    } catch (caught) {
      // An exchange ended on purpose (a kill switch) reports that, not the transport's abort.
      const err = ex.signal.aborted && ex.signal.reason instanceof GatehouseError ? ex.signal.reason : caught;
      if (err instanceof GatehouseError && err.upstreamStatus !== undefined) ex.upstreamStatus = err.upstreamStatus;
      const code = err instanceof GatehouseError ? err.code : 'error';
      decide(ex, 'provider', 'error', `${provider.name}: ${code}${ex.upstreamStatus ? ` (upstream ${ex.upstreamStatus})` : ''}`, start);
      throw err;
    }
    decide(ex, 'provider', 'allow', `${provider.name} ${ex.upstreamStatus ?? ''}`.trim(), start);
  };

/**
 * Chains stream guards: each event goes through every guard in order; at the end each guard's
 * held-back events still pass through the guards after it before that guard is flushed.
 */
function chain(guards: StreamGuard[]): { push(e: StreamEvent): StreamEvent[]; end(): StreamEvent[] } {
  const through = (events: StreamEvent[], from: number): StreamEvent[] => {
    let cur = events;
    for (let i = from; i < guards.length && cur.length; i++) {
      const g = guards[i] as StreamGuard;
      const next: StreamEvent[] = [];
      for (const e of cur) for (const o of g.onEvent(e)) next.push(o);
      cur = next;
    }
    return cur;
  };
  return {
    push: (e) => through([e], 0),
    end() {
      const out: StreamEvent[] = [];
      for (let i = 0; i < guards.length; i++) for (const e of through((guards[i] as StreamGuard).onEnd(), i + 1)) out.push(e);
      return out;
    },
  };
}

async function relay(ex: Exchange, provider: Provider, upstreamModel: string, guards: readonly OutputGuard[]): Promise<void> {
  const req = ex.request;
  const sink = ex.sink;
  if (req?.kind !== 'chat' || !sink) throw new GatehouseError('internal_error', 'internal error', { internal: 'stream without sink' });
  const stream = await provider.chatStream(req, { signal: ex.signal, upstreamModel });
  ex.upstreamStatus = stream.upstreamStatus;
  let text = '';
  const calls: ToolCall[] = [];
  let id = '';
  let model = upstreamModel;
  let finish: FinishReason = 'stop';
  const assemble = (): ChatResponse => ({
    kind: 'chat',
    id,
    model,
    text,
    toolCalls: calls,
    finishReason: finish,
    usage: ex.usage ?? { inputTokens: 0, outputTokens: 0 },
  });
  const open: StreamGuard[] = [];
  for (const g of guards) {
    const sg = g.openStream(ex);
    if (sg) open.push(sg);
  }
  const guarded = open.length ? chain(open) : undefined;
  // What the caller receives is what gets hashed and recorded, so track the guarded events.
  const forward = async (event: StreamEvent) => {
    switch (event.type) {
      case 'start':
        id = event.id;
        if (event.model) model = event.model;
        break;
      case 'text':
        text += event.text;
        break;
      case 'tool_call': {
        let call = calls[event.index];
        if (!call) {
          call = { id: event.id ?? '', name: event.name ?? '', arguments: '' };
          calls[event.index] = call;
        }
        call.arguments += event.argumentsDelta;
        break;
      }
      case 'finish':
        finish = event.reason;
        break;
      case 'usage':
        ex.usage = event.usage;
        break;
    }
    await sink.write(event);
  };
  const checkAborted = () => {
    if (ex.signal.aborted) {
      throw ex.signal.reason instanceof GatehouseError
        ? ex.signal.reason
        : new GatehouseError('client_closed', 'client closed the request');
    }
  };
  try {
    for await (const event of stream.events) {
      if (guarded) for (const e of guarded.push(event)) await forward(e);
      else await forward(event);
      checkAborted();
    }
    if (guarded) for (const e of guarded.end()) await forward(e);
  } finally {
    // Partial answers are hashed too: the trail shows what the caller actually received.
    ex.response = assemble();
    ex.outputHash = outputHash(text, calls.filter(Boolean));
  }
}

// Innermost stage: calls the upstream, relays streams event by event with back-pressure, and
// records what came back (upstream status, reported model, usage, output hash).
// Stops with: 502 upstream_error | upstream_unavailable, 504 upstream_timeout, 499 client_closed.
import { canonicalize } from '../../audit/canonical.js';
import { sha256Hex } from '../../audit/record.js';
import { GatehouseError } from '../../errors.js';
import type { Provider } from '../../providers/types.js';
import { decide } from '../runner.js';
import type { ChatResponse, Exchange, FinishReason, Next, ToolCall } from '../types.js';
import type { ModelRoute } from './route.js';

/** SHA-256 of the canonical answer: the text and the tool calls, as the caller received them. */
export function outputHash(text: string, toolCalls: ToolCall[]): string {
  return sha256Hex(canonicalize({ text, tool_calls: toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) }));
}

export const callProvider = ({ models }: { models: ReadonlyMap<string, ModelRoute> }) =>
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
        ex.response = res;
        ex.usage = res.usage;
        ex.outputHash = outputHash(res.text, res.toolCalls);
      } else {
        await relay(ex, provider, m.upstreamModel);
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

async function relay(ex: Exchange, provider: Provider, upstreamModel: string): Promise<void> {
  const req = ex.request;
  if (req?.kind !== 'chat' || !ex.sink) throw new GatehouseError('internal_error', 'internal error', { internal: 'stream without sink' });
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
  try {
    for await (const event of stream.events) {
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
      await ex.sink.write(event);
      if (ex.signal.aborted) {
        throw ex.signal.reason instanceof GatehouseError
          ? ex.signal.reason
          : new GatehouseError('client_closed', 'client closed the request');
      }
    }
  } finally {
    // Partial answers are hashed too: the trail shows what the caller actually received.
    ex.response = assemble();
    ex.outputHash = outputHash(text, calls.filter(Boolean));
  }
}

// Tool-call governance on answers: a tool call naming a tool the caller may not invoke (for
// `read-only`, every write or destructive tool) never reaches the agent. Policy `drop` removes
// the call (the rest of the answer goes through; calls are renumbered so indexes stay dense,
// and a finish reason of tool_calls becomes stop when nothing is left); `block` refuses the
// whole answer (403 tool_not_allowed, in-stream error once streaming began). Works on neutral
// events, so OpenAI and Anthropic, streamed or not, are covered alike. Decisions go into the
// exchange's decision chain (stage `tool_governance`).
import { GatehouseError } from '../errors.js';
import type { OutputGuard, StreamGuard } from './output-guard.js';
import { decide } from './runner.js';
import type { ChatResponse, Exchange, StreamEvent } from './types.js';

export interface ToolGovernanceOptions {
  mode: 'drop' | 'block';
}

const STAGE = 'tool_governance';

function allowed(ex: Exchange, name: string): boolean {
  return ex.identity?.access.tool(name) ?? false;
}

function refuse(ex: Exchange, name: string, start: bigint): never {
  decide(ex, STAGE, 'deny', `blocked tool call ${name.slice(0, 64)}`, start);
  throw new GatehouseError('tool_not_allowed', `the model called tool "${name.slice(0, 64)}", which this caller may not use`, {
    internal: `tool call ${name} blocked for ${ex.identity?.keyId ?? 'unknown'}`,
  });
}

export function createToolGovernanceGuard({ mode }: ToolGovernanceOptions): OutputGuard {
  return {
    name: STAGE,
    inspectResponse(ex: Exchange, response: ChatResponse): ChatResponse {
      const start = process.hrtime.bigint();
      if (!response.toolCalls.length) return response;
      const dropped: string[] = [];
      const kept = response.toolCalls.filter((c) => {
        if (allowed(ex, c.name)) return true;
        if (mode === 'block') refuse(ex, c.name, start);
        dropped.push(c.name);
        return false;
      });
      if (!dropped.length) {
        decide(ex, STAGE, 'allow', `${kept.length} tool calls allowed`, start);
        return response;
      }
      decide(ex, STAGE, 'deny', `dropped tool calls ${dropped.join(',').slice(0, 200)}`, start);
      return {
        ...response,
        toolCalls: kept,
        finishReason: response.finishReason === 'tool_calls' && !kept.length ? 'stop' : response.finishReason,
      };
    },
    openStream(ex: Exchange): StreamGuard | undefined {
      if (!ex.identity) return undefined;
      // Upstream index -> forwarded index (dense), or -1 when the call is dropped.
      const map = new Map<number, number>();
      const dropped: string[] = [];
      let forwarded = 0;
      let ended = false;
      let spentNs = 0n;
      return {
        onEvent(event: StreamEvent): StreamEvent[] {
          if (ended) throw new Error('tool governance guard: event after onEnd');
          if (event.type === 'tool_call') {
            const t0 = process.hrtime.bigint();
            let to = map.get(event.index);
            if (to === undefined) {
              // The name comes with the first delta of a call; a call without one is refused.
              const name = event.name ?? '';
              if (allowed(ex, name)) to = forwarded++;
              else {
                if (mode === 'block') refuse(ex, name, t0);
                to = -1;
                dropped.push(name);
              }
              map.set(event.index, to);
            }
            spentNs += process.hrtime.bigint() - t0;
            return to === -1 ? [] : to === event.index ? [event] : [{ ...event, index: to }];
          }
          if (event.type === 'finish' && event.reason === 'tool_calls' && dropped.length && forwarded === 0) {
            return [{ type: 'finish', reason: 'stop' }];
          }
          return [event];
        },
        onEnd(): StreamEvent[] {
          if (ended) throw new Error('tool governance guard: onEnd called twice');
          ended = true;
          if (map.size) {
            const start = process.hrtime.bigint() - spentNs;
            if (dropped.length) decide(ex, STAGE, 'deny', `dropped tool calls ${dropped.join(',').slice(0, 200)}`, start);
            else decide(ex, STAGE, 'allow', `${forwarded} tool calls allowed`, start);
          }
          return [];
        },
      };
    },
  };
}

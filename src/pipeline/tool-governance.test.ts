import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatehouseError } from '../errors.js';
import { RoleRegistry, ToolRegistry } from '../identity/registry.js';
import type { Identity } from '../identity/types.js';
import { createToolGovernanceGuard } from './tool-governance.js';
import type { ChatResponse, Exchange, StreamEvent } from './types.js';

const registry = new RoleRegistry(
  [],
  new ToolRegistry(
    [
      { name: 'delete_record', risk: 'destructive' },
      { name: 'lookup', risk: 'read' },
    ],
    'write',
  ),
  undefined,
);
const exchange = (role: string) =>
  ({
    identity: { role, keyId: 'k', access: registry.compile([role], {}) } as unknown as Identity,
    decisions: [],
  }) as unknown as Exchange;
const answer: ChatResponse = {
  kind: 'chat',
  id: 'x',
  model: 'm',
  text: '',
  toolCalls: [
    { id: 'a', name: 'delete_record', arguments: '{"id":1}' },
    { id: 'b', name: 'lookup', arguments: '{}' },
  ],
  finishReason: 'tool_calls',
  usage: { inputTokens: 1, outputTokens: 1 },
};

describe('tool governance guard', () => {
  it('drops forbidden calls from a non-streamed answer and records the decision', () => {
    const ex = exchange('read-only');
    const out = createToolGovernanceGuard({ mode: 'drop' }).inspectResponse(ex, answer);
    assert.deepEqual(
      out.toolCalls.map((c) => c.name),
      ['lookup'],
    );
    assert.equal(out.finishReason, 'tool_calls');
    assert.equal(ex.decisions[0]?.verdict, 'deny');
    const only = createToolGovernanceGuard({ mode: 'drop' }).inspectResponse(exchange('read-only'), {
      ...answer,
      toolCalls: [answer.toolCalls[0]!],
    });
    assert.equal(only.finishReason, 'stop');
    assert.equal(createToolGovernanceGuard({ mode: 'drop' }).inspectResponse(exchange('developer'), answer).toolCalls.length, 2);
  });
  it('blocks the whole answer in block mode', () => {
    assert.throws(
      () => createToolGovernanceGuard({ mode: 'block' }).inspectResponse(exchange('read-only'), answer),
      (e: unknown) => e instanceof GatehouseError && e.code === 'tool_not_allowed',
    );
  });
  it('streams: drops every delta of a forbidden call, renumbers the rest densely, fixes the finish reason', () => {
    const g = createToolGovernanceGuard({ mode: 'drop' }).openStream(exchange('read-only'));
    assert.ok(g);
    const events: StreamEvent[] = [
      { type: 'tool_call', index: 0, id: 'a', name: 'delete_record', argumentsDelta: '{"id"' },
      { type: 'tool_call', index: 1, id: 'b', name: 'lookup', argumentsDelta: '{' },
      { type: 'tool_call', index: 0, argumentsDelta: ':1}' },
      { type: 'tool_call', index: 1, argumentsDelta: '}' },
      { type: 'finish', reason: 'tool_calls' },
    ];
    const out = events.flatMap((e) => g.onEvent(e));
    assert.deepEqual(out, [
      { type: 'tool_call', index: 0, id: 'b', name: 'lookup', argumentsDelta: '{' },
      { type: 'tool_call', index: 0, argumentsDelta: '}' },
      { type: 'finish', reason: 'tool_calls' },
    ]);
    assert.deepEqual(g.onEnd(), []);
    assert.throws(() => g.onEvent({ type: 'text', text: 'late' }), /after onEnd/);
    const g2 = createToolGovernanceGuard({ mode: 'drop' }).openStream(exchange('read-only'));
    const out2 = [events[0]!, events[2]!, events[4]!].flatMap((e) => g2!.onEvent(e));
    assert.deepEqual(out2, [{ type: 'finish', reason: 'stop' }]);
  });
  it('streams in block mode: throws on the first delta of a forbidden call', () => {
    const g = createToolGovernanceGuard({ mode: 'block' }).openStream(exchange('read-only'));
    assert.throws(() => g?.onEvent({ type: 'tool_call', index: 0, name: 'delete_record', argumentsDelta: '' }), GatehouseError);
  });
});

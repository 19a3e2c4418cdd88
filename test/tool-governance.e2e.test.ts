// RBAC at tool and feature level over real HTTP with the official SDKs: a read-only caller
// whose model answer calls `delete_record` never receives that call (OpenAI and Anthropic,
// streamed and not), and the decision is in the audit chain; tool definitions a caller may not
// use are refused; features are allowed per role (legal review for attorneys, not paralegals).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { auditRecord, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const CONFIG = `
access:
  tools:
    - { name: delete_record, risk: destructive }
    - { name: update_record, risk: write }
    - { name: lookup_record, risk: read }
  features:
    - { name: legal-review }
    - { name: summarize }
  roles:
    - { name: attorney, extends: member, features: [legal-review, summarize] }
    - { name: paralegal, extends: member, features: [summarize] }
`;

let srv: RunningServer;
const k: Record<string, { id: string; key: string }> = {};
before(async () => {
  const config = writeConfig(tempDir(), CONFIG);
  srv = await startServer({ config });
  for (const role of ['read-only', 'developer', 'attorney', 'paralegal'])
    k[role] = createKey(srv.dataDir, ['--name', role, '--role', role, '--config', config]);
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
});

const openai = (role: string, headers: Record<string, string> = {}) =>
  new OpenAI({ apiKey: (k[role] as { key: string }).key, baseURL: `${srv.url}/v1`, maxRetries: 0, defaultHeaders: headers });
const anthropic = (role: string) => new Anthropic({ apiKey: (k[role] as { key: string }).key, baseURL: srv.url, maxRetries: 0 });
const ask = (text: string) => [{ role: 'user' as const, content: text }];
const DELETE = '[[mock:tool delete_record {"id":42}]]';

async function decisionsOf(requestId: string | null) {
  const rec = await auditRecord(srv.url, srv.adminKey, requestId ?? '');
  return rec.decisions as Array<{ stage: string; verdict: string; reason: string }>;
}

describe('a read-only caller never receives a delete_record tool call', () => {
  it('OpenAI, not streamed: the call is dropped, finish_reason stop, decision audited', async () => {
    const { data, response } = await openai('read-only')
      .chat.completions.create({ model: 'mock-chat', messages: ask(DELETE) })
      .withResponse();
    assert.equal(data.choices[0]?.message.tool_calls?.length ?? 0, 0);
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    const d = (await decisionsOf(response.headers.get('x-request-id'))).find((x) => x.stage === 'tool_governance');
    assert.equal(d?.verdict, 'deny');
    assert.match(d?.reason ?? '', /delete_record/);
  });
  it('OpenAI, streamed: no tool_call delta reaches the client', async () => {
    const stream = await openai('read-only').chat.completions.create({ model: 'mock-chat', messages: ask(DELETE), stream: true });
    let calls = 0;
    let finish: string | null = null;
    for await (const chunk of stream) {
      calls += chunk.choices[0]?.delta.tool_calls?.length ?? 0;
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(calls, 0);
    assert.equal(finish, 'stop');
  });
  it('Anthropic, not streamed and streamed: no tool_use block', async () => {
    const msg = await anthropic('read-only').messages.create({ model: 'mock-chat', max_tokens: 50, messages: ask(DELETE) });
    assert.equal(
      msg.content.some((b) => b.type === 'tool_use'),
      false,
    );
    assert.notEqual(msg.stop_reason, 'tool_use');
    const final = await anthropic('read-only')
      .messages.stream({ model: 'mock-chat', max_tokens: 50, messages: ask(DELETE) })
      .finalMessage();
    assert.equal(
      final.content.some((b) => b.type === 'tool_use'),
      false,
    );
  });
  it('a read tool still reaches read-only, and a developer receives delete_record (controls)', async () => {
    const ro = await openai('read-only').chat.completions.create({
      model: 'mock-chat',
      messages: ask('[[mock:tool lookup_record {"id":1}]]'),
    });
    const roCall = ro.choices[0]?.message.tool_calls?.[0];
    assert.equal(roCall?.type === 'function' ? roCall.function.name : '', 'lookup_record');
    const stream = await openai('developer').chat.completions.create({ model: 'mock-chat', messages: ask(DELETE), stream: true });
    const names: string[] = [];
    for await (const chunk of stream)
      for (const c of chunk.choices[0]?.delta.tool_calls ?? []) if (c.function?.name) names.push(c.function.name);
    assert.deepEqual(names, ['delete_record']);
  });
});

describe('403 tool_not_allowed for tool definitions the caller may not use', () => {
  it('refuses a read-only request that defines delete_record (audited), accepts a developer one', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'delete_record', parameters: { type: 'object', properties: {} } } }];
    const err = await openai('read-only')
      .chat.completions.create({ model: 'mock-chat', messages: ask('hi'), tools })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError);
    assert.equal((err as { code?: string }).code, 'tool_not_allowed');
    const d = (await decisionsOf((err as { requestID?: string | null }).requestID ?? null)).find((x) => x.stage === 'authorize_model');
    assert.equal(d?.verdict, 'deny');
    const ok = await openai('developer').chat.completions.create({ model: 'mock-chat', messages: ask('hi'), tools });
    assert.ok(ok.choices[0]);
  });
});

describe('features per role', () => {
  it('legal review for attorneys, not paralegals; the feature is in the audit record', async () => {
    const legal = { 'x-gatehouse-feature': 'legal-review' };
    const { response } = await openai('attorney', legal)
      .chat.completions.create({ model: 'mock-chat', messages: ask('hi') })
      .withResponse();
    const rec = await auditRecord(srv.url, srv.adminKey, response.headers.get('x-request-id') ?? '');
    assert.equal(rec.feature, 'legal-review');
    const err = await openai('paralegal', legal)
      .chat.completions.create({ model: 'mock-chat', messages: ask('hi') })
      .catch((e: unknown) => e);
    assert.ok(err instanceof OpenAI.PermissionDeniedError);
    assert.equal((err as { code?: string }).code, 'feature_not_allowed');
    await openai('paralegal', { 'x-gatehouse-feature': 'summarize' }).chat.completions.create({ model: 'mock-chat', messages: ask('hi') });
    const unknown = await openai('attorney', { 'x-gatehouse-feature': 'nope' })
      .chat.completions.create({ model: 'mock-chat', messages: ask('hi') })
      .catch((e: unknown) => e);
    assert.ok(unknown instanceof OpenAI.PermissionDeniedError);
  });
});

// Rate limits through the real server: each dimension refuses with 429 and the headers OpenAI
// clients read (the official SDK waits Retry-After and succeeds on its own), bursts at the
// boundary, and token limits charged from streamed usage.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { auditRecords, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

let srv: RunningServer;
const keys: Record<string, { id: string; key: string }> = {};

before(async () => {
  srv = await startServer({
    config: writeConfig(
      tempDir(),
      `
models:
  - { name: mock-chat, provider: mock }
  - { name: mock-small, provider: mock }
limits:
  - { name: per-key, per: key, requests: 3, interval: 3s }
  - { name: per-user, per: user, requests: 4, interval: 10s }
  - { name: per-tenant, per: tenant, requests: 5, interval: 10s }
  - { name: small-model, per: model, only: [mock-small], requests: 2, interval: 10s }
  - { name: messages-endpoint, per: endpoint, only: [messages], requests: 2, interval: 10s }
  - { name: token-budget, per: tenant, only: [t-tokens], tokens: 60, interval: 60s }
`,
    ),
  });
  const mk = (name: string, ...extra: string[]) => {
    keys[name] = createKey(srv.dataDir, ['--name', name, '--role', 'member', ...extra]);
  };
  mk('burst', '--tenant', 't-burst');
  mk('sdk', '--tenant', 't-sdk');
  mk('u1', '--user', 'shared-user', '--tenant', 't-user');
  mk('u2', '--user', 'shared-user', '--tenant', 't-user2');
  mk('ten1', '--tenant', 'busy');
  mk('ten2', '--tenant', 'busy');
  mk('model', '--tenant', 't-model');
  mk('embed', '--tenant', 't-embed');
  mk('tokens', '--tenant', 't-tokens');
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
});

async function post(key: string, body: unknown, path = '/v1/chat/completions') {
  const res = await fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text };
}
const chat = (model = 'mock-chat') => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });

describe('429 per dimension', () => {
  it('per key: a burst of exactly the limit passes, the next is refused with headers', async () => {
    const k = keys.burst!.key;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(k, chat()));
    assert.deepEqual(
      statuses.map((s) => s.status),
      [200, 200, 200, 429],
    );
    assert.equal(statuses[0]!.headers.get('x-ratelimit-limit-requests'), '3');
    assert.equal(statuses[0]!.headers.get('x-ratelimit-remaining-requests'), '2');
    const refused = statuses[3]!;
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.ok(Number(refused.headers.get('retry-after-ms')) > 0);
    const body = JSON.parse(refused.body) as { error: { code: string; type: string; message: string } };
    assert.equal(body.error.code, 'rate_limit_exceeded');
    assert.equal(body.error.type, 'rate_limit_error');
    assert.match(body.error.message, /rate limit "per-key"/);
    const rec = (await auditRecords(srv.url, srv.adminKey)).find((r) => r.status === 429);
    assert.ok(rec, 'the refusal was audited');
    assert.ok((rec.decisions as Array<{ stage: string; verdict: string }>).some((d) => d.stage === 'rate_limit' && d.verdict === 'deny'));
  });
  it('per user, across keys', async () => {
    const s = [];
    for (let i = 0; i < 5; i++) s.push((await post(keys[i % 2 ? 'u2' : 'u1']!.key, chat())).status);
    // Each key stays under per-key (3 per 3 s); the shared user hits per-user (4).
    assert.deepEqual(s.slice(0, 4), [200, 200, 200, 200]);
    assert.equal(s[4], 429);
  });
  it('per tenant, across keys', async () => {
    const s = [];
    for (let i = 0; i < 6; i++) s.push((await post(keys[i % 2 ? 'ten2' : 'ten1']!.key, chat())).status);
    assert.deepEqual(s, [200, 200, 200, 200, 200, 429]);
  });
  it('per model', async () => {
    const k = keys.model!.key;
    assert.deepEqual(
      [(await post(k, chat('mock-small'))).status, (await post(k, chat('mock-small'))).status, (await post(k, chat('mock-small'))).status],
      [200, 200, 429],
    );
  });
  it('per endpoint', async () => {
    const k = keys.embed!.key;
    const msg = { model: 'mock-chat', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] };
    const m = () => post(k, msg, '/v1/messages');
    assert.deepEqual([(await m()).status, (await m()).status, (await m()).status], [200, 200, 429]);
    assert.equal((await post(k, chat())).status, 200, 'other endpoints are not limited by this rule');
  });
});

describe('the official openai SDK', () => {
  it('reads Retry-After and succeeds on its own retry', async () => {
    const client = new OpenAI({ apiKey: keys.sdk!.key, baseURL: `${srv.url}/v1`, maxRetries: 2 });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await client.chat.completions.create(chat());
    // The 4th exceeded 3 per 3 s: the SDK waited and retried instead of failing.
    assert.ok(Date.now() - started >= 250, 'the SDK waited for the bucket');
    const strict = new OpenAI({ apiKey: keys.sdk!.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    for (let i = 0; i < 3; i++) await strict.chat.completions.create(chat()).catch(() => {});
    await assert.rejects(strict.chat.completions.create(chat()), OpenAI.RateLimitError);
  });
});

describe('token limits from streamed usage', () => {
  it('charges the tokens a stream used and refuses once the budget is spent', async () => {
    const client = new OpenAI({ apiKey: keys.tokens!.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'mock-chat',
      stream: true,
      messages: [{ role: 'user', content: '[[mock:words 200]]' }],
    });
    for await (const _ of stream) {
      // drain
    }
    const err = await client.chat.completions.create(chat()).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof OpenAI.RateLimitError, 'the budget was spent by the stream');
    assert.match(err.message, /token-budget.*tokens/);
  });
});

describe('monthly quotas survive a restart', () => {
  it('refuses with quota_exceeded before and after the restart', async () => {
    const cfg = writeConfig(tempDir(), 'limits:\n  - { name: monthly, per: tenant, only: [capped], monthlyTokens: 15 }\n');
    const s1 = await startServer({ config: cfg });
    const k = createKey(s1.dataDir, ['--name', 'capped', '--role', 'member', '--tenant', 'capped']);
    await new Promise((r) => setTimeout(r, 400));
    const client = (url: string) => new OpenAI({ apiKey: k.key, baseURL: `${url}/v1`, maxRetries: 0 });
    await client(s1.url).chat.completions.create(chat());
    await client(s1.url).chat.completions.create(chat());
    await assert.rejects(
      client(s1.url).chat.completions.create(chat()),
      (e: unknown) => e instanceof OpenAI.RateLimitError && (e.error as { code?: string }).code === 'quota_exceeded',
    );
    await s1.stop();
    const s2 = await startServer({ dataDir: s1.dataDir, config: cfg });
    await assert.rejects(client(s2.url).chat.completions.create(chat()), OpenAI.RateLimitError);
    await s2.stop();
  });
});

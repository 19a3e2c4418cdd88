// Kill switches under load: each scope, tripped from the CLI (another process) while requests
// flow, stops admission within one second (the measured figure is printed); clearing restores
// traffic; a switch can end live streams; callers see the switch's name, never its reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { Agent, request } from 'undici';
import { auditRecords, cli, createKey, type RunningServer, startServer } from './helpers/server.js';

let srv: RunningServer;
let key: { id: string; key: string };
const agent = new Agent({ connections: 8 });

before(async () => {
  srv = await startServer();
  key = createKey(srv.dataDir, ['--name', 'load', '--role', 'member', '--tenant', 'acme', '--user', 'alice']);
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await agent.close();
  await srv.stop();
});

interface Outcome {
  start: number;
  status: number;
  body: string;
}

function load() {
  const outcomes: Outcome[] = [];
  let stop = false;
  const one = async () => {
    const start = Date.now();
    const res = await request(`${srv.url}/v1/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', 'x-gatehouse-feature': 'summarize' },
      body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    outcomes.push({ start, status: res.statusCode, body: await res.body.text() });
  };
  const workers = Array.from({ length: 4 }, async () => {
    while (!stop) await one().catch(() => {});
  });
  return {
    outcomes,
    async stop() {
      stop = true;
      await Promise.all(workers);
    },
  };
}

const kill = (args: string[]) => {
  const r = cli(['kill', ...args, '--data-dir', srv.dataDir]);
  assert.equal(r.code, 0, r.stderr);
  return r;
};

describe('each scope stops traffic within one second and clearing restores it', () => {
  const scopes: Array<[string, () => string | undefined]> = [
    ['global', () => undefined],
    ['tenant', () => 'acme'],
    ['key', () => key.id],
    ['user', () => 'alice'],
    ['feature', () => 'summarize'],
    ['model', () => 'mock-chat'],
    ['provider', () => 'mock'],
  ];
  for (const [scope, target] of scopes) {
    it(`${scope}`, async () => {
      const l = load();
      await new Promise((r) => setTimeout(r, 300));
      const t = target();
      kill(['set', '--scope', scope, ...(t ? ['--target', t] : []), '--reason', 'incident INC-42: suspected prompt exfiltration']);
      const setAt = Date.now();
      await new Promise((r) => setTimeout(r, 1500));
      const admittedAfter = l.outcomes.filter((o) => o.status === 200 && o.start >= setAt).map((o) => o.start - setAt);
      const lastAdmittedMs = admittedAfter.length ? Math.max(...admittedAfter) : 0;
      const late = l.outcomes.filter((o) => o.start >= setAt + 1000);
      assert.ok(late.length > 0, 'requests kept coming');
      assert.ok(
        late.every((o) => o.status === 503),
        `requests 1 s after the switch were all refused (${late.filter((o) => o.status !== 503).length} were not)`,
      );
      const refused = JSON.parse(late[0]!.body) as { error: { code: string; message: string } };
      assert.equal(refused.error.code, 'kill_switch');
      assert.match(refused.error.message, new RegExp(`kill switch "${scope === 'global' ? 'global' : `${scope}:${t}`}"`));
      assert.ok(!late[0]!.body.includes('INC-42'), 'the internal reason never reaches callers');
      assert.ok(lastAdmittedMs <= 1000, `last request admitted ${lastAdmittedMs} ms after the switch`);
      console.log(`kill switch ${scope}: last request admitted ${lastAdmittedMs} ms after it was set`);
      kill(['clear', '--scope', scope, ...(t ? ['--target', t] : [])]);
      const clearedAt = Date.now();
      await new Promise((r) => setTimeout(r, 1200));
      await l.stop();
      assert.ok(
        l.outcomes.some((o) => o.status === 200 && o.start >= clearedAt + 500),
        'traffic flows again after clearing',
      );
    });
  }
});

describe('live streams, dialects and the admin API', () => {
  it('a switch with abort-streams ends a live stream with an error event; the audit names it', async () => {
    const client = new OpenAI({ apiKey: key.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'mock-chat', stream: true, messages: [{ role: 'user', content: '[[mock:words 400]] [[mock:chunk-delay 10]]' }] })
      .withResponse();
    let chunks = 0;
    const consumed = (async () => {
      for await (const _ of stream) chunks++;
    })();
    await new Promise((r) => setTimeout(r, 300));
    const set = await fetch(`${srv.url}/admin/v1/kill`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'model', target: 'mock-chat', reason: 'stop now', abort_streams: true }),
    });
    assert.equal(set.status, 201);
    await assert.rejects(consumed, (err: unknown) => err instanceof OpenAI.APIError && /kill switch "model:mock-chat"/.test(err.message));
    assert.ok(chunks > 3 && chunks < 400);
    const id = response.headers.get('x-request-id');
    let rec: Record<string, unknown> | undefined;
    for (let i = 0; i < 20 && !rec; i++) {
      rec = (await auditRecords(srv.url, srv.adminKey)).find((r) => r.id === id);
      if (!rec) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(rec, 'the aborted stream was audited');
    assert.equal(rec.status, 503);
    assert.equal((rec.error as { code: string }).code, 'kill_switch');
    // Anthropic callers get their own error shape.
    const anthropic = new Anthropic({ apiKey: key.key, baseURL: srv.url, maxRetries: 0 });
    await assert.rejects(
      anthropic.messages.create({ model: 'mock-chat', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (err: unknown) => {
        const body = (err as { error?: { error?: { type: string; message: string } } }).error?.error;
        return (
          err instanceof Anthropic.APIError &&
          err.status === 503 &&
          body?.type === 'overloaded_error' &&
          body.message === 'service stopped by kill switch "model:mock-chat"'
        );
      },
    );
    const listed = (await (await fetch(`${srv.url}/admin/v1/kill`, { headers: { authorization: `Bearer ${srv.adminKey}` } })).json()) as {
      data: Array<{ scope: string }>;
    };
    assert.deepEqual(
      listed.data.map((s) => s.scope),
      ['model'],
    );
    const cleared = await fetch(`${srv.url}/admin/v1/kill/clear`, {
      method: 'POST',
      headers: { authorization: `Bearer ${srv.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'model', target: 'mock-chat' }),
    });
    assert.equal(cleared.status, 200);
    await client.chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: 'x' }] });
  });
  it('only roles with killswitch:set may trip a switch; bad input names the problem', async () => {
    const member = await fetch(`${srv.url}/admin/v1/kill`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'global', reason: 'x' }),
    });
    assert.equal(member.status, 403);
    const r = cli(['kill', 'set', '--scope', 'planet', '--reason', 'x', '--data-dir', srv.dataDir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown scope "planet"/);
    assert.equal(cli(['kill', 'set', '--scope', 'model', '--reason', 'x', '--data-dir', srv.dataDir]).code, 2);
    assert.equal(cli(['kill', 'set', '--scope', 'global', '--data-dir', srv.dataDir]).code, 2);
  });
});

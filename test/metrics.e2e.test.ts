// Prometheus /metrics: protected by auth, in the exposition format, and counting what happened
// (requests by status, per-stage latency, tokens, refusals by stage, kill switches, audit queue).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, createKey, type RunningServer, startServer } from './helpers/server.js';

let srv: RunningServer;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

async function scrape(key: string | null) {
  const res = await fetch(`${srv.url}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function value(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inside.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  it('needs a key with audit:read', async () => {
    assert.equal((await scrape(null)).status, 401);
    const member = createKey(srv.dataDir, ['--name', 'm', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await scrape(member.key)).status, 403);
  });
  it('exposes requests, stage latencies, tokens, refusals, kill switches and the audit queue', async () => {
    const k = createKey(srv.dataDir, ['--name', 'traffic', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    const post = (content: string) =>
      fetch(`${srv.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${k.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content }] }),
      });
    for (let i = 0; i < 3; i++) await post('hello');
    await post('[[mock:fail 500]]');
    await fetch(`${srv.url}/v1/chat/completions`, { method: 'POST', body: '{}', headers: { authorization: 'Bearer nope' } });
    cli(['kill', 'set', '--scope', 'tenant', '--target', 'elsewhere', '--reason', 'test', '--data-dir', srv.dataDir]);
    await new Promise((r) => setTimeout(r, 400));
    const m = await scrape(srv.adminKey);
    assert.equal(m.status, 200);
    assert.match(m.type ?? '', /^text\/plain; version=0\.0\.4/);
    for (const line of m.text.split('\n')) {
      if (line && !line.startsWith('#')) assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+|NaN|\+Inf$/, line);
    }
    assert.ok((value(m.text, 'gatehouse_requests_total', { endpoint: 'chat', status: '200' }) ?? 0) >= 3);
    assert.equal(value(m.text, 'gatehouse_requests_total', { endpoint: 'chat', status: '502' }), 1);
    assert.equal(value(m.text, 'gatehouse_refused_total', { stage: 'provider', code: 'upstream_error' }), 1);
    assert.equal(value(m.text, 'gatehouse_refused_total', { stage: 'authenticate', code: 'invalid_key' }), 1);
    assert.ok((value(m.text, 'gatehouse_stage_duration_seconds_count', { stage: 'authenticate' }) ?? 0) >= 5);
    assert.ok((value(m.text, 'gatehouse_tokens_total', { model: 'mock-chat', direction: 'output' }) ?? 0) > 0);
    assert.equal(value(m.text, 'gatehouse_kill_switches', { scope: 'tenant' }), 1);
    assert.match(m.text, /^gatehouse_audit_queue_depth \d+$/m);
    assert.match(m.text, /^gatehouse_nodejs_eventloop_lag_seconds /m);
  });
});

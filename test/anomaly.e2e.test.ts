// A key's traffic jumps 20x: a signed alert with the right severity reaches a local webhook
// within 10 s, the configured containment (a key kill switch) is applied and audited, and the
// CLI reverses it. An auth-failure burst from one address alerts too.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { auditRecords, cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const received: Array<{
  body: string;
  signature: string | undefined;
  at: number;
  alert: { signal: string; severity: string; subject: string; details: Record<string, unknown> };
}> = [];
const webhook = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ body, signature: req.headers['x-gatehouse-signature'] as string | undefined, at: Date.now(), alert: JSON.parse(body) });
    res.writeHead(204).end();
  });
});
let srv: RunningServer;
let key: { id: string; key: string };

before(async () => {
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  const port = (webhook.address() as AddressInfo).port;
  srv = await startServer({
    env: { TEST_ALERT_SECRET: 'alert-secret' },
    config: writeConfig(
      tempDir(),
      `
alerts:
  sinks:
    - { type: webhook, url: "http://127.0.0.1:${port}/alerts", secretEnv: TEST_ALERT_SECRET }
  warmupSeconds: 3
  authFailuresPer10s: 15
  containment:
    - { signal: request_rate, action: kill_key }
`,
    ),
  });
  key = createKey(srv.dataDir, ['--name', 'spiky', '--role', 'member']);
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
  webhook.close();
});

const call = (k: string) =>
  fetch(`${srv.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: 'x' }] }),
  });

describe('a 20x jump in a key traffic', () => {
  it('is alerted within 10 s with a signed SEV1 alert, contained by a key kill switch, audited, and reversible', async () => {
    // Baseline: 2 requests/s for 6 s.
    for (let s = 0; s < 6; s++) {
      await Promise.all([call(key.key), call(key.key)]);
      await new Promise((r) => setTimeout(r, 1000));
    }
    // 20x: about 40 requests/s for up to 3 s.
    const spikeAt = Date.now();
    for (let s = 0; s < 30 && !received.some((r) => r.alert.signal === 'request_rate'); s++) {
      await Promise.all(Array.from({ length: 4 }, () => call(key.key)));
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 100 && !received.some((r) => r.alert.signal === 'request_rate'); i++) await new Promise((r) => setTimeout(r, 100));
    const alert = received.find((r) => r.alert.signal === 'request_rate');
    assert.ok(alert, 'alert delivered');
    const delay = alert.at - spikeAt;
    console.log(`request_rate alert delivered ${delay} ms after the spike began`);
    assert.ok(delay <= 10_000);
    assert.equal(alert.signature, `sha256=${createHmac('sha256', 'alert-secret').update(alert.body).digest('hex')}`);
    assert.equal(alert.alert.severity, 'SEV1');
    assert.equal(alert.alert.details.containment, 'kill_key');
    assert.equal(alert.alert.subject, `key:${key.id}`);
    // Contained: the key is stopped by a kill switch...
    const blocked = await call(key.key);
    assert.equal(blocked.status, 503);
    assert.match(await blocked.text(), new RegExp(`kill switch \\\\"key:${key.id}\\\\"`));
    // ...audited...
    const admin = await auditRecords(srv.url, srv.adminKey, '&kind=admin');
    const names = admin.map((r) => (r.action as { name: string }).name);
    assert.ok(names.includes('alert.request_rate') && names.includes('kill.set'));
    // ...and reversible from the CLI.
    assert.equal(cli(['kill', 'clear', '--scope', 'key', '--target', key.id, '--data-dir', srv.dataDir]).code, 0);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await call(key.key)).status, 200);
  });
});

describe('an auth-failure burst from one address', () => {
  it('is alerted (SEV2), signed, once per renotify interval', async () => {
    for (let i = 0; i < 40; i++) await call('gth_aaaaaaaaaaaa_00000000000000000000000000000000000000');
    for (let i = 0; i < 30 && !received.some((r) => r.alert.signal === 'auth_failures'); i++) await new Promise((r) => setTimeout(r, 100));
    const alerts = received.filter((r) => r.alert.signal === 'auth_failures');
    assert.equal(alerts.length, 1, 'deduplicated');
    assert.equal(alerts[0]?.alert.severity, 'SEV2');
    assert.match(alerts[0]?.alert.subject ?? '', /^client:/);
  });
});

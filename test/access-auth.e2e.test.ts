// Authentication hardening over real HTTP: a burst of auth failures from one address locks it
// out (429, fail closed) and alerts, while callers from other addresses are unaffected;
// just-in-time elevation (four eyes, expires by itself, audited); TOTP sessions for admin calls.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { auditRecords, cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const alerts: Array<{ signal: string; subject: string }> = [];
const webhook = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    alerts.push(JSON.parse(body) as { signal: string; subject: string });
    res.end('ok');
  });
});

let srv: RunningServer;
const k: Record<string, { id: string; key: string }> = {};
before(async () => {
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  const port = (webhook.address() as AddressInfo).port;
  const config = writeConfig(
    tempDir(),
    `
alerts:
  sinks:
    - { type: webhook, url: "http://127.0.0.1:${port}/alerts" }
access:
  lockout: { threshold: 5, window: 1m, duration: 30s }
  keyLifecycle: { warnBefore: 1h, checkInterval: 1s }
`,
  );
  srv = await startServer({ config });
  k.alice = createKey(srv.dataDir, ['--name', 'alice', '--user', 'alice', '--role', 'read-only']);
  k.bob = createKey(srv.dataDir, ['--name', 'bob', '--user', 'bob', '--role', 'tenant-admin']);
  k.legit = createKey(srv.dataDir, ['--name', 'legit', '--role', 'member']);
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
  webhook.close();
});

/** GET from a chosen local address (127.0.0.x are all loopback on Linux). */
function get(path: string, key: string, localAddress: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, { localAddress, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const call = (method: string, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('an auth-failure burst from one address', () => {
  it('locks that address out (429 with Retry-After, even for a valid key) and alerts; other addresses are unaffected', async () => {
    const bad = 'gth_aaaaaaaaaaaa_00000000000000000000000000000000000000';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get('/v1/models', bad, '127.0.0.2')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    const locked = await get('/v1/models', (k.legit as { key: string }).key, '127.0.0.2');
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    assert.match(locked.body, /auth_locked/);
    // The same legitimate key from another address works.
    assert.equal((await get('/v1/models', (k.legit as { key: string }).key, '127.0.0.3')).status, 200);
    for (let i = 0; i < 30 && !alerts.some((a) => a.signal === 'auth_lockout'); i++) await new Promise((r) => setTimeout(r, 100));
    const alert = alerts.find((a) => a.signal === 'auth_lockout');
    assert.equal(alert?.subject, 'client:127.0.0.2');
    const admin = await auditRecords(srv.url, srv.adminKey, '&kind=admin');
    assert.ok(admin.some((r) => (r.action as { name: string }).name === 'alert.auth_lockout'));
    // Each failure is audited with its reason.
    const failed = await auditRecords(srv.url, srv.adminKey, '&kind=request');
    assert.ok(failed.some((r) => r.status === 401 && JSON.stringify(r.decisions).includes('invalid_key')));
  });
});

describe('key-expiry warnings', () => {
  it('a key expiring within warnBefore raises one alert and one audit record; a later key none', async () => {
    const soon = createKey(srv.dataDir, ['--name', 'soon', '--role', 'member', '--expires', '30m']);
    const later = createKey(srv.dataDir, ['--name', 'later', '--role', 'member', '--expires', '3h']);
    const mine = (id: string) => alerts.filter((a) => a.signal === 'key_expiry' && a.subject === `key:${id}`);
    for (let i = 0; i < 60 && !mine(soon.id).length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(mine(soon.id).length, 1);
    // Checks keep running every second: the warning is not repeated, and the later key stays quiet.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(mine(soon.id).length, 1);
    assert.equal(mine(later.id).length, 0);
    const warnings = (await auditRecords(srv.url, srv.adminKey, '&kind=admin')).filter(
      (r) => (r.action as { name: string }).name === 'key.expiry_warning',
    );
    assert.deepEqual(
      warnings.map((r) => (r.action as { target: string }).target),
      [soon.id],
    );
  });
});

describe('just-in-time elevation', () => {
  it('a request needs a reason, cannot be self-approved, works once approved by someone else, and expires by itself', async () => {
    const alice = (k.alice as { key: string }).key;
    const bob = (k.bob as { key: string }).key;
    assert.equal((await call('GET', '/admin/v1/keys', alice)).status, 403);
    assert.equal((await call('POST', '/admin/v1/access', alice, { role: 'tenant-admin', duration: '3s' })).status, 400);
    const req = await call('POST', '/admin/v1/access', alice, { role: 'tenant-admin', duration: '3s', reason: 'incident 42' });
    assert.equal(req.status, 201);
    const grant = (await req.json()) as { id: string; state: string };
    assert.equal(grant.state, 'pending');
    // Alice holds no access:approve; even an approver may not approve their own request (CLI checks the same rule).
    assert.equal((await call('POST', `/admin/v1/access/${grant.id}/approve`, alice)).status, 403);
    const self = cli(['access', 'approve', grant.id, '--as', 'alice', '--data-dir', srv.dataDir]);
    assert.notEqual(self.code, 0);
    const approved = await call('POST', `/admin/v1/access/${grant.id}/approve`, bob);
    assert.equal(approved.status, 200);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await call('GET', '/admin/v1/keys', alice)).status, 200);
    const listed = JSON.parse(cli(['access', 'list', '--json', '--data-dir', srv.dataDir]).stdout) as Array<{ id: string; state: string }>;
    assert.equal(listed.find((g) => g.id === grant.id)?.state, 'active');
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal((await call('GET', '/admin/v1/keys', alice)).status, 403);
    const names = (await auditRecords(srv.url, srv.adminKey, '&kind=admin')).map((r) => (r.action as { name: string }).name);
    assert.ok(names.includes('jit.request') && names.includes('jit.approve'));
  });
});

describe('MFA for admin actions', () => {
  it('an enrolled admin needs a session opened with a TOTP code; codes are single-use', async () => {
    const bob = (k.bob as { key: string }).key;
    const enrolled = cli(['mfa', 'enroll', '--user', 'bob', '--json', '--data-dir', srv.dataDir]);
    assert.equal(enrolled.code, 0, enrolled.stderr);
    const { secret, recovery_codes } = JSON.parse(enrolled.stdout) as { secret: string; recovery_codes: string[] };
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    assert.equal(cli(['mfa', 'verify', '--user', 'bob', '--code', totp.generate(), '--data-dir', srv.dataDir]).code, 0);
    await new Promise((r) => setTimeout(r, 400));
    const refused = await call('GET', '/admin/v1/keys', bob);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /mfa_required/);
    assert.equal((await call('POST', '/admin/v1/session', bob, { code: '000000' })).status, 403);
    const opened = await call('POST', '/admin/v1/session', bob, { code: recovery_codes[0] });
    assert.equal(opened.status, 201);
    const { session } = (await opened.json()) as { session: string };
    assert.equal((await call('GET', '/admin/v1/keys', bob, undefined, { 'x-gatehouse-session': session })).status, 200);
    // A used recovery code does not work twice.
    assert.equal((await call('POST', '/admin/v1/session', bob, { code: recovery_codes[0] })).status, 403);
  });
});

// The admin API: key lifecycle and audit queries over HTTP, guarded by role permissions, plus
// the unauthenticated health endpoints and unknown routes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditRecords, type RunningServer, startServer } from './helpers/server.js';

let srv: RunningServer;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

async function call(method: string, path: string, key: string | null, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${srv.url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: Array<Record<string, unknown>> } };
}

describe('key lifecycle over HTTP', () => {
  it('creates, uses, rotates and revokes a key', async () => {
    const created = await call('POST', '/admin/v1/keys', srv.adminKey, {
      name: 'api-made',
      role: 'member',
      models: ['mock-*'],
      expires: '1h',
    });
    assert.equal(created.status, 201);
    const key = String(created.body.key);
    const id = String(created.body.id);
    const models = await call('GET', '/v1/models', key);
    assert.equal(models.status, 200);
    const rotated = await call('POST', `/admin/v1/keys/${id}/rotate`, srv.adminKey, { overlap: '1h' });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.key, key);
    assert.equal((await call('GET', '/v1/models', key)).status, 200);
    assert.equal((await call('GET', '/v1/models', String(rotated.body.key))).status, 200);
    assert.equal((await call('POST', `/admin/v1/keys/${id}/revoke`, srv.adminKey)).status, 200);
    assert.equal((await call('GET', '/v1/models', String(rotated.body.key))).status, 401);
    const shown = await call('GET', `/admin/v1/keys/${id}`, srv.adminKey);
    assert.equal(shown.body.status, 'revoked');
    assert.equal(shown.body.hash, undefined);
  });
  it('refuses bad input with the field named', async () => {
    const r = await call('POST', '/admin/v1/keys', srv.adminKey, { name: 'x', role: 'root' });
    assert.equal(r.status, 400);
    assert.match(String((r.body.error as { message: string }).message), /unknown role/);
    const e = await call('POST', '/admin/v1/keys', srv.adminKey, { name: 'x', expires: 'soon' });
    assert.equal((e.body.error as { param: string }).param, 'expires');
    assert.equal((await call('POST', '/admin/v1/keys/nope/revoke', srv.adminKey)).status, 404);
  });
});

describe('permissions by role', () => {
  it('an auditor reads the trail but cannot manage keys or call models', async () => {
    const auditor = String((await call('POST', '/admin/v1/keys', srv.adminKey, { name: 'aud', role: 'auditor' })).body.key);
    assert.equal((await call('GET', '/admin/v1/audit', auditor)).status, 200);
    assert.equal((await call('GET', '/admin/v1/audit/verify', auditor)).status, 200);
    assert.equal((await call('GET', '/admin/v1/keys', auditor)).status, 403);
    assert.equal((await call('POST', '/admin/v1/keys', auditor, { name: 'x' })).status, 403);
    assert.equal((await call('GET', '/v1/models', auditor)).status, 403);
  });
  it('the admin API without a key is 401', async () => {
    assert.equal((await call('GET', '/admin/v1/audit', null)).status, 401);
  });
});

describe('audit queries', () => {
  it('filters by kind and key, pages with after, and verifies', async () => {
    const admin = await auditRecords(srv.url, srv.adminKey, '&kind=admin');
    assert.ok(admin.length > 0 && admin.every((r) => r.kind === 'admin'));
    const page = await call('GET', '/admin/v1/audit?after=1&limit=2', srv.adminKey);
    assert.deepEqual(
      page.body.data?.map((r) => r.seq),
      [2, 3],
    );
    const v = await call('GET', '/admin/v1/audit/verify', srv.adminKey);
    assert.equal(v.body.ok, true);
    assert.equal((await call('GET', '/admin/v1/audit?limit=lots', srv.adminKey)).status, 400);
  });
});

describe('health and unknown routes', () => {
  it('healthz reveals nothing; readyz reports checks', async () => {
    const h = await fetch(`${srv.url}/healthz`);
    assert.deepEqual(await h.json(), { status: 'ok' });
    const r = await fetch(`${srv.url}/readyz`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { checks: Record<string, string> };
    assert.equal(body.checks.store, 'ok');
    assert.equal(body.checks['provider:mock'], 'ok');
  });
  it('unknown route 404 and wrong method 405, both audited', async () => {
    const nf = await fetch(`${srv.url}/v2/secret-admin`, { method: 'POST' });
    assert.equal(nf.status, 404);
    const na = await fetch(`${srv.url}/v1/chat/completions`, { method: 'GET' });
    assert.equal(na.status, 405);
    const recent = await auditRecords(srv.url, srv.adminKey);
    assert.ok(recent.some((r) => r.path === '/v2/secret-admin' && r.status === 404));
    assert.ok(recent.some((r) => r.path === '/v1/chat/completions' && r.status === 405));
  });
});

// Auth on every endpoint: every route in the route table is called over real HTTP by every
// built-in role (and without a key), and the answer must agree with the table below; a tenant
// admin must not see or change another tenant's keys and audit records. The table must cover
// the route inventory exactly, so a new route without a row fails here, and a route whose
// pipeline does not enforce its declaration fails the inventory check (and the matrix: see the
// deliberately unguarded route at the end).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RoleRegistry, ToolRegistry } from '../src/identity/registry.js';
import type { Identity } from '../src/identity/types.js';
import { compose } from '../src/pipeline/runner.js';
import { authenticate } from '../src/pipeline/stages/authenticate.js';
import { createEdge } from '../src/server/http.js';
import { buildRoutes, checkRouteInventory, EDGE_ROUTES, type RouteDeps } from '../src/server/routes.js';
import { type Caller, type MatrixCall, runMatrix } from './helpers/matrix.js';
import { auditRecords, createKey, type RunningServer, startServer } from './helpers/server.js';

const ROLES = ['admin', 'security-admin', 'auditor', 'tenant-admin', 'developer', 'member', 'read-only'] as const;
const INVOKE = ['admin', 'security-admin', 'tenant-admin', 'developer', 'member', 'read-only'];
const KEYS_READ = ['admin', 'security-admin', 'tenant-admin'];
const KEYS_WRITE = ['admin', 'tenant-admin'];
const AUDIT_TENANT = ['admin', 'security-admin', 'auditor', 'tenant-admin'];
const AUDIT_GLOBAL = ['admin', 'security-admin', 'auditor'];
const KILL = ['admin', 'security-admin'];
const ROLES_READ = ['admin', 'security-admin', 'auditor', 'tenant-admin'];
const ROLES_WRITE = ['admin'];
const APPROVE = ['admin', 'security-admin', 'tenant-admin'];
const REQUEST = ['admin', 'tenant-admin', 'developer', 'member', 'read-only'];
const ANYONE = [...ROLES];
const PUBLIC = [...ROLES, 'none'];

const chat = { model: 'mock-chat', messages: [{ role: 'user', content: 'hi' }] };
const NOPE = 'zzzzzzzzzzzz';

/** route (method + path as in the table) -> [the call to make, the callers it must allow]. */
const TABLE: Record<string, [MatrixCall, string[]]> = {
  'GET /healthz': [{ method: 'GET', path: '/healthz' }, PUBLIC],
  'GET /readyz': [{ method: 'GET', path: '/readyz' }, PUBLIC],
  'POST /v1/chat/completions': [{ method: 'POST', path: '/v1/chat/completions', body: chat }, INVOKE],
  'POST /v1/messages': [
    { method: 'POST', path: '/v1/messages', body: { ...chat, max_tokens: 10 }, headers: { 'anthropic-version': '2023-06-01' } },
    INVOKE,
  ],
  'POST /v1/embeddings': [{ method: 'POST', path: '/v1/embeddings', body: { model: 'mock-embed', input: 'x' } }, INVOKE],
  'GET /v1/models': [{ method: 'GET', path: '/v1/models' }, INVOKE],
  'GET /admin/v1/keys': [{ method: 'GET', path: '/admin/v1/keys' }, KEYS_READ],
  'POST /admin/v1/keys': [{ method: 'POST', path: '/admin/v1/keys', body: {} }, KEYS_WRITE],
  'GET /admin/v1/keys/:id': [{ method: 'GET', path: `/admin/v1/keys/${NOPE}` }, KEYS_READ],
  'POST /admin/v1/keys/:id/revoke': [{ method: 'POST', path: `/admin/v1/keys/${NOPE}/revoke` }, KEYS_WRITE],
  'POST /admin/v1/keys/:id/rotate': [{ method: 'POST', path: `/admin/v1/keys/${NOPE}/rotate` }, KEYS_WRITE],
  'GET /admin/v1/audit': [{ method: 'GET', path: '/admin/v1/audit?limit=1' }, AUDIT_TENANT],
  'GET /admin/v1/audit/verify': [{ method: 'GET', path: '/admin/v1/audit/verify' }, AUDIT_GLOBAL],
  'GET /admin/v1/audit/pubkey': [{ method: 'GET', path: '/admin/v1/audit/pubkey' }, AUDIT_GLOBAL],
  'GET /metrics': [{ method: 'GET', path: '/metrics' }, AUDIT_GLOBAL],
  'GET /admin/v1/kill': [{ method: 'GET', path: '/admin/v1/kill' }, AUDIT_GLOBAL],
  'POST /admin/v1/kill': [{ method: 'POST', path: '/admin/v1/kill', body: {} }, KILL],
  'POST /admin/v1/kill/clear': [{ method: 'POST', path: '/admin/v1/kill/clear', body: {} }, KILL],
  'GET /admin/v1/audit/exporters': [{ method: 'GET', path: '/admin/v1/audit/exporters' }, AUDIT_GLOBAL],
  'GET /admin/v1/audit/checkpoint': [{ method: 'GET', path: '/admin/v1/audit/checkpoint' }, AUDIT_GLOBAL],
  'GET /admin/v1/audit/proof/inclusion': [{ method: 'GET', path: '/admin/v1/audit/proof/inclusion?index=0' }, AUDIT_GLOBAL],
  'GET /admin/v1/audit/proof/consistency': [{ method: 'GET', path: '/admin/v1/audit/proof/consistency?from=1&to=2' }, AUDIT_GLOBAL],
  'GET /admin/v1/audit/:id': [{ method: 'GET', path: '/admin/v1/audit/0' }, AUDIT_TENANT],
  'POST /admin/v1/session': [{ method: 'POST', path: '/admin/v1/session', body: {} }, ANYONE],
  'GET /admin/v1/roles': [{ method: 'GET', path: '/admin/v1/roles' }, ROLES_READ],
  'POST /admin/v1/roles': [{ method: 'POST', path: '/admin/v1/roles', body: {} }, ROLES_WRITE],
  'POST /admin/v1/roles/:name/delete': [{ method: 'POST', path: '/admin/v1/roles/nope/delete' }, ROLES_WRITE],
  'GET /admin/v1/access': [{ method: 'GET', path: '/admin/v1/access' }, APPROVE],
  'POST /admin/v1/access': [{ method: 'POST', path: '/admin/v1/access', body: {} }, REQUEST],
  'POST /admin/v1/access/:id/approve': [{ method: 'POST', path: '/admin/v1/access/nope/approve' }, APPROVE],
  'POST /admin/v1/access/:id/deny': [{ method: 'POST', path: '/admin/v1/access/nope/deny' }, APPROVE],
  'POST /admin/v1/access/:id/revoke': [{ method: 'POST', path: '/admin/v1/access/nope/revoke' }, APPROVE],
};

/** The route inventory, from the same buildRoutes the server runs (with inert dependencies). */
function inventory() {
  const { routes } = buildRoutes({
    killBoard: { onAdded() {} },
    models: new Map(),
    access: { request: {}, toolCalls: 'drop' },
    admin: {},
    audit: {},
  } as unknown as RouteDeps);
  return { routes, names: [...EDGE_ROUTES, ...routes].map((r) => `${r.method} ${r.path}`) };
}

describe('route inventory', () => {
  it('every route declares its permission (or public) and its pipeline enforces it', () => {
    assert.deepEqual(checkRouteInventory(inventory().routes), []);
  });
  it('the matrix table covers exactly the routes in the inventory', () => {
    assert.deepEqual(inventory().names.sort(), Object.keys(TABLE).sort());
  });
  it('a route built outside the guarded builder is reported', () => {
    const { routes } = inventory();
    const unguarded = { ...(routes[0] as (typeof routes)[number]), path: '/admin/v1/oops', pipeline: compose([]), access: undefined };
    assert.deepEqual(checkRouteInventory([...routes, unguarded]), ['POST /admin/v1/oops: declares no permission (nor public)']);
    const lying = { ...unguarded, access: { kind: 'permission', permission: 'keys:write', scope: 'tenant' } as const };
    assert.match(checkRouteInventory([lying])[0] ?? '', /declares keys:write but its pipeline does not enforce it/);
  });
});

let srv: RunningServer;
const callers: Caller[] = [];
const keys: Record<string, { id: string; key: string }> = {};
before(async () => {
  srv = await startServer();
  for (const role of ROLES) keys[role] = createKey(srv.dataDir, ['--name', `m-${role}`, '--role', role, '--tenant', 'acme']);
  keys.victim = createKey(srv.dataDir, ['--name', 'victim', '--role', 'member', '--tenant', 'acme']);
  keys.otherAdmin = createKey(srv.dataDir, ['--name', 'globex-admin', '--role', 'tenant-admin', '--tenant', 'globex']);
  for (const role of ROLES) callers.push({ name: role, key: (keys[role] as { key: string }).key });
  callers.push({ name: 'none', key: null });
  await new Promise((r) => setTimeout(r, 400));
});
after(async () => {
  await srv.stop();
});

describe('authorization matrix over HTTP', () => {
  it('every route x every built-in role (and no key) agrees with the table', async () => {
    const rows = Object.values(TABLE).map(([call, allowed]) => ({ call, allowed: new Set(allowed) }));
    const problems = await runMatrix(srv.url, rows, callers);
    assert.deepEqual(problems, []);
  });
});

describe('tenant mismatch', () => {
  const as = (who: string, method: string, path: string, body?: unknown) =>
    fetch(`${srv.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${(keys[who] as { key: string }).key}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  it("a tenant admin cannot see or change another tenant's keys", async () => {
    const victim = (keys.victim as { id: string }).id;
    assert.equal((await as('otherAdmin', 'GET', `/admin/v1/keys/${victim}`)).status, 404);
    assert.equal((await as('otherAdmin', 'POST', `/admin/v1/keys/${victim}/revoke`)).status, 404);
    assert.equal((await as('otherAdmin', 'POST', `/admin/v1/keys/${victim}/rotate`, { overlap: '1h' })).status, 404);
    assert.equal((await as('otherAdmin', 'GET', '/admin/v1/keys?tenant=acme')).status, 403);
    const own = (await (await as('otherAdmin', 'GET', '/admin/v1/keys')).json()) as { data: Array<{ tenant: string }> };
    assert.ok(own.data.length >= 1 && own.data.every((k) => k.tenant === 'globex'));
    assert.equal((await as('otherAdmin', 'POST', '/admin/v1/keys', { name: 'x', role: 'member', tenant: 'acme' })).status, 403);
    // Nor escalate: a tenant admin cannot mint a global admin.
    assert.equal((await as('otherAdmin', 'POST', '/admin/v1/keys', { name: 'x', role: 'admin' })).status, 403);
    // The victim still works, and its own tenant admin does see it (positive control).
    assert.equal((await as('victim', 'GET', '/v1/models')).status, 200);
    assert.equal((await as('tenant-admin', 'GET', `/admin/v1/keys/${victim}`)).status, 200);
    const made = await as('otherAdmin', 'POST', '/admin/v1/keys', { name: 'globex-member', role: 'member' });
    assert.equal(made.status, 201);
    assert.equal(((await made.json()) as { tenant: string }).tenant, 'globex');
  });
  it("a tenant admin cannot read another tenant's audit records; a global admin reads all", async () => {
    const acme = (await auditRecords(srv.url, srv.adminKey, '&tenant=acme&kind=request'))[0] as { id: string };
    assert.ok(acme);
    assert.equal((await as('otherAdmin', 'GET', `/admin/v1/audit/${acme.id}`)).status, 404);
    assert.equal((await as('tenant-admin', 'GET', `/admin/v1/audit/${acme.id}`)).status, 200);
    assert.equal((await as('otherAdmin', 'GET', '/admin/v1/audit?tenant=acme')).status, 403);
    const mine = (await (await as('otherAdmin', 'GET', '/admin/v1/audit?limit=50')).json()) as { data: Array<{ tenant: string }> };
    assert.ok(mine.data.every((r) => r.tenant === 'globex'));
    assert.equal((await as('admin', 'GET', `/admin/v1/audit/${acme.id}`)).status, 200);
  });
});

describe('a deliberately unguarded route', () => {
  it('makes the matrix fail', async () => {
    // Two routes declared alike (keys:write): one built by the guarded builder, one that only
    // authenticates. The same matrix check passes the first and flags the second.
    const registry = new RoleRegistry([], new ToolRegistry([], 'write'), undefined);
    const identity = (role: string): Identity => ({
      kind: 'api_key',
      keyId: role,
      keyName: role,
      userId: role,
      tenant: 'acme',
      role,
      models: ['*'],
      endpoints: [],
      access: registry.compile([role], {}),
      mfa: false,
    });
    const authenticator = { authenticate: (c: string | undefined) => identity(c ?? ''), refresh() {}, close() {} };
    const ok = async (ex: { reply: unknown }) => {
      ex.reply = { status: 200, body: {} };
    };
    const { routes } = buildRoutes({
      authenticator,
      killBoard: { onAdded() {} },
      models: new Map(),
      access: { request: {}, toolCalls: 'drop' },
      admin: {},
      audit: { append: async () => ({ seq: 0, hash: '' }), observe() {}, onInternalError() {} },
    } as unknown as RouteDeps);
    const guardedRevoke = routes.find((r) => r.path === '/admin/v1/kill/clear') as (typeof routes)[number];
    const edge = createEdge({
      routes: [
        { ...guardedRevoke, path: '/guarded' },
        { ...guardedRevoke, path: '/unguarded', pipeline: compose([authenticate({ authenticator }), ok as never]) },
      ],
      fallback: compose([]),
      wrongMethod: compose([]),
      bodyLimitBytes: 1024,
      trustProxy: false,
      health: () => ({ ok: true }),
      ready: async () => ({ ok: true, checks: {} }),
      onError: () => {},
    });
    const server = createServer(edge);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const allowed = new Set(KILL);
      const rows = ['/guarded', '/unguarded'].map((path) => ({ call: { method: 'POST', path, body: {} }, allowed }));
      const problems = await runMatrix(url, rows, [{ name: 'read-only', key: 'read-only' }]);
      assert.deepEqual(problems, [
        'POST /unguarded as read-only: expected deny, got HTTP 200',
        'POST /unguarded as read-only: expected 403, got 200',
      ]);
    } finally {
      server.close();
    }
  });
});

// OIDC against a real OpenID Provider (the `oidc-provider` package, started here): bearer JWT
// access tokens it issues are accepted and mapped to user, tenant and role; expired tokens, a
// wrong audience, an untrusted issuer, `alg: none` and an unknown `kid` are refused; keys
// rotated at the issuer are picked up (JWKS refetch on an unknown kid).
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { auditRecord, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function rsaKey(kid: string) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), kid, use: 'sig', alg: 'RS256' } as JWK };
}

/** A real OpenID Provider issuing RFC 9068 JWT access tokens by client credentials. */
function startIssuer(port: number, keys: JWK[], ttlSeconds: number): Server {
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{ client_id: 'svc', client_secret: 'secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
    jwks: { keys },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:gatehouse',
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'api',
          audience: resource,
          accessTokenTTL: ttlSeconds,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: () => ({ groups: ['ai-admins'], bu: 'acme' }),
  } as never);
  return (provider as unknown as { listen(port: number): Server }).listen(port);
}

async function token(port: number, resource = 'urn:gatehouse', retry = true): Promise<string> {
  // A pooled connection to an issuer that was just restarted fails once: retry on a new one.
  const res = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('svc:secret').toString('base64')}`,
    },
    body: `grant_type=client_credentials&scope=api&resource=${encodeURIComponent(resource)}`,
  }).catch((err: unknown) => {
    if (retry) return undefined;
    throw err;
  });
  if (!res) return token(port, resource, false);
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`token request failed: ${res.status} ${body.error}`);
  return body.access_token;
}

let port: number;
let otherPort: number;
let issuer: Server;
let other: Server;
let srv: RunningServer;
let k1: Awaited<ReturnType<typeof rsaKey>>;
before(async () => {
  port = await freePort();
  otherPort = await freePort();
  k1 = await rsaKey('k1');
  issuer = startIssuer(port, [k1.jwk], 2);
  other = startIssuer(otherPort, [(await rsaKey('x1')).jwk], 60);
  const config = writeConfig(
    tempDir(),
    `
access:
  oidc:
    jwksCooldown: 1ms
    issuers:
      - name: corp
        issuer: http://127.0.0.1:${port}
        audience: urn:gatehouse
        clockSkew: 0s
        rolesClaim: groups
        roleMap: { ai-admins: developer }
        tenantClaim: bu
`,
  );
  srv = await startServer({ config });
});
after(async () => {
  await srv.stop();
  issuer.close();
  other.close();
});

const models = (bearer: string) => fetch(`${srv.url}/v1/models`, { headers: { authorization: `Bearer ${bearer}` } });
const chat = (bearer: string) =>
  fetch(`${srv.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe('200 with a token from the configured issuer', () => {
  it('maps claims to user, tenant and role, and audits the identity', async () => {
    const res = await chat(await token(port));
    assert.equal(res.status, 200);
    const rec = await auditRecord(srv.url, srv.adminKey, res.headers.get('x-request-id') ?? '');
    assert.equal(rec.user, 'corp:svc');
    assert.equal(rec.tenant, 'acme');
    assert.equal(rec.key_id, 'oidc:corp:svc');
    assert.match(JSON.stringify(rec.decisions), /oidc:corp:svc \(developer\)/);
    // The mapped role is what it is: a developer token cannot use the admin API.
    assert.equal((await fetch(`${srv.url}/admin/v1/keys`, { headers: { authorization: `Bearer ${await token(port)}` } })).status, 403);
  });
});

describe('401 invalid_token', () => {
  it('an expired token', async () => {
    const t = await token(port);
    await new Promise((r) => setTimeout(r, 3100));
    const res = await models(t);
    assert.equal(res.status, 401);
    assert.match(await res.text(), /expired/);
  });
  it('a wrong audience', async () => {
    assert.equal((await models(await token(port, 'urn:another-api'))).status, 401);
  });
  it('a wrong issuer (a real provider that is not configured)', async () => {
    assert.equal((await models(await token(otherPort))).status, 401);
  });
  it('alg none (the signature stripped, the claims intact)', async () => {
    const [, payload] = (await token(port)).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'k1' })).toString('base64url');
    assert.equal((await models(`${header}.${payload}.`)).status, 401);
  });
  it('an unknown kid (claims right, signed by a key the issuer never published)', async () => {
    const rogue = await rsaKey('rogue');
    const t = await new SignJWT({ groups: ['ai-admins'], bu: 'acme', client_id: 'svc' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rogue', typ: 'at+jwt' })
      .setIssuer(`http://127.0.0.1:${port}`)
      .setAudience('urn:gatehouse')
      .setSubject('svc')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(rogue.privateKey);
    assert.equal((await models(t)).status, 401);
    // Signed with the issuer's real key but naming a kid it does not publish.
    const spoof = await new SignJWT({ groups: ['ai-admins'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k9' })
      .setIssuer(`http://127.0.0.1:${port}`)
      .setAudience('urn:gatehouse')
      .setSubject('svc')
      .setExpirationTime('1m')
      .sign(k1.privateKey);
    assert.equal((await models(spoof)).status, 401);
  });
});

describe('key rotation at the issuer', () => {
  it('a token signed with a newly published key is accepted (JWKS refetched on the unknown kid)', async () => {
    assert.equal((await models(await token(port))).status, 200);
    const k2 = await rsaKey('k2');
    issuer.closeAllConnections();
    await new Promise((r) => issuer.close(r));
    issuer = startIssuer(port, [k2.jwk, k1.jwk], 60);
    const t = await token(port);
    assert.equal(JSON.parse(Buffer.from(t.split('.')[0] as string, 'base64url').toString()).kid, 'k2');
    assert.equal((await models(t)).status, 200);
  });
});

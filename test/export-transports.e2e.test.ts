// SIEM transports with real sockets: RFC 5425 syslog over mutually authenticated TLS with
// RFC 6587 octet counting, RFC 5424 over UDP, Splunk HEC with its token and concatenated-JSON
// batches, and the backlog alert of an exporter whose receiver stays down.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer as tlsServer } from 'node:tls';
import { auditRecords, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const certs = tempDir('gatehouse-certs-');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const ssl = (args: string[]) => {
  const r = spawnSync('openssl', args, { cwd: certs, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
};

const tlsFrames: string[] = [];
const udpMessages: string[] = [];
const hec: Array<{ auth: string | undefined; events: Array<{ event: { seq: number }; sourcetype: string }> }> = [];
const closers: Array<() => void> = [];
let srv: RunningServer;

/** RFC 6587 §3.4.1: MSG-LEN SP SYSLOG-MSG, repeated. */
function parseOctetCounted(buf: Buffer): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    const len = Number(buf.subarray(i, sp).toString('ascii'));
    assert.ok(Number.isSafeInteger(len) && len > 0, 'a valid MSG-LEN');
    out.push(buf.subarray(sp + 1, sp + 1 + len).toString('utf8'));
    i = sp + 1 + len;
  }
  return out;
}

before(async () => {
  if (!hasOpenssl) return;
  ssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    '/CN=test-ca',
    '-days',
    '2',
  ]);
  for (const name of ['server', 'client']) {
    ssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name === 'server' ? 'localhost' : 'gatehouse'}`,
    ]);
    const ext = join(certs, `${name}.ext`);
    spawnSync('sh', ['-c', `printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > ${ext}`]);
    ssl([
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      ext,
    ]);
  }
  const read = (f: string) => readFileSync(join(certs, f));
  const tls = tlsServer(
    { key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt'), requestCert: true, rejectUnauthorized: true },
    (socket) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
      });
      socket.on('end', () => tlsFrames.push(...parseOctetCounted(buf)));
      socket.on('close', () => {
        if (buf.length && !tlsFrames.length) tlsFrames.push(...parseOctetCounted(buf));
      });
    },
  );
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  closers.push(() => tls.close());
  const udp = createSocket('udp4');
  udp.on('message', (m) => udpMessages.push(m.toString('utf8')));
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  closers.push(() => udp.close());
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      // HEC batches are JSON objects back to back: split at the top level by brace depth.
      const events: Array<{ event: { seq: number }; sourcetype: string }> = [];
      let depth = 0;
      let start = 0;
      let inString = false;
      for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (inString) {
          if (ch === '\\') i++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === '{') depth++;
        else if (ch === '}' && --depth === 0) {
          events.push(JSON.parse(body.slice(start, i + 1)));
          start = i + 1;
        }
      }
      hec.push({ auth: req.headers.authorization, events });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"Success","code":0}');
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(() => http.close());
  const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port;
  srv = await startServer({
    env: { TEST_HEC_TOKEN: 'hec-token-123' },
    config: writeConfig(
      tempDir(),
      `
audit:
  exporters:
    - name: tls
      format: rfc5424
      sink: { type: syslog, transport: tls, host: 127.0.0.1, port: ${port(tls)}, servername: localhost, caFile: ${join(certs, 'ca.crt')}, certFile: ${join(certs, 'client.crt')}, keyFile: ${join(certs, 'client.key')} }
      pollInterval: 50ms
    - name: udp
      format: rfc5424
      sink: { type: syslog, transport: udp, host: 127.0.0.1, port: ${port(udp)} }
      pollInterval: 50ms
    - name: splunk
      format: splunk-hec
      sink: { type: http, url: "http://127.0.0.1:${port(http)}/services/collector/event", tokenEnv: TEST_HEC_TOKEN, authScheme: Splunk }
      pollInterval: 50ms
    - name: dead
      format: jsonl
      sink: { type: http, url: "http://127.0.0.1:1/nowhere" }
      pollInterval: 50ms
      retryInitial: 50ms
      retryMax: 100ms
      maxBacklog: 3
`,
    ),
  });
  const key = createKey(srv.dataDir, ['--name', 'k', '--role', 'member']).key;
  await new Promise((r) => setTimeout(r, 400));
  for (let i = 0; i < 5; i++) {
    await fetch(`${srv.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: `m${i}` }] }),
    });
  }
  await new Promise((r) => setTimeout(r, 1500));
  await srv.stop();
  await new Promise((r) => setTimeout(r, 200));
});
after(() => {
  for (const c of closers) c();
});

describe('SIEM transports', { skip: hasOpenssl ? false : 'openssl is not installed (needed to make test certificates)' }, () => {
  it('RFC 5425: syslog over mutually authenticated TLS, octet-counted', () => {
    assert.ok(tlsFrames.length >= 8, `${tlsFrames.length} frames`);
    for (const f of tlsFrames) assert.match(f, /^<\d{1,3}>1 \d{4}-\d\d-\d\dT\S+Z \S+ gatehouse \S+ \S+ \[gatehouse@32473 /);
    const seqs = tlsFrames.map((f) => (JSON.parse(f.slice(f.indexOf('{'))) as { seq: number }).seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i),
    );
  });
  it('RFC 5424 over UDP, one message per datagram', () => {
    assert.ok(udpMessages.length >= 8);
    assert.ok(udpMessages.every((m) => /^<\d{1,3}>1 /.test(m)));
  });
  it('Splunk HEC: token from the environment, concatenated events', () => {
    assert.ok(hec.length > 0);
    assert.ok(hec.every((b) => b.auth === 'Splunk hec-token-123'));
    const events = hec.flatMap((b) => b.events);
    assert.ok(events.length >= 8);
    assert.equal(events[0]?.sourcetype, 'gatehouse:audit');
    assert.equal(events[0]?.event.seq, 0);
  });
  it('a receiver that stays down raises a backlog alert, recorded in the audit trail', async () => {
    const again = await startServer({ dataDir: srv.dataDir });
    const records = await auditRecords(again.url, srv.adminKey, '&kind=admin');
    await again.stop();
    const alert = records.find((r) => (r.action as { name: string } | null)?.name === 'exporter.backlog');
    assert.ok(alert, 'exporter.backlog recorded');
    assert.equal((alert.action as { target: string }).target, 'dead');
  });
});

// Nothing acknowledged is ever lost: under concurrent load the server is killed with SIGKILL;
// after a restart every request that got a 2xx (non-stream: the whole body; stream: the
// terminal event) has its audit record, and the chain verifies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { cli, createKey, startServer } from './helpers/server.js';

describe('kill -9 under load', () => {
  it('keeps an audit record for every acknowledged request', async () => {
    const srv = await startServer();
    const key = createKey(srv.dataDir, ['--name', 'load', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    const agent = new Agent({ connections: 32 });
    const acknowledged: string[] = [];
    let failures = 0;
    let stop = false;
    const one = async (i: number) => {
      const stream = i % 3 === 0;
      const res = await request(`${srv.url}/v1/chat/completions`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock-chat', stream, messages: [{ role: 'user', content: `request ${i}` }] }),
      });
      const text = await res.body.text();
      // A 2xx counts as acknowledged only once the client has the complete answer.
      const complete = stream ? text.endsWith('data: [DONE]\n\n') : text.endsWith('}');
      if (res.statusCode === 200 && complete) acknowledged.push(String(res.headers['x-request-id']));
    };
    let n = 0;
    const worker = async () => {
      while (!stop) {
        try {
          await one(n++);
        } catch {
          failures++;
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    srv.proc.kill('SIGKILL');
    await new Promise((r) => srv.proc.once('exit', r));
    stop = true;
    await Promise.all(workers);
    await agent.close();
    assert.ok(acknowledged.length > 100, `only ${acknowledged.length} requests completed before the kill`);

    const restarted = await startServer({ dataDir: srv.dataDir });
    await restarted.stop();
    const exp = cli(['audit', 'export', '--format', 'jsonl', '--data-dir', srv.dataDir]);
    assert.equal(exp.code, 0, exp.stderr);
    const ids = new Set(
      exp.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    );
    const missing = acknowledged.filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged requests have no audit record`);
    const v = cli(['audit', 'verify', '--data-dir', srv.dataDir]);
    assert.equal(v.code, 0, v.stdout);
    // For the record in the test output.
    console.log(`acknowledged ${acknowledged.length}, failed after kill ${failures}, records ${ids.size}`);
  });
});

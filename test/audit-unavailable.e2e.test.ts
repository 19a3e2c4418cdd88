// If the store cannot take writes, Gatehouse refuses service (503) rather than answer without
// an audit record; when the store recovers, traffic flows again and the trail verifies.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { cli, createKey, startServer, tempDir, writeConfig } from './helpers/server.js';

describe('503 when the audit store cannot take writes', () => {
  it('refuses while another process holds the write lock, recovers after', async () => {
    const dir = tempDir();
    const srv = await startServer({ config: writeConfig(dir, 'audit:\n  commitTimeoutMs: 800\n') });
    const key = createKey(srv.dataDir, ['--name', 'k', '--role', 'member']);
    await new Promise((r) => setTimeout(r, 400));
    const client = new OpenAI({ apiKey: key.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: 'mock-chat', messages: [{ role: 'user', content: 'hi' }] });
    await ask();

    // Another process takes the database's write lock and keeps it.
    const locker = new Database(join(srv.dataDir, 'gatehouse.db'));
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const err = await ask().then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof OpenAI.APIError, 'the request was refused');
      assert.equal(err.status, 503);
      assert.equal((err.error as { code?: string }).code, 'audit_unavailable');
      const stream = await client.chat.completions
        .create({ model: 'mock-chat', stream: true, messages: [{ role: 'user', content: 'hi' }] })
        .catch((e: unknown) => e);
      // A stream whose record cannot be committed never receives its terminal [DONE].
      if (!(stream instanceof Error)) {
        await assert.rejects(async () => {
          for await (const _ of stream as AsyncIterable<unknown>) {
            // drain
          }
        });
      }
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    // Give the writer time to get past its busy wait, then service resumes.
    let ok = false;
    for (let i = 0; i < 40 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ok = await ask().then(
        () => true,
        () => false,
      );
    }
    assert.ok(ok, 'service resumed after the lock was released');
    await srv.stop();
    const v = cli(['audit', 'verify', '--data-dir', srv.dataDir]);
    assert.equal(v.code, 0, v.stdout);
  });
});

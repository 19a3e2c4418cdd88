// Optional content capture and crypto-shredding: prompts and completions are stored only
// encrypted, readable by an operator holding the master key, and `audit erase --subject` makes
// a subject's content unreadable for good while the audit log still verifies.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import OpenAI from 'openai';
import { cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const MASTER = randomBytes(32).toString('hex');
let srv: RunningServer;
let alice: OpenAI;
let bob: OpenAI;
const G = (args: string[]) => cli([...args, '--data-dir', srv.dataDir], { GATEHOUSE_MASTER_KEY: MASTER });

before(async () => {
  srv = await startServer({
    env: { GATEHOUSE_MASTER_KEY: MASTER },
    config: writeConfig(tempDir(), 'audit:\n  content:\n    enabled: true\n'),
  });
  const a = createKey(srv.dataDir, ['--name', 'alice-app', '--user', 'alice', '--role', 'member']);
  const b = createKey(srv.dataDir, ['--name', 'bob-app', '--user', 'bob', '--role', 'member']);
  await new Promise((r) => setTimeout(r, 400));
  alice = new OpenAI({ apiKey: a.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
  bob = new OpenAI({ apiKey: b.key, baseURL: `${srv.url}/v1`, maxRetries: 0 });
});
after(async () => {
  await srv.stop();
});

const ask = async (client: OpenAI, content: string) => {
  const { data, response } = await client.chat.completions
    .create({ model: 'mock-chat', messages: [{ role: 'user', content }] })
    .withResponse();
  return { id: response.headers.get('x-request-id') ?? '', text: data.choices[0]?.message.content };
};

describe('content capture', () => {
  it('stores prompts and answers only encrypted, and an operator with the master key can read them', async () => {
    const r = await ask(alice, 'my diagnosis is CONFIDENTIAL-ALICE-42 [[mock:echo]]');
    const db = new Database(join(srv.dataDir, 'gatehouse.db'), { readonly: true });
    const row = db.prepare('SELECT subject, blob FROM content WHERE id = ?').get(r.id) as { subject: string; blob: Buffer };
    const record = db.prepare('SELECT body FROM audit_log WHERE id = ?').pluck().get(r.id) as string;
    db.close();
    assert.equal(row.subject, 'alice');
    assert.ok(!row.blob.includes(Buffer.from('CONFIDENTIAL')), 'ciphertext only');
    assert.ok(!record.includes('CONFIDENTIAL'), 'the audit record holds hashes, never content');
    const shown = G(['audit', 'content', r.id]);
    assert.equal(shown.code, 0, shown.stderr);
    const content = JSON.parse(shown.stdout) as { input: string; output: { text: string } };
    assert.match(content.input, /CONFIDENTIAL-ALICE-42/);
    assert.equal(content.output.text, 'my diagnosis is CONFIDENTIAL-ALICE-42');
    const wrong = cli(['audit', 'content', r.id, '--data-dir', srv.dataDir], { GATEHOUSE_MASTER_KEY: randomBytes(32).toString('hex') });
    assert.notEqual(wrong.code, 0, 'a wrong master key cannot read it');
  });
});

describe('gatehouse audit erase --subject', () => {
  it("makes a subject's content unreadable, keeps others, and the log still verifies", async () => {
    const a = await ask(alice, 'second secret of alice');
    const b = await ask(bob, 'secret of bob');
    const erased = G(['audit', 'erase', '--subject', 'alice']);
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /erased: the content key of "alice" is destroyed/);
    const gone = G(['audit', 'content', a.id]);
    assert.equal(gone.code, 3);
    assert.match(gone.stderr, /was erased/);
    assert.match(G(['audit', 'content', b.id]).stdout, /secret of bob/);
    // The server forgets the key within a second; alice's later traffic is not captured.
    await new Promise((r) => setTimeout(r, 1200));
    const later = await ask(alice, 'after erasure');
    assert.equal(G(['audit', 'content', later.id]).code, 3);
    const v = G(['audit', 'verify']);
    assert.equal(v.code, 0, v.stdout);
    const tail = G(['audit', 'tail', '-n', '50', '--json']).stdout.trim().split('\n');
    assert.ok(
      tail.some((l) => /"name":"content.erase","target":"alice"/.test(l)),
      'the erasure is an audited admin action',
    );
  });
});

// The CLI contract scripts rely on: --json output shapes, one-line errors, exit codes, and key
// lifecycle (rotation overlap) observed through the running server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

let srv: RunningServer;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

const ask = (key: string) =>
  new OpenAI({ apiKey: key, baseURL: `${srv.url}/v1`, maxRetries: 0 }).chat.completions.create({
    model: 'mock-chat',
    messages: [{ role: 'user', content: 'x' }],
  });
const tick = () => new Promise((r) => setTimeout(r, 400));

describe('gatehouse keys', () => {
  it('create --json prints id and the secret; list/show never print secrets or hashes', () => {
    const created = cli([
      'keys',
      'create',
      '--data-dir',
      srv.dataDir,
      '--name',
      'svc-a',
      '--role',
      'developer',
      '--tenant',
      'acme',
      '--models',
      'mock-*',
      '--expires',
      '30d',
      '--json',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const k = JSON.parse(created.stdout) as Record<string, unknown>;
    assert.match(String(k.key), /^gth_/);
    assert.equal(k.role, 'developer');
    assert.equal(k.tenant, 'acme');
    assert.deepEqual(k.models, ['mock-*']);
    assert.ok(Number(k.expiresAt) > Date.now() + 29 * 86_400_000);
    const list = cli(['keys', 'list', '--data-dir', srv.dataDir, '--json']);
    assert.equal(list.code, 0);
    assert.ok(!list.stdout.includes(String(k.key)));
    assert.ok(!list.stdout.includes('"hash"'));
    assert.ok((JSON.parse(list.stdout) as Array<{ id: string }>).some((x) => x.id === k.id));
    const human = cli(['keys', 'list', '--data-dir', srv.dataDir]);
    assert.match(human.stdout, /^ID\s+NAME\s+ROLE\s+TENANT\s+STATUS/);
    const show = cli(['keys', 'show', String(k.id), '--data-dir', srv.dataDir, '--json']);
    assert.equal(JSON.parse(show.stdout).name, 'svc-a');
  });

  it('rotate keeps the old secret valid for the overlap, then only the new one works', async () => {
    const k = createKey(srv.dataDir, ['--name', 'rotating', '--role', 'member']);
    await tick();
    await ask(k.key);
    const rotated = cli(['keys', 'rotate', k.id, '--overlap', '2s', '--data-dir', srv.dataDir, '--json']);
    assert.equal(rotated.code, 0, rotated.stderr);
    const fresh = JSON.parse(rotated.stdout).key as string;
    assert.notEqual(fresh, k.key);
    await tick();
    await ask(k.key); // old secret, inside the overlap
    await ask(fresh);
    await new Promise((r) => setTimeout(r, 2000));
    await assert.rejects(ask(k.key), OpenAI.AuthenticationError);
    await ask(fresh);
  });

  it('admin actions from the CLI are in the audit trail, attributed to the operator', () => {
    const k = createKey(srv.dataDir, ['--name', 'audited', '--role', 'member']);
    cli(['keys', 'revoke', k.id, '--data-dir', srv.dataDir]);
    const tail = cli(['audit', 'tail', '-n', '5', '--json', '--data-dir', srv.dataDir]);
    const actions = tail.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: { name: string; target: string } | null; user: string });
    assert.ok(actions.some((a) => a.action?.name === 'key.create' && a.action.target === k.id && a.user.startsWith('cli:')));
    assert.ok(actions.some((a) => a.action?.name === 'key.revoke' && a.action.target === k.id));
  });
});

describe('exit codes and one-line errors', () => {
  const oneLine = (s: string) => s.trim().split('\n').length === 1;
  it('2 for usage errors', () => {
    for (const args of [
      ['nope'],
      ['keys', 'create', '--data-dir', srv.dataDir],
      ['keys', 'create', '--bogus-flag'],
      ['keys', 'create', '--data-dir', srv.dataDir, '--name', 'x', '--role', 'superuser'],
      ['audit', 'tail', '-n', 'many', '--data-dir', srv.dataDir],
    ]) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(oneLine(r.stderr), r.stderr);
      assert.match(r.stderr, /^gatehouse: /);
    }
  });
  it('3 for something that does not exist', () => {
    assert.equal(cli(['keys', 'show', 'aaaaaaaaaaaa', '--data-dir', srv.dataDir]).code, 3);
    assert.equal(cli(['audit', 'show', 'no-such-id', '--data-dir', srv.dataDir]).code, 3);
  });
  it('4 when there is no store', () => {
    const r = cli(['audit', 'verify', '--data-dir', join(tempDir(), 'empty')]);
    assert.equal(r.code, 4);
    assert.match(r.stderr, /no Gatehouse database .* start the server once/);
  });
  it('1 for an invalid config, naming the field', () => {
    const dir = tempDir();
    const bad = writeConfig(dir, 'models:\n  - name: x\n    provider: nowhere\n');
    const r = cli(['config', 'check', '--config', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /models\.0\.provider: unknown provider "nowhere"/);
    writeFileSync(join(dir, 'typo.yaml'), 'server:\n  prot: 9000\n');
    const t = cli(['config', 'check', '--config', join(dir, 'typo.yaml')]);
    assert.equal(t.code, 1);
    assert.match(t.stderr, /server: .*prot/);
    const env = cli([
      'config',
      'check',
      '--config',
      writeConfig(
        dir,
        'providers:\n  o:\n    type: openai\n    baseUrl: http://127.0.0.1:1/v1\n    apiKeyEnv: GATEHOUSE_TEST_UNSET_VAR\nmodels: [{name: m, provider: o}]\n',
      ),
    ]);
    assert.equal(env.code, 1);
    assert.match(env.stderr, /GATEHOUSE_TEST_UNSET_VAR is not set/);
  });
  it('0 for a valid config, with --json', () => {
    const r = cli(['config', 'check', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).models, ['mock-chat', 'mock-embed', 'demo-agent']);
  });
  it('serve refuses a port in use with exit 1', () => {
    const r = cli(['serve', '--data-dir', tempDir(), '--port', String(srv.port)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot listen .*EADDRINUSE/);
  });
});

describe('audit show and export', () => {
  it('show by seq and by id agree; export lines are the hashed bytes', () => {
    const bySeq = JSON.parse(cli(['audit', 'show', '0', '--json', '--data-dir', srv.dataDir]).stdout);
    const byId = JSON.parse(cli(['audit', 'show', bySeq.id, '--json', '--data-dir', srv.dataDir]).stdout);
    assert.deepEqual(bySeq, byId);
    assert.equal(bySeq.action.name, 'config.load');
    const lines = cli(['audit', 'export', '--format', 'jsonl', '--data-dir', srv.dataDir]).stdout.trim().split('\n');
    assert.equal(JSON.parse(lines[0]!).id, bySeq.id);
    assert.equal(cli(['audit', 'export', '--format', 'cef', '--data-dir', srv.dataDir]).code, 2);
  });
});

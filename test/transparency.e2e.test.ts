// The auditors' CLI contract for the transparency log: pubkey, checkpoint, prove, export and
// offline verify. Roots and proofs are checked against an MTH computed here from the exported
// leaves with the RFC 6962 definition, not with the product's tree code.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openCheckpoint } from '../src/audit/checkpoint.js';
import { verifyConsistency, verifyInclusion } from '../src/audit/merkle.js';
import { parseVerifierKey } from '../src/audit/note.js';
import { sealRecord } from '../src/audit/record.js';
import { cli, createKey, type RunningServer, startServer, tempDir, writeConfig } from './helpers/server.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
// RFC 6962 §2.1 MTH, straight from the definition.
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

let srv: RunningServer;
let vkey: string;
let adminKey: string;
const G = (args: string[]) => cli([...args, '--data-dir', srv.dataDir]);

async function traffic(n: number, key: string) {
  for (let i = 0; i < n; i++) {
    await fetch(`${srv.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-chat', messages: [{ role: 'user', content: `m${i}` }] }),
    });
  }
}

function exportLog(dir: string) {
  const file = join(dir, `export-${Date.now()}.jsonl`);
  const r = G(['audit', 'export', '--format', 'jsonl', '--checkpoint', `${file}.checkpoint`]);
  assert.equal(r.code, 0, r.stderr);
  writeFileSync(file, r.stdout);
  return { file, lines: r.stdout.trim().split('\n'), checkpoint: readFileSync(`${file}.checkpoint`, 'utf8') };
}

before(async () => {
  srv = await startServer({
    config: writeConfig(tempDir(), 'audit:\n  origin: audit.example.com/gatehouse-test\n  checkpointInterval: 500ms\n'),
  });
  adminKey = srv.adminKey;
  await traffic(9, adminKey);
  vkey = G(['audit', 'pubkey']).stdout.trim();
});
after(async () => {
  await srv.stop();
});

describe('gatehouse audit pubkey and checkpoint', () => {
  it('prints the C2SP verifier key named after the origin', () => {
    assert.match(vkey, /^audit\.example\.com\/gatehouse-test\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    assert.equal(parseVerifierKey(vkey).publicKey.length, 32);
  });
  it('publishes signed checkpoints by itself and prints the latest as a signed note whose root is the MTH of the records', async () => {
    await new Promise((r) => setTimeout(r, 1200));
    const note = G(['audit', 'checkpoint']).stdout;
    assert.match(
      note,
      /^audit\.example\.com\/gatehouse-test\n\d+\n[A-Za-z0-9+/]{43}=\n\n— audit\.example\.com\/gatehouse-test [A-Za-z0-9+/]+=*\n$/,
    );
    const { checkpoint } = openCheckpoint(note, [parseVerifierKey(vkey)]);
    const lines = G(['audit', 'export', '--format', 'jsonl']).stdout.trim().split('\n');
    assert.ok(checkpoint.size >= 11 && checkpoint.size <= lines.length);
    const leaves = lines.slice(0, checkpoint.size).map((l) => sha(Buffer.from([0]), Buffer.from(l)));
    // The leaf hashes are the raw (un-prefixed) leaves' hashes; MTH over leaf hashes as nodes:
    assert.deepEqual(checkpoint.rootHash, mthFromLeafHashes(leaves));
  });
});

function mthFromLeafHashes(hashes: Buffer[]): Buffer {
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return sha(Buffer.from([1]), mthFromLeafHashes(hashes.slice(0, k)), mthFromLeafHashes(hashes.slice(k)));
}

describe('gatehouse audit prove', () => {
  it('proves inclusion of every record in a signed tree', () => {
    const size = Number(G(['audit', 'checkpoint', '--new']).stdout.split('\n')[1]);
    for (let index = 0; index < size; index++) {
      const r = G(['audit', 'prove', '--index', String(index), '--size', String(size), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const p = JSON.parse(r.stdout) as { index: number; tree_size: number; leaf_hash: string; inclusion: string[]; checkpoint: string };
      assert.deepEqual(Object.keys(p).sort(), ['checkpoint', 'inclusion', 'index', 'leaf_hash', 'tree_size']);
      const { checkpoint } = openCheckpoint(p.checkpoint, [parseVerifierKey(vkey)]);
      assert.equal(checkpoint.size, size);
      assert.ok(
        verifyInclusion(
          Buffer.from(p.leaf_hash, 'hex'),
          index,
          size,
          p.inclusion.map((h) => Buffer.from(h, 'hex')),
          checkpoint.rootHash,
        ),
        `inclusion of ${index}`,
      );
    }
  });
  it('proves consistency between two checkpoints', async () => {
    const old = G(['audit', 'checkpoint', '--new']).stdout;
    await traffic(5, adminKey);
    const fresh = G(['audit', 'checkpoint', '--new']).stdout;
    const a = openCheckpoint(old, [parseVerifierKey(vkey)]).checkpoint;
    const b = openCheckpoint(fresh, [parseVerifierKey(vkey)]).checkpoint;
    const r = G(['audit', 'prove', '--from', String(a.size), '--to', String(b.size), '--json']);
    const p = JSON.parse(r.stdout) as { from: number; to: number; consistency: string[] };
    assert.equal(p.from, a.size);
    assert.ok(
      verifyConsistency(
        a.size,
        b.size,
        p.consistency.map((h) => Buffer.from(h, 'hex')),
        a.rootHash,
        b.rootHash,
      ),
    );
  });
  it('refuses proofs outside the tree with exit 3', () => {
    assert.equal(G(['audit', 'prove', '--index', '999999']).code, 3);
    assert.equal(G(['audit', 'prove', '--from', '5', '--to', '999999']).code, 3);
  });
});

describe('offline verification with only the public key', () => {
  it('verifies an export and its checkpoint, and names a modified record', () => {
    const dir = tempDir();
    const exp = exportLog(dir);
    const ok = cli(['audit', 'verify', '--export', exp.file, '--pubkey', vkey]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^OK: \d+ records verified: hash chain, every leaf, and the tree root signed by the checkpoint/);
    const lines = [...exp.lines];
    lines[4] = lines[4]!.replace('"status":200', '"status":201');
    writeFileSync(exp.file, `${lines.join('\n')}\n`);
    const bad = cli(['audit', 'verify', '--export', exp.file, '--pubkey', vkey]);
    assert.equal(bad.code, 1);
    // An export has no separate stored hash: the break shows at the next link, which names both.
    assert.match(bad.stdout, /record seq 5 .*record 4 was altered, or this record was inserted or reordered/);
  });
  it('a wrong public key or a tampered checkpoint byte fails', () => {
    const dir = tempDir();
    const exp = exportLog(dir);
    const other = cli([
      'audit',
      'pubkey',
      '--data-dir',
      (() => {
        const d = tempDir();
        cli(['keys', 'create', '--name', 'x', '--role', 'member', '--data-dir', d]);
        return d;
      })(),
    ]).stdout.trim();
    assert.equal(cli(['audit', 'verify', '--export', exp.file, '--pubkey', other]).code, 1);
    const cp = exp.checkpoint.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) - 1}\n`);
    writeFileSync(`${exp.file}.checkpoint`, cp);
    const r = cli(['audit', 'verify', '--export', exp.file, '--pubkey', vkey]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /checkpoint/);
  });
  it('catches history rewritten consistently and re-signed, against a checkpoint the auditor kept', async () => {
    const dir = tempDir();
    const kept = exportLog(dir).checkpoint;
    // An attacker with write access to the database rewrites record 3, recomputes the whole
    // chain after it and drops the stored tree so that it is rebuilt from the forged leaves.
    await srv.stop();
    const db = new Database(join(srv.dataDir, 'gatehouse.db'));
    const rows = db.prepare('SELECT seq, body FROM audit_log ORDER BY seq').all() as Array<{ seq: number; body: string }>;
    let prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = 2').get() as { hash: string }).hash;
    const update = db.prepare('UPDATE audit_log SET body = ?, hash = ?, status = ? WHERE seq = ?');
    for (const row of rows.filter((r) => r.seq >= 3)) {
      const rec = JSON.parse(row.body);
      if (row.seq === 3) rec.status = 403;
      const { v: _v, seq, prev: _p, ...entry } = rec;
      const sealed = sealRecord(entry, seq, prev);
      update.run(sealed.body, sealed.hash, rec.status, seq);
      prev = sealed.hash;
    }
    db.prepare('DELETE FROM merkle_hashes').run();
    db.prepare('DELETE FROM checkpoints').run();
    db.close();
    srv = await startServer({ dataDir: srv.dataDir });
    await traffic(1, createKey(srv.dataDir, ['--name', 'after', '--role', 'member']).key);
    // The forged log is self-consistent and the server signs it...
    const forged = exportLog(dir);
    assert.equal(cli(['audit', 'verify', '--export', forged.file, '--pubkey', vkey]).code, 0);
    // ...but not consistent with what the auditor kept.
    const keptFile = join(dir, 'kept.checkpoint');
    writeFileSync(keptFile, kept);
    const r = cli(['audit', 'verify', '--export', forged.file, '--pubkey', vkey, '--previous', keptFile]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not consistent with the previous checkpoint .*history was rewritten/);
  });
});

describe('admin API', () => {
  it('serves the public key, checkpoints and proofs', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${srv.url}${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    assert.equal((await get('/admin/v1/audit/pubkey')).body.vkey, vkey);
    const cp = await get('/admin/v1/audit/checkpoint?new=true');
    const size = cp.body.size as number;
    const p = await get(`/admin/v1/audit/proof/inclusion?index=1&size=${size}`);
    assert.equal(p.body.tree_size, size);
    assert.equal((await get('/admin/v1/audit/proof/consistency?from=2&to=1')).status, 400);
    assert.equal((await get('/admin/v1/audit/proof/inclusion?index=x')).status, 400);
  });
});
void mth;

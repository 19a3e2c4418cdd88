import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeBase64Strict,
  ed25519FromSeed,
  exportSeed,
  generateEd25519,
  keyId,
  NoteError,
  type NoteVerifier,
  noteSigner,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerKey,
  signNote,
  verifierKey,
} from './note.js';

// standards.md §1.2 (verified vectors) and the Go golang.org/x/mod/sumdb/note package docs.
const FOO_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const FOO_MSG = 'This is an example message.\n';
const FOO_SIG = '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const FOO_NOTE = `${FOO_MSG}\n${FOO_SIG}`;
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_NOTE =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n" +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const SUMDB_VKEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';

const foo = parseVerifierKey(FOO_VKEY);

function rejects(fn: () => unknown, code: NoteError['code'], message?: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof NoteError && e.code === code && (!message || message.test(e.message)));
}

function seeded(name: string, byte: number) {
  return noteSigner(name, Buffer.alloc(32, byte));
}

function verifierOf(s: { name: string; publicKey: Buffer }): NoteVerifier {
  return parseVerifierKey(verifierKey(s.name, s.publicKey));
}

describe('verifier keys', () => {
  it('parse the published keys with their key ids', () => {
    assert.equal(foo.name, 'example.com/foo');
    assert.equal(foo.keyId, 0x530d903a);
    assert.equal(parseVerifierKey(PETER_VKEY).keyId, 0xc74f20a3);
    const sumdb = parseVerifierKey(SUMDB_VKEY);
    assert.equal(sumdb.name, 'sum.golang.org');
    assert.equal(sumdb.keyId, 0x033de0ae);
    assert.equal(sumdb.publicKey.length, 32);
  });
  it('format back to the same string', () => {
    for (const vkey of [FOO_VKEY, PETER_VKEY, SUMDB_VKEY]) {
      const v = parseVerifierKey(vkey);
      assert.equal(verifierKey(v.name, v.publicKey), vkey);
      assert.equal(keyId(v.name, v.publicKey), v.keyId);
    }
  });
  it('reject a wrong key id, type, length, name or encoding', () => {
    rejects(() => parseVerifierKey(FOO_VKEY.replace('530d903a', '530d903b')), 'bad-key', /does not match/);
    rejects(() => parseVerifierKey(`example.com/bar${FOO_VKEY.slice('example.com/foo'.length)}`), 'bad-key', /does not match/);
    const pub = foo.publicKey;
    rejects(() => parseVerifierKey(`n+530d903a+${Buffer.concat([Buffer.from([2]), pub]).toString('base64')}`), 'bad-key', /type 0x02/);
    rejects(
      () => parseVerifierKey(`n+530d903a+${Buffer.concat([Buffer.from([1]), pub.subarray(1)]).toString('base64')}`),
      'bad-key',
      /32 bytes/,
    );
    rejects(() => parseVerifierKey(FOO_VKEY.replace('example.com/foo', 'example.com foo')), 'bad-key', /invalid key name/);
    rejects(() => parseVerifierKey(FOO_VKEY.replace('example.com/foo', '')), 'bad-key', /invalid key name/);
    rejects(() => parseVerifierKey(FOO_VKEY.replace('example.com/foo', 'a\u00a0b')), 'bad-key', /invalid key name/);
    rejects(() => parseVerifierKey(FOO_VKEY.replace('530d903a', '530d903')), 'bad-key');
    rejects(() => parseVerifierKey(FOO_VKEY.slice(0, -1)), 'bad-key');
    rejects(() => parseVerifierKey('example.com/foo'), 'bad-key');
    assert.throws(() => verifierKey('a+b', pub), /invalid key name/);
  });
});

describe('key material', () => {
  it('the Go doc signer key is the seed of its verifier key', () => {
    const signer = parseSignerKey(PETER_SKEY);
    assert.equal(verifierKey(signer.name, signer.publicKey), PETER_VKEY);
    assert.equal(signerKey(signer.name, exportSeed(signer.privateKey)), PETER_SKEY);
    rejects(() => parseSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4')), 'bad-key', /does not match/);
    rejects(() => parseSignerKey(PETER_SKEY.slice('PRIVATE+KEY+'.length)), 'bad-key');
  });
  it('a seed reloads the same key pair', () => {
    const { seed, privateKey, publicKey } = generateEd25519();
    assert.equal(seed.length, 32);
    assert.ok(exportSeed(privateKey).equals(seed));
    assert.ok(ed25519FromSeed(seed).publicKey.equals(publicKey));
    assert.throws(() => ed25519FromSeed(seed.subarray(1)), /32 bytes/);
  });
});

describe('opening notes', () => {
  it('the published example verifies with its vkey', () => {
    const opened = openNote(FOO_NOTE, [foo]);
    assert.equal(opened.text, FOO_MSG);
    assert.deepEqual(opened.verifiedBy, ['example.com/foo']);
    assert.deepEqual(opened.unknown, []);
    assert.deepEqual(openNote(Buffer.from(FOO_NOTE), [foo]), opened);
  });
  it('the Go doc example verifies, and its text keeps the line break', () => {
    const opened = openNote(PETER_NOTE, [parseVerifierKey(PETER_VKEY)]);
    assert.equal(opened.text.split('\n').length, 3);
  });
  it('unknown signatures are ignored, also when they share a name or a key id', () => {
    const other = seeded('example.com/witness', 1);
    const sameName = seeded('example.com/foo', 2);
    const extra = signNote(FOO_MSG, [other, sameName]).slice(FOO_MSG.length + 1);
    const idOnly = FOO_SIG.replace('example.com/foo', 'example.com/imposter');
    const opened = openNote(`${FOO_NOTE}${extra}${idOnly}`, [foo]);
    assert.deepEqual(opened.verifiedBy, ['example.com/foo']);
    assert.deepEqual(
      opened.unknown.map((u) => u.name),
      ['example.com/witness', 'example.com/foo', 'example.com/imposter'],
    );
    assert.deepEqual(openNote(`${FOO_MSG}\n${extra}${FOO_SIG}`, [foo, verifierOf(other)]).verifiedBy, [
      'example.com/witness',
      'example.com/foo',
    ]);
  });
  it('a note with no known signature is rejected', () => {
    rejects(() => openNote(FOO_NOTE, []), 'unverified');
    rejects(() => openNote(FOO_NOTE, [parseVerifierKey(PETER_VKEY)]), 'unverified');
    // A wrong key id makes the signature someone else's, so the note is unverified, not forged.
    const id = Buffer.from(FOO_SIG.split(' ')[2]!.trim(), 'base64');
    id[3] = id[3]! ^ 1;
    rejects(() => openNote(`${FOO_MSG}\n— example.com/foo ${id.toString('base64')}\n`, [foo]), 'unverified');
  });
  it('a known signature that fails rejects the whole note', () => {
    rejects(() => openNote(FOO_NOTE.replace('example message', 'example massage'), [foo]), 'invalid-signature');
    const sig = Buffer.from(FOO_SIG.split(' ')[2]!.trim(), 'base64');
    for (const at of [4, 40, 67]) {
      const bad = Buffer.from(sig);
      bad[at] = bad[at]! ^ 0x10;
      rejects(() => openNote(`${FOO_MSG}\n— example.com/foo ${bad.toString('base64')}\n`, [foo]), 'invalid-signature');
    }
    rejects(() => openNote(`${FOO_MSG}\n— example.com/foo ${sig.subarray(0, 67).toString('base64')}\n`, [foo]), 'invalid-signature');
    const witness = seeded('example.com/witness', 1);
    // foo's valid signature presented under the witness's name and key id.
    const id = Buffer.alloc(4);
    id.writeUInt32BE(keyId(witness.name, witness.publicKey));
    const forged = `— example.com/witness ${Buffer.concat([id, sig.subarray(4)]).toString('base64')}\n`;
    rejects(() => openNote(`${FOO_NOTE}${forged}`, [foo, verifierOf(witness)]), 'invalid-signature', /example.com\/witness/);
  });
  it('rejects malformed notes', () => {
    const cases: Record<string, string | Uint8Array> = {
      'no blank line': `${FOO_MSG}${FOO_SIG}`,
      'no final newline': FOO_NOTE.slice(0, -1),
      'hyphen instead of em dash': FOO_NOTE.replace('—', '-'),
      'no space after the dash': FOO_NOTE.replace('— ', '—'),
      'no signature': `${FOO_MSG}\n`,
      'trailing blank line': `${FOO_NOTE}\n`,
      'signature without key id': `${FOO_MSG}\n— example.com/foo AAAA\n`,
      'unpadded base64': FOO_NOTE.replace('aQM=', 'aQM'),
      'name without signature': `${FOO_MSG}\n— example.com/foo\n`,
      'carriage return': FOO_NOTE.replace('\n\n', '\r\n\n'),
      'tab in the text': `tab\there\n\n${FOO_SIG}`,
      'invalid UTF-8': Buffer.concat([Buffer.from([0xff]), Buffer.from(FOO_NOTE)]),
      'lone surrogate': `\ud800${FOO_NOTE}`,
    };
    for (const [name, note] of Object.entries(cases)) {
      assert.throws(
        () => openNote(note, [foo]),
        (e: unknown) => e instanceof NoteError && e.code === 'malformed',
        name,
      );
    }
  });
  it('accepts 100 signatures, not 101', () => {
    const unknown = FOO_SIG.replace('example.com/foo', 'x');
    assert.deepEqual(openNote(`${FOO_NOTE}${unknown.repeat(99)}`, [foo]).verifiedBy, ['example.com/foo']);
    rejects(() => openNote(`${FOO_NOTE}${unknown.repeat(100)}`, [foo]), 'malformed', /more than 100/);
  });
  it('refuses a verifier whose key id does not match its key', () => {
    rejects(() => openNote(FOO_NOTE, [{ ...foo, keyId: foo.keyId ^ 1 }]), 'bad-key');
  });
});

describe('signing notes', () => {
  const signer = seeded('gatehouse.example/audit', 7);
  const v = verifierOf(signer);
  it('round-trips, with blank lines inside the text', () => {
    const text = 'line one\n\nline three after a blank line\n';
    const note = signNote(text, signer);
    assert.ok(note.startsWith(`${text}\n— gatehouse.example/audit `));
    assert.equal(note, signNote(text, signer), 'Ed25519 is deterministic');
    assert.deepEqual(openNote(note, [v]), { text, verifiedBy: ['gatehouse.example/audit'], unknown: [] });
    assert.equal(decodeBase64Strict(note.trimEnd().split(' ').at(-1)!)!.length, 68);
  });
  it('signs with several keys at once', () => {
    const other = seeded('witness.example', 9);
    const note = signNote('x\n', [signer, other]);
    assert.deepEqual(openNote(note, [v, verifierOf(other)]).verifiedBy, ['gatehouse.example/audit', 'witness.example']);
  });
  it('refuses text that cannot be a note, and mismatched keys', () => {
    rejects(() => signNote('no newline', signer), 'malformed');
    rejects(() => signNote('bell\u0007\n', signer), 'malformed');
    rejects(() => signNote('\ud800\n', signer), 'malformed');
    rejects(() => signNote('x\n', { ...signer, publicKey: seeded('y', 8).publicKey }), 'bad-key', /does not match/);
    rejects(() => signNote('x\n', { ...signer, name: 'has space' }), 'bad-key');
    rejects(() => signNote('x\n', []), 'bad-key');
  });
  it('decodes only canonical base64', () => {
    assert.deepEqual(decodeBase64Strict('AAE='), Buffer.from([0, 1]));
    for (const bad of ['AAE', 'AAF=', 'AA E=', 'AA-=', 'A===']) assert.equal(decodeBase64Strict(bad), null, bad);
  });
});

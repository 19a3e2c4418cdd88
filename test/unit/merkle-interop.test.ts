// Interop: the proofs, roots and signed checkpoints that src/audit produces are checked here by
// code written directly from the spec texts — RFC 9162 §2.1.3.2 and §2.1.4.2 (with BigInt
// arithmetic, a different shape from src/audit/merkle.ts) and c2sp.org/signed-note +
// c2sp.org/tlog-checkpoint — importing only our generators and signers, never our verifiers.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { formatCheckpoint } from '../../src/audit/checkpoint.js';
import { consistencyProof, type HashReader, inclusionProof, storedHashesForRecord, treeHash } from '../../src/audit/merkle.js';
import { noteSigner, signNote, verifierKey } from '../../src/audit/note.js';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
/** RFC 9162 §2.1.1: HASH(0x01 || left || right). */
const H = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Uint8Array.of(1), left, right);
const LSB = (x: bigint): boolean => (x & 1n) === 1n;

/** RFC 9162 §2.1.1 MTH, by its definition over the raw entries. */
function MTH(D: Buffer[]): Buffer {
  const n = D.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Uint8Array.of(0), D[0]!);
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return H(MTH(D.slice(0, k)), MTH(D.slice(k)));
}

/** RFC 9162 §2.1.3.2 "Verifying an Inclusion Proof", numbered steps as in the text. */
function rfcVerifyInclusion(leafIndex: number, treeSize: number, leafHash: Buffer, inclusionPath: Buffer[], rootHash: Buffer): boolean {
  // 1. Compare leaf_index from the inclusion proof against tree_size. If leaf_index is greater
  //    than or equal to tree_size, then fail the proof verification.
  if (leafIndex >= treeSize) return false;
  // 2. Set fn to leaf_index and sn to tree_size - 1.
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize) - 1n;
  // 3. Set r to hash.
  let r = leafHash;
  // 4. For each value p in the inclusion_path array:
  for (const p of inclusionPath) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // 1. Set r to HASH(0x01 || p || r).
      r = H(p, r);
      // 2. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn)
      //    is set or fn is 0.
      if (!LSB(fn)) {
        while (!(LSB(fn) || fn === 0n)) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      // Otherwise: Set r to HASH(0x01 || r || p).
      r = H(r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the
  //    root_hash are equal, then the log has proven the inclusion of hash.
  return sn === 0n && r.equals(rootHash);
}

/** RFC 9162 §2.1.4.2 "Verifying Consistency between Two Tree Heads". */
function rfcVerifyConsistency(firstSize: number, secondSize: number, path: Buffer[], firstHash: Buffer, secondHash: Buffer): boolean {
  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (path.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const first = BigInt(firstSize);
  const consistencyPath = (first & (first - 1n)) === 0n ? [firstHash, ...path] : [...path];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = first - 1n;
  let sn = BigInt(secondSize) - 1n;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while (LSB(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr = consistencyPath[0]!;
  let sr = consistencyPath[0]!;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of consistencyPath.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // 1. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
      fr = H(c, fr);
      sr = H(c, sr);
      // 2. If LSB(fn) is not set, then right-shift both fn and sn equally until either
      //    LSB(fn) is set or fn is 0.
      if (!LSB(fn)) {
        while (!(LSB(fn) || fn === 0n)) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      // Otherwise: Set sr to HASH(0x01 || sr || c).
      sr = H(sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 7. After completing iterating through the consistency_path array as described above,
  //    verify that the fr calculated is equal to the first_hash supplied, that the sr
  //    calculated is equal to the second_hash supplied, and that sn is 0.
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0n;
}

/**
 * c2sp.org/signed-note with an Ed25519 key given as a vkey string: returns the signed text if
 * the line from that key verifies, null otherwise. The key is loaded as a JWK, not DER.
 */
function checkSignedNote(note: string, vkey: string): string | null {
  const [name, idHex, keyB64] = [vkey.split('+')[0]!, vkey.split('+')[1]!, vkey.split('+').slice(2).join('+')];
  const key = Buffer.from(keyB64, 'base64');
  if (key[0] !== 0x01 || key.length !== 33) return null;
  const pub = key.subarray(1);
  // key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4]
  const id = sha256(Buffer.from(name, 'utf8'), Uint8Array.of(0x0a, 0x01), pub).subarray(0, 4);
  if (id.toString('hex') !== idHex) return null;
  // The text is separated from the signatures by the last empty line, and includes its final newline.
  const cut = note.lastIndexOf('\n\n');
  const text = note.slice(0, cut + 1);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub.toString('base64url') }, format: 'jwk' });
  for (const line of note.slice(cut + 2).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const sig = Buffer.from(m[2]!, 'base64');
    if (!sig.subarray(0, 4).equals(id)) continue;
    return verify(null, Buffer.from(text, 'utf8'), publicKey, sig.subarray(4)) ? text : null;
  }
  return null;
}

const MAX = 40;
const entries = Array.from({ length: MAX }, (_, i) => Buffer.from(`interop entry ${i}`));
const stored: Buffer[] = [];
const read: HashReader = (indexes) => indexes.map((i) => stored[i]!);
for (const [n, e] of entries.entries()) stored.push(...storedHashesForRecord(n, sha256(Uint8Array.of(0), e), read));
const roots = Array.from({ length: MAX + 1 }, (_, n) => MTH(entries.slice(0, n)));

describe('the independent verifiers are sound (controls)', () => {
  it('verify the RFC test-vector PROOF(3, D[7]), derived by hand from the definition, and reject it tampered', () => {
    const D = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657'].map((h) => Buffer.from(h, 'hex'));
    // SUBPROOF(3, D[0:7], true) = SUBPROOF(1, D[2:4], false) : MTH(D[0:2]) : MTH(D[4:7])
    //                           = MTH(D[2:3]) : MTH(D[3:4]) : MTH(D[0:2]) : MTH(D[4:7])
    const proof = [MTH(D.slice(2, 3)), MTH(D.slice(3, 4)), MTH(D.slice(0, 2)), MTH(D.slice(4, 7))];
    assert.deepEqual(
      proof.map((h) => h.toString('hex').slice(0, 8)),
      ['0298d122', '07506a85', 'fac54203', '837dbb15'],
    );
    const [r3, r7] = [MTH(D.slice(0, 3)), MTH(D)];
    assert.ok(r7.toString('hex').startsWith('ddb89be4'));
    assert.equal(rfcVerifyConsistency(3, 7, proof, r3, r7), true);
    assert.equal(rfcVerifyConsistency(3, 7, proof.slice().reverse(), r3, r7), false);
    assert.equal(rfcVerifyConsistency(3, 7, proof, r7, r3), false);
    // PATH(2, D[3]) = MTH(D[0:2]).
    assert.equal(rfcVerifyInclusion(2, 3, MTH(D.slice(2, 3)), [MTH(D.slice(0, 2))], r3), true);
    assert.equal(rfcVerifyInclusion(1, 3, MTH(D.slice(2, 3)), [MTH(D.slice(0, 2))], r3), false);
  });
  it('verify the published signed-note example', () => {
    const note =
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    const vkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
    assert.equal(checkSignedNote(note, vkey), 'This is an example message.\n');
    assert.equal(checkSignedNote(note.replace('example message', 'sample message.'), vkey), null);
  });
});

describe(`our proofs pass the RFC 9162 verifier, sizes 1..${MAX}`, () => {
  it('roots equal MTH', () => {
    for (let n = 0; n <= MAX; n++) assert.ok(treeHash(n, read).equals(roots[n]!), `size ${n}`);
  });
  it('inclusion, every index', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, read);
        const leafHash = sha256(Uint8Array.of(0), entries[i]!);
        assert.ok(rfcVerifyInclusion(i, n, leafHash, proof, roots[n]!), `${i} in ${n}`);
        assert.equal(rfcVerifyInclusion(i, n, sha256(Uint8Array.of(0), entries[(i + 1) % MAX]!), proof, roots[n]!), false);
      }
    }
  });
  it('consistency, every 0 < m < n (and m = n is the empty proof)', () => {
    for (let n = 1; n <= MAX; n++) {
      assert.deepEqual(consistencyProof(n, n, read), []);
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(m, n, read);
        assert.ok(rfcVerifyConsistency(m, n, proof, roots[m]!, roots[n]!), `${m} -> ${n}`);
        assert.equal(rfcVerifyConsistency(m, n, proof, roots[m]!, roots[n - 1]!), false);
      }
    }
  });
});

describe('our signed checkpoints pass the signed-note check', () => {
  const signer = noteSigner('gatehouse.example/interop', Buffer.alloc(32, 0x5a));
  const vkey = verifierKey(signer.name, signer.publicKey);
  it('verifies with the key from the vkey string, and the body names the MTH', () => {
    const note = signNote(formatCheckpoint({ origin: signer.name, size: MAX, rootHash: treeHash(MAX, read) }), signer);
    const text = checkSignedNote(note, vkey);
    assert.ok(text, 'signature verifies');
    const [origin, size, rootB64, ...rest] = text.split('\n');
    assert.equal(origin, 'gatehouse.example/interop');
    assert.equal(size, String(MAX));
    assert.ok(Buffer.from(rootB64!, 'base64').equals(roots[MAX]!));
    assert.deepEqual(rest, ['']);
    assert.equal(checkSignedNote(note.replace(`\n${MAX}\n`, `\n${MAX + 1}\n`), vkey), null);
  });
});

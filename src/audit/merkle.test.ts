import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  consistencyProof,
  EMPTY_ROOT,
  fromHex,
  type HashReader,
  inclusionProof,
  leafHashOf,
  StreamingTree,
  storedHashCount,
  storedHashesForRecord,
  storedHashIndex,
  toHex,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { leafHash as recordLeafHash } from './record.js';

// transparency-dev/merkle testonly/constants.go (standards.md §1.1).
const VECTOR_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const VECTOR_ROOTS = [
  '6e340b9c…a01d',
  'fac54203…c125',
  'aeb6bcfe…6e77',
  'd37ee418…14b7',
  '4e3bbb1f…64d4',
  '76e67dad…87ef',
  'ddb89be4…4c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const VECTOR_PROOF_3_7 = ['0298d122…7fe7', '07506a85…87e7', 'fac54203…c125', '837dbb15…2d0e'];

function matchesVector(h: Buffer, vector: string): boolean {
  const [prefix, suffix = ''] = vector.split('…') as [string, string?];
  const hex = toHex(h);
  return hex.startsWith(prefix) && hex.endsWith(suffix);
}

/** The in-memory stored-hash table a SQLite store would hold as (index, hash) rows. */
class MemoryLog {
  readonly hashes: Buffer[] = [];
  size = 0;
  readonly read: HashReader = (indexes) =>
    indexes.map((i) => {
      const h = this.hashes[i];
      if (!h) throw new Error(`no stored hash ${i}`);
      return h;
    });
  append(leaf: Buffer): void {
    const added = storedHashesForRecord(this.size, leafHashOf(leaf), this.read);
    assert.equal(this.hashes.length, storedHashCount(this.size));
    this.hashes.push(...added);
    this.size++;
    assert.equal(this.hashes.length, storedHashCount(this.size));
  }
}

// Naive RFC 6962 §2.1 definitions over the raw leaves, independent of the stored-hash layout.
const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

function naive(leaves: Buffer[]) {
  const memo = new Map<string, Buffer>();
  const mth = (lo: number, hi: number): Buffer => {
    const key = `${lo}:${hi}`;
    let h = memo.get(key);
    if (!h) {
      if (hi - lo === 0) h = sha();
      else if (hi - lo === 1) h = sha(Buffer.from([0]), leaves[lo]!);
      else h = sha(Buffer.from([1]), mth(lo, lo + k(hi - lo)), mth(lo + k(hi - lo), hi));
      memo.set(key, h);
    }
    return h;
  };
  const path = (m: number, lo: number, hi: number): Buffer[] => {
    if (hi - lo === 1) return [];
    const mid = lo + k(hi - lo);
    return m < mid ? [...path(m, lo, mid), mth(mid, hi)] : [...path(m, mid, hi), mth(lo, mid)];
  };
  const subproof = (m: number, lo: number, hi: number, b: boolean): Buffer[] => {
    if (m === hi) return b ? [] : [mth(lo, hi)];
    const mid = lo + k(hi - lo);
    return m <= mid ? [...subproof(m, lo, mid, b), mth(mid, hi)] : [...subproof(m, mid, hi, false), mth(lo, mid)];
  };
  return { mth, path: (m: number, n: number) => path(m, 0, n), proof: (m: number, n: number) => subproof(m, 0, n, true) };
}

function leafData(i: number): Buffer {
  return i < VECTOR_LEAVES.length ? Buffer.from(VECTOR_LEAVES[i]!, 'hex') : Buffer.from(`leaf ${i}`);
}

const MAX = 64;
const leaves = Array.from({ length: MAX }, (_, i) => leafData(i));
const ref = naive(leaves);
const log = new MemoryLog();
for (const leaf of leaves) log.append(leaf);
const root = (n: number): Buffer => treeHash(n, log.read);

function flipped(b: Buffer, byte: number): Buffer {
  const c = Buffer.from(b);
  c[byte] = c[byte]! ^ (1 << (byte % 8));
  return c;
}

describe('stored hash layout (tlog)', () => {
  it('places hashes in append order', () => {
    assert.deepEqual(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [0, 2],
        [0, 3],
        [1, 1],
        [2, 0],
        [0, 4],
      ].map(([l, n]) => storedHashIndex(l!, n!)),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.deepEqual([0, 1, 2, 3, 4, 5, 8].map(storedHashCount), [0, 1, 3, 4, 7, 8, 15]);
  });
  it('stores each complete subtree hash once, at its index', () => {
    for (let level = 0; 2 ** level <= MAX; level++) {
      for (let n = 0; (n + 1) * 2 ** level <= MAX; n++) {
        assert.ok(log.hashes[storedHashIndex(level, n)]!.equals(ref.mth(n * 2 ** level, (n + 1) * 2 ** level)), `level ${level} n ${n}`);
      }
    }
    assert.equal(log.hashes.length, storedHashCount(MAX));
  });
  it('uses the same leaf hash as audit records', () => {
    const bytes = Buffer.from('{"seq":0}');
    assert.equal(toHex(leafHashOf(bytes)), recordLeafHash(bytes));
    assert.ok(fromHex(recordLeafHash(bytes)).equals(leafHashOf(bytes)));
    assert.throws(() => fromHex('abc'), /64 hex/);
  });
});

describe('RFC 6962 test vectors', () => {
  it('roots for sizes 0..8', () => {
    assert.equal(toHex(treeHash(0, log.read)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.ok(EMPTY_ROOT.equals(treeHash(0, log.read)));
    for (const [i, v] of VECTOR_ROOTS.entries()) assert.ok(matchesVector(root(i + 1), v), `size ${i + 1}: ${toHex(root(i + 1))}`);
    assert.equal(toHex(root(8)), VECTOR_ROOTS[7]);
  });
  it('PROOF(3, D[7])', () => {
    const proof = consistencyProof(3, 7, log.read);
    assert.equal(proof.length, VECTOR_PROOF_3_7.length);
    for (const [i, h] of proof.entries()) assert.ok(matchesVector(h, VECTOR_PROOF_3_7[i]!), `element ${i}: ${toHex(h)}`);
    assert.ok(verifyConsistency(3, 7, proof, root(3), root(7)));
  });
});

describe(`proofs equal the RFC definitions and verify, sizes 1..${MAX}`, () => {
  it('roots', () => {
    for (let n = 1; n <= MAX; n++) assert.ok(root(n).equals(ref.mth(0, n)), `size ${n}`);
  });
  it('streaming roots (offline verification) after every leaf', () => {
    const tree = new StreamingTree();
    assert.ok(tree.root().equals(EMPTY_ROOT));
    for (let n = 1; n <= MAX; n++) {
      tree.add(leafHashOf(leaves[n - 1]!));
      assert.ok(tree.root().equals(ref.mth(0, n)), `size ${n}`);
    }
    assert.throws(() => tree.add(Buffer.alloc(31)));
    // And the stored-hash layout's roots, at every size up to 3,000.
    const big = new MemoryLog();
    const streamed = new StreamingTree();
    for (let n = 1; n <= 3000; n++) {
      const leaf = Buffer.from(`leaf ${n}`);
      big.append(leaf);
      streamed.add(leafHashOf(leaf));
      assert.ok(streamed.root().equals(treeHash(n, big.read)), `size ${n}`);
    }
  });
  it('inclusion: every index of every size', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, log.read);
        assert.deepEqual(proof, ref.path(i, n), `PATH(${i}, D[${n}])`);
        assert.ok(verifyInclusion(leafHashOf(leaves[i]!), i, n, proof, root(n)), `verify ${i} in ${n}`);
      }
    }
  });
  it('consistency: every 0 < m <= n', () => {
    for (let n = 1; n <= MAX; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, log.read);
        assert.deepEqual(proof, m === n ? [] : ref.proof(m, n), `PROOF(${m}, D[${n}])`);
        assert.ok(verifyConsistency(m, n, proof, root(m), root(n)), `verify ${m} -> ${n}`);
      }
    }
  });
  it('the empty tree is consistent with every tree, with an empty proof', () => {
    assert.ok(verifyConsistency(0, 5, [], EMPTY_ROOT, root(5)));
    assert.ok(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT));
    assert.equal(verifyConsistency(0, 5, [], root(1), root(5)), false);
    assert.equal(verifyConsistency(0, 5, [root(1)], EMPTY_ROOT, root(5)), false);
  });
});

describe('verification fails on tampering', () => {
  const N = 16;
  it('inclusion: a flipped bit in any proof byte, the leaf or the root', () => {
    for (let n = 1; n <= N; n++) {
      const r = root(n);
      for (let i = 0; i < n; i++) {
        const leaf = leafHashOf(leaves[i]!);
        const proof = inclusionProof(i, n, log.read);
        for (let b = 0; b < 32; b++) {
          assert.equal(verifyInclusion(flipped(leaf, b), i, n, proof, r), false);
          assert.equal(verifyInclusion(leaf, i, n, proof, flipped(r, b)), false);
          proof.forEach((p, j) => {
            const bad = proof.map((q, x) => (x === j ? flipped(p, b) : q));
            assert.equal(verifyInclusion(leaf, i, n, bad, r), false, `${i}/${n} element ${j} byte ${b}`);
          });
        }
      }
    }
  });
  it('inclusion: wrong index, wrong size, extra or missing elements', () => {
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) {
        const leaf = leafHashOf(leaves[i]!);
        const proof = inclusionProof(i, n, log.read);
        for (let j = 0; j < n + 2; j++)
          if (j !== i) assert.equal(verifyInclusion(leaf, j, n, proof, root(n)), false, `${i} as ${j} in ${n}`);
        for (const n2 of [n - 1, n + 1, n + 2])
          if (n2 >= 1) assert.equal(verifyInclusion(leaf, i, n2, proof, root(n2)), false, `${i} in ${n} as ${n2}`);
        assert.equal(verifyInclusion(leaf, i, n, [...proof, root(1)], root(n)), false);
        if (proof.length) assert.equal(verifyInclusion(leaf, i, n, proof.slice(1), root(n)), false);
      }
    }
  });
  it('consistency: a flipped bit in any proof byte or either root, wrong sizes, swapped roots', () => {
    for (let n = 2; n <= N; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(m, n, log.read);
        const [r1, r2] = [root(m), root(n)];
        for (let b = 0; b < 32; b++) {
          assert.equal(verifyConsistency(m, n, proof, flipped(r1, b), r2), false);
          assert.equal(verifyConsistency(m, n, proof, r1, flipped(r2, b)), false);
          proof.forEach((p, j) => {
            const bad = proof.map((q, x) => (x === j ? flipped(p, b) : q));
            assert.equal(verifyConsistency(m, n, bad, r1, r2), false, `${m}->${n} element ${j} byte ${b}`);
          });
        }
        for (const m2 of [m - 1, m + 1]) if (m2 >= 1 && m2 !== n) assert.equal(verifyConsistency(m2, n, proof, root(m2), r2), false);
        for (const n2 of [n - 1, n + 1]) if (n2 > m) assert.equal(verifyConsistency(m, n2, proof, r1, root(n2)), false);
        assert.equal(verifyConsistency(m, n, proof, r2, r1), false);
        assert.equal(verifyConsistency(m, n, [], r1, r2), false);
        assert.equal(verifyConsistency(m, n, [...proof, r1], r1, r2), false);
        assert.equal(verifyConsistency(m, n, proof.slice(1), r1, r2), false);
      }
    }
  });
  it('bad input is false, never a throw', () => {
    const leaf = leafHashOf(leaves[0]!);
    const proof = inclusionProof(0, 4, log.read);
    for (const [i, n] of [
      [-1, 4],
      [4, 4],
      [0, 0],
      [Number.NaN, 4],
      [0.5, 4],
      [0, Number.POSITIVE_INFINITY],
    ] as const) {
      assert.equal(verifyInclusion(leaf, i, n, proof, root(4)), false);
    }
    assert.equal(verifyInclusion(leaf.subarray(1), 0, 4, proof, root(4)), false);
    assert.equal(verifyInclusion(leaf, 0, 4, [proof[0]!.subarray(0, 31), proof[1]!], root(4)), false);
    assert.equal(verifyInclusion(leaf, 0, 4, 'x' as unknown as Buffer[], root(4)), false);
    assert.equal(verifyInclusion(leaf, 0, 4, proof, null as unknown as Buffer), false);
    assert.equal(verifyConsistency(4, 3, [], root(4), root(3)), false);
    assert.equal(verifyConsistency(-1, 3, [], root(1), root(3)), false);
    assert.equal(verifyConsistency(2, 4, [Buffer.alloc(3)], root(2), root(4)), false);
    assert.equal(verifyConsistency(4, 4, [root(1)], root(4), root(4)), false);
  });
  it('generators reject impossible requests', () => {
    assert.throws(() => inclusionProof(4, 4, log.read), RangeError);
    assert.throws(() => inclusionProof(0, 0, log.read), RangeError);
    assert.throws(() => consistencyProof(0, 4, log.read), RangeError);
    assert.throws(() => consistencyProof(5, 4, log.read), RangeError);
    assert.throws(() => treeHash(-1, log.read), RangeError);
    assert.throws(() => treeHash(4, () => []), /returned 0 hashes/);
  });
});

describe('cost at 10^6 leaves', () => {
  const SIZE = 1_000_000;
  function countingReader() {
    const stats = { calls: 0, hashes: 0, maxIndex: -1 };
    const read: HashReader = (indexes) => {
      stats.calls++;
      stats.hashes += indexes.length;
      stats.maxIndex = Math.max(stats.maxIndex, ...indexes);
      return indexes.map((i) => createHash('sha256').update(String(i)).digest());
    };
    return { stats, read };
  }
  it('roots and proofs read O(log n) stored hashes in one call', () => {
    const log2 = Math.ceil(Math.log2(SIZE));
    const cases: Array<[string, (r: HashReader) => unknown]> = [
      ['treeHash', (r) => treeHash(SIZE, r)],
      ['inclusion first', (r) => inclusionProof(0, SIZE, r)],
      ['inclusion middle', (r) => inclusionProof(543_210, SIZE, r)],
      ['inclusion last', (r) => inclusionProof(SIZE - 1, SIZE, r)],
      ['consistency', (r) => consistencyProof(777_777, SIZE, r)],
      ['append', (r) => storedHashesForRecord(2 ** 19 - 1, EMPTY_ROOT, r)],
    ];
    for (const [name, run] of cases) {
      const { stats, read } = countingReader();
      run(read);
      assert.equal(stats.calls, 1, name);
      assert.ok(stats.hashes <= 2 * log2, `${name} read ${stats.hashes} hashes`);
      assert.ok(stats.maxIndex < storedHashCount(SIZE), name);
    }
  });
  it('sizes beyond 32 bits keep exact index arithmetic', () => {
    const n = 2 ** 40 + 12_345;
    const { stats, read } = countingReader();
    assert.equal(inclusionProof(0, n, read).length, 41);
    inclusionProof(n - 1, n, read);
    consistencyProof(n - 7, n, read);
    assert.ok(stats.maxIndex < storedHashCount(n));
    assert.equal(storedHashIndex(0, 2 ** 40), 2 ** 41 - 1);
  });
});

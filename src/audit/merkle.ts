// RFC 6962 / RFC 9162 §2.1 Merkle tree over the audit log's leaf hashes, in the "stored hashes"
// layout of Go's golang.org/x/mod/sumdb/tlog: the hash of every complete (power-of-two, aligned)
// subtree is written once, at a flat index, when the leaf that completes it is appended. Roots
// and proofs then need only O(log n) stored hashes, fetched in one batched read, so a SQLite
// table `(index INTEGER PRIMARY KEY, hash BLOB)` serves proofs at millions of leaves.
//
// Arithmetic uses `/ 2` and `% 2` rather than bit operators, which truncate to 32 bits: sizes are
// safe up to Number.MAX_SAFE_INTEGER / 2 (the stored-hash index of leaf n is < 2n).
import { hash } from 'node:crypto';

export const HASH_SIZE = 32;

/**
 * Reads stored hashes by index, returning them in the order asked. It must return exactly one
 * 32-byte hash per index and throw if one is missing; a log never asks for an index at or beyond
 * storedHashCount(size).
 */
export type HashReader = (indexes: number[]) => Buffer[];

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 §2.1: MTH({}) is the hash of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', '', 'buffer');

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 || leaf). The prefix keeps leaves and nodes apart. */
export function leafHashOf(bytes: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, bytes]), 'buffer');
}

/** RFC 6962 §2.1 interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

export function toHex(h: Buffer): string {
  return h.toString('hex');
}

/** Parses a 64-character hex hash; throws on anything else (Buffer.from would silently truncate). */
export function fromHex(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('expected a 32-byte hash as 64 hex characters');
  return Buffer.from(hex, 'hex');
}

const half = (x: number): number => Math.floor(x / 2);
const isOdd = (x: number): boolean => x % 2 === 1;

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/** Largest power of two <= x (x >= 1), and its log2: a complete subtree of that size. */
function floorPow2(x: number): { size: number; level: number } {
  let size = 1;
  let level = 0;
  while (size * 2 <= x) {
    size *= 2;
    level++;
  }
  return { size, level };
}

/**
 * Flat index of the stored hash of the n-th complete subtree at `level` (level 0 = leaves).
 * Hashes are laid out in append order: each leaf is followed by the subtrees it completes, so
 * the level-L node n sits L places after leaf 2^L·(n + 1) − 1 (tlog.StoredHashIndex).
 */
export function storedHashIndex(level: number, n: number): number {
  assertCount('level', level, 0);
  assertCount('n', n, 0);
  let leaf = n;
  for (let l = level; l > 0; l--) leaf = 2 * leaf + 1;
  // Leaf `leaf` is preceded by leaf + leaf/2 + leaf/4 + ... hashes (every leaf and every
  // complete subtree to its left).
  let i = 0;
  for (let x = leaf; x > 0; x = half(x)) i += x;
  return i + level;
}

/** Number of stored hashes in a tree of `size` leaves (tlog.StoredHashCount). */
export function storedHashCount(size: number): number {
  assertCount('size', size, 0);
  if (size === 0) return 0;
  let count = storedHashIndex(0, size - 1) + 1;
  // Leaf size−1 completes one subtree per trailing 1 bit of its index.
  for (let i = size - 1; isOdd(i); i = half(i)) count++;
  return count;
}

/**
 * The hashes to append to the store when leaf `n` (0-based; the tree has n leaves before it) is
 * added: its leaf hash, then the hash of every complete subtree it completes, bottom-up. Their
 * indexes are storedHashCount(n) .. storedHashCount(n + 1) − 1, in order. Reads the left
 * siblings (one per trailing 1 bit of n) in one call (tlog.StoredHashesForRecordHash).
 */
export function storedHashesForRecord(n: number, leafHash: Buffer, read: HashReader): Buffer[] {
  assertCount('n', n, 0);
  assertHash('leafHash', leafHash);
  let completes = 0;
  for (let x = n; isOdd(x); x = half(x)) completes++;
  const indexes: number[] = [];
  // Sibling at level i is the left subtree (n >> i) − 1; ask in ascending index order.
  for (let i = completes - 1; i >= 0; i--) indexes.push(storedHashIndex(i, Math.floor(n / 2 ** i) - 1));
  const siblings = readChecked(read, indexes);
  const out = [leafHash];
  let h = leafHash;
  for (let i = 0; i < completes; i++) {
    h = nodeHash(siblings[completes - 1 - i]!, h);
    out.push(h);
  }
  return out;
}

/**
 * MTH of a tree fed one leaf hash at a time, in O(log n) memory and one node hash per leaf on
 * average, for offline verification of an export: it keeps the compact range of complete
 * subtrees (largest first) that the leaves so far make, as the stored-hash layout does for its
 * newest leaves. root() folds them right to left, which is RFC 6962's split at the largest power
 * of two below the size.
 */
export class StreamingTree {
  private readonly stack: Buffer[] = [];
  /** 0x01 ‖ left ‖ right, reused for every node hash. */
  private readonly node = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);
  size = 0;

  add(leafHash: Buffer): void {
    assertHash('leafHash', leafHash);
    let h = leafHash;
    // Leaf n completes one subtree per trailing 1 bit of n (see storedHashesForRecord).
    for (let x = this.size; isOdd(x); x = half(x)) h = this.nodeHash(this.stack.pop() as Buffer, h);
    this.stack.push(h);
    this.size++;
  }

  root(): Buffer {
    if (this.size === 0) return EMPTY_ROOT;
    let h = this.stack[this.stack.length - 1] as Buffer;
    for (let i = this.stack.length - 2; i >= 0; i--) h = this.nodeHash(this.stack[i] as Buffer, h);
    return h;
  }

  private nodeHash(left: Buffer, right: Buffer): Buffer {
    left.copy(this.node, 1);
    right.copy(this.node, 1 + HASH_SIZE);
    return hash('sha256', this.node, 'buffer');
  }
}

/** A subtree of leaves [lo, hi), whose MTH is one element of a proof or the root. */
interface Range {
  lo: number;
  hi: number;
}

/**
 * Hashes of the given ranges, with all the stored hashes they need fetched in a single read.
 * Each range in a proof starts at a multiple of its largest power-of-two prefix, so it splits
 * into complete stored subtrees of decreasing size; RFC 6962 §2.1 splits MTH at the largest
 * power of two < n, which makes the range's hash the right fold of those parts.
 */
function rangeHashes(ranges: Range[], read: HashReader): Buffer[] {
  const indexes: number[] = [];
  const partCounts: number[] = [];
  for (const { lo, hi } of ranges) {
    let parts = 0;
    for (let at = lo; at < hi; parts++) {
      const { size, level } = floorPow2(hi - at);
      if (at % size !== 0) throw new Error(`range [${lo}, ${hi}) is not made of aligned subtrees`);
      indexes.push(storedHashIndex(level, at / size));
      at += size;
    }
    partCounts.push(parts);
  }
  const stored = readChecked(read, indexes);
  const out: Buffer[] = [];
  let pos = 0;
  for (const parts of partCounts) {
    let h = stored[pos + parts - 1]!;
    for (let i = parts - 2; i >= 0; i--) h = nodeHash(stored[pos + i]!, h);
    out.push(h);
    pos += parts;
  }
  return out;
}

function readChecked(read: HashReader, indexes: number[]): Buffer[] {
  if (indexes.length === 0) return [];
  const hashes = read(indexes);
  if (hashes.length !== indexes.length) throw new Error(`hash reader returned ${hashes.length} hashes for ${indexes.length} indexes`);
  for (const h of hashes) assertHash('stored hash', h);
  return hashes;
}

function assertHash(name: string, h: Buffer): void {
  if (!Buffer.isBuffer(h) || h.length !== HASH_SIZE) throw new Error(`${name} must be a ${HASH_SIZE}-byte Buffer`);
}

/** MTH(D[size]) (RFC 6962 §2.1), from at most log2(size) + 1 stored hashes. */
export function treeHash(size: number, read: HashReader): Buffer {
  assertCount('size', size, 0);
  if (size === 0) return EMPTY_ROOT;
  return rangeHashes([{ lo: 0, hi: size }], read)[0]!;
}

/**
 * PATH(index, D[size]) (RFC 9162 §2.1.3.1): the sibling subtree hashes from the leaf up to the
 * root. The recursive definition appends each level's sibling after the deeper path, so walking
 * down from the root and reversing gives the same order.
 */
export function inclusionProof(index: number, size: number, read: HashReader): Buffer[] {
  assertCount('size', size, 1);
  assertCount('index', index, 0);
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  const siblings: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = largestPow2Below(hi - lo);
    if (index < lo + k) {
      siblings.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      siblings.push({ lo, hi: lo + k });
      lo += k;
    }
  }
  return rangeHashes(siblings.reverse(), read);
}

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), for 0 < m <= n; m == n gives []
 * (the trees are the same). The walk follows the old tree's right edge down; when it lands on a
 * subtree equal to D[m]'s last complete piece, that piece's hash is included unless it is the
 * whole old tree (b still true, i.e. lo == 0), which the verifier already holds as its root.
 */
export function consistencyProof(m: number, n: number, read: HashReader): Buffer[] {
  assertCount('m', m, 1);
  assertCount('n', n, 1);
  if (m > n) throw new RangeError(`old size ${m} is larger than new size ${n}`);
  const siblings: Range[] = [];
  let lo = 0;
  let hi = n;
  while (m !== hi) {
    const k = largestPow2Below(hi - lo);
    if (m <= lo + k) {
      siblings.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      siblings.push({ lo, hi: lo + k });
      lo += k;
    }
  }
  const ranges = lo === 0 ? [] : [{ lo, hi }];
  return rangeHashes(ranges.concat(siblings.reverse()), read);
}

/** k in RFC 6962 §2.1: the largest power of two strictly smaller than x (x >= 2). */
function largestPow2Below(x: number): number {
  return floorPow2(x - 1).size;
}

function isHash(h: unknown): h is Buffer {
  return Buffer.isBuffer(h) && h.length === HASH_SIZE;
}

function isProof(proof: unknown): proof is Buffer[] {
  return Array.isArray(proof) && proof.every(isHash);
}

/**
 * RFC 9162 §2.1.3.2, step for step. fn is the node's index at the current level and sn the
 * index of the last node; a node with fn == sn and even fn has no right sibling at this level, so
 * the levels where it is carried up unchanged are skipped. Never throws: bad input is false.
 */
export function verifyInclusion(leafHash: Buffer, index: number, size: number, proof: Buffer[], root: Buffer): boolean {
  if (!isHash(leafHash) || !isHash(root) || !isProof(proof)) return false;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2, step for step: the proof rebuilds both roots at once, fr from the nodes
 * shared with the old tree and sr from all of them. Two cases the RFC text leaves out, decided
 * as transparency-dev/merkle and c2sp.org/tlog-witness do: size1 == size2 needs an empty proof
 * and equal roots; size1 == 0 (the empty tree is a prefix of every tree) needs an empty proof and
 * root1 == SHA-256(""). Never throws: bad input is false.
 */
export function verifyConsistency(size1: number, size2: number, proof: Buffer[], root1: Buffer, root2: Buffer): boolean {
  if (!isHash(root1) || !isHash(root2) || !isProof(proof)) return false;
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0 && root1.equals(EMPTY_ROOT);
  if (proof.length === 0) return false;
  // Step 2: when the old tree is complete, its root is itself a node of the new tree.
  const path = floorPow2(size1).size === size1 ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

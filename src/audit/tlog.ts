// The transparency log over the audit trail: signed C2SP checkpoints and RFC 9162 proofs,
// computed from the stored subtree hashes (O(log n) reads per proof). Storage comes in
// through narrow interfaces; this module never sees a driver.
import { signCheckpoint } from './checkpoint.js';
import { consistencyProof, type HashReader, inclusionProof, toHex, treeHash } from './merkle.js';
import type { LogSigner } from './signing-key.js';

export interface TreeSource {
  /** Runs `fn` on one consistent snapshot of the log (records and stored hashes agree). */
  snapshot<T>(fn: (view: { size: number; read: HashReader; leafHash: (seq: number) => string | undefined }) => T): T;
}

export interface CheckpointStore {
  latest(): { size: number; note: string } | undefined;
  get(size: number): string | undefined;
  /** Keeps the first note stored for a size (all notes for a size carry the same root). */
  put(size: number, note: string, at: number): void;
}

export class ProofError extends Error {}

export interface InclusionProofResult {
  index: number;
  tree_size: number;
  leaf_hash: string;
  inclusion: string[];
  checkpoint: string;
}

export interface ConsistencyProofResult {
  from: number;
  to: number;
  consistency: string[];
}

export class TransparencyLog {
  constructor(
    private readonly tree: TreeSource,
    private readonly checkpoints: CheckpointStore,
    private readonly key: LogSigner,
  ) {}

  get vkey(): string {
    return this.key.vkey;
  }

  get origin(): string {
    return this.key.origin;
  }

  /** The signed checkpoint for `size` (default: the current size), signing it if needed. */
  checkpoint(size?: number): { size: number; note: string } {
    const signed = this.tree.snapshot((view) => {
      const n = size ?? view.size;
      if (!Number.isSafeInteger(n) || n < 0 || n > view.size) throw new ProofError(`tree size ${n} is outside 0..${view.size}`);
      const existing = this.checkpoints.get(n);
      if (existing) return { size: n, note: existing, fresh: false };
      const note = signCheckpoint({ origin: this.key.origin, size: n, rootHash: treeHash(n, view.read) }, this.key.signer);
      return { size: n, note, fresh: true };
    });
    // Stored outside the read snapshot: a read transaction cannot become a write one once the
    // writer has committed since it began (SQLITE_BUSY_SNAPSHOT under WAL).
    if (!signed.fresh) return { size: signed.size, note: signed.note };
    this.checkpoints.put(signed.size, signed.note, Date.now());
    return { size: signed.size, note: this.checkpoints.get(signed.size) ?? signed.note };
  }

  /** Signs a checkpoint if the log grew since the latest one; returns it, or undefined. */
  publish(): { size: number; note: string } | undefined {
    const latest = this.checkpoints.latest();
    const size = this.tree.snapshot((v) => v.size);
    if (latest && latest.size >= size) return undefined;
    return this.checkpoint(size);
  }

  latest(): { size: number; note: string } {
    return this.checkpoints.latest() ?? this.checkpoint();
  }

  proveInclusion(index: number, size?: number): InclusionProofResult {
    const cp = size === undefined ? this.latestCovering(index) : this.checkpoint(size);
    return this.tree.snapshot((view) => {
      if (!Number.isSafeInteger(index) || index < 0 || index >= cp.size) {
        throw new ProofError(`record ${index} is not in the tree of size ${cp.size}`);
      }
      const leaf = view.leafHash(index);
      if (!leaf) throw new ProofError(`record ${index} has no stored leaf hash`);
      return {
        index,
        tree_size: cp.size,
        leaf_hash: leaf,
        inclusion: inclusionProof(index, cp.size, view.read).map(toHex),
        checkpoint: cp.note,
      };
    });
  }

  proveConsistency(from: number, to: number): ConsistencyProofResult {
    return this.tree.snapshot((view) => {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || from > to || to > view.size) {
        throw new ProofError(`consistency needs 1 <= from <= to <= ${view.size} (got from ${from}, to ${to})`);
      }
      return { from, to, consistency: consistencyProof(from, to, view.read).map(toHex) };
    });
  }

  /** The latest checkpoint if it covers `index`, else a fresh one at the current size. */
  private latestCovering(index: number): { size: number; note: string } {
    const latest = this.checkpoints.latest();
    return latest && latest.size > index ? latest : this.checkpoint();
  }
}

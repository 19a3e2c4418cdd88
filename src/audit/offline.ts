// Offline verification of an exported log: no database, no server, only the export, a signed
// checkpoint and the log's public key. Checks the hash chain and every leaf, recomputes the
// RFC 6962 tree from the leaves and compares it with the signed root (which proves inclusion of
// every record), and checks consistency with an earlier checkpoint the auditor kept.
import { CheckpointError, openCheckpoint } from './checkpoint.js';
import { StreamingTree, toHex } from './merkle.js';
import { NoteError, parseVerifierKey } from './note.js';
import type { StoredRow } from './verify.js';
import { verifyChain } from './verify.js';

export type OfflineResult =
  | { ok: true; records: number; checkpoint_size: number; root: string; previous_size?: number }
  | { ok: false; problem: string; seq?: number; id?: string };

function openSigned(note: string, vkey: string, label: string) {
  try {
    return openCheckpoint(note, [parseVerifierKey(vkey)]).checkpoint;
  } catch (err) {
    if (err instanceof NoteError || err instanceof CheckpointError) throw new Error(`${label}: ${err.message}`);
    throw err;
  }
}

export function verifyExport(rows: StoredRow[], options: { vkey: string; checkpoint: string; previous?: string }): OfflineResult {
  const chain = verifyChain(rows);
  if (!chain.ok)
    return { ok: false, problem: `record seq ${chain.seq} (id ${chain.id || '?'}): ${chain.problem}`, seq: chain.seq, id: chain.id };
  let cp: ReturnType<typeof openSigned>;
  let prev: ReturnType<typeof openSigned> | undefined;
  try {
    cp = openSigned(options.checkpoint, options.vkey, 'checkpoint');
    if (options.previous !== undefined) prev = openSigned(options.previous, options.vkey, 'previous checkpoint');
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  if (cp.size !== rows.length) {
    return {
      ok: false,
      problem: `the checkpoint covers ${cp.size} records but the export holds ${rows.length}: ${cp.size < rows.length ? 'records after the checkpoint are not covered by a signature' : 'records are missing from the export'}`,
    };
  }
  // Rebuild the tree from the leaves in one pass (O(log n) memory), taking the root at the
  // previous checkpoint's size on the way.
  const tree = new StreamingTree();
  let previousRoot = prev?.size === 0 ? tree.root() : undefined;
  for (const row of rows) {
    tree.add(Buffer.from(row.hash, 'hex'));
    if (tree.size === prev?.size) previousRoot = tree.root();
  }
  const root = tree.root();
  if (!root.equals(cp.rootHash)) {
    return {
      ok: false,
      problem: `the records do not hash to the signed root of size ${cp.size} (some record differs from what was signed)`,
    };
  }
  if (prev) {
    if (prev.origin !== cp.origin) return { ok: false, problem: `the previous checkpoint is for another log (${prev.origin})` };
    if (prev.size > cp.size)
      return { ok: false, problem: `the previous checkpoint (size ${prev.size}) is newer than the export (size ${cp.size})` };
    if (!previousRoot?.equals(prev.rootHash)) {
      return { ok: false, problem: `the log is not consistent with the previous checkpoint of size ${prev.size}: history was rewritten` };
    }
  }
  return { ok: true, records: rows.length, checkpoint_size: cp.size, root: toHex(root), ...(prev ? { previous_size: prev.size } : {}) };
}

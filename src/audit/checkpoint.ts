// C2SP tlog-checkpoint v1.0.0 (c2sp.org/tlog-checkpoint): the signed-note body that commits a
// log to its RFC 6962 tree head, `<origin>\n<size>\n<base64 root>\n[extension lines]`. Parsing is
// strict so that one tree head has exactly one text: the signature covers the text, not the
// values a lenient parser would read out of it.
import { decodeBase64Strict, type NoteSigner, type NoteVerifier, openNote, signNote } from './note.js';

export interface Checkpoint {
  /** Unique identity of the log; by convention also the name of its signing key. */
  origin: string;
  size: number;
  /** RFC 6962 MTH of the first `size` leaves (32 bytes). */
  rootHash: Buffer;
  /** Opaque extra lines; NOT RECOMMENDED by the spec because monitors cannot audit them. */
  extensions: string[];
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

// signed-note "Format" forbids ASCII controls anywhere; an origin or extension line must also
// not smuggle in a newline and shift the lines after it.
const CONTROL = /[\x00-\x1f]/;
const SURROGATE = /\p{Surrogate}/u;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

function checkLine(what: string, line: string): void {
  if (line.length === 0) throw new CheckpointError(`checkpoint ${what} must be non-empty`);
  if (CONTROL.test(line) || SURROGATE.test(line))
    throw new CheckpointError(`checkpoint ${what} must be UTF-8 text without control characters`);
}

/** The note text for a tree head (tlog-checkpoint "Note text"). */
export function formatCheckpoint(cp: { origin: string; size: number; rootHash: Buffer; extensions?: readonly string[] }): string {
  checkLine('origin', cp.origin);
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new CheckpointError(`checkpoint size must be a non-negative integer, got ${cp.size}`);
  if (!Buffer.isBuffer(cp.rootHash) || cp.rootHash.length !== 32) throw new CheckpointError('checkpoint root hash must be 32 bytes');
  const extensions = cp.extensions ?? [];
  for (const line of extensions) checkLine('extension line', line);
  return [cp.origin, String(cp.size), cp.rootHash.toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text (the `text` of an opened note), rejecting any non-canonical form. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint text must end with a newline');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = text.slice(0, -1).split('\n');
  checkLine('origin', origin);
  // "ASCII decimal ... with no leading zeroes"; sizes past 2^53 cannot be held exactly here.
  if (!DECIMAL.test(sizeText))
    throw new CheckpointError(`checkpoint size ${JSON.stringify(sizeText)} is not a decimal without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`checkpoint size ${sizeText} is too large`);
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash?.length !== 32) throw new CheckpointError('checkpoint root hash must be the base64 of 32 bytes');
  for (const line of extensions) checkLine('extension line', line);
  return { origin, size, rootHash, extensions };
}

/** Signs a tree head as a checkpoint note; the spec says the key name SHOULD equal the origin. */
export function signCheckpoint(cp: Parameters<typeof formatCheckpoint>[0], signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), signer);
}

/**
 * Opens a signed checkpoint: the note must verify (note.ts rules) and, when `origin` is given,
 * the checkpoint must be that log's, so a valid checkpoint of another log is not mistaken for it.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): { checkpoint: Checkpoint; verifiedBy: string[] } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new CheckpointError(`checkpoint is for origin ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(origin)}`);
  }
  return { checkpoint, verifiedBy: opened.verifiedBy };
}

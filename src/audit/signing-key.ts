// The log's checkpoint signing key: generated on first use, kept in the data directory as a
// Go-compatible skey string in a file only its owner can read (0600). Its name is the log's
// origin (C2SP tlog-checkpoint: the key name SHOULD equal the origin).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519, isValidKeyName, type NoteSigner, parseSignerKey, signerKey, verifierKey } from './note.js';

export const SIGNING_KEY_FILE = 'audit-signing.key';

export interface LogSigner {
  origin: string;
  signer: NoteSigner;
  /** The C2SP verifier key `<name>+<hex8>+<base64>` auditors use. */
  vkey: string;
  file: string;
}

export class SigningKeyError extends Error {}

/**
 * Loads the signing key from `dataDir`, creating it when absent (unless `create` is false).
 * `origin` (config) must match the key's name when both exist: a log does not change identity.
 */
export function loadSigningKey(dataDir: string, origin: string | undefined, create = true): LogSigner {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    if (!create) throw new SigningKeyError(`no audit signing key at ${file}; start the server once (gatehouse serve) to create it`);
    const name = origin ?? `gatehouse.local/audit/${randomBytes(4).toString('hex')}`;
    if (!isValidKeyName(name)) throw new SigningKeyError(`audit.origin "${name}" is not a valid key name (no spaces or "+")`);
    const { seed } = generateEd25519();
    // wx: never overwrite a key another process created a moment ago.
    try {
      writeFileSync(file, `${signerKey(name, seed)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) chmodSync(file, 0o600);
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(readFileSync(file, 'utf8').trim());
  } catch (err) {
    throw new SigningKeyError(`${file}: not a valid signing key (${(err as Error).message})`);
  }
  if (origin !== undefined && origin !== signer.name) {
    throw new SigningKeyError(
      `audit.origin is "${origin}" but the signing key in ${file} belongs to "${signer.name}"; a log keeps its origin — remove audit.origin or fix it`,
    );
  }
  return { origin: signer.name, signer, vkey: verifierKey(signer.name, signer.publicKey), file };
}

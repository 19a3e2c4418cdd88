// C2SP signed-note v1.0.0 (c2sp.org/signed-note, = Go golang.org/x/mod/sumdb/note) with Ed25519
// signatures, type 0x01. Checkpoints are signed notes; so are witness cosignatures, which is why
// signatures from unknown keys are carried along rather than rejected.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

/** signed-note "Signature types": 0x01 is Ed25519 over the note text. */
export const ED25519_SIG_TYPE = 0x01;
/** Go note.Open's cap; the spec requires accepting at least 16. */
export const MAX_SIGNATURES = 100;

const SIG_PREFIX = '\u2014 '; // em dash, space
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
// RFC 8410 DER wrappers, so raw 32-byte keys load without a JWK round trip.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  name: string;
  keyId: number;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
}

export interface NoteSigner {
  name: string;
  privateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key (it names the key: see keyId). */
  publicKey: Buffer;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  text: string;
  /** Names of the known keys whose signatures verified, in note order. */
  verifiedBy: string[];
  /** Signatures from keys not configured: ignored as the spec requires (e.g. witness cosignatures). */
  unknown: Array<{ name: string; keyId: number }>;
}

export type NoteErrorCode = 'malformed' | 'bad-key' | 'unverified' | 'invalid-signature';

export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

/**
 * Base64 as RFC 4648 §4 with padding, rejecting what Buffer.from would silently skip or
 * truncate (other characters, missing padding, non-zero pad bits), so one value has one text.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** signed-note "Format": names are non-empty, without Unicode spaces or '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && isWellFormed(name) && !/[\x00-\x1f]/.test(name);
}

function isWellFormed(s: string): boolean {
  return !/\p{Surrogate}/u.test(s);
}

/** signed-note "Ed25519 signatures": SHA-256(name || 0x0A || 0x01 || pub)[:4], big-endian. */
export function keyId(name: string, publicKey: Buffer): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIG_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function checkKey(name: string, publicKey: Buffer): void {
  if (!isValidKeyName(name))
    throw new NoteError('bad-key', `invalid key name ${JSON.stringify(name)}: must be non-empty, without spaces or '+'`);
  if (publicKey.length !== 32) throw new NoteError('bad-key', 'an Ed25519 public key is 32 bytes');
}

/** The Go vkey format `<name>+<hex8 key id>+<base64(0x01 || pub)>`, what verifiers configure. */
export function verifierKey(name: string, publicKey: Buffer): string {
  checkKey(name, publicKey);
  return `${name}+${hex8(keyId(name, publicKey))}+${Buffer.concat([Buffer.from([ED25519_SIG_TYPE]), publicKey]).toString('base64')}`;
}

/** Splits `<name>+<hex8>+<base64>`: names cannot contain '+', base64 can, so only the first two count. */
function splitKeyString(s: string): { name: string; id: number; key: Buffer } | null {
  const first = s.indexOf('+');
  const second = s.indexOf('+', first + 1);
  if (first < 0 || second < 0) return null;
  const idText = s.slice(first + 1, second);
  const key = decodeBase64Strict(s.slice(second + 1));
  if (!/^[0-9a-fA-F]{8}$/.test(idText) || !key || key.length === 0) return null;
  return { name: s.slice(0, first), id: Number.parseInt(idText, 16), key };
}

/** Parses a vkey, checking that its key id is the one its name and key imply. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = splitKeyString(vkey);
  if (!parts) throw new NoteError('bad-key', 'verifier key must be <name>+<8 hex digits>+<base64 key>');
  const { name, id, key } = parts;
  if (key[0] !== ED25519_SIG_TYPE)
    throw new NoteError('bad-key', `unsupported signature type 0x${key[0]!.toString(16).padStart(2, '0')} (only Ed25519, 0x01)`);
  const publicKey = key.subarray(1);
  checkKey(name, publicKey);
  if (keyId(name, publicKey) !== id) throw new NoteError('bad-key', `verifier key id ${hex8(id)} does not match its name and key`);
  return { name, keyId: id, publicKey };
}

/** Loads an Ed25519 key pair from its 32-byte RFC 8032 seed (the private key proper). */
export function ed25519FromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  if (seed.length !== 32) throw new NoteError('bad-key', 'an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawPublicKey(privateKey) };
}

/** The 32-byte seed of an Ed25519 private key, for storing it in a key file. */
export function exportSeed(privateKey: KeyObject): Buffer {
  const { d } = privateKey.export({ format: 'jwk' });
  if (privateKey.asymmetricKeyType !== 'ed25519' || !d) throw new NoteError('bad-key', 'not an Ed25519 private key');
  return Buffer.from(d, 'base64url');
}

export function generateEd25519(): { seed: Buffer; privateKey: KeyObject; publicKey: Buffer } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { seed: exportSeed(privateKey), privateKey, publicKey: rawPublicKey(privateKey) };
}

function rawPublicKey(key: KeyObject): Buffer {
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  if (!x) throw new NoteError('bad-key', 'not an Ed25519 key');
  return Buffer.from(x, 'base64url');
}

export function noteSigner(name: string, seed: Uint8Array): NoteSigner {
  const { privateKey, publicKey } = ed25519FromSeed(seed);
  checkKey(name, publicKey);
  return { name, privateKey, publicKey };
}

/** The Go skey format `PRIVATE+KEY+<name>+<hex8>+<base64(0x01 || seed)>`: a key file's content. */
export function signerKey(name: string, seed: Uint8Array): string {
  const { publicKey } = noteSigner(name, seed);
  return `${PRIVATE_KEY_PREFIX}${name}+${hex8(keyId(name, publicKey))}+${Buffer.concat([Buffer.from([ED25519_SIG_TYPE]), seed]).toString('base64')}`;
}

export function parseSignerKey(skey: string): NoteSigner {
  const parts = skey.startsWith(PRIVATE_KEY_PREFIX) ? splitKeyString(skey.slice(PRIVATE_KEY_PREFIX.length)) : null;
  if (!parts || parts.key[0] !== ED25519_SIG_TYPE)
    throw new NoteError('bad-key', `signer key must be ${PRIVATE_KEY_PREFIX}<name>+<hex8>+<base64(0x01 || seed)>`);
  const signer = noteSigner(parts.name, parts.key.subarray(1));
  if (keyId(parts.name, signer.publicKey) !== parts.id) throw new NoteError('bad-key', 'signer key id does not match its name and key');
  return signer;
}

function spki(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** signed-note "Format": valid UTF-8 with no ASCII control characters but newline. */
function checkNoteChars(text: string, what: string): void {
  if (!isWellFormed(text)) throw new NoteError('malformed', `${what} is not valid UTF-8`);
  if (/[\x00-\x09\x0b-\x1f]/.test(text)) throw new NoteError('malformed', `${what} contains a control character`);
}

/**
 * Signs `text` (which must end in a newline) and returns the whole note: the text, a blank
 * line, one `— <name> <base64(key id || signature)>` line per signer.
 */
export function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): string {
  checkNoteChars(text, 'note text');
  if (!text.endsWith('\n')) throw new NoteError('malformed', 'note text must end with a newline');
  const list = Array.isArray(signers) ? signers : [signers as NoteSigner];
  if (list.length === 0) throw new NoteError('bad-key', 'a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  let lines = '';
  for (const s of list) {
    checkKey(s.name, s.publicKey);
    // A mismatched pair would publish signatures no one can verify; catch it here, not in the field.
    if (!rawPublicKey(s.privateKey).equals(s.publicKey))
      throw new NoteError('bad-key', `signer ${s.name}: public key does not match the private key`);
    const id = Buffer.alloc(4);
    id.writeUInt32BE(keyId(s.name, s.publicKey));
    lines += `${SIG_PREFIX}${s.name} ${Buffer.concat([id, sign(null, message, s.privateKey)]).toString('base64')}\n`;
  }
  return `${text}\n${lines}`;
}

/**
 * Splits and verifies a signed note (signed-note "Signatures"): signatures from unknown
 * (name, key id) pairs are ignored; a known pair's signature must verify or the whole note is
 * rejected; at least one known signature is required. Throws a NoteError otherwise.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const msg = typeof note === 'string' ? note : decodeUtf8(note);
  checkNoteChars(msg, 'note');
  // The text ends at the newline before the last blank line (signed-note "Format").
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed', 'note has no blank line before its signatures');
  const text = msg.slice(0, split + 1);
  const block = msg.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('malformed', 'note signatures must be newline-terminated lines');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed', `note has more than ${MAX_SIGNATURES} signatures`);

  for (const v of verifiers) {
    if (keyId(v.name, v.publicKey) !== v.keyId)
      throw new NoteError('bad-key', `verifier ${v.name}: key id does not match its name and key`);
  }
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  const unknown: OpenedNote['unknown'] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const sig = parseSignatureLine(line);
    const who = `${sig.name}+${hex8(sig.keyId)}`;
    if (seen.has(who)) continue; // a repeated signature adds nothing (Go note.Open drops it too)
    seen.add(who);
    const v = verifiers.find((k) => k.name === sig.name && k.keyId === sig.keyId);
    if (!v) {
      unknown.push({ name: sig.name, keyId: sig.keyId });
      continue;
    }
    if (sig.signature.length !== 64 || !verify(null, message, spki(v.publicKey), sig.signature)) {
      throw new NoteError('invalid-signature', `signature by ${sig.name} (key ${hex8(sig.keyId)}) does not verify`);
    }
    verifiedBy.push(sig.name);
  }
  if (verifiedBy.length === 0) throw new NoteError('unverified', 'note has no signature from a known key');
  return { text, verifiedBy, unknown };
}

function parseSignatureLine(line: string): { name: string; keyId: number; signature: Buffer } {
  if (!line.startsWith(SIG_PREFIX)) throw new NoteError('malformed', 'signature line must start with an em dash and a space');
  const rest = line.slice(SIG_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const bytes = space < 0 ? null : decodeBase64Strict(rest.slice(space + 1));
  if (!isValidKeyName(name)) throw new NoteError('malformed', `invalid key name in signature line: ${JSON.stringify(name)}`);
  if (!bytes || bytes.length < 5) throw new NoteError('malformed', `signature by ${name} is not base64 of a key id and a signature`);
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    // ignoreBOM keeps a leading U+FEFF: it is part of the signed bytes.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NoteError('malformed', 'note is not valid UTF-8');
  }
}

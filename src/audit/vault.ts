// Content vault: optional capture of prompts and completions, encrypted with AES-256-GCM under a
// per-subject data key that is itself wrapped (AES-256-GCM) by a master key. Erasing a subject
// destroys its wrapped key (crypto-shredding): the ciphertexts stay, unreadable, and the audit
// log — which never held the content — still verifies.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_FILE = 'content-master.key';

export interface VaultKeyStore {
  /** The wrapped data key of a subject; null when it was destroyed; undefined when none yet. */
  getWrapped(subject: string): Buffer | null | undefined;
  /** Stores a new wrapped key; returns false when another writer stored one first. */
  putWrapped(subject: string, wrapped: Buffer, at: number): boolean;
  /** Destroys the subject's key; returns whether there was one to destroy. */
  destroy(subject: string, at: number): boolean;
}

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  data: Buffer;
}

export class VaultError extends Error {}

function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
  return { nonce, data };
}

function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.nonce);
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.data.subarray(sealed.data.length - 16));
  return Buffer.concat([d.update(sealed.data.subarray(0, sealed.data.length - 16)), d.final()]);
}

const pack = (s: Sealed) => Buffer.concat([s.nonce, s.data]);
const unpack = (b: Buffer): Sealed => ({ nonce: b.subarray(0, 12), data: b.subarray(12) });

/** The master key: 32 bytes from env (hex or base64), a named file, or generated into the data dir (0600). */
export function loadMasterKey(options: { env?: string | undefined; file?: string | undefined; dataDir: string }): Buffer {
  const decode = (text: string, where: string) => {
    const t = text.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
    if (key.length !== 32) throw new VaultError(`${where}: the content master key must be 32 bytes (64 hex characters or base64)`);
    return key;
  };
  if (options.env) return decode(options.env, 'GATEHOUSE_MASTER_KEY');
  if (options.file) return decode(readFileSync(options.file, 'utf8'), options.file);
  const file = join(options.dataDir, MASTER_KEY_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return decode(readFileSync(file, 'utf8'), file);
}

export class ContentVault {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly master: Buffer,
    private readonly keys: VaultKeyStore,
  ) {}

  /** Forgets cached data keys (after another process erased a subject). */
  clearCache(): void {
    this.cache.clear();
  }

  private dataKey(subject: string, create: boolean): Buffer | undefined {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    let wrapped = this.keys.getWrapped(subject);
    if (wrapped === null) return undefined;
    if (wrapped === undefined) {
      if (!create) return undefined;
      const fresh = randomBytes(32);
      if (!this.keys.putWrapped(subject, pack(seal(this.master, fresh, `data-key:${subject}`)), Date.now())) {
        wrapped = this.keys.getWrapped(subject);
        if (!wrapped) return undefined;
      } else {
        this.cache.set(subject, fresh);
        return fresh;
      }
    }
    const key = open(this.master, unpack(wrapped), `data-key:${subject}`);
    this.cache.set(subject, key);
    return key;
  }

  /** Encrypts content for a subject, bound to the record id; undefined when the subject was erased. */
  encrypt(subject: string, recordId: string, plaintext: Buffer): Buffer | undefined {
    const key = this.dataKey(subject, true);
    return key ? pack(seal(key, plaintext, `content:${recordId}:${subject}`)) : undefined;
  }

  /** Decrypts; undefined when the subject's key was destroyed (erased). */
  decrypt(subject: string, recordId: string, blob: Buffer): Buffer | undefined {
    const key = this.dataKey(subject, false);
    return key ? open(key, unpack(blob), `content:${recordId}:${subject}`) : undefined;
  }

  erase(subject: string): boolean {
    this.cache.delete(subject);
    return this.keys.destroy(subject, Date.now());
  }
}

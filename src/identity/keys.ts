// API key format, generation and verification. Format (stable, documented in the README):
//   gth_<id: 12 chars [a-z2-7]>_<secret: 32 chars base62><check: 6 chars base62>
// The prefix makes leaked keys greppable; the check (first bytes of SHA-256 over the rest) lets a
// secret scanner tell a real key from a look-alike offline. Only SHA-256 of the whole key is stored:
// keys carry ~190 random bits, so a fast unkeyed hash is safe (as Unkey and GitHub do).
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KEY_PREFIX = 'gth_';
/** Linear-time (no nested quantifiers) pattern for scanners and docs. */
export const KEY_PATTERN = /\bgth_[a-z2-7]{12}_[0-9A-Za-z]{38}\b/;

function randomString(alphabet: string, length: number): string {
  // Rejection sampling keeps the distribution uniform.
  const out: string[] = [];
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out.push(alphabet[b % alphabet.length] as string);
    }
  }
  return out.join('');
}

function checksum(body: string): string {
  const digest = hash('sha256', body, 'buffer');
  let out = '';
  for (let i = 0; i < 6; i++) out += B62[(digest[i] as number) % 62];
  return out;
}

export function newKeyId(): string {
  return randomString(B32, 12);
}

export function newSecret(id: string): string {
  const body = `${KEY_PREFIX}${id}_${randomString(B62, 32)}`;
  return body + checksum(body);
}

export interface ParsedKey {
  id: string;
}

/** Structural check only (format and checksum); says nothing about validity. */
export function parseKey(key: string): ParsedKey | undefined {
  if (key.length !== 55 || !key.startsWith(KEY_PREFIX) || key[16] !== '_') return undefined;
  const id = key.slice(4, 16);
  for (const c of id) if (!B32.includes(c)) return undefined;
  const secretAndCheck = key.slice(17);
  for (const c of secretAndCheck) if (!B62.includes(c)) return undefined;
  if (checksum(key.slice(0, 49)) !== key.slice(49)) return undefined;
  return { id };
}

export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** A key's public, non-secret hint for listings: prefix and id. */
export function keyHint(id: string): string {
  return `${KEY_PREFIX}${id}_…`;
}

// Multi-factor authentication with RFC 6238 TOTP (otpauth: SHA-1, 6 digits, 30 s, one step of
// drift either way) and single-use recovery codes. The TOTP secret is stored encrypted with
// AES-256-GCM under the master key; recovery codes are stored as SHA-256 hashes (80 random bits
// each, so an unkeyed hash is safe). A code is accepted once: a replayed one is refused.
// The design leaves room for WebAuthn: a session only records that a second factor was shown.
import { createCipheriv, createDecipheriv, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { GatehouseError } from '../errors.js';
import type { MfaStore } from '../store/access.js';
import { type Actor, type AuditFn, adminEntry } from './key-service.js';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

function recoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

const normalizeCode = (code: string) => code.trim().toLowerCase().replaceAll('-', '').replaceAll(' ', '');

export class MfaService {
  private enrolledUsers = new Set<string>();
  private seen = -1;
  /** Last accepted TOTP counter per user: a code is good once. */
  private readonly lastCounter = new Map<string, number>();

  constructor(
    private readonly store: MfaStore,
    /** Loaded on first use (the master key file is only created when someone enrols). */
    private readonly loadKey: () => Buffer,
    private readonly issuer: string,
    private readonly audit: AuditFn,
  ) {
    this.refresh();
  }

  refresh(): void {
    const g = this.store.generation();
    if (g === this.seen) return;
    this.enrolledUsers = new Set(this.store.enrolled());
    this.seen = g;
  }

  enrolled(userId: string): boolean {
    return this.enrolledUsers.has(userId);
  }

  private masterKey: Buffer | undefined;
  private key(): Buffer {
    this.masterKey ??= this.loadKey();
    return this.masterKey;
  }

  private encrypt(secret: string): Buffer {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key(), iv);
    const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }

  private decrypt(blob: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', this.key(), blob.subarray(0, 12));
    d.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
  }

  private totp(userId: string, secretB32: string): TOTP {
    return new TOTP({ issuer: this.issuer, label: userId, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretB32) });
  }

  /** Starts (or restarts) enrolment: the secret and recovery codes are shown once. */
  async enroll(userId: string, actor: Actor): Promise<{ secret: string; uri: string; recoveryCodes: string[] }> {
    const secret = new Secret({ size: 20 }).base32;
    const recoveryCodes = Array.from({ length: 10 }, recoveryCode);
    await this.audit(adminEntry(actor, 'mfa.enroll', userId, { method: 'totp', recovery_codes: recoveryCodes.length }));
    this.store.put({
      userId,
      secret: this.encrypt(secret),
      recovery: recoveryCodes.map((c) => hash('sha256', normalizeCode(c), 'hex')),
      createdAt: Date.now(),
      confirmedAt: null,
    });
    this.refresh();
    return { secret, uri: this.totp(userId, secret).toString(), recoveryCodes };
  }

  /** Checks a TOTP code; the first good one confirms a pending enrolment. */
  async verify(userId: string, code: string, actor: Actor, now = Date.now()): Promise<'totp' | 'recovery'> {
    const rec = this.store.get(userId);
    if (!rec) throw new GatehouseError('mfa_required', `user "${userId}" has no MFA enrolment`);
    const c = normalizeCode(code);
    if (/^\d{6}$/.test(c)) {
      const totp = this.totp(userId, this.decrypt(rec.secret));
      const delta = totp.validate({ token: c, timestamp: now, window: 1 });
      const counter = Math.floor(now / 30_000) + (delta ?? 0);
      if (delta !== null && counter > (this.lastCounter.get(userId) ?? -1)) {
        this.lastCounter.set(userId, counter);
        if (rec.confirmedAt === null) {
          await this.audit(adminEntry(actor, 'mfa.confirm', userId, { method: 'totp' }));
          this.store.put({ ...rec, confirmedAt: now });
          this.refresh();
        }
        return 'totp';
      }
    } else if (rec.confirmedAt !== null && c.length === 16) {
      const h = hash('sha256', c, 'hex');
      // Constant-time over every stored hash, so timing does not tell which one nearly matched.
      let match = false;
      for (const stored of rec.recovery) match = timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(h, 'hex')) || match;
      if (match && this.store.useRecovery(userId, h)) {
        await this.audit(adminEntry(actor, 'mfa.recovery_used', userId, { remaining: rec.recovery.length - 1 }));
        return 'recovery';
      }
    }
    throw new GatehouseError('mfa_required', 'invalid or reused MFA code', { internal: `bad code for ${userId}` });
  }

  /** New recovery codes (the old ones stop working). */
  async regenerateRecovery(userId: string, actor: Actor): Promise<string[]> {
    const rec = this.store.get(userId);
    if (!rec?.confirmedAt) throw new GatehouseError('invalid_request', `user "${userId}" has no confirmed MFA enrolment`);
    const codes = Array.from({ length: 10 }, recoveryCode);
    await this.audit(adminEntry(actor, 'mfa.recovery_regenerate', userId, { recovery_codes: codes.length }));
    this.store.put({ ...rec, recovery: codes.map((x) => hash('sha256', normalizeCode(x), 'hex')) });
    return codes;
  }

  async remove(userId: string, actor: Actor): Promise<boolean> {
    if (!this.store.get(userId)) return false;
    await this.audit(adminEntry(actor, 'mfa.remove', userId, {}));
    const ok = this.store.remove(userId);
    this.refresh();
    return ok;
  }
}

/** Short-lived admin sessions opened with a second factor; tokens are held only as hashes. */
export class SessionStore {
  private readonly sessions = new Map<string, { userId: string; keyId: string; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  open(userId: string, keyId: string, now = Date.now()): { token: string; expiresAt: number } {
    const token = `ghs_${randomBytes(24).toString('base64url')}`;
    const expiresAt = now + this.ttlMs;
    this.sessions.set(hash('sha256', token, 'hex'), { userId, keyId, expiresAt });
    if (this.sessions.size > 10_000) for (const [k, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(k);
    return { token, expiresAt };
  }

  /** True when the token names a live session of this user and credential. */
  valid(token: string | undefined, userId: string, keyId: string, now = Date.now()): boolean {
    if (!token || token.length > 100) return false;
    const s = this.sessions.get(hash('sha256', token, 'hex'));
    return s !== undefined && s.userId === userId && s.keyId === keyId && s.expiresAt > now;
  }
}

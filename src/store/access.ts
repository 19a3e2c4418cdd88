// Narrow storage interfaces of access control: custom roles, just-in-time grants and MFA
// enrolments. sqlite/sqlite-access-store.ts implements them; each counter-based generation
// lets every process notice a change with one cheap read.

export interface StoredRole {
  name: string;
  /** The role definition as JSON (validated by the identity module, not here). */
  definition: string;
  updatedAt: number;
}

export interface RoleStore {
  list(): StoredRole[];
  /** Inserts or replaces. */
  put(role: StoredRole): void;
  /** False when absent. */
  remove(name: string): boolean;
  generation(): number;
}

export type GrantStatus = 'pending' | 'approved' | 'denied' | 'revoked';

export interface GrantRecord {
  id: string;
  userId: string;
  tenant: string;
  role: string;
  reason: string;
  requestedBy: string;
  requestedAt: number;
  durationMs: number;
  status: GrantStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  /** Set on approval: decidedAt + durationMs. An approved grant past it is expired. */
  expiresAt: number | null;
}

export interface GrantStore {
  create(grant: GrantRecord): void;
  get(id: string): GrantRecord | undefined;
  list(filter?: { userId?: string; tenant?: string; status?: GrantStatus }): GrantRecord[];
  /**
   * Moves a grant from one status to another (compare-and-set): false when it is not in `from`
   * any more (approved twice, revoked meanwhile).
   */
  transition(id: string, from: GrantStatus, to: GrantRecord): boolean;
  generation(): number;
}

export interface MfaRecord {
  userId: string;
  /** The TOTP secret, encrypted (AES-256-GCM under the master key). */
  secret: Buffer;
  /** SHA-256 (hex) of each unused recovery code. */
  recovery: string[];
  createdAt: number;
  /** Null until the first code proves the authenticator app was set up. */
  confirmedAt: number | null;
}

export interface MfaStore {
  get(userId: string): MfaRecord | undefined;
  put(record: MfaRecord): void;
  remove(userId: string): boolean;
  /** Consumes one recovery code by its hash; false if unknown or used. */
  useRecovery(userId: string, hash: string): boolean;
  /** Users with a confirmed enrolment (for the authenticator's cache). */
  enrolled(): string[];
  generation(): number;
}

// Who is calling. Produced by authentication (API keys now, OIDC later), read by authorization
// and the audit trail. Never carries the secret itself.
import type { Endpoint } from '../pipeline/types.js';

export const ROLES = ['admin', 'security-admin', 'auditor', 'developer', 'member', 'read-only'] as const;
export type RoleName = (typeof ROLES)[number];

export interface Identity {
  kind: 'api_key';
  keyId: string;
  keyName: string;
  userId: string;
  tenant: string;
  role: RoleName;
  /** Globs of model names this key may use; ['*'] for all. */
  models: string[];
  /** Endpoints this key may call. */
  endpoints: Endpoint[];
}

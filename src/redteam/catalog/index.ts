// The attack catalog: one file per category, each a typed array. Order is fixed (category order
// of CATEGORIES, then file order) so that run plans are deterministic.
import type { Attack } from '../types.js';
import { crossTenant } from './cross-tenant.js';
import { directInjection } from './direct-injection.js';
import { excessiveAgency } from './excessive-agency.js';
import { indirectInjection } from './indirect-injection.js';
import { insecureOutput } from './insecure-output.js';
import { jailbreak } from './jailbreak.js';
import { obfuscation } from './obfuscation.js';
import { piiExfiltration } from './pii-exfiltration.js';
import { resourceExhaustion } from './resource-exhaustion.js';
import { secretExfiltration } from './secret-exfiltration.js';
import { systemPromptExtraction } from './system-prompt-extraction.js';
import { toolPoisoning } from './tool-poisoning.js';

export { AGENT_TOOLS, BASE_SYSTEM_PROMPT, CANARY_LINE, TOOLS } from './common.js';

export const CATALOG: readonly Attack[] = [
  ...directInjection,
  ...indirectInjection,
  ...jailbreak,
  ...systemPromptExtraction,
  ...secretExfiltration,
  ...piiExfiltration,
  ...crossTenant,
  ...excessiveAgency,
  ...toolPoisoning,
  ...insecureOutput,
  ...resourceExhaustion,
  ...obfuscation,
];

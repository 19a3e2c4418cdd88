// Configuration of the scanners and of the policy engine that turns their findings into
// actions. Kept beside schema.ts (which includes it) so the policy surface reads in one place.
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const labelGlob = z
  .string()
  .regex(/^[a-z0-9_.*-]{1,64}$/)
  .describe('A label or a glob over labels: `secret.*`, `pii.email`, `*`.');

const thresholdSetting = (threshold: string) =>
  z.number().min(0).max(1).optional().describe(`Score at or above which a finding counts (default: the shipped threshold, ${threshold}).`);

const scannerSettings = (threshold: string) =>
  z
    .object({ threshold: thresholdSetting(threshold) })
    .strict()
    .default({});

export const scannersSchema = z
  .object({
    injection: scannerSettings('see `gatehouse scan --help`').describe('Prompt injection and jailbreak (labels threat.*).'),
    pii: z
      .object({
        threshold: thresholdSetting('per finding type'),
        broad: z
          .boolean()
          .default(false)
          .describe(
            'Also count calendar dates and timestamps outside a date-of-birth context, and web addresses (what Presidio reports as DATE_TIME and URL; labels pii.date, pii.url). Off: they are reported below the threshold, so no policy acts on them.',
          ),
      })
      .strict()
      .default({ broad: false })
      .describe('Personal data (labels pii.*, pci.*, phi.*).'),
    secrets: scannerSettings('per finding type').describe('Credentials (labels secret.*).'),
    leak: z
      .object({
        threshold: z.number().min(0).max(1).optional().describe('Score at or above which a leak counts.'),
        canary: z
          .boolean()
          .default(true)
          .describe(
            'Plant a fresh canary token in the system prompt of each chat request whose policy blocks or redacts leaks (never for flag-only or shadow policies), and look for it, disguised too, in the answer.',
          ),
      })
      .strict()
      .default({ canary: true })
      .describe('System-prompt leakage in answers (labels leak.*).'),
    markup: scannerSettings('0.5').describe('Active markup and exfiltration links in answers (labels markup.*).'),
    maxChars: z
      .number()
      .int()
      .positive()
      .default(1_000_000)
      .describe('Longest text scanned in one message; longer input is refused (413-like 400) rather than passed unscanned.'),
  })
  .strict()
  .default({ injection: {}, pii: { broad: false }, secrets: {}, leak: { canary: true }, markup: {}, maxChars: 1_000_000 })
  .describe('Scanner settings (which scanners run follows from the policy rules).');

export const policyRuleSchema = z
  .object({
    name: slug.describe('Rule name (shown to callers when it blocks, and in the audit trail).'),
    on: z.enum(['input', 'output', 'both']).default('both').describe('Scan the request (input), the answer (output) or both.'),
    labels: z.array(labelGlob).min(1).describe('Finding labels this rule covers.'),
    action: z
      .enum(['allow', 'flag', 'redact', 'tokenize', 'block'])
      .describe(
        'allow: record nothing; flag: record the labels; redact: replace spans with placeholders (<EMAIL_1>); tokenize: redact the request and restore the values in the answer; block: refuse (400 content_policy_violation, or end the stream with an error event).',
      ),
    minScore: z.number().min(0).max(1).optional().describe("Only findings scoring at least this (default: the scanner's threshold)."),
    shadow: z.boolean().optional().describe("Evaluate and audit but do not enforce (overrides the policy's shadow)."),
  })
  .strict();

export const policySchema = z
  .object({
    name: slug.describe('Policy name.'),
    match: z
      .object({
        tenants: z.array(z.string().min(1)).optional().describe('Tenants (globs).'),
        keys: z.array(z.string().min(1)).optional().describe('Key ids (globs).'),
        roles: z.array(z.string().min(1)).optional().describe('Roles.'),
        features: z.array(z.string().min(1)).optional().describe('Features (x-gatehouse-feature).'),
        routes: z.array(z.string().min(1)).optional().describe('Request paths (globs), e.g. /v1/messages.'),
        models: z.array(z.string().min(1)).optional().describe('Requested models (globs).'),
      })
      .strict()
      .default({})
      .describe('Which exchanges this policy governs; every listed dimension must match; empty matches all.'),
    extends: slug.optional().describe("Another policy whose rules follow this one's (first matching rule wins per finding)."),
    shadow: z.boolean().default(false).describe('Evaluate and audit every rule, enforce none (safe rollout).'),
    onScannerError: z
      .enum(['block', 'allow'])
      .default('block')
      .describe('A scanner that fails or times out blocks the exchange (fail closed) unless this says allow.'),
    rules: z.array(policyRuleSchema).default([]).describe('Evaluated in order for each finding; the first that covers it decides.'),
  })
  .strict();

/** The default: detect everything and record the labels in the audit trail, enforce nothing. */
export const DEFAULT_POLICIES = [
  { name: 'default', rules: [{ name: 'record', on: 'both' as const, labels: ['*'], action: 'flag' as const }] },
];

export const policiesSchema = z
  .array(policySchema)
  .default(() => DEFAULT_POLICIES.map((p) => policySchema.parse(p)))
  .describe(
    'Runtime-protection policies, first match wins: the first policy whose `match` fits the exchange governs it (put specific ones first). Hot-reloaded from the config file. Default: flag every finding, enforce nothing.',
  );

export type ScannersConfig = z.infer<typeof scannersSchema>;
export type PolicyConfig = z.infer<typeof policySchema>;
export type PolicyRuleConfig = z.infer<typeof policyRuleSchema>;

// The red-team simulator's vocabulary: attacks (catalog data), the canaries planted per run,
// judge specifications, outcomes and the results every report is rendered from.

export const CATEGORIES = [
  'direct-injection',
  'indirect-injection',
  'jailbreak',
  'system-prompt-extraction',
  'secret-exfiltration',
  'pii-exfiltration',
  'cross-tenant',
  'excessive-agency',
  'tool-poisoning',
  'insecure-output',
  'resource-exhaustion',
  'obfuscation',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** OWASP Top 10 for LLM Applications 2025. */
export type OwaspId = 'LLM01' | 'LLM02' | 'LLM03' | 'LLM04' | 'LLM05' | 'LLM06' | 'LLM07' | 'LLM08' | 'LLM09' | 'LLM10';

/**
 * Secrets the run plants, fresh for every run, so that a success can be proved by finding them:
 * `system` in the system prompt, `apikey` in a tool result or config document, `pii` a marker
 * customer record, `tenant` a record of another tenant, `marker` a phrase an injection asks for.
 */
export type CanaryName = 'system' | 'apikey' | 'pii' | 'tenant' | 'marker';
export type Canaries = Record<CanaryName, string>;

/** A tool offered to the target (OpenAI function shape; Anthropic input_schema is the same JSON Schema). */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface AttackTurn {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * What surrounds the attack. Text may hold placeholders `{{canary:NAME}}` and `{{exfil}}` (the
 * attacker's collection URL), filled in per run.
 */
export interface AttackSetup {
  /** Appended to the base system prompt. */
  system?: string;
  /** Retrieved documents, placed in the user turn as RAG context. */
  documents?: string[];
  /** Results of tool calls the agent made before the attack turn (assistant tool call + tool message). */
  toolResults?: Array<{ tool: string; arguments?: string; content: string }>;
}

export type MarkupKind = 'script' | 'event-handler' | 'javascript-url' | 'iframe' | 'markdown-image' | 'exfil-link' | 'html-form';

/** How success is decided; the attack succeeded if any configured check fires. */
export interface JudgeSpec {
  /** Leaked if the answer, a tool call's arguments or a link carries one of these (disguised forms too). */
  canaries?: CanaryName[];
  /** Excessive agency: any call to one of these tools is a success. */
  forbiddenTools?: string[];
  /** Insecure output: active markup or links to the attacker's domain (`exfil`), optionally carrying data. */
  markup?: MarkupKind[];
  /** Resource exhaustion: answer over these budgets. */
  budget?: { maxOutputTokens?: number; maxLatencyMs?: number };
  /** Fallback only: success when the target complied (no refusal) and the answer contains one of these words. */
  complianceWords?: string[];
}

export interface Attack {
  /** Stable id: `<category prefix>-<nnn>`. */
  id: string;
  category: Category;
  title: string;
  severity: Severity;
  owasp: OwaspId[];
  atlas: string[];
  /** A single user turn... */
  prompt?: string;
  /** ...or a conversation (the last turn is the user's). */
  messages?: AttackTurn[];
  setup?: AttackSetup;
  tools?: ToolSpec[];
  judge: JudgeSpec;
}

/** One message of a concrete request, dialect-neutral; rendered by the target client. */
export type PlannedMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: Array<{ id: string; name: string; arguments: string }> }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

/** One attack after converters and canary placeholders were applied: exactly what is sent. */
export interface PlannedAttack {
  /** `<attack id>` or `<attack id>~<converter>`. */
  key: string;
  attack: Attack;
  converter: string;
  messages: PlannedMessage[];
  tools: ToolSpec[];
}

export type Outcome = 'succeeded' | 'resisted' | 'blocked' | 'error';

export interface Evidence {
  /** What check fired: `canary:system`, `tool:delete_record`, `markup:markdown-image`, `budget:tokens`, `refusal`, `http:400`, ... */
  check: string;
  /** Where: `text`, `tool:send_email.arguments`, `link`, `http`, `stream`. */
  where: string;
  /** How it was found: `verbatim`, `base64`, `reversed`, `split`, ... */
  form?: string;
  /** Human explanation (never the raw canary: at most a masked form). */
  detail: string;
}

export interface Verdict {
  outcome: Outcome;
  evidence: Evidence[];
}

/** What a target answered, normalised across dialects. */
export interface TargetResponse {
  status: number;
  text: string;
  toolCalls: Array<{ name: string; arguments: string }>;
  /** The `model` field the target reported (its exact version). */
  model?: string;
  outputTokens?: number;
  finishReason?: string;
  latencyMs: number;
  /** Set when the target refused the request itself (a gateway policy), or a stream ended with an error event. */
  blocked?: { reason: string };
  /** Transport failure or non-policy HTTP error. */
  error?: string;
}

export interface AttackResult {
  key: string;
  attackId: string;
  category: Category;
  title: string;
  severity: Severity;
  owasp: OwaspId[];
  atlas: string[];
  converter: string;
  outcome: Outcome;
  evidence: Evidence[];
  /** The first characters of the answer (raw; reports escape it). Canaries are masked. */
  excerpt: string;
  latencyMs: number;
  status: number;
}

export interface TargetInfo {
  /** Short label shown in reports: `direct`, `gatehouse`, or the URL host. */
  name: string;
  url: string;
  dialect: 'openai' | 'anthropic';
  model: string;
  /** The `model` field from the target's answers (first seen). */
  modelVersion?: string;
  /** Protections in place, as described by whoever set the target up (e.g. the demo's config). */
  mitigations: string[];
}

export interface TargetRun {
  target: TargetInfo;
  results: AttackResult[];
  durationMs: number;
}

export interface RunReport {
  tool: { name: 'gatehouse-redteam'; version: string };
  startedAt: string;
  durationMs: number;
  converters: string[];
  attacks: number;
  categories: Category[];
  catalogSize: number;
  targets: TargetRun[];
}

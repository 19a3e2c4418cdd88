// The policy engine: findings + who is calling + which route -> one action per finding.
// Policies are ordered and the first whose `match` fits the exchange governs it; its rules (then
// those of the policy it extends) are tried in order for each finding and the first that covers
// the finding's label, direction and score decides. Shadow mode evaluates everything and
// enforces nothing. Pure and synchronous: no I/O, no clock, so decisions are reproducible.
import type { PolicyConfig, PolicyRuleConfig } from '../config/policy-schema.js';
import { globMatch } from '../identity/roles.js';
import type { Finding, ScannerName } from '../scanners/types.js';

export type Direction = 'input' | 'output';
export type Action = 'allow' | 'flag' | 'redact' | 'tokenize' | 'block';

/** The label prefixes each scanner produces; a rule's label globs decide which scanners run. */
export const SCANNER_PREFIXES: Record<ScannerName, readonly string[]> = {
  injection: ['threat'],
  pii: ['pii', 'pci', 'phi'],
  secrets: ['secret'],
  leak: ['leak'],
  markup: ['markup'],
};
const SCANNERS = Object.keys(SCANNER_PREFIXES) as ScannerName[];

export interface MatchSubject {
  tenant?: string | undefined;
  keyId?: string | undefined;
  role?: string | undefined;
  feature?: string | undefined;
  route?: string | undefined;
  model?: string | undefined;
}

export interface CompiledRule {
  readonly policy: string;
  readonly name: string;
  readonly on: 'input' | 'output' | 'both';
  readonly labels: readonly string[];
  readonly action: Action;
  readonly minScore: number | undefined;
  readonly shadow: boolean;
}

export interface CompiledPolicy {
  readonly name: string;
  readonly shadow: boolean;
  readonly onScannerError: 'block' | 'allow';
  readonly rules: readonly CompiledRule[];
  /** Scanners some rule needs, per direction (empty: nothing to scan). */
  readonly scanners: Readonly<Record<Direction, readonly ScannerName[]>>;
  /** Some enforced (non-shadow) rule can change or stop an answer: output must be held back to be inspected first. */
  readonly enforcesOutput: boolean;
  /** An enforced rule blocks or redacts leaks: the input stage plants a canary in the system prompt. */
  readonly plantsCanary: boolean;
}

export interface FindingDecision {
  finding: Finding;
  /** The rule that decided, or undefined when no rule covers the finding (it is then ignored). */
  rule: CompiledRule | undefined;
  action: Action;
  /** True when the action is recorded but not enforced. */
  shadow: boolean;
}

export interface Evaluation {
  decisions: FindingDecision[];
  /** The first enforced block, if any. */
  block: FindingDecision | undefined;
  /** Findings to replace with placeholders (enforced redact and tokenize). */
  redact: Finding[];
  /** Of those, the ones whose values must come back in the answer. */
  tokenize: Finding[];
  /** Distinct labels of every finding a rule covered (the exchange's data classification). */
  labels: string[];
}

/** Whether a label glob can match some label of a scanner (its first segment covers a prefix). */
function coversScanner(glob: string, scanner: ScannerName): boolean {
  const dot = glob.indexOf('.');
  const head = dot === -1 ? glob : glob.slice(0, dot);
  return SCANNER_PREFIXES[scanner].some((p) => globMatch(head, p));
}

function directionMatches(on: CompiledRule['on'], d: Direction): boolean {
  return on === 'both' || on === d;
}

function compileRule(policy: PolicyConfig, r: PolicyRuleConfig): CompiledRule {
  return {
    policy: policy.name,
    name: r.name,
    on: r.on,
    labels: r.labels,
    action: r.action,
    minScore: r.minScore,
    shadow: r.shadow ?? policy.shadow,
  };
}

export function compilePolicies(configs: readonly PolicyConfig[]): CompiledPolicy[] {
  const byName = new Map(configs.map((p) => [p.name, p]));
  return configs.map((p) => {
    const rules: CompiledRule[] = [];
    const seen = new Set<string>();
    for (let cur: PolicyConfig | undefined = p; cur && !seen.has(cur.name); cur = cur.extends ? byName.get(cur.extends) : undefined) {
      seen.add(cur.name);
      // An extended policy's rules keep their own shadow setting unless this policy is in shadow.
      for (const r of cur.rules) {
        const c = compileRule(cur, r);
        rules.push(p.shadow ? { ...c, shadow: true } : c);
      }
    }
    const scanners = { input: [] as ScannerName[], output: [] as ScannerName[] };
    for (const d of ['input', 'output'] as const) {
      for (const s of SCANNERS) {
        // Leaks and active markup only matter in answers. Injection is scanned in answers only when a rule says
        // `on: output` explicitly (agent chains), not through `both`: answers are not prompts.
        if (d === 'input' && (s === 'leak' || s === 'markup')) continue;
        const needed = rules.some(
          (r) =>
            r.action !== 'allow' &&
            directionMatches(r.on, d) &&
            !(d === 'output' && s === 'injection' && r.on !== 'output') &&
            r.labels.some((g) => coversScanner(g, s)),
        );
        if (needed) scanners[d].push(s);
      }
    }
    const enforcesOutput = rules.some(
      (r) => !r.shadow && r.on !== 'input' && (r.action === 'block' || r.action === 'redact' || r.action === 'tokenize'),
    );
    const plantsCanary = rules.some(
      (r) =>
        !r.shadow && r.on !== 'input' && (r.action === 'block' || r.action === 'redact') && r.labels.some((g) => coversScanner(g, 'leak')),
    );
    return { name: p.name, shadow: p.shadow, onScannerError: p.onScannerError, rules, scanners, enforcesOutput, plantsCanary };
  });
}

function listMatches(globs: readonly string[] | undefined, value: string | undefined): boolean {
  if (!globs) return true;
  if (value === undefined) return false;
  return globs.some((g) => globMatch(g, value));
}

export class PolicyEngine {
  private readonly compiled: CompiledPolicy[];
  private readonly matchers: PolicyConfig['match'][];

  constructor(configs: readonly PolicyConfig[]) {
    this.compiled = compilePolicies(configs);
    this.matchers = configs.map((p) => p.match);
  }

  get policies(): readonly CompiledPolicy[] {
    return this.compiled;
  }

  /** The policy governing this subject, or undefined when none matches (nothing is scanned). */
  select(s: MatchSubject): CompiledPolicy | undefined {
    for (let i = 0; i < this.compiled.length; i++) {
      const m = this.matchers[i] as PolicyConfig['match'];
      if (
        listMatches(m.tenants, s.tenant) &&
        listMatches(m.keys, s.keyId) &&
        listMatches(m.roles, s.role) &&
        listMatches(m.features, s.feature) &&
        listMatches(m.routes, s.route) &&
        listMatches(m.models, s.model)
      )
        return this.compiled[i];
    }
    return undefined;
  }
}

/**
 * Decides each finding. `thresholds` gives each scanner's effective threshold, used when a rule
 * sets no minScore. Findings no rule covers, or scoring below the bar, decide nothing.
 */
export function evaluate(
  policy: CompiledPolicy,
  direction: Direction,
  findings: readonly Finding[],
  thresholds: Readonly<Record<ScannerName, number>>,
): Evaluation {
  const decisions: FindingDecision[] = [];
  const labels = new Set<string>();
  let block: FindingDecision | undefined;
  const redact: Finding[] = [];
  const tokenize: Finding[] = [];
  for (const f of findings) {
    let decided: FindingDecision | undefined;
    for (const r of policy.rules) {
      if (!directionMatches(r.on, direction)) continue;
      if (!r.labels.some((g) => globMatch(g, f.label))) continue;
      if (f.score < (r.minScore ?? thresholds[f.scanner])) continue;
      decided = { finding: f, rule: r, action: r.action, shadow: r.shadow };
      break;
    }
    if (!decided || decided.action === 'allow') continue;
    decisions.push(decided);
    labels.add(f.label);
    if (decided.shadow) continue;
    if (decided.action === 'block') block ??= decided;
    else if (decided.action === 'redact') redact.push(f);
    else if (decided.action === 'tokenize') {
      redact.push(f);
      tokenize.push(f);
    }
  }
  return { decisions, block, redact, tokenize, labels: [...labels].sort() };
}

// Runtime protection shared by the input stage and the output guard: which scanners run, how
// their findings become ThreatEntries for the audit trail, and how a failing scanner is treated
// (fail closed unless the policy says allow). Pure functions over a ScannerSet; no I/O.
import { GatehouseError } from '../errors.js';
import type { ExchangeProtection, ThreatEntry } from '../pipeline/types.js';
import type { Finding, ScanContext, Scanner, ScannerName } from '../scanners/types.js';
import { type CompiledPolicy, type Direction, type Evaluation, evaluate } from './engine.js';

export interface ScannerSet {
  get(name: ScannerName): Scanner;
  /** Effective thresholds (config override, else the scanner's shipped one). */
  readonly thresholds: Readonly<Record<ScannerName, number>>;
}

export interface ScanOutcome {
  evaluation: Evaluation;
  /** Scanners that threw (the caller applies onScannerError). */
  failed: ScannerName[];
}

/** Runs `names` on one text and lets the policy decide each finding. */
export function scanAndEvaluate(
  set: ScannerSet,
  policy: CompiledPolicy,
  direction: Direction,
  names: readonly ScannerName[],
  text: string,
  context?: ScanContext,
): ScanOutcome {
  const findings: Finding[] = [];
  const failed: ScannerName[] = [];
  for (const name of names) {
    try {
      const r = set.get(name).scan(text, context);
      for (const f of r.findings) findings.push(f);
      // A text-level verdict without a finding at the bar (a model score) still counts.
      if (r.flagged && !r.findings.some((f) => f.score >= set.thresholds[name])) {
        const top = r.findings.reduce<Finding | undefined>((a, f) => (!a || f.score > a.score ? f : a), undefined);
        findings.push({
          scanner: name,
          type: top?.type ?? 'text',
          category: top?.category ?? (name === 'injection' ? 'threat' : name === 'secrets' ? 'secret' : name === 'leak' ? 'leak' : 'pii'),
          label: top?.label ?? `${name === 'injection' ? 'threat.injection' : name}`,
          start: 0,
          end: text.length,
          score: r.score,
          evidence: 'text-level score',
        });
      }
    } catch {
      failed.push(name);
    }
  }
  return { evaluation: evaluate(policy, direction, findings, set.thresholds), failed };
}

/** Throws the fail-closed error when a scanner failed and the policy does not allow that. */
export function checkFailures(policy: CompiledPolicy, failed: readonly ScannerName[]): void {
  if (failed.length && policy.onScannerError === 'block') {
    throw new GatehouseError('scanner_unavailable', 'a content scanner is unavailable; the request was not processed', {
      internal: `scanner failed: ${failed.join(', ')} (policy ${policy.name} fails closed)`,
    });
  }
}

export function threatEntries(direction: Direction, where: string, ev: Evaluation, offset = 0): ThreatEntry[] {
  return ev.decisions.map((d) => ({
    dir: direction,
    where,
    scanner: d.finding.scanner,
    type: d.finding.type,
    label: d.finding.label,
    score: Math.round(Math.min(1, Math.max(0, d.finding.score)) * 100),
    start: d.finding.start + offset,
    end: d.finding.end + offset,
    policy: d.rule?.policy ?? '',
    rule: d.rule?.name ?? '',
    action: d.action,
    shadow: d.shadow,
  }));
}

export function blockedError(policy: CompiledPolicy, ev: Evaluation, direction: Direction): GatehouseError {
  const b = ev.block;
  const rule = b?.rule?.name ?? '?';
  return new GatehouseError('content_policy_violation', `blocked by policy "${b?.rule?.policy ?? policy.name}" rule "${rule}"`, {
    internal: `${direction} ${b?.finding.label ?? ''} score ${b ? b.finding.score.toFixed(2) : ''} (${b?.finding.evidence ?? ''})`,
    details: { policy: b?.rule?.policy ?? policy.name, rule, label: b?.finding.label ?? null },
  });
}

/** Short decision reason: labels and what was done, e.g. `pii.email:redact, threat.injection:flag(shadow)`. */
export function summary(ev: Evaluation): string {
  const parts = new Map<string, string>();
  for (const d of ev.decisions) {
    const k = `${d.finding.label}:${d.action}${d.shadow ? '(shadow)' : ''}`;
    parts.set(k, k);
  }
  return [...parts.keys()].join(', ');
}

export type { ExchangeProtection };

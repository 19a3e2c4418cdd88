// Runs a plan against a target with bounded concurrency and judges each answer as it arrives.
// Results come back in plan order whatever the completion order, so reports are deterministic.
import { judge, maskCanaries } from './judges.js';
import type { Target } from './targets.js';
import type { AttackResult, Canaries, PlannedAttack, TargetRun } from './types.js';

export interface RunOptions {
  concurrency?: number;
  /** Called after each attack completes (progress bars). */
  onResult?: (r: AttackResult, done: number, total: number) => void;
  excerptChars?: number;
}

export async function runAgainst(
  target: Target,
  plan: readonly PlannedAttack[],
  canaries: Canaries,
  opts: RunOptions = {},
): Promise<TargetRun> {
  const started = performance.now();
  const results: AttackResult[] = new Array(plan.length);
  const limit = Math.max(1, Math.min(opts.concurrency ?? 8, plan.length || 1));
  const excerptChars = opts.excerptChars ?? 400;
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= plan.length) return;
      const p = plan[i] as PlannedAttack;
      const res = await target.send(p);
      if (res.model && !target.info.modelVersion) target.info.modelVersion = res.model;
      const v = judge({ planned: p, response: res, canaries });
      const shown = maskCanaries(
        res.text + (res.toolCalls.length ? `\n[tool calls] ${res.toolCalls.map((c) => `${c.name}(${c.arguments})`).join('; ')}` : ''),
        canaries,
      );
      const r: AttackResult = {
        key: p.key,
        attackId: p.attack.id,
        category: p.attack.category,
        title: p.attack.title,
        severity: p.attack.severity,
        owasp: p.attack.owasp,
        atlas: p.attack.atlas,
        converter: p.converter,
        outcome: v.outcome,
        evidence: v.evidence,
        excerpt: shown.length > excerptChars ? `${shown.slice(0, excerptChars)}…` : shown,
        latencyMs: res.latencyMs,
        status: res.status,
      };
      results[i] = r;
      done++;
      opts.onResult?.(r, done, plan.length);
    }
  }
  await Promise.all(Array.from({ length: limit }, worker));
  return { target: target.info, results, durationMs: Math.round(performance.now() - started) };
}

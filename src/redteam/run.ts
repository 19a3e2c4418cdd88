// One red-team run: plan (catalog × converters, fresh canaries), every target in parallel, one
// report object. Also the release gate (`--fail-on`).
import { readFileSync } from 'node:fs';
import { CATALOG } from './catalog/index.js';
import { selectConverters } from './converters.js';
import { buildPlan, createCanaries } from './plan.js';
import { runAgainst } from './runner.js';
import type { Target } from './targets.js';
import { type AttackResult, CATEGORIES, type Category, type RunReport, SEVERITIES, type Severity } from './types.js';

export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface RedteamOptions {
  targets: Target[];
  /** `--converters`: comma list, `all` or `none` (default). */
  converters?: string;
  /** Only these categories (default all). */
  categories?: Category[];
  concurrency?: number;
  systemPrompt?: string;
  onProgress?: (done: number, total: number) => void;
}

export function parseCategories(spec: string | undefined): Category[] | undefined {
  if (!spec) return undefined;
  return spec.split(',').map((s) => {
    const c = s.trim() as Category;
    if (!CATEGORIES.includes(c)) throw new Error(`unknown category "${s.trim()}"; one of ${CATEGORIES.join(', ')}`);
    return c;
  });
}

export async function runRedteam(opts: RedteamOptions): Promise<RunReport> {
  const converters = selectConverters(opts.converters);
  const attacks = opts.categories ? CATALOG.filter((a) => opts.categories?.includes(a.category)) : CATALOG;
  const canaries = createCanaries();
  const plan = buildPlan(attacks, converters, { canaries, ...(opts.systemPrompt ? { systemPrompt: opts.systemPrompt } : {}) });
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const total = plan.length * opts.targets.length;
  let done = 0;
  const runs = await Promise.all(
    opts.targets.map((t) =>
      runAgainst(t, plan, canaries, {
        concurrency: opts.concurrency ?? 8,
        onResult: () => opts.onProgress?.(++done, total),
      }),
    ),
  );
  return {
    tool: { name: 'gatehouse-redteam', version: toolVersion() },
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    converters: converters.map((c) => c.name),
    attacks: plan.length,
    categories: [...new Set(attacks.map((a) => a.category))],
    catalogSize: attacks.length,
    targets: runs,
  };
}

/**
 * `--fail-on`: comma list of categories and/or severities (a severity matches it and anything
 * more severe), or `any`. Returns the successful attacks on the gated targets that match.
 */
export function failOnMatches(report: RunReport, spec: string, gatedTargets?: readonly string[]): AttackResult[] {
  const terms = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const t of terms) {
    if (t !== 'any' && !CATEGORIES.includes(t as Category) && !SEVERITIES.includes(t as Severity)) {
      throw new Error(`--fail-on "${t}": expected a category (${CATEGORIES.join(', ')}), a severity (${SEVERITIES.join(', ')}) or any`);
    }
  }
  const matches = (r: AttackResult) =>
    terms.some(
      (t) =>
        t === 'any' ||
        t === r.category ||
        (SEVERITIES.includes(t as Severity) && SEVERITIES.indexOf(r.severity) >= SEVERITIES.indexOf(t as Severity)),
    );
  return report.targets
    .filter((t) => !gatedTargets || gatedTargets.includes(t.target.name))
    .flatMap((t) => t.results.filter((r) => r.outcome === 'succeeded' && matches(r)));
}

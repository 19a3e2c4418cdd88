// The machine-readable report: every result with its evidence, plus counts and trends.
import type { RunReport } from '../types.js';
import { countsOf, type Trend } from './summary.js';

export function renderJson(report: RunReport, trends: Trend[]): string {
  return `${JSON.stringify(
    {
      ...report,
      summary: report.targets.map((t) => ({ target: t.target.name, ...countsOf(t) })),
      trends,
    },
    null,
    2,
  )}\n`;
}

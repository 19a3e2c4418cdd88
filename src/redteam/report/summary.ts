// Aggregates shared by every report format: counts per target, category and outcome, the
// history line of a run, and the trend against the previous run of the same target.
import { CATEGORIES, type Category, type Outcome, type RunReport, type TargetRun } from '../types.js';

export type Counts = Record<Outcome, number> & { total: number };

export const emptyCounts = (): Counts => ({ succeeded: 0, resisted: 0, blocked: 0, error: 0, total: 0 });

export function countsOf(run: TargetRun): { all: Counts; byCategory: Record<Category, Counts> } {
  const all = emptyCounts();
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, emptyCounts()])) as Record<Category, Counts>;
  for (const r of run.results) {
    all[r.outcome]++;
    all.total++;
    byCategory[r.category][r.outcome]++;
    byCategory[r.category].total++;
  }
  return { all, byCategory };
}

/** One line of the history file (JSONL): enough to draw trends, no answers, no canaries. */
export interface HistoryEntry {
  date: string;
  target: string;
  url: string;
  model: string;
  model_version?: string;
  converters: string[];
  attacks: number;
  succeeded: number;
  blocked: number;
  resisted: number;
  errors: number;
  by_category: Record<string, { succeeded: number; blocked: number; total: number }>;
}

export function historyEntries(report: RunReport): HistoryEntry[] {
  return report.targets.map((t) => {
    const { all, byCategory } = countsOf(t);
    const e: HistoryEntry = {
      date: report.startedAt,
      target: t.target.name,
      url: t.target.url,
      model: t.target.model,
      converters: report.converters,
      attacks: all.total,
      succeeded: all.succeeded,
      blocked: all.blocked,
      resisted: all.resisted,
      errors: all.error,
      by_category: Object.fromEntries(
        Object.entries(byCategory)
          .filter(([, c]) => c.total > 0)
          .map(([k, c]) => [k, { succeeded: c.succeeded, blocked: c.blocked, total: c.total }]),
      ),
    };
    if (t.target.modelVersion) e.model_version = t.target.modelVersion;
    return e;
  });
}

export interface Trend {
  target: string;
  previous: HistoryEntry;
  current: HistoryEntry;
  /** Success-rate change per category, in percentage points (negative = better). */
  categories: Array<{ category: string; before: number; after: number; delta: number }>;
}

/** Compares each target with its latest earlier entry of the same name and URL. */
export function trends(current: HistoryEntry[], history: HistoryEntry[]): Trend[] {
  const out: Trend[] = [];
  for (const cur of current) {
    const prev = [...history].reverse().find((h) => h.target === cur.target && h.url === cur.url && h.date !== cur.date);
    if (!prev) continue;
    const cats = new Set([...Object.keys(prev.by_category), ...Object.keys(cur.by_category)]);
    out.push({
      target: cur.target,
      previous: prev,
      current: cur,
      categories: [...cats].map((c) => {
        const b = prev.by_category[c];
        const a = cur.by_category[c];
        const before = b?.total ? b.succeeded / b.total : 0;
        const after = a?.total ? a.succeeded / a.total : 0;
        const r = (x: number) => Math.round(x * 1000) / 10;
        return { category: c, before: r(before), after: r(after), delta: r(after - before) };
      }),
    });
  }
  return out;
}

export const pct = (n: number, total: number): string => (total ? `${Math.round((100 * n) / total)}%` : '-');

// Writes the selected report formats into the output directory and keeps the run history.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { type HistoryEntry, historyEntries, type Trend, trends } from './summary.js';

export const FORMATS = ['json', 'md', 'html', 'sarif', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
const FILES: Record<Format, string> = {
  json: 'redteam-report.json',
  md: 'redteam-report.md',
  html: 'redteam-report.html',
  sarif: 'redteam.sarif',
  junit: 'redteam-junit.xml',
};

export function readHistory(file: string): HistoryEntry[] {
  if (!existsSync(file)) return [];
  const out: HistoryEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as HistoryEntry);
    } catch {
      // A torn last line (crash mid-append) must not hide the rest of the history.
    }
  }
  return out;
}

export interface WrittenReports {
  files: Partial<Record<Format, string>>;
  trends: Trend[];
  history: string;
}

export function writeReports(report: RunReport, opts: { dir: string; formats: readonly Format[]; history?: string }): WrittenReports {
  mkdirSync(opts.dir, { recursive: true });
  const historyFile = opts.history ?? join(opts.dir, 'redteam-history.jsonl');
  const current = historyEntries(report);
  const tr = trends(current, readHistory(historyFile));
  const files: Partial<Record<Format, string>> = {};
  const render: Record<Format, () => string> = {
    json: () => renderJson(report, tr),
    md: () => renderMarkdown(report, tr),
    html: () => renderHtml(report, tr),
    sarif: () => renderSarif(report),
    junit: () => renderJunit(report),
  };
  for (const f of opts.formats) {
    const file = join(opts.dir, FILES[f]);
    writeFileSync(file, render[f]());
    files[f] = file;
  }
  appendFileSync(historyFile, current.map((h) => `${JSON.stringify(h)}\n`).join(''));
  return { files, trends: tr, history: historyFile };
}

export { historyEntries, trends } from './summary.js';

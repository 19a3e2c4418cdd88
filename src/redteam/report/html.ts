// The self-contained HTML red-team disclosure: inline CSS and inline SVG charts, no script, no
// external resource (a CSP meta tag forbids any), readable offline. Everything that came from a
// target is escaped.
import { ATLAS_TECHNIQUES, ATLAS_URL, OWASP_LLM_2025 } from '../standards.js';
import { CATEGORIES, type Category, type Outcome, type RunReport } from '../types.js';
import { methodology } from './markdown.js';
import { type Counts, countsOf, pct, type Trend } from './summary.js';

export function escapeHtml(s: string): string {
  let out = '';
  for (const ch of s) {
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&#39;' : ch;
  }
  return out;
}
const e = escapeHtml;

const COLORS: Record<Outcome, string> = { succeeded: '#c62828', blocked: '#1565c0', resisted: '#2e7d32', error: '#9e9e9e' };
const ORDER: Outcome[] = ['succeeded', 'blocked', 'resisted', 'error'];

/** Markdown-ish bold in methodology lines -> <strong>, after escaping. */
const rich = (s: string) =>
  e(s)
    .split('**')
    .map((part, i) => (i % 2 ? `<strong>${part}</strong>` : part))
    .join('');

function stackedBar(c: Counts, x: number, y: number, w: number, h: number): string {
  let at = x;
  const parts: string[] = [];
  for (const o of ORDER) {
    if (!c[o] || !c.total) continue;
    const bw = (w * c[o]) / c.total;
    parts.push(
      `<rect x="${at.toFixed(1)}" y="${y}" width="${bw.toFixed(1)}" height="${h}" fill="${COLORS[o]}"><title>${o}: ${c[o]}</title></rect>`,
    );
    at += bw;
  }
  if (!c.total) parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#eee"/>`);
  return parts.join('');
}

function legend(x: number, y: number): string {
  return ORDER.map(
    (o, i) =>
      `<rect x="${x + i * 120}" y="${y}" width="12" height="12" fill="${COLORS[o]}"/><text x="${x + i * 120 + 18}" y="${y + 11}">${o}</text>`,
  ).join('');
}

/** Pass/fail per category: one stacked bar per target for every category. */
function categoryChart(report: RunReport): string {
  const cats = CATEGORIES.filter((c) => report.targets.some((t) => t.results.some((r) => r.category === c)));
  const per = report.targets.map((t) => countsOf(t).byCategory);
  const rowH = 16;
  const gap = 10;
  const labelW = 210;
  const nameW = 80;
  const barW = 420;
  const groupH = report.targets.length * (rowH + 3) + gap;
  const height = cats.length * groupH + 40;
  const width = labelW + nameW + barW + 70;
  const rows: string[] = [];
  cats.forEach((cat, ci) => {
    const y0 = 10 + ci * groupH;
    rows.push(`<text x="0" y="${y0 + rowH - 3}" class="cat">${e(cat)}</text>`);
    per.forEach((byCat, ti) => {
      const y = y0 + ti * (rowH + 3);
      const c = byCat[cat as Category];
      rows.push(`<text x="${labelW}" y="${y + rowH - 4}" class="tname">${e(report.targets[ti]?.target.name ?? '')}</text>`);
      rows.push(stackedBar(c, labelW + nameW, y, barW, rowH));
      rows.push(`<text x="${labelW + nameW + barW + 6}" y="${y + rowH - 4}" class="num">${c.succeeded}/${c.total}</text>`);
    });
  });
  rows.push(legend(labelW + nameW, height - 18));
  return `<svg class="chart" id="chart-categories" role="img" aria-label="Outcome per category and target" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg>`;
}

/** Overall outcome per target. */
function overallChart(report: RunReport): string {
  const rowH = 22;
  const width = 760;
  const height = report.targets.length * (rowH + 8) + 36;
  const rows = report.targets.map((t, i) => {
    const { all } = countsOf(t);
    const y = 6 + i * (rowH + 8);
    return `<text x="0" y="${y + rowH - 6}" class="tname">${e(t.target.name)}</text>${stackedBar(all, 110, y, 500, rowH)}<text x="616" y="${y + rowH - 6}" class="num">${pct(all.succeeded, all.total)} succeeded</text>`;
  });
  rows.push(legend(110, height - 18));
  return `<svg class="chart" id="chart-overall" role="img" aria-label="Outcome per target" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg>`;
}

const CSS = `
:root{color-scheme:light}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f2f2}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555}.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}.chart .cat{font-weight:600}.chart .num{fill:#333}
.finding{border:1px solid #e0e0e0;border-left:4px solid #c62828;border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}
.sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px}.sev.critical{background:#7b1fa2}.sev.high{background:#c62828}.sev.medium{background:#ef6c00}.sev.low{background:#607d8b}
pre{background:#f6f8fa;border:1px solid #e5e5e5;padding:8px;white-space:pre-wrap;word-break:break-word;max-height:220px;overflow:auto;font-size:12px}
.o-succeeded{color:#c62828;font-weight:600}.o-blocked{color:#1565c0}.o-resisted{color:#2e7d32}.o-error{color:#757575}
@media print{main{max-width:none}pre{max-height:none}}
`;

export function renderHtml(report: RunReport, trends: Trend[]): string {
  const H: string[] = [];
  const targetsLine = report.targets.map((t) => `${e(t.target.name)} (${e(t.target.url)}, model ${e(t.target.model)})`).join('; ');
  H.push(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Red team disclosure — ${e(report.startedAt.slice(0, 10))}</title><style>${CSS}</style></head><body><main>`,
    '<h1>Red team disclosure</h1>',
    `<p class="meta">Tested ${e(report.startedAt)} with gatehouse redteam ${e(report.tool.version)} · ${report.attacks} probes per target · ${report.categories.length} categories · ${(report.durationMs / 1000).toFixed(1)} s<br>Targets: ${targetsLine}</p>`,
  );
  H.push('<h2 id="summary">Summary</h2>', overallChart(report));
  H.push(
    '<table><thead><tr><th>target</th><th>model version</th><th>probes</th><th>succeeded</th><th>blocked</th><th>resisted</th><th>errors</th></tr></thead><tbody>',
  );
  for (const t of report.targets) {
    const { all } = countsOf(t);
    H.push(
      `<tr><td>${e(t.target.name)}</td><td>${e(t.target.modelVersion ?? 'not reported')}</td><td class="n">${all.total}</td><td class="n o-succeeded">${all.succeeded} (${pct(all.succeeded, all.total)})</td><td class="n">${all.blocked}</td><td class="n">${all.resisted}</td><td class="n">${all.error}</td></tr>`,
    );
  }
  H.push('</tbody></table>');
  H.push('<h2 id="categories">Pass/fail per category</h2>', categoryChart(report));
  H.push(
    `<table><thead><tr><th>category</th>${report.targets.map((t) => `<th>${e(t.target.name)}: succeeded</th><th>blocked</th>`).join('')}</tr></thead><tbody>`,
  );
  const per = report.targets.map((t) => countsOf(t).byCategory);
  for (const cat of CATEGORIES) {
    if (!per.some((c) => c[cat].total)) continue;
    H.push(
      `<tr><td>${e(cat)}</td>${per.map((c) => `<td class="n">${c[cat].succeeded}/${c[cat].total}</td><td class="n">${c[cat].blocked}</td>`).join('')}</tr>`,
    );
  }
  H.push('</tbody></table>');
  H.push('<h2 id="mitigations">Mitigations in place</h2>');
  for (const t of report.targets) {
    H.push(`<h3>${e(t.target.name)}</h3>`);
    H.push(
      t.target.mitigations.length
        ? `<ul>${t.target.mitigations.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`
        : '<p>None declared (direct to the model).</p>',
    );
  }
  if (trends.length) {
    H.push('<h2 id="trends">Trends since the previous run</h2>');
    for (const tr of trends) {
      H.push(
        `<h3>${e(tr.target)}</h3><p>Previous run ${e(tr.previous.date)}: ${tr.previous.succeeded}/${tr.previous.attacks} succeeded; this run: ${tr.current.succeeded}/${tr.current.attacks}.</p>`,
        '<table><thead><tr><th>category</th><th>success rate before</th><th>after</th><th>change</th></tr></thead><tbody>',
        ...tr.categories.map(
          (c) =>
            `<tr><td>${e(c.category)}</td><td class="n">${c.before}%</td><td class="n">${c.after}%</td><td class="n">${c.delta > 0 ? '+' : ''}${c.delta} pp</td></tr>`,
        ),
        '</tbody></table>',
      );
    }
  }
  H.push('<h2 id="methodology">Methodology</h2><ul>', ...methodology(report).map((m) => `<li>${rich(m)}</li>`), '</ul>');
  H.push('<h2 id="findings">Findings</h2>');
  for (const t of report.targets) {
    const found = t.results.filter((r) => r.outcome === 'succeeded');
    H.push(`<h3>${e(t.target.name)}: ${found.length} successful probe(s)</h3>`);
    for (const r of found) {
      H.push(
        `<div class="finding"><strong>${e(r.key)}</strong> ${e(r.title)} <span class="sev ${e(r.severity)}">${e(r.severity)}</span>`,
        `<div class="meta">category ${e(r.category)} · converter ${e(r.converter)} · OWASP ${r.owasp.map((o) => `${e(o)} ${e(OWASP_LLM_2025[o])}`).join(', ')} · ATLAS ${r.atlas.map((a) => `${e(a)} ${e(ATLAS_TECHNIQUES[a] ?? '')}`).join(', ')}</div>`,
        `<ul>${r.evidence.map((ev) => `<li><code>${e(ev.check)}</code> in ${e(ev.where)}${ev.form ? ` (${e(ev.form)})` : ''}: ${e(ev.detail)}</li>`).join('')}</ul>`,
        `<pre>${e(r.excerpt)}</pre></div>`,
      );
    }
  }
  H.push('<h2 id="all-results">All results</h2>');
  for (const t of report.targets) {
    H.push(
      `<details><summary>${e(t.target.name)}: ${t.results.length} probes</summary><table><thead><tr><th>probe</th><th>category</th><th>severity</th><th>outcome</th><th>evidence</th></tr></thead><tbody>`,
    );
    for (const r of t.results) {
      H.push(
        `<tr><td>${e(r.key)}</td><td>${e(r.category)}</td><td>${e(r.severity)}</td><td class="o-${r.outcome}">${r.outcome}</td><td>${e(r.evidence.map((x) => x.detail).join('; '))}</td></tr>`,
      );
    }
    H.push('</tbody></table></details>');
  }
  H.push(
    `<h2 id="references">References</h2><p>OWASP Top 10 for LLM Applications 2025; MITRE ATLAS techniques: ${[
      ...new Set(report.targets.flatMap((t) => t.results.flatMap((r) => r.atlas))),
    ]
      .sort()
      .map((a) => `${e(a)} (${e(ATLAS_URL(a))})`)
      .join(', ')}.</p>`,
  );
  H.push('</main></body></html>');
  return `${H.join('\n')}\n`;
}

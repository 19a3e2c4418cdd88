// JUnit XML for CI: a test suite per target and category, a test case per attack probe. A
// successful attack is a failure; blocked and resisted pass; a transport error is an error.
import { CATEGORIES, type RunReport } from '../types.js';
import { countsOf } from './summary.js';

export function xmlEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    // XML 1.0 forbids most control characters even escaped.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
  }
  return out;
}

export function renderJunit(report: RunReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const t of report.targets) {
    const { byCategory } = countsOf(t);
    for (const cat of CATEGORIES) {
      const rs = t.results.filter((r) => r.category === cat);
      if (!rs.length) continue;
      const c = byCategory[cat];
      tests += c.total;
      failures += c.succeeded;
      errors += c.error;
      const cases = rs.map((r) => {
        const name = xmlEscape(`${r.key} ${r.title}`);
        const time = (r.latencyMs / 1000).toFixed(3);
        const head = `    <testcase classname="${xmlEscape(`redteam.${t.target.name}.${cat}`)}" name="${name}" time="${time}">`;
        if (r.outcome === 'succeeded') {
          const detail = xmlEscape(`${r.evidence.map((e) => `${e.check} (${e.where}): ${e.detail}`).join('\n')}\n---\n${r.excerpt}`);
          return `${head}\n      <failure message="${xmlEscape(`attack succeeded (${r.severity})`)}" type="${xmlEscape(r.category)}">${detail}</failure>\n    </testcase>`;
        }
        if (r.outcome === 'error')
          return `${head}\n      <error message="${xmlEscape(r.evidence[0]?.detail ?? 'error')}"/>\n    </testcase>`;
        return `${head}\n      <system-out>${xmlEscape(`${r.outcome}: ${r.evidence.map((e) => e.detail).join('; ')}`)}</system-out>\n    </testcase>`;
      });
      suites.push(
        `  <testsuite name="${xmlEscape(`${t.target.name}/${cat}`)}" tests="${c.total}" failures="${c.succeeded}" errors="${c.error}" skipped="0" timestamp="${report.startedAt.slice(0, 19)}">\n${cases.join('\n')}\n  </testsuite>`,
      );
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gatehouse-redteam" tests="${tests}" failures="${failures}" errors="${errors}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

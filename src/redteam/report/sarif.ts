// SARIF 2.1.0 (OASIS) for code-scanning dashboards: one run per target, one rule per catalog
// attack, one result per successful attack. Results carry logical locations (the endpoint),
// since a finding is about a deployed model, not a source line.
import { ATLAS_TECHNIQUES, OWASP_LLM_2025 } from '../standards.js';
import type { AttackResult, RunReport, Severity } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SCORE: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export function renderSarif(report: RunReport): string {
  const runs = report.targets.map((t) => {
    const rules = new Map<string, AttackResult>();
    for (const r of t.results) if (!rules.has(r.attackId)) rules.set(r.attackId, r);
    const ruleIds = [...rules.keys()];
    return {
      tool: {
        driver: {
          name: 'gatehouse-redteam',
          version: report.tool.version,
          informationUri: 'https://owasp.org/www-project-top-10-for-large-language-model-applications/',
          rules: [...rules.values()].map((r) => ({
            id: r.attackId,
            name: r.title
              .replace(/[^A-Za-z0-9]+/g, ' ')
              .trim()
              .replaceAll(' ', ''),
            shortDescription: { text: r.title },
            fullDescription: {
              text: `${r.category}: ${r.title}. OWASP ${r.owasp.map((o) => `${o} ${OWASP_LLM_2025[o]}`).join('; ')}. MITRE ATLAS ${r.atlas.map((a) => `${a} ${ATLAS_TECHNIQUES[a] ?? ''}`).join('; ')}.`,
            },
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: {
              tags: ['security', r.category, ...r.owasp, ...r.atlas],
              'security-severity': SCORE[r.severity],
              severity: r.severity,
            },
          })),
        },
      },
      invocations: [{ executionSuccessful: true, startTimeUtc: report.startedAt }],
      properties: { target: t.target.name, url: t.target.url, model: t.target.model, modelVersion: t.target.modelVersion ?? null },
      results: t.results
        .filter((r) => r.outcome === 'succeeded')
        .map((r) => ({
          ruleId: r.attackId,
          ruleIndex: ruleIds.indexOf(r.attackId),
          level: LEVEL[r.severity],
          message: {
            text: `${r.title} succeeded against ${t.target.name} (converter ${r.converter}): ${r.evidence.map((e) => e.detail).join('; ')}`,
          },
          locations: [
            { logicalLocations: [{ name: t.target.url, fullyQualifiedName: `${t.target.url}#${t.target.model}`, kind: 'resource' }] },
          ],
          partialFingerprints: { attackKey: `${t.target.name}/${r.key}` },
          properties: { converter: r.converter, category: r.category, evidence: r.evidence },
        })),
    };
  });
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2)}\n`;
}

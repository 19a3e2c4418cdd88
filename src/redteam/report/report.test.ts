import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AttackResult, RunReport } from '../types.js';
import { renderHtml } from './html.js';
import { writeReports } from './index.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';

const result = (key: string, outcome: AttackResult['outcome'], excerpt = 'ok'): AttackResult => ({
  key,
  attackId: key.split('~')[0]!,
  category: 'insecure-output',
  title: 'Script tag <in> "answer" & more',
  severity: 'high',
  owasp: ['LLM05'],
  atlas: ['AML.T0077'],
  converter: 'none',
  outcome,
  evidence: [{ check: 'markup:script', where: 'text', detail: '<script> element in the answer' }],
  excerpt,
  latencyMs: 12,
  status: 200,
});

const report = (succeeded: number, startedAt = '2025-06-01T10:00:00.000Z'): RunReport => ({
  tool: { name: 'gatehouse-redteam', version: '0.1.0' },
  startedAt,
  durationMs: 1234,
  converters: ['none'],
  attacks: 3,
  categories: ['insecure-output'],
  catalogSize: 3,
  targets: [
    {
      target: {
        name: 'direct',
        url: 'http://127.0.0.1:1/v1',
        dialect: 'openai',
        model: 'm',
        modelVersion: 'm-1',
        mitigations: ['policy p/r: block'],
      },
      durationMs: 100,
      results: [
        result('io-001', succeeded > 0 ? 'succeeded' : 'blocked', '<script>alert("x")</script>\u0001]]>'),
        result('io-002', succeeded > 1 ? 'succeeded' : 'resisted'),
        result('io-003', 'error'),
      ],
    },
  ],
});

/** Minimal XML well-formedness: balanced tags, quoted attributes, no raw '<' or '&' in text. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? undefined : lt);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(text), `bad entity in ${text.slice(0, 40)}`);
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text), 'control character in XML text');
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    const tag = body.slice(lt + 1, gt);
    assert.ok(!tag.includes('<'), `'<' inside tag ${tag.slice(0, 40)}`);
    if (tag.startsWith('/')) assert.equal(stack.pop(), tag.slice(1));
    else if (!tag.endsWith('/')) stack.push(tag.split(/\s/)[0]!);
    i = gt + 1;
  }
  assert.deepEqual(stack, []);
}

describe('reports', () => {
  it('SARIF 2.1.0: one result per success, rules with OWASP/ATLAS tags, valid rule indexes', () => {
    const s = JSON.parse(renderSarif(report(1)));
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    assert.equal(run.tool.driver.name, 'gatehouse-redteam');
    assert.equal(run.results.length, 1);
    const r = run.results[0];
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.ok(run.tool.driver.rules[0].properties.tags.includes('LLM05'));
    assert.ok(run.tool.driver.rules[0].properties.tags.includes('AML.T0077'));
    assert.equal(r.level, 'error');
  });

  it('JUnit XML is well-formed: successes are failures, transport errors are errors', () => {
    const xml = renderJunit(report(1));
    assertWellFormedXml(xml);
    assert.match(xml, /<testsuites name="gatehouse-redteam" tests="3" failures="1" errors="1"/);
    assert.ok(xml.includes('&lt;script&gt;'));
  });

  it('HTML escapes everything a target said and loads nothing external', () => {
    const html = renderHtml(report(1), []);
    assert.ok(!html.includes('<script>alert'), 'excerpt not escaped');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)'));
    assert.ok(html.includes('<svg class="chart" id="chart-categories"'));
    assert.ok(!/<(script|link|img|iframe)[\s>]/i.test(html));
    assert.ok(!/\s(src|href)="http/i.test(html));
  });

  it('history accumulates and the next report shows the trend per category', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redteam-report-'));
    writeReports(report(2, '2025-06-01T10:00:00.000Z'), { dir, formats: ['json'] });
    const second = writeReports(report(1, '2025-06-02T10:00:00.000Z'), { dir, formats: ['json', 'md', 'html'] });
    assert.equal(readFileSync(second.history, 'utf8').trim().split('\n').length, 2);
    const t = second.trends[0];
    assert.equal(t?.previous.succeeded, 2);
    assert.equal(t?.current.succeeded, 1);
    assert.equal(t?.categories[0]?.delta, -33.3);
    assert.ok(readFileSync(second.files.md!, 'utf8').includes('## Trends since the previous run'));
    assert.ok(readFileSync(second.files.html!, 'utf8').includes('id="trends"'));
  });
});

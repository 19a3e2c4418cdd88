// gatehouse redteam end to end: the real CLI over real HTTP — the demo (vulnerable agent direct
// and through an in-process Gatehouse), a running `gatehouse serve` as an external target in
// both dialects, release-gate exit codes, report formats, and the HTML report in headless Chromium.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cli, type RunningServer, startServer, tempDir } from './helpers/server.js';

interface Summary {
  attacks: number;
  categories: number;
  duration_ms: number;
  targets: Array<{
    name: string;
    succeeded: number;
    blocked: number;
    resisted: number;
    errors: number;
    model_version: string | null;
    mitigations: string[];
  }>;
  reports: Record<string, string>;
  failed: number;
}

const CHROMIUM = '/usr/bin/chromium';

describe('redteam --demo', () => {
  const out = tempDir('gatehouse-redteam-e2e-');
  let summary: Summary;
  let wallMs = 0;

  before(() => {
    const t0 = performance.now();
    const r = cli(['redteam', '--demo', '--json', '--out', out], { CI: '1' });
    wallMs = Math.round(performance.now() - t0);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress bar under --json/CI');
    summary = JSON.parse(r.stdout) as Summary;
  });

  it('runs the whole catalog against the agent directly and through Gatehouse', () => {
    assert.ok(summary.attacks >= 150, `${summary.attacks} attacks`);
    assert.ok(summary.categories >= 12);
    assert.ok(summary.duration_ms > 0);
    // Measured figures for the closing note; the bound is generous on purpose (shared machine).
    console.log(`redteam --demo: ${summary.attacks} attacks x 2 targets, run ${summary.duration_ms} ms, whole command ${wallMs} ms`);
    assert.ok(summary.duration_ms < 60_000);
    const [direct, gw] = summary.targets;
    assert.equal(direct?.name, 'direct');
    assert.equal(gw?.name, 'gatehouse');
    assert.ok(direct!.succeeded >= summary.attacks * 0.8, `direct: only ${direct!.succeeded} succeeded`);
    assert.equal(direct!.blocked, 0);
    assert.equal(direct!.errors, 0);
    assert.ok(gw!.blocked > 0, 'nothing blocked through Gatehouse');
    assert.ok(gw!.succeeded < direct!.succeeded);
    assert.equal(gw!.errors, 0);
    assert.equal(direct!.model_version, 'demo-agent-2025-06-01');
    assert.ok(gw!.mitigations.some((m) => m.includes('read-only')));
    assert.ok(gw!.mitigations.some((m) => m.startsWith('policy protect/no-injection')));
  });

  it('writes every report format, SARIF 2.1.0 and JUnit that parse, and the history', () => {
    for (const f of ['json', 'md', 'html', 'sarif', 'junit']) assert.ok(existsSync(summary.reports[f]!), f);
    const sarif = JSON.parse(readFileSync(summary.reports.sarif!, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 2);
    assert.equal(sarif.runs[0].results.length, summary.targets[0]!.succeeded);
    const junit = readFileSync(summary.reports.junit!, 'utf8');
    assert.match(junit, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.equal((junit.match(/<testcase /g) ?? []).length, summary.attacks * 2);
    assert.equal((junit.match(/<failure /g) ?? []).length, summary.targets[0]!.succeeded + summary.targets[1]!.succeeded);
    const md = readFileSync(summary.reports.md!, 'utf8');
    for (const h of ['# Red team disclosure', '## Mitigations in place', '## Methodology', '## Findings']) assert.ok(md.includes(h), h);
    assert.equal(readFileSync(join(out, 'redteam-history.jsonl'), 'utf8').trim().split('\n').length, 2);
  });

  it('the HTML report renders in headless Chromium with no network, no errors, and its charts', {
    skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing (apt-get install -y chromium)`,
  }, async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const failed: string[] = [];
      const external: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        external.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(summary.reports.html!).href, { waitUntil: 'load' });
      assert.deepEqual(errors, []);
      assert.deepEqual(failed, []);
      assert.deepEqual(external, []);
      assert.equal(await page.title(), `Red team disclosure — ${new Date().toISOString().slice(0, 10)}`);
      for (const [id, bars] of [
        ['chart-overall', 2 + 4],
        ['chart-categories', 24 + 4],
      ] as const) {
        assert.ok(await page.locator(`#${id}`).isVisible(), id);
        assert.ok((await page.locator(`#${id} rect`).count()) >= bars, `${id}: fewer than ${bars} bars and legend keys`);
      }
      assert.ok((await page.locator('.finding').count()) > 100);
      const shot = join(out, 'redteam-report.png');
      await page.screenshot({ path: shot, fullPage: false });
      assert.ok(readFileSync(shot).subarray(1, 4).toString() === 'PNG');
      console.log(`screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
  });
});

describe('redteam against a running gateway (external target)', () => {
  let server: RunningServer;
  const env = () => ({ RT_KEY: server.adminKey, CI: '1' });
  const base = () => [
    'redteam',
    '--target-url',
    `${server.url}/v1`,
    '--model',
    'demo-agent',
    '--api-key-env',
    'RT_KEY',
    '--out',
    tempDir('gatehouse-redteam-ext-'),
  ];

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  it('--fail-on <category|severity> sets exit code 1 only when a matching attack succeeded', () => {
    const cats = ['--categories', 'system-prompt-extraction,resource-exhaustion'];
    const hit = cli([...base(), ...cats, '--fail-on', 'resource-exhaustion', '--json'], env());
    assert.equal(hit.code, 1, hit.stderr);
    const s = JSON.parse(hit.stdout) as Summary;
    assert.equal(s.categories, 2);
    assert.ok(s.failed > 0);
    assert.equal(cli([...base(), ...cats, '--fail-on', 'high'], env()).code, 1);
    const miss = cli([...base(), ...cats, '--fail-on', 'critical,excessive-agency'], env());
    assert.equal(miss.code, 0, miss.stderr);
    assert.match(miss.stdout, /fail-on critical,excessive-agency: no matching attack succeeded/);
  });

  it('speaks the Anthropic dialect and streams', () => {
    const a = cli(
      [...base(), '--dialect', 'anthropic', '--categories', 'excessive-agency', '--fail-on', 'excessive-agency', '--json'],
      env(),
    );
    assert.equal(a.code, 1, a.stderr);
    assert.ok((JSON.parse(a.stdout) as Summary).targets[0]!.succeeded >= 10);
    const s = cli([...base(), '--stream', '--categories', 'system-prompt-extraction,excessive-agency', '--json'], env());
    assert.equal(s.code, 0, s.stderr);
    const t = (JSON.parse(s.stdout) as Summary).targets[0]!;
    assert.ok(t.succeeded >= 20, JSON.stringify(t));
    assert.equal(t.errors, 0);
  });

  it('usage errors exit 2; an unreachable target exits 1 naming the problem', () => {
    assert.equal(cli(['redteam', '--model', 'x']).code, 2);
    assert.equal(cli([...base(), '--fail-on', 'sometimes']).code, 2);
    assert.equal(cli([...base(), '--converters', 'base65']).code, 2);
    const down = cli(
      [
        'redteam',
        '--target-url',
        'http://127.0.0.1:9/v1',
        '--model',
        'm',
        '--retries',
        '0',
        '--categories',
        'jailbreak',
        '--out',
        tempDir(),
      ],
      { CI: '1' },
    );
    assert.equal(down.code, 1);
    assert.match(down.stderr, /every probe against 127\.0\.0\.1:9 failed/);
  });
});

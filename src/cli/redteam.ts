// gatehouse redteam: attack an LLM endpoint (or, with --demo, the vulnerable demo agent directly
// and through a protected Gatehouse) and write the disclosure reports. Thin: flags -> src/redteam.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CATALOG,
  CATEGORIES,
  countsOf,
  createHttpTarget,
  FORMATS,
  type Format,
  failOnMatches,
  parseCategories,
  type RunReport,
  runRedteam,
  startDemo,
  type Target,
  writeReports,
} from '../redteam/index.js';
import { CliError, EXIT, type Io, parse, table } from './common.js';

const USAGE = `gatehouse redteam (--demo | --target-url <url> --model <m> [--dialect openai|anthropic] [--api-key <k> | --api-key-env <VAR>]
                  [--system-prompt <text> | --system-prompt-file <file>])
                 [--converters none|all|<name,...>] [--categories <c,...>] [--concurrency 8] [--timeout 60000] [--stream] [--max-tokens <n>]
                 [--out ./redteam-report] [--format json,md,html,sarif,junit] [--history <file.jsonl>] [--fail-on <category|severity|any,...>] [--json]
       gatehouse redteam --list [--json]`;

const OPTIONS = {
  demo: { type: 'boolean', default: false },
  list: { type: 'boolean', default: false },
  'target-url': { type: 'string' },
  dialect: { type: 'string', default: 'openai' },
  'api-key': { type: 'string' },
  'api-key-env': { type: 'string' },
  model: { type: 'string' },
  name: { type: 'string' },
  'system-prompt': { type: 'string' },
  'system-prompt-file': { type: 'string' },
  converters: { type: 'string', default: 'none' },
  categories: { type: 'string' },
  concurrency: { type: 'string', default: '8' },
  timeout: { type: 'string', default: '60000' },
  retries: { type: 'string', default: '2' },
  stream: { type: 'boolean', default: false },
  'max-tokens': { type: 'string' },
  out: { type: 'string', default: 'redteam-report' },
  format: { type: 'string', default: FORMATS.join(',') },
  history: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

function int(v: string | undefined, flag: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min) throw new CliError(`--${flag} "${v}": expected a whole number >= ${min}`);
  return Number(v);
}

function progressBar(io: Io): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pctDone = Math.floor((100 * done) / total);
    if (pctDone === last && done !== total) return;
    last = pctDone;
    const w = 30;
    const fill = Math.round((w * done) / total);
    io.err(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${done}/${total} probes${done === total ? '\n' : ''}`);
  };
}

function screen(report: RunReport, files: Record<string, string | undefined>, failed: number, failOn: string | undefined): string {
  const counts = report.targets.map((t) => countsOf(t));
  const head = [
    'category',
    ...report.targets.flatMap((t, i) =>
      i === 0 && !t.target.mitigations.length ? [`${t.target.name} succeeded`] : [`${t.target.name} succeeded`, 'blocked'],
    ),
  ];
  const cols = (c: ReturnType<typeof countsOf>['all'], i: number) =>
    i === 0 && !report.targets[0]?.target.mitigations.length
      ? [`${c.succeeded}/${c.total}`]
      : [`${c.succeeded}/${c.total}`, String(c.blocked)];
  const rows = [head];
  for (const cat of CATEGORIES) {
    if (!counts.some((c) => c.byCategory[cat].total)) continue;
    rows.push([cat, ...counts.flatMap((c, i) => cols(c.byCategory[cat], i))]);
  }
  rows.push(['total', ...counts.flatMap((c, i) => cols(c.all, i))]);
  const lines = [
    `gatehouse redteam: ${report.attacks} probes (${report.catalogSize} attacks × ${report.converters.length} converter(s)) in ${report.categories.length} categories against ${report.targets.length} target(s), ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    table(rows).trimEnd(),
    '',
  ];
  for (const t of report.targets) {
    const errs = countsOf(t).all.error;
    lines.push(`${t.target.name}: ${t.target.url} model ${t.target.modelVersion ?? t.target.model}${errs ? ` (${errs} errors)` : ''}`);
    for (const m of t.target.mitigations) lines.push(`  protection: ${m}`);
  }
  const written = Object.values(files).filter(Boolean);
  if (written.length) lines.push('', `reports: ${written.join(', ')}`);
  if (failOn)
    lines.push(
      failed ? `fail-on ${failOn}: ${failed} matching attack(s) succeeded -> exit 1` : `fail-on ${failOn}: no matching attack succeeded`,
    );
  return `${lines.join('\n')}\n`;
}

export async function redteamCommand(args: string[], io: Io): Promise<number> {
  const { values: v } = parse(args, OPTIONS, USAGE);
  if (v.help) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (v.list) {
    if (v.json)
      io.out(
        `${JSON.stringify(CATALOG.map(({ id, category, title, severity, owasp, atlas }) => ({ id, category, title, severity, owasp, atlas })))}\n`,
      );
    else
      io.out(
        table([
          ['id', 'category', 'severity', 'owasp', 'title'],
          ...CATALOG.map((a) => [a.id, a.category, a.severity, a.owasp.join(','), a.title]),
        ]),
      );
    return EXIT.ok;
  }
  const formats = String(v.format)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as Format[];
  for (const f of formats) if (!FORMATS.includes(f)) throw new CliError(`--format "${f}": one of ${FORMATS.join(', ')}`);
  const concurrency = int(v.concurrency, 'concurrency', 1) ?? 8;
  const timeoutMs = int(v.timeout, 'timeout', 1) ?? 60_000;
  const retries = int(v.retries, 'retries', 0) ?? 2;
  const maxTokens = int(v['max-tokens'], 'max-tokens', 1);
  let categories: ReturnType<typeof parseCategories>;
  try {
    categories = parseCategories(v.categories);
    if (v['fail-on']) failOnMatches({ targets: [] } as unknown as RunReport, v['fail-on']);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let systemPrompt = v['system-prompt'];
  if (v['system-prompt-file']) {
    try {
      systemPrompt = readFileSync(v['system-prompt-file'], 'utf8');
    } catch (err) {
      throw new CliError(`cannot read --system-prompt-file: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  }

  let targets: Target[];
  let close = async () => {};
  let gated: string[] | undefined;
  if (v.demo) {
    if (v['target-url']) throw new CliError('--demo starts its own targets; drop --target-url');
    const demo = await startDemo({ timeoutMs, stream: v.stream });
    targets = demo.targets;
    close = demo.close;
    // Gate releases on the protected path; the direct agent is vulnerable by construction.
    gated = ['gatehouse'];
  } else {
    if (!v['target-url'] || !v.model) throw new CliError(`--target-url and --model are required (or --demo); usage: ${USAGE}`);
    if (v.dialect !== 'openai' && v.dialect !== 'anthropic') throw new CliError(`--dialect "${v.dialect}": openai or anthropic`);
    let apiKey = v['api-key'];
    if (v['api-key-env']) {
      apiKey = process.env[v['api-key-env']];
      if (!apiKey) throw new CliError(`--api-key-env ${v['api-key-env']}: the variable is not set`);
    }
    let host = 'target';
    try {
      host = new URL(v['target-url']).host;
    } catch {
      throw new CliError(`--target-url "${v['target-url']}" is not a URL`);
    }
    targets = [
      createHttpTarget({
        name: v.name ?? host,
        url: v['target-url'],
        dialect: v.dialect,
        model: v.model,
        timeoutMs,
        retries,
        stream: v.stream,
        ...(apiKey ? { apiKey } : {}),
        ...(maxTokens ? { maxTokens } : {}),
      }),
    ];
  }

  const showProgress = Boolean(process.stderr.isTTY) && !v.json && !process.env.CI;
  let report: RunReport;
  try {
    report = await runRedteam({
      targets,
      converters: v.converters,
      concurrency,
      ...(categories ? { categories } : {}),
      ...(systemPrompt ? { systemPrompt } : {}),
      ...(showProgress ? { onProgress: progressBar(io) } : {}),
    });
  } catch (err) {
    if ((err as Error).message.startsWith('unknown converter')) throw new CliError((err as Error).message);
    throw err;
  } finally {
    await close();
  }

  const out = resolve(v.out);
  const written = writeReports(report, { dir: out, formats, ...(v.history ? { history: resolve(v.history) } : {}) });
  const failing = v['fail-on'] ? failOnMatches(report, v['fail-on'], gated) : [];
  const unreachable = report.targets.filter((t) => t.results.length > 0 && countsOf(t).all.error === t.results.length);

  if (v.json) {
    io.out(
      `${JSON.stringify({
        attacks: report.attacks,
        categories: report.categories.length,
        catalog: report.catalogSize,
        converters: report.converters,
        duration_ms: report.durationMs,
        started_at: report.startedAt,
        targets: report.targets.map((t) => {
          const { all, byCategory } = countsOf(t);
          return {
            name: t.target.name,
            url: t.target.url,
            model: t.target.model,
            model_version: t.target.modelVersion ?? null,
            succeeded: all.succeeded,
            blocked: all.blocked,
            resisted: all.resisted,
            errors: all.error,
            mitigations: t.target.mitigations,
            by_category: Object.fromEntries(
              Object.entries(byCategory)
                .filter(([, c]) => c.total)
                .map(([k, c]) => [
                  k,
                  { succeeded: c.succeeded, blocked: c.blocked, resisted: c.resisted, errors: c.error, total: c.total },
                ]),
            ),
          };
        }),
        reports: written.files,
        history: written.history,
        fail_on: v['fail-on'] ?? null,
        failed: failing.length,
      })}\n`,
    );
  } else io.out(screen(report, written.files, failing.length, v['fail-on']));
  for (const t of unreachable)
    io.err(
      `gatehouse: every probe against ${t.target.name} failed (${t.results[0]?.evidence[0]?.detail ?? 'error'}); check --target-url, the key and --model\n`,
    );
  return failing.length || unreachable.length ? EXIT.failed : EXIT.ok;
}

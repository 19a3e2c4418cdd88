#!/usr/bin/env node
// Detection quality and speed: `npm run bench:detect`.
//
// Runs Gatehouse's scanners (the build output, dist/src/scanners/*.js) and the npm peers of
// bench/detect-peers/peers.mjs on the same rows of ../shared/data/<category>/dev.jsonl with the same
// text-level label, and reports per detector: precision, recall, F1 and FPR at its own threshold, TPR at
// FPR <= 1% when it gives a score, median µs per text and MB/s. Then Gatehouse's speed: all scanners
// on a 2 KB prompt (median over >= 2000 runs after warm-up) and MB/s on 1 MB of mixed long text, on
// one thread. Prints a Markdown report and writes bench/results/detect-<stamp>.json.
// Performance and quality figures live here, never in timed unit tests. Knobs: see bench/README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const PEERS_DIR = path.join(BENCH, 'detect-peers');
const E = process.env;

function fail(msg) {
  console.error(`bench:detect: ${msg}`);
  process.exit(2);
}
function int(name, dflt, min = 0) {
  const v = E[name];
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min) fail(`${name}: expected a whole number >= ${min}, got "${v}"`);
  return Number(v);
}

const CATEGORIES = ['injection', 'pii', 'secrets', 'leak'];
const cfg = {
  data: path.resolve(E.DETECT_DATA || path.join(ROOT, '..', 'shared', 'data')),
  split: E.DETECT_SPLIT || 'dev',
  only: (E.DETECT_ONLY || CATEGORIES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  peers: E.DETECT_PEERS !== '0',
  speed: E.DETECT_SPEED !== '0',
  speedRuns: int('DETECT_SPEED_RUNS', 5000, 2000),
  speedWarmup: int('DETECT_SPEED_WARMUP', 500, 1),
  maxPasses: int('DETECT_MAX_PASSES', 5, 1),
  budgetS: int('DETECT_BUDGET_S', 60, 1),
  scannersDir: path.resolve(E.DETECT_SCANNERS_DIR || path.join(ROOT, 'dist', 'src', 'scanners')),
  build: E.BENCH_BUILD,
  resultsDir: E.BENCH_RESULTS_DIR || path.join(BENCH, 'results'),
};
for (const c of cfg.only)
  if (!CATEGORIES.includes(c)) fail(`DETECT_ONLY: unknown category "${c}" (expected some of ${CATEGORIES.join(',')})`);

const STAMP = new Date()
  .toISOString()
  .replace(/:/g, '')
  .replace(/\.\d+Z$/, 'Z');
const progress = (...a) => console.error(...a);
const MB = 1e6; // MB/s here is 10^6 bytes of UTF-8 per second

// ------------------------------------------------------------------ setup: build, peers, data
/** Builds dist/ when a scanner source is newer than its output (or BENCH_BUILD=1; BENCH_BUILD=0 never). */
function ensureBuild() {
  if (cfg.build === '0' || E.DETECT_SCANNERS_DIR) return;
  const srcDir = path.join(ROOT, 'src', 'scanners');
  let stale = cfg.build === '1';
  for (const name of fs.existsSync(srcDir) ? fs.readdirSync(srcDir) : []) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const out = path.join(cfg.scannersDir, name.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(srcDir, name)).mtimeMs) stale = true;
  }
  if (!stale) return;
  progress('== building dist (npx tsc -p tsconfig.json)');
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // tsc emits even with type errors; those may be in files other engineers are editing right now.
  if (r.status !== 0) progress('   tsc reported errors (it still emitted JS); scanners that fail to import are reported as such');
}

/** Installs the peers into bench/detect-peers/node_modules (npm ci) when missing or older than the lock. */
function ensurePeers() {
  const installed = path.join(PEERS_DIR, 'node_modules', '.package-lock.json');
  const lock = path.join(PEERS_DIR, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return null;
  progress('== installing the peers (npm ci --prefix bench/detect-peers)');
  const r = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return r.status === 0 ? null : `npm ci --prefix bench/detect-peers failed (exit ${r.status ?? r.signal})`;
}

function loadRows(category) {
  const file = path.join(cfg.data, category, `${cfg.split}.jsonl`);
  if (!fs.existsSync(file)) return { file, rows: null };
  // Records are separated by \n only: texts may hold U+2028 and other line separators.
  const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
  return { file, rows };
}

/**
 * The protected text of a leak row for `context.systemPrompts`. The data README says `meta` holds the
 * protected instruction; today it is `{ sample_id, access_code }`, so the access code is what we have.
 */
function systemPromptsOf(meta) {
  if (typeof meta === 'string') return [meta];
  if (Array.isArray(meta)) return meta.filter((x) => typeof x === 'string');
  if (!meta || typeof meta !== 'object') return [];
  for (const k of ['system_prompt', 'instruction', 'pre_prompt', 'prompt']) if (typeof meta[k] === 'string') return [meta[k]];
  return typeof meta.access_code === 'string' ? [meta.access_code] : [];
}

// ------------------------------------------------------------------ detectors
const FACTORY = {
  injection: 'createInjectionScanner',
  pii: 'createPiiScanner',
  secrets: 'createSecretsScanner',
  leak: 'createLeakScanner',
};

function gitInfo() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src/scanners');
  return head.status === 0 ? `${head.stdout.trim()}${dirty.stdout.trim() ? '+dirty' : ''}` : null;
}

/**
 * Gatehouse's scanner for a category, from the build output; `unavailable` says why when there is none.
 * `options` go to the factory (as the config's scanner settings do); `variant` names them in the id.
 */
async function loadGatehouse(category, version, options = undefined, variant = '') {
  const base = { id: `Gatehouse ${category}${variant}`, kind: 'gatehouse', category };
  const file = path.join(cfg.scannersDir, `${category}.js`);
  if (!fs.existsSync(file)) return { ...base, unavailable: `not built (${path.relative(ROOT, file)} missing)` };
  let mod;
  let scanner;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    return { ...base, unavailable: `did not run: ${path.relative(ROOT, file)} does not import: ${oneLine(e)}` };
  }
  const factory = mod[FACTORY[category]];
  if (typeof factory !== 'function')
    return { ...base, unavailable: `not built (${path.relative(ROOT, file)} has no ${FACTORY[category]})` };
  try {
    scanner = factory(options);
  } catch (e) {
    return { ...base, unavailable: `did not run: ${FACTORY[category]}() threw: ${oneLine(e)}` };
  }
  const context = (row) => (category === 'leak' ? { systemPrompts: systemPromptsOf(row?.meta) } : undefined);
  return {
    ...base,
    version,
    threshold: scanner.threshold,
    scoring: `${options ? `scanner = ${FACTORY[category]}(${JSON.stringify(options)}); ` : ''}scanner.scan(text${category === 'leak' ? ', { systemPrompts: [row.meta.access_code] }' : ''}); flagged = result.flagged (score >= threshold ${scanner.threshold}); score = result.score`,
    scanner,
    detect: (text, row) => scanner.scan(text, context(row)),
    verdict: (r) => ({ flagged: r.flagged === true, score: typeof r.score === 'number' ? r.score : null }),
  };
}

async function loadPeers(installError) {
  let PEERS;
  try {
    if (installError) throw new Error(installError);
    ({ PEERS } = await import(pathToFileURL(path.join(PEERS_DIR, 'peers.mjs')).href));
  } catch (e) {
    return { error: oneLine(e), list: [] };
  }
  const list = [];
  for (const p of PEERS) {
    const base = { id: p.id, pkg: p.pkg, kind: 'peer', category: p.category, scoring: p.scoring };
    try {
      const loaded = await p.load();
      list.push({ ...base, ...loaded });
    } catch (e) {
      list.push({ ...base, unavailable: `did not run: ${p.pkg} failed to load on Node ${process.versions.node}: ${oneLine(e)}` });
    }
  }
  return { error: null, list };
}

const oneLine = (e) =>
  String(e?.message ?? e)
    .split('\n')[0]
    .slice(0, 160);

// ------------------------------------------------------------------ quality and per-text speed
async function call(d, text, row) {
  let r = d.detect(text, row);
  if (r && typeof r.then === 'function') r = await r;
  return r;
}

/**
 * One pass for the verdicts, which is also the warm-up, then timed passes of the detect call alone
 * (as many as fit in ~2 s, at most DETECT_MAX_PASSES). A detector whose first pass took longer than
 * 2 s is timed on that pass. One that is still going after DETECT_BUDGET_S stops there and is
 * reported as not finished: a sync call cannot be interrupted, so the budget is checked between rows.
 */
async function evaluate(d, rows) {
  const out = [];
  const firstTimes = [];
  let errors = 0;
  let firstError = null;
  const t0 = performance.now();
  for (const row of rows) {
    if (performance.now() - t0 > cfg.budgetS * 1000) break;
    const s = performance.now();
    try {
      const raw = await call(d, row.text, row);
      firstTimes.push(performance.now() - s);
      const v = await d.verdict(raw, row.text);
      out.push({ label: row.label, source: row.source, flagged: v.flagged, score: v.score });
    } catch (e) {
      // A row a peer fails on counts as not flagged (what a fail-open caller gets) and is reported.
      errors++;
      firstError ??= oneLine(e);
      out.push({ label: row.label, source: row.source, flagged: false, score: null, error: true });
    }
    if (d.after) await d.after();
  }
  const firstPassMs = performance.now() - t0;
  if (out.length < rows.length) {
    const ms = median(firstTimes);
    return {
      unavailable: `did not finish: ${out.length} of ${rows.length} rows in the ${cfg.budgetS} s budget (median ${num(ms, 0)} ms/text); DETECT_BUDGET_S raises it`,
      partial: { ...metrics(out), errors, first_error: firstError, median_ms: ms },
    };
  }
  const sizes = rows.map((r) => Buffer.byteLength(r.text, 'utf8'));
  const samples = [];
  let bytes = 0;
  let ms = 0;
  let passes = 0;
  if (firstPassMs >= 2000) {
    samples.push(...firstTimes);
    ms = firstTimes.reduce((a, b) => a + b, 0);
    bytes = out.reduce((a, o, i) => (o.error ? a : a + sizes[i]), 0);
    passes = 1;
  } else {
    passes = Math.max(1, Math.min(cfg.maxPasses, Math.ceil(2000 / Math.max(firstPassMs, 1))));
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const s = performance.now();
        try {
          await call(d, row.text, row);
        } catch {}
        const dt = performance.now() - s;
        if (d.after) await d.after();
        samples.push(dt);
        ms += dt;
        bytes += sizes[i];
      }
    }
  }
  return {
    ...metrics(out),
    errors,
    first_error: firstError,
    timing: { passes, median_us: median(samples) * 1000, p99_us: quantile(samples, 0.99) * 1000, mb_per_s: bytes / MB / (ms / 1000) },
    by_source: bySource(out),
  };
}

function metrics(out) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const o of out) {
    if (o.label === 1) o.flagged ? tp++ : fn++;
    else o.flagged ? fp++ : tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const scored = out.every((o) => o.error || o.score !== null);
  return {
    n: out.length,
    tp,
    fp,
    tn,
    fn,
    precision,
    recall,
    f1,
    fpr: fp + tn ? fp / (fp + tn) : null,
    tpr_at_fpr_1pct: scored ? tprAtFpr(out, 0.01) : null,
  };
}

/**
 * The best TPR over thresholds whose FPR is <= maxFpr, flagging `score > cut`: the cut is the
 * (k+1)-th highest benign score, k = floor(maxFpr x benign rows), so at most k benign rows pass it.
 */
function tprAtFpr(out, maxFpr) {
  const s = (o) => (o.score === null || Number.isNaN(o.score) ? Number.NEGATIVE_INFINITY : o.score);
  const neg = out
    .filter((o) => o.label !== 1)
    .map(s)
    .sort((a, b) => b - a);
  const pos = out.filter((o) => o.label === 1).map(s);
  if (!neg.length || !pos.length) return null;
  const k = Math.floor(maxFpr * neg.length);
  const cut = k < neg.length ? neg[k] : Number.NEGATIVE_INFINITY;
  return {
    tpr: pos.filter((x) => x > cut).length / pos.length,
    fpr: neg.filter((x) => x > cut).length / neg.length,
    flag_when_score_above: Number.isFinite(cut) ? cut : null,
  };
}

function bySource(out) {
  const m = {};
  for (const o of out) {
    const k = `${o.source ?? '?'}/${o.label}`;
    m[k] ??= { rows: 0, flagged: 0 };
    m[k].rows++;
    if (o.flagged) m[k].flagged++;
  }
  return m;
}

function median(xs) {
  return quantile(xs, 0.5);
}
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

// ------------------------------------------------------------------ Gatehouse speed
function speedTexts() {
  const chat = JSON.parse(fs.readFileSync(path.join(BENCH, 'fixtures', 'chat.json'), 'utf8'));
  const system = chat.messages.find((m) => m.role === 'system')?.content ?? '';
  const user = chat.messages.find((m) => m.role === 'user')?.content ?? '';
  // The 2 KB prompt: the `npm run bench` fixture's user message, continued to 2048 characters.
  let prompt = user;
  while (prompt.length < 2048) prompt += `\n\n${user}`;
  prompt = prompt.slice(0, 2048);
  // 1 MB of mixed long text: dev rows of every category, interleaved, until 2^20 bytes.
  const pools = CATEGORIES.map((c) => loadRows(c).rows ?? []).filter((r) => r.length);
  const parts = [];
  let bytes = 0;
  for (let i = 0; bytes < 2 ** 20 && pools.length; i++) {
    const pool = pools[i % pools.length];
    const t = pool[Math.floor(i / pools.length) % pool.length].text;
    parts.push(t);
    bytes += Buffer.byteLength(t, 'utf8') + 2;
  }
  const long = parts.join('\n\n');
  return { system, prompt, long };
}

/** Process CPU time (user + system, all threads) in µs spent by fn: on a busy shared machine it moves less than wall time. */
function cpuUs(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
}

function speed(scanners) {
  const { system, prompt, long } = speedTexts();
  const ctx = { systemPrompts: [system] };
  const scan = (s, text) => s.scan(text, s.name === 'leak' ? ctx : undefined);
  const names = scanners.map((s) => s.name);

  // 2 KB prompt: every scanner in turn, as the input stage would; wall time per scanner and all
  // together per run, then each scanner alone for its mean CPU time.
  for (let i = 0; i < cfg.speedWarmup; i++) for (const s of scanners) scan(s, prompt);
  const per = Object.fromEntries(names.map((n) => [n, []]));
  const all = [];
  const allCpu = cpuUs(() => {
    for (let i = 0; i < cfg.speedRuns; i++) {
      const t0 = performance.now();
      let t = t0;
      for (const s of scanners) {
        scan(s, prompt);
        const now = performance.now();
        per[s.name].push(now - t);
        t = now;
      }
      all.push(t - t0);
    }
  });
  const us = (xs, cpu) => ({ median_us: median(xs) * 1000, p99_us: quantile(xs, 0.99) * 1000, cpu_mean_us: cpu / xs.length });
  const prompt2k = { chars: prompt.length, bytes: Buffer.byteLength(prompt), runs: cfg.speedRuns, all: us(all, allCpu), per: {} };
  for (const s of scanners) {
    const cpu = cpuUs(() => {
      for (let i = 0; i < cfg.speedRuns; i++) scan(s, prompt);
    });
    prompt2k.per[s.name] = us(per[s.name], cpu);
  }

  // 1 MiB: each scanner on the whole text, one warm-up, then up to 5 runs or 10 s; median wall time,
  // and MB/s from the CPU time of those runs.
  const bytes = Buffer.byteLength(long);
  const longText = { chars: long.length, bytes, per: {} };
  let allMs = 0;
  let allCpuMs = 0;
  for (const s of scanners) {
    scan(s, long);
    const times = [];
    const start = performance.now();
    const cpu = cpuUs(() => {
      while (times.length < 5 && (times.length < 1 || performance.now() - start < 10_000)) {
        const t0 = performance.now();
        scan(s, long);
        times.push(performance.now() - t0);
      }
    });
    const ms = median(times);
    const cpuMs = cpu / 1000 / times.length;
    allMs += ms;
    allCpuMs += cpuMs;
    longText.per[s.name] = {
      runs: times.length,
      median_ms: ms,
      mb_per_s: bytes / MB / (ms / 1000),
      cpu_mean_ms: cpuMs,
      mb_per_cpu_s: bytes / MB / (cpuMs / 1000),
    };
  }
  longText.all = {
    median_ms: allMs,
    mb_per_s: scanners.length ? bytes / MB / (allMs / 1000) : null,
    cpu_mean_ms: allCpuMs,
    mb_per_cpu_s: scanners.length ? bytes / MB / (allCpuMs / 1000) : null,
  };
  return { scanners: names, prompt2k, long: longText };
}

// ------------------------------------------------------------------ report
const pct = (x, d = 1) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(d)}%`);
const num = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

function table(section) {
  const lines = [
    `### ${section.category}: ${section.rows} rows (${section.positives} positive / ${section.rows - section.positives} negative), \`${section.file}\``,
    '',
    '| detector | version | precision | recall | F1 | FPR | TPR @ FPR ≤ 1% | median µs/text | MB/s | notes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of section.results) {
    if (r.unavailable) {
      lines.push(`| ${r.id} | ${r.version ?? '—'} | — | — | — | — | — | — | — | ${r.unavailable} |`);
      continue;
    }
    const t = r.tpr_at_fpr_1pct;
    const tpr = t ? `${pct(t.tpr)} (FPR ${pct(t.fpr, 2)})` : r.kind === 'gatehouse' ? '—' : 'no score';
    const notes = [];
    if (r.threshold !== undefined) notes.push(`threshold ${r.threshold}`);
    if (r.errors) notes.push(`failed on ${r.errors} rows (counted as not flagged): ${r.first_error}`);
    lines.push(
      `| ${r.id} | ${r.version} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ${pct(r.fpr, 2)} | ${tpr} | ` +
        `${num(r.timing.median_us)} | ${num(r.timing.mb_per_s, 2)} | ${notes.join('; ')} |`,
    );
  }
  return lines.join('\n');
}

function speedTable(sp, missing) {
  if (!sp) return `### Gatehouse speed\n\nnot measured: ${missing}`;
  const cols = [...sp.scanners, 'all together'];
  const row = (label, f, target = '') => `| ${label} | ${cols.map(f).join(' | ')} | ${target} |`;
  const p = (n) => (n === 'all together' ? sp.prompt2k.all : sp.prompt2k.per[n]);
  const l = (n) => (n === 'all together' ? sp.long.all : sp.long.per[n]);
  return [
    `### Gatehouse speed (one thread; ${sp.scanners.length} scanner(s): ${sp.scanners.join(', ')}${missing ? `; ${missing}` : ''})`,
    '',
    `| measure | ${cols.join(' | ')} | target |`,
    `| --- | ${cols.map(() => '---:').join(' | ')} | --- |`,
    row(`2 KB prompt, median µs (${sp.prompt2k.runs} runs)`, (n) => num(p(n).median_us), '≤ 200 µs all together'),
    row('2 KB prompt, p99 µs', (n) => num(p(n).p99_us)),
    row('2 KB prompt, mean CPU µs', (n) => num(p(n).cpu_mean_us)),
    row(`${(sp.long.bytes / 2 ** 20).toFixed(2)} MiB mixed text, MB/s`, (n) => num(l(n).mb_per_s, 1), '≥ 20 MB/s per core'),
    row(`${(sp.long.bytes / 2 ** 20).toFixed(2)} MiB mixed text, MB per CPU s`, (n) => num(l(n).mb_per_cpu_s, 1)),
  ].join('\n');
}

// ------------------------------------------------------------------ main
async function main() {
  ensureBuild();
  const installError = cfg.peers ? ensurePeers() : null;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const commit = gitInfo();
  const gatehouseVersion = `${pkg.version}${commit ? ` (${commit})` : ''}`;
  const peers = cfg.peers ? await loadPeers(installError) : { error: 'DETECT_PEERS=0', list: [] };

  const meta = {
    stamp: STAMP,
    node: process.version,
    gatehouse: gatehouseVersion,
    data: cfg.data,
    split: cfg.split,
    host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, loadavg_start: os.loadavg() },
    knobs: { ...cfg },
  };
  progress(
    `bench:detect ${STAMP}: gatehouse ${gatehouseVersion}, node ${process.version}, ${meta.host.cpus} cpus, load ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );

  const sections = [];
  const gatehouse = {};
  for (const category of cfg.only) {
    const { file, rows } = loadRows(category);
    const g = await loadGatehouse(category, gatehouseVersion);
    if (!g.unavailable) gatehouse[category] = g.scanner;
    if (!rows) {
      progress(`${category}: no ${file}; skipped`);
      continue;
    }
    const detectors = [g];
    // PII also as `scanners.pii.broad: true` counts it: dates and web addresses flagged too.
    if (category === 'pii' && !g.unavailable) detectors.push(await loadGatehouse(category, gatehouseVersion, { broad: true }, ' (broad)'));
    if (category !== 'leak') {
      if (peers.error) detectors.push({ id: 'npm peers', kind: 'peer', unavailable: `did not run: ${peers.error}` });
      detectors.push(...peers.list.filter((p) => p.category === category));
    }
    const section = {
      category,
      file: path.relative(ROOT, file),
      rows: rows.length,
      positives: rows.filter((r) => r.label === 1).length,
      results: [],
    };
    for (const d of detectors) {
      const info = { id: d.id, kind: d.kind, pkg: d.pkg, version: d.version, threshold: d.threshold, scoring: d.scoring };
      if (d.unavailable) {
        progress(`${category}: ${d.id}: ${d.unavailable}`);
        section.results.push({ ...info, unavailable: d.unavailable });
        continue;
      }
      const t0 = performance.now();
      const r = await evaluate(d, rows);
      if (r.unavailable) {
        progress(`${category}: ${d.id}: ${r.unavailable}`);
        section.results.push({ ...info, ...r });
        continue;
      }
      progress(
        `${category}: ${d.id}: F1 ${pct(r.f1)} P ${pct(r.precision)} R ${pct(r.recall)} FPR ${pct(r.fpr, 2)}; ` +
          `${num(r.timing.median_us)} µs/text; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      section.results.push({ ...info, ...r });
    }
    sections.push(section);
  }

  let sp = null;
  const built = CATEGORIES.filter((c) => gatehouse[c]);
  const missingNames = CATEGORIES.filter((c) => !gatehouse[c] && cfg.only.includes(c));
  const missing = missingNames.length ? `not built: ${missingNames.join(', ')}` : '';
  if (cfg.speed && built.length) {
    progress(`speed: ${built.join(', ')} on a 2 KB prompt (${cfg.speedRuns} runs) and on 1 MiB of mixed text`);
    sp = speed(built.map((c) => gatehouse[c]));
  }
  meta.host.loadavg_end = os.loadavg();

  const md = [
    `## Detection quality and speed (\`npm run bench:detect\`, ${STAMP})`,
    '',
    `Gatehouse ${gatehouseVersion}, Node ${process.version}, ${meta.host.cpu_model} (${meta.host.cpus} cores, load ${meta.host.loadavg_start[0].toFixed(1)} at start), ${cfg.split} split. ` +
      'Precision, recall, F1 and FPR are at each detector’s own threshold; TPR @ FPR ≤ 1% sweeps the score where the detector gives one. ' +
      'µs/text is the median over every row of the file; MB/s is UTF-8 bytes over total time, one thread.',
    '',
    ...sections.flatMap((s) => [table(s), '']),
    speedTable(sp, sp ? missing : cfg.speed ? missing || 'no scanner built' : 'DETECT_SPEED=0'),
    '',
    'How each detector is scored:',
    '',
    ...uniqueScoring(sections),
  ].join('\n');

  fs.mkdirSync(cfg.resultsDir, { recursive: true });
  const out = path.join(cfg.resultsDir, `detect-${STAMP}.json`);
  fs.writeFileSync(out, `${JSON.stringify({ meta, categories: sections, speed: sp }, null, 2)}\n`);
  console.log(md);
  progress(`\nwrote ${path.relative(ROOT, out)}`);
}

function uniqueScoring(sections) {
  const seen = new Set();
  const lines = [];
  for (const s of sections)
    for (const r of s.results) {
      if (!r.scoring || seen.has(`${s.category}:${r.id}`)) continue;
      seen.add(`${s.category}:${r.id}`);
      lines.push(`- ${s.category} / ${r.id}: ${r.scoring}`);
    }
  return lines;
}

await main();

#!/usr/bin/env node
// Gatehouse's own benchmark: `npm run bench`.
//
// Starts a mock OpenAI-compatible upstream (bench/upstream.mjs) and Gatehouse on a fresh temporary
// data dir, both on 127.0.0.1, smoke-checks that Gatehouse really proxies, then loads two targets
// with wrk in one run, alternating them, round by round:
//   direct     wrk -> upstream               (the floor: what the machine and the mock cost)
//   gatehouse  wrk -> Gatehouse -> upstream
// and prints a Markdown table (medians over rounds, deltas vs direct, Gatehouse CPU per request),
// writes bench/results/<stamp>.json, stops Gatehouse cleanly and verifies its audit trail.
// Every process it starts is stopped by PID on exit, also on SIGINT/SIGTERM.
// Knobs (environment): see bench/README.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const E = process.env;

function int(name, dflt) {
  const v = E[name];
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v)) fail(`${name}: expected a whole number, got "${v}"`);
  return Number(v);
}
function list(name, dflt) {
  const v = E[name];
  if (v === undefined) return dflt;
  const xs = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const x of xs) if (!/^\d+$/.test(x) || Number(x) <= 0) fail(`${name}: expected comma-separated rates in req/s, got "${v}"`);
  return xs.map(Number);
}
function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

const cfg = {
  duration_s: int('BENCH_DURATION', 10),
  rounds: int('BENCH_ROUNDS', 2),
  rates: list('BENCH_RATES', [500, 1000]),
  stream_rates: list('BENCH_STREAM_RATES', [500]),
  stream_sat: E.BENCH_STREAM !== '0',
  warmup_s: int('BENCH_WARMUP', 3),
  durability: E.BENCH_DURABILITY || 'fsync',
  base_port: int('BENCH_BASE_PORT', 18200),
  rate_conns: int('BENCH_RATE_CONNS', 50),
  sat_conns: int('BENCH_SAT_CONNS', 50),
  sat_threads: int('BENCH_SAT_THREADS', 2),
  upstream_delay_ms: int('BENCH_UPSTREAM_DELAY_MS', 0),
  upstream_chunk_delay_ms: int('BENCH_UPSTREAM_CHUNK_DELAY_MS', 0),
  min_rate_fraction: Number(E.BENCH_MIN_RATE_FRACTION || '0.97'),
  max_other_cores: Number(E.BENCH_MAX_OTHER_CORES || '0.25'),
  quiet_wait_max_s: int('BENCH_QUIET_WAIT_MAX', 30),
  quiesce_max_s: int('BENCH_QUIESCE_MAX', 30),
  results_dir: E.BENCH_RESULTS_DIR || path.join(BENCH, 'results'),
  wrk: E.BENCH_WRK || 'wrk',
  keep: E.BENCH_KEEP === '1',
  build: E.BENCH_BUILD === '1',
};
if (!['fsync', 'os'].includes(cfg.durability)) fail(`BENCH_DURABILITY: expected fsync or os, got "${cfg.durability}"`);
if (cfg.duration_s < 1 || cfg.rounds < 1) fail('BENCH_DURATION and BENCH_ROUNDS must be at least 1');

const STAMP = new Date()
  .toISOString()
  .replace(/:/g, '')
  .replace(/\.\d+Z$/, 'Z');
const LUA = path.join(BENCH, 'wrk.lua');
const BODY = path.join(BENCH, 'fixtures', 'chat.json');
const BODY_STREAM = path.join(BENCH, 'fixtures', 'chat-stream.json');
const UPSTREAM_PORT = cfg.base_port;
const GATEHOUSE_PORT = cfg.base_port + 1;
const UPSTREAM = `http://127.0.0.1:${UPSTREAM_PORT}`;
const GATEHOUSE = `http://127.0.0.1:${GATEHOUSE_PORT}`;
const CHAT_PATH = '/v1/chat/completions';
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

const log = (...a) => console.log(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const r2 = (x) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);

// ------------------------------------------------------------------ processes (stopped by PID only)
const procs = []; // { name, pid, child, exited, logFile }
let currentWrk = null;
let runDir = null;
let writePartial = null;

function startProc(name, args, env) {
  const logFile = path.join(runDir, `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  // detached: own process group (id = the child's PID), so a terminal ^C reaches only this runner,
  // which then stops the group by that PID.
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', fd, fd], env });
  fs.closeSync(fd);
  const rec = { name, pid: child.pid, child, exited: null, logFile };
  child.on('exit', (code, signal) => {
    rec.exited = { code, signal };
  });
  procs.push(rec);
  return rec;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopProc(rec, graceMs = 4000) {
  if (!groupAlive(rec.pid)) return;
  try {
    process.kill(-rec.pid, 'SIGTERM');
  } catch {}
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(rec.pid)) await sleep(50);
  if (groupAlive(rec.pid)) {
    try {
      process.kill(-rec.pid, 'SIGKILL');
    } catch {}
  }
}

async function stopAll() {
  if (currentWrk && currentWrk.exitCode === null) {
    try {
      process.kill(currentWrk.pid, 'SIGTERM');
    } catch {}
  }
  for (const p of [...procs].reverse()) await stopProc(p);
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    log(`\n${sig}: stopping ${procs.length} started process(es)...`);
    await stopAll();
    if (writePartial) {
      try {
        writePartial(sig);
      } catch (e) {
        console.error(`could not write partial results: ${e.message}`);
      }
    }
    if (runDir) log(`logs and data kept in ${runDir}`);
    process.exit(130);
  });
}
process.on('exit', () => {
  if (currentWrk && currentWrk.exitCode === null) {
    try {
      process.kill(currentWrk.pid, 'SIGKILL');
    } catch {}
  }
  for (const p of procs) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {}
  }
});

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function waitReady(url, rec, timeoutMs = 30_000) {
  const t0 = Date.now();
  let last = '';
  while (Date.now() - t0 < timeoutMs) {
    if (rec.exited) throw new Error(`${rec.name} exited early (${JSON.stringify(rec.exited)}); see ${rec.logFile}:\n${tail(rec.logFile)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await r.arrayBuffer();
      if (r.status === 200) return Date.now() - t0;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await sleep(100);
  }
  throw new Error(`${rec.name} not ready after ${timeoutMs} ms at ${url}: ${last}; see ${rec.logFile}`);
}

function tail(file, n = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

// ------------------------------------------------------------------ /proc accounting
function procCpu(pid) {
  // utime + stime (fields 14, 15) of the whole process, all threads included.
  try {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return null;
  }
}
function procRssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
function hostCpu() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  return { busy_s: (user + nice + system + irq + softirq) / CLK_TCK, idle_s: (idle + iowait) / CLK_TCK, steal_s: (steal || 0) / CLK_TCK };
}
function selfCpu() {
  const st = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
  return { self_s: (Number(f[11]) + Number(f[12])) / CLK_TCK, children_s: (Number(f[13]) + Number(f[14])) / CLK_TCK };
}
function snapshot(pids) {
  return { h: hostCpu(), me: selfCpu(), p: pids.map((pid) => procCpu(pid) ?? 0) };
}
/** Cores used over [a, b] by processes that are not ours (host busy minus our processes, wrk and this runner). */
function otherCores(a, b, wall_s) {
  const ours = b.p.reduce((s, v, i) => s + v - a.p[i], 0) + (b.me.self_s - a.me.self_s) + (b.me.children_s - a.me.children_s);
  return Math.max(0, b.h.busy_s - a.h.busy_s - ours) / wall_s;
}

// Before a run: wait (at most BENCH_QUIET_WAIT_MAX s) until other processes use < BENCH_MAX_OTHER_CORES.
async function waitQuiet(pids) {
  const t0 = Date.now();
  let other = 0;
  for (;;) {
    const a = snapshot(pids);
    await sleep(1000);
    other = otherCores(a, snapshot(pids), 1);
    if (other <= cfg.max_other_cores || Date.now() - t0 >= cfg.quiet_wait_max_s * 1000) break;
    if (Date.now() - t0 < 1500) log(`      waiting for the machine to go quiet (other processes use ${other.toFixed(2)} cores)...`);
  }
  return { waited_ms: Date.now() - t0 - 1000, other_cores: r2(other) };
}

// After a run: wait until Gatehouse and the upstream are idle (< 0.1 core), so that a backlog
// (e.g. queued audit commits) cannot leak into the next measurement.
async function quiesce(pids) {
  const t0 = Date.now();
  let prev = pids.map((p) => procCpu(p) ?? 0);
  while (Date.now() - t0 < cfg.quiesce_max_s * 1000) {
    await sleep(250);
    const cur = pids.map((p) => procCpu(p) ?? 0);
    const busy = cur.reduce((s, c, i) => s + c - prev[i], 0) / 0.25;
    prev = cur;
    if (busy < 0.1) return Date.now() - t0;
  }
  return Date.now() - t0;
}

// ------------------------------------------------------------------ setup helpers
function wrkVersion() {
  const r = spawnSync(cfg.wrk, ['-v'], { encoding: 'utf8' });
  if (r.error) return null;
  return `${r.stdout}${r.stderr}`.split('\n')[0].trim() || 'wrk (unknown version)';
}

function ensureWrk() {
  let v = wrkVersion();
  if (v) return v;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt && !E.BENCH_WRK) {
    log('== wrk not found; installing it with apt-get (running as root)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env });
    v = wrkVersion();
    if (v) return v;
  }
  console.error(
    `bench: wrk (the HTTP load generator) is not installed${E.BENCH_WRK ? ` at BENCH_WRK=${E.BENCH_WRK}` : ''}. Install it, then run again:\n` +
      '  Debian/Ubuntu: sudo apt-get install -y wrk\n' +
      '  Fedora:        sudo dnf install -y wrk\n' +
      '  macOS:         brew install wrk\n' +
      '  from source:   https://github.com/wg/wrk (make; put the binary on PATH or set BENCH_WRK=/path/to/wrk)',
  );
  process.exit(2);
}

function ensureDist() {
  const main = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
  const keys = path.join(ROOT, 'dist', 'src', 'identity', 'keys.js');
  if (!cfg.build && fs.existsSync(main) && fs.existsSync(keys)) {
    const newest = newestMtime(path.join(ROOT, 'src'));
    if (newest > fs.statSync(main).mtimeMs)
      log('note: src/ has files newer than dist/; run `npm run build` (or BENCH_BUILD=1) to bench the current code');
    return;
  }
  log('== building dist (npx tsc -p tsconfig.json)');
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(main)) fail('build failed; fix the errors above (or run `npm run build`) and try again');
}
function newestMtime(dir) {
  let m = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) m = Math.max(m, newestMtime(p));
    else if (e.name.endsWith('.ts')) m = Math.max(m, fs.statSync(p).mtimeMs);
  }
  return m;
}

function gitDescribe() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

/** Environment for Gatehouse processes: ours, without any GATEHOUSE_* inherited from the caller. */
function gatehouseEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GATEHOUSE_')) env[k] = v;
  return { ...env, ...extra };
}

// ------------------------------------------------------------------ smoke checks
function parseSse(text) {
  let content = '';
  let events = 0;
  let usage = false;
  let done = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const d = line.slice(5).trim();
    events++;
    if (d === '[DONE]') {
      done = true;
      continue;
    }
    try {
      const j = JSON.parse(d);
      const c = j.choices?.[0]?.delta?.content;
      if (typeof c === 'string') content += c;
      if (j.usage) usage = true;
    } catch {}
  }
  return { content, events, usage, done, endsWithDone: /data: \[DONE\]\s*$/.test(text) };
}

async function smoke(target, expected) {
  const url = target.base_url + CHAT_PATH;
  const headers = { 'content-type': 'application/json', ...target.headers };
  const out = {};
  {
    const r = await fetch(url, { method: 'POST', headers, body: fs.readFileSync(BODY), signal: AbortSignal.timeout(10_000) });
    const txt = await r.text();
    let content = null;
    try {
      content = JSON.parse(txt).choices?.[0]?.message?.content ?? null;
    } catch {}
    out.nonstream = { status: r.status, bytes: Buffer.byteLength(txt), ok: r.status === 200 && content === expected };
    if (!out.nonstream.ok) out.nonstream.detail = txt.slice(0, 400);
  }
  {
    const r = await fetch(url, { method: 'POST', headers, body: fs.readFileSync(BODY_STREAM), signal: AbortSignal.timeout(10_000) });
    const txt = await r.text();
    const sse = parseSse(txt);
    out.stream = {
      status: r.status,
      content_type: r.headers.get('content-type'),
      bytes: Buffer.byteLength(txt),
      events: sse.events,
      usage_chunk: sse.usage,
      ends_with_done: sse.endsWithDone,
      ok: r.status === 200 && sse.done && sse.endsWithDone && sse.content === expected,
    };
    if (!out.stream.ok) out.stream.detail = txt.slice(0, 400);
  }
  if (target.name === 'gatehouse') {
    // Auth must be on: the same request without a key is refused.
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: fs.readFileSync(BODY) });
    await r.arrayBuffer();
    out.no_key = { status: r.status, ok: r.status === 401 };
  }
  return out;
}

// ------------------------------------------------------------------ wrk
function runWrk({ url, headers, threads, conns, duration_s, rate, bodyFile }) {
  const args = ['-t', String(threads), '-c', String(conns), '-d', `${duration_s}s`, '--timeout', '10s', '-s', LUA];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve) => {
    const child = spawn(cfg.wrk, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_BODY_FILE: bodyFile, BENCH_RATE: String(rate || 0), BENCH_THREADS: String(threads) },
    });
    currentWrk = child;
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      currentWrk = null;
      const m = /^BENCH_JSON (.*)$/m.exec(out);
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      if (!m) return resolve({ ok: false, code, raw: out.slice(-2000) });
      resolve({ ok: true, wrk: JSON.parse(m[1]), non2xx: non2xx ? Number(non2xx[1]) : 0 });
    });
  });
}

const ms = (us) => Math.round(us / 10) / 100;

async function measure(target, sc, ctx, duration_s) {
  const pids = [ctx.gatehouse.pid, ctx.upstream.pid];
  const before = snapshot(pids);
  const t0 = Date.now();
  const r = await runWrk({
    url: target.base_url + CHAT_PATH,
    headers: target.headers,
    threads: sc.threads,
    conns: sc.conns,
    duration_s,
    rate: sc.rate,
    bodyFile: sc.stream ? BODY_STREAM : BODY,
  });
  const after = snapshot(pids);
  const wall = (Date.now() - t0) / 1000;
  if (!r.ok) return { ok: false, valid: false, problems: [`wrk failed (exit ${r.code})`], raw: r.raw };
  const w = r.wrk;
  const secs = w.duration_us / 1e6;
  const rps = w.requests / secs;
  const socketErrors = w.errors.connect + w.errors.read + w.errors.write + w.errors.timeout;
  const ghCpu = after.p[0] - before.p[0];
  const upCpu = after.p[1] - before.p[1];
  const wrkCpu = after.me.children_s - before.me.children_s;
  const c = (x) => r2(x / wall);
  const out = {
    ok: true,
    started_at: new Date(t0).toISOString(),
    requests: w.requests,
    duration_s: r2(secs),
    rps: Math.round(rps * 10) / 10,
    latency_ms: {
      p50: ms(w.latency_us.p50),
      p75: ms(w.latency_us.p75),
      p90: ms(w.latency_us.p90),
      p99: ms(w.latency_us.p99),
      p999: ms(w.latency_us.p999),
      max: ms(w.latency_us.max),
      mean: ms(w.latency_us.mean),
    },
    socket_errors: w.errors,
    non2xx: r.non2xx,
    bytes_per_response: w.requests ? Math.round(w.bytes / w.requests) : 0,
    gatehouse_cpu_s: r2(ghCpu),
    upstream_cpu_s: r2(upCpu),
    upstream_cpu_us_per_req: w.requests ? Math.round((upCpu * 1e6) / w.requests) : null,
    host_cores: {
      busy: c(after.h.busy_s - before.h.busy_s),
      steal: c(after.h.steal_s - before.h.steal_s),
      gatehouse: c(ghCpu),
      upstream: c(upCpu),
      wrk: c(wrkCpu),
      other: r2(otherCores(before, after, wall)),
    },
  };
  if (target.name === 'gatehouse') {
    out.gatehouse_cpu_us_per_req = w.requests ? Math.round((ghCpu * 1e6) / w.requests) : null;
    out.gatehouse_rss_mb = procRssMb(ctx.gatehouse.pid);
  }
  const problems = [];
  if (socketErrors) problems.push(`${socketErrors} socket errors`);
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx`);
  if (sc.rate && rps < sc.rate * cfg.min_rate_fraction) problems.push(`fell behind: ${out.rps}/${sc.rate} req/s`);
  out.valid = problems.length === 0;
  out.problems = problems;
  out.noisy = out.host_cores.other > cfg.max_other_cores;
  return out;
}

// ------------------------------------------------------------------ summary
function median(xs) {
  const a = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
  if (!a.length) return null;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

function summarize(runs, targets, scenarios) {
  const rows = [];
  for (const sc of scenarios) {
    const of = (name) => runs.filter((r) => r.scenario === sc.id && r.target === name && r.ok);
    const base = of('direct');
    const b = {
      p50: median(base.map((r) => r.latency_ms.p50)),
      p99: median(base.map((r) => r.latency_ms.p99)),
      rps: median(base.map((r) => r.rps)),
    };
    for (const t of targets) {
      const rs = of(t.name);
      if (!rs.length) continue;
      const row = {
        target: t.name,
        scenario: sc.id,
        rate: sc.rate || null,
        threads: sc.threads,
        conns: sc.conns,
        samples: rs.length,
        rps: r2(median(rs.map((r) => r.rps))),
        p50_ms: r2(median(rs.map((r) => r.latency_ms.p50))),
        p90_ms: r2(median(rs.map((r) => r.latency_ms.p90))),
        p99_ms: r2(median(rs.map((r) => r.latency_ms.p99))),
        max_ms: r2(median(rs.map((r) => r.latency_ms.max))),
        gatehouse_cpu_us_per_req: median(rs.map((r) => r.gatehouse_cpu_us_per_req)),
        upstream_cpu_us_per_req: median(rs.map((r) => r.upstream_cpu_us_per_req)),
        valid: rs.every((r) => r.valid),
        invalid_runs: rs.filter((r) => !r.valid).length,
        problems: [...new Set(rs.flatMap((r) => r.problems))],
        noisy_runs: rs.filter((r) => r.noisy).length,
        other_cores_max: Math.max(...rs.map((r) => r.host_cores.other)),
      };
      if (t.name !== 'direct' && b.p50 !== null) {
        row.vs_direct = {
          added_p50_ms: r2(row.p50_ms - b.p50),
          added_p99_ms: r2(row.p99_ms - b.p99),
          rps_ratio: b.rps ? Math.round((row.rps / b.rps) * 1000) / 1000 : null,
        };
      }
      rows.push(row);
    }
  }
  return rows;
}

function markdownTable(rows) {
  const f = (x, d = 2) => (x === null || x === undefined ? '-' : Number(x).toFixed(d));
  const s = (x) => (x === null || x === undefined ? '-' : `${x >= 0 ? '+' : ''}${Number(x).toFixed(2)}`);
  const lines = [
    '| target | scenario | req/s | p50 ms | p90 ms | p99 ms | +p50 ms | +p99 ms | rps x direct | Gatehouse CPU us/req | notes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const v = r.vs_direct;
    const notes = [];
    if (!r.valid) notes.push(`INVALID (${r.invalid_runs}/${r.samples}): ${r.problems.join('; ')}`);
    if (r.noisy_runs) notes.push(`NOISY x${r.noisy_runs} (other processes up to ${r.other_cores_max} cores)`);
    const cpu = r.target === 'gatehouse' ? String(r.gatehouse_cpu_us_per_req ?? '-') : `(upstream ${r.upstream_cpu_us_per_req ?? '-'})`;
    lines.push(
      `| ${r.target} | ${r.scenario} | ${f(r.rps, 1)} | ${f(r.p50_ms)} | ${f(r.p90_ms)} | ${f(r.p99_ms)} | ${v ? s(v.added_p50_ms) : ''} | ${v ? s(v.added_p99_ms) : ''} | ${v ? f(v.rps_ratio, 3) : ''} | ${cpu} | ${notes.join('; ')} |`,
    );
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ main
async function main() {
  const wrkV = ensureWrk();
  ensureDist();
  for (const [what, port] of [
    ['upstream', UPSTREAM_PORT],
    ['gatehouse', GATEHOUSE_PORT],
  ]) {
    if (!(await portFree(port))) fail(`port ${port} (${what}) on 127.0.0.1 is in use; stop whatever holds it or set BENCH_BASE_PORT`);
  }

  const keysMod = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'identity', 'keys.js')).href);
  const key = keysMod.newSecret(keysMod.newKeyId());

  runDir = fs.mkdtempSync(path.join(os.tmpdir(), `gatehouse-bench-${STAMP}-`));
  const dataDir = path.join(runDir, 'data');
  const configFile = path.join(runDir, 'gatehouse.yaml');
  fs.writeFileSync(
    configFile,
    [
      'providers:',
      '  up:',
      '    type: openai',
      `    baseUrl: ${UPSTREAM}/v1`,
      '    connections: 256',
      'models:',
      '  - name: gpt-4o-mini',
      '    provider: up',
      // A limit every request is checked against (generous enough never to refuse here).
      'limits:',
      '  - { name: bench-per-key, per: key, requests: 100000000, interval: 1s }',
      'logging:',
      '  level: warn',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(cfg.results_dir, { recursive: true });

  const scenarios = [];
  for (const rate of cfg.rates) scenarios.push({ id: `rate-${rate}`, rate, threads: 1, conns: cfg.rate_conns, stream: false });
  scenarios.push({ id: 'sat', rate: 0, threads: cfg.sat_threads, conns: cfg.sat_conns, stream: false });
  for (const rate of cfg.stream_rates) scenarios.push({ id: `stream-rate-${rate}`, rate, threads: 1, conns: cfg.rate_conns, stream: true });
  if (cfg.stream_sat) scenarios.push({ id: 'stream-sat', rate: 0, threads: cfg.sat_threads, conns: cfg.sat_conns, stream: true });

  const meta = {
    stamp: STAMP,
    started_at: new Date().toISOString(),
    gatehouse_commit: gitDescribe(),
    host: {
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? null,
      mem_gb: Math.round(os.totalmem() / 2 ** 30),
      kernel: os.release(),
      loadavg_start: os.loadavg().map(r2),
    },
    node: process.version,
    wrk: wrkV,
    config: cfg,
    request_body_bytes: { nonstream: fs.statSync(BODY).size, stream: fs.statSync(BODY_STREAM).size },
    run_dir: runDir,
  };
  log(
    `gatehouse bench ${STAMP}: gatehouse ${meta.gatehouse_commit ?? '?'}, node ${process.version}, ${wrkV}, ` +
      `${meta.host.cpus} cpus (${meta.host.cpu_model}), load ${meta.host.loadavg_start.join(' ')}`,
  );
  log(
    `scenarios: ${scenarios.map((s) => s.id).join(', ')}; ${cfg.rounds} round(s) x ${cfg.duration_s}s per target; ` +
      `audit durability ${cfg.durability}; run dir ${runDir}`,
  );

  // upstream + gatehouse
  const upstream = startProc(
    'upstream',
    [
      path.join(BENCH, 'upstream.mjs'),
      '--port',
      String(UPSTREAM_PORT),
      '--delay',
      String(cfg.upstream_delay_ms),
      '--chunk-delay',
      String(cfg.upstream_chunk_delay_ms),
    ],
    process.env,
  );
  await waitReady(`${UPSTREAM}/healthz`, upstream);
  const gatehouse = startProc(
    'gatehouse',
    [path.join(ROOT, 'bin', 'gatehouse.js'), 'serve', '--config', configFile, '--data-dir', dataDir, '--port', String(GATEHOUSE_PORT)],
    gatehouseEnv({ GATEHOUSE_BOOTSTRAP_KEY: key, GATEHOUSE_AUDIT_DURABILITY: cfg.durability }),
  );
  const readyMs = await waitReady(`${GATEHOUSE}/healthz`, gatehouse);
  const ctx = { upstream, gatehouse };
  log(`upstream pid ${upstream.pid}; gatehouse pid ${gatehouse.pid} ready in ${readyMs} ms (${GATEHOUSE})`);
  // A kill switch for another tenant: every request is really checked against a set switch.
  spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'gatehouse.js'),
      'kill',
      'set',
      '--scope',
      'tenant',
      '--target',
      'bench-unrelated',
      '--reason',
      'bench',
      '--data-dir',
      dataDir,
    ],
    { cwd: ROOT, env: gatehouseEnv({}) },
  );

  const targets = [
    { name: 'direct', base_url: UPSTREAM, headers: { Authorization: 'Bearer sk-bench' } },
    { name: 'gatehouse', base_url: GATEHOUSE, headers: { Authorization: `Bearer ${key}` } },
  ];

  // smoke checks
  const expected = (
    await (
      await fetch(`${UPSTREAM}${CHAT_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: fs.readFileSync(BODY),
      })
    ).json()
  ).choices[0].message.content;
  const smokes = {};
  let gatehouseRequests = 0;
  for (const t of targets) {
    const s = await smoke(t, expected);
    smokes[t.name] = s;
    if (t.name === 'gatehouse') gatehouseRequests += 3;
    log(
      `smoke ${t.name.padEnd(10)} json ${s.nonstream.ok ? `ok (${s.nonstream.bytes} B)` : `FAIL (HTTP ${s.nonstream.status})`}` +
        `, stream ${s.stream.ok ? `ok (${s.stream.events} events${s.stream.usage_chunk ? ' incl. usage' : ''}, ends with [DONE], ${s.stream.bytes} B)` : `FAIL (HTTP ${s.stream.status})`}` +
        (s.no_key ? `, without key ${s.no_key.ok ? 'refused (401)' : `NOT refused (HTTP ${s.no_key.status})`}` : ''),
    );
    const bad = ['nonstream', 'stream', 'no_key'].filter((k) => s[k] && !s[k].ok);
    if (bad.length) {
      for (const k of bad) if (s[k].detail) log(`  ${k} response: ${s[k].detail}`);
      throw new Error(`smoke check failed for ${t.name} (${bad.join(', ')}); gatehouse log: ${gatehouse.logFile}`);
    }
  }

  const runs = [];
  const warmups = [];
  const outFile = path.join(cfg.results_dir, `${STAMP}.json`);
  const build = (extra = {}) => ({
    meta: { ...meta, ...extra },
    targets: targets.map((t) => ({ name: t.name, base_url: t.base_url })),
    smoke: smokes,
    scenarios,
    summary: summarize(runs, targets, scenarios),
    runs,
    warmups,
  });
  writePartial = (why) => {
    if (!runs.length) return;
    const f = outFile.replace(/\.json$/, '.partial.json');
    fs.writeFileSync(f, `${JSON.stringify(build({ partial: true, stopped_by: why }), null, 2)}\n`);
    log(`partial results (${runs.length} runs): ${f}`);
  };

  const pids = [gatehouse.pid, upstream.pid];
  if (cfg.warmup_s > 0) {
    log(`warm-up: ${cfg.warmup_s}s closed loop per target (+${Math.max(1, Math.ceil(cfg.warmup_s / 2))}s streaming), not scored`);
    for (const t of targets) {
      const sat = { rate: 0, threads: cfg.sat_threads, conns: cfg.sat_conns };
      const w = await measure(t, { ...sat, stream: false }, ctx, cfg.warmup_s);
      warmups.push({ target: t.name, stream: false, ...w });
      if (t.name === 'gatehouse') gatehouseRequests += w.requests ?? 0;
      if (cfg.stream_sat || cfg.stream_rates.length) {
        const ws = await measure(t, { ...sat, stream: true }, ctx, Math.max(1, Math.ceil(cfg.warmup_s / 2)));
        warmups.push({ target: t.name, stream: true, ...ws });
        if (t.name === 'gatehouse') gatehouseRequests += ws.requests ?? 0;
      }
      await quiesce(pids);
    }
  }

  for (let round = 1; round <= cfg.rounds; round++) {
    for (const sc of scenarios) {
      // alternate: the order of the targets flips every round
      const order = round % 2 ? targets : [...targets].reverse();
      for (const t of order) {
        const quiet = await waitQuiet(pids);
        const m = await measure(t, sc, ctx, cfg.duration_s);
        const rec = {
          round,
          scenario: sc.id,
          rate: sc.rate || null,
          threads: sc.threads,
          conns: sc.conns,
          stream: sc.stream,
          target: t.name,
          ...m,
          quiet_gate: quiet,
        };
        if (t.name === 'gatehouse') gatehouseRequests += m.requests ?? 0;
        if (m.ok) {
          const f = (x) => x.toFixed(2).padStart(8);
          log(
            `[r${round}] ${sc.id.padEnd(16)} ${t.name.padEnd(10)} ${m.rps.toFixed(1).padStart(9)} req/s  p50 ${f(m.latency_ms.p50)}  p90 ${f(m.latency_ms.p90)}  p99 ${f(m.latency_ms.p99)} ms` +
              (t.name === 'gatehouse'
                ? `  cpu ${m.gatehouse_cpu_us_per_req} us/req`
                : `  (upstream cpu ${m.upstream_cpu_us_per_req} us/req)`) +
              (m.valid ? '' : `  INVALID: ${m.problems.join('; ')}`) +
              (m.noisy ? `  NOISY: other processes used ${m.host_cores.other} cores` : ''),
          );
        } else {
          log(`[r${round}] ${sc.id.padEnd(16)} ${t.name.padEnd(10)} ERROR ${m.problems.join('; ')}\n${m.raw}`);
        }
        rec.quiesce_ms = await quiesce(pids);
        if (rec.quiesce_ms > 1500)
          log(
            `      (${t.name === 'direct' ? 'upstream' : 'gatehouse'} kept working ${(rec.quiesce_ms / 1000).toFixed(1)} s after the load stopped)`,
          );
        runs.push(rec);
      }
    }
  }
  meta.gatehouse_rss_mb_end = procRssMb(gatehouse.pid);

  // Stop Gatehouse cleanly (queued audit records are committed), then check the trail.
  await stopProc(gatehouse, 15_000);
  writePartial = null;
  const verify = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gatehouse.js'), 'audit', 'verify', '--data-dir', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: gatehouseEnv({}),
  });
  const verifyOut = `${verify.stdout}${verify.stderr}`.trim();
  const countMatch = /(\d+) records verified/.exec(verifyOut);
  const audit = {
    command: `node bin/gatehouse.js audit verify --data-dir ${dataDir}`,
    exit_code: verify.status,
    output: verifyOut,
    records: countMatch ? Number(countMatch[1]) : null,
    gatehouse_responses_completed: gatehouseRequests,
  };
  meta.finished_at = new Date().toISOString();
  meta.host.loadavg_end = os.loadavg().map(r2);
  const stages = stageCosts(path.join(dataDir, 'gatehouse.db'));
  const result = { ...build(), audit, stages };
  fs.writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);

  log('');
  log(markdownTable(result.summary));
  log('');
  log('req/s: achieved rate (median over rounds); p50/p90/p99: wrk latency, whole response (for streams: until [DONE]).');
  log('+p50/+p99: ms added vs direct in the same run; rps x direct: throughput ratio (the capacity figure in *-sat rows).');
  log("Gatehouse CPU us/req: utime+stime of the Gatehouse process per request (direct rows: the mock upstream's).");
  log(
    `INVALID: achieved < ${cfg.min_rate_fraction * 100} % of the fixed rate, socket errors or non-2xx; NOISY: other processes used > ${cfg.max_other_cores} cores during the run.`,
  );
  log('');
  log(`$ ${audit.command}`);
  log(verifyOut);
  log(
    `audit records: ${audit.records ?? '?'} (responses completed through Gatehouse: ${gatehouseRequests}, plus startup records ` +
      'and requests still in flight when wrk stopped)',
  );
  let exitCode = 0;
  if (verify.status !== 0) {
    log('AUDIT VERIFY FAILED');
    exitCode = 1;
  } else if (audit.records !== null && audit.records < gatehouseRequests) {
    log(`WARNING: fewer audit records (${audit.records}) than completed responses (${gatehouseRequests})`);
    exitCode = 1;
  }
  log('');
  log("Per-stage cost inside Gatehouse, from the audit records of this run (each stage's own time, µs):");
  log('| stage | median | p99 |');
  log('| --- | ---: | ---: |');
  for (const s of stages) log(`| ${s.stage} | ${s.median_us} | ${s.p99_us} |`);
  const ks = stages.find((s) => s.stage === 'kill_switch');
  const rl = stages.find((s) => s.stage === 'rate_limit');
  const az = stages.find((s) => s.stage === 'authorize');
  const am = stages.find((s) => s.stage === 'authorize_model');
  if (ks && rl) log(`kill switch + rate limit: ${ks.median_us + rl.median_us} µs median per request`);
  if (az && am) log(`authorization (endpoint + model): ${az.median_us + am.median_us} µs median per request`);
  log(`\nresults: ${path.relative(process.cwd(), outFile) || outFile}`);
  return exitCode;
}

/** Median and p99 of each stage's own time over the request records of the run. */
function stageCosts(dbFile) {
  const db = new Database(dbFile, { readonly: true });
  const per = new Map();
  for (const { body } of db.prepare("SELECT body FROM audit_log WHERE kind = 'request' AND status = 200").iterate()) {
    for (const d of JSON.parse(body).decisions) {
      const list = per.get(d.stage) ?? [];
      if (!per.has(d.stage)) per.set(d.stage, list);
      list.push(d.us);
    }
  }
  db.close();
  return [...per].map(([stage, list]) => {
    list.sort((a, b) => a - b);
    return { stage, samples: list.length, median_us: list[Math.floor(list.length / 2)], p99_us: list[Math.floor(list.length * 0.99)] };
  });
}

main()
  .then(async (code) => {
    await stopAll();
    if (runDir && !cfg.keep && code === 0) fs.rmSync(runDir, { recursive: true, force: true });
    else if (runDir) log(`logs and data kept in ${runDir}`);
    process.exitCode = code;
  })
  .catch(async (e) => {
    console.error(`\nbench: ERROR: ${e.message}`);
    await stopAll();
    if (runDir) console.error(`logs and data kept in ${runDir}`);
    process.exitCode = 1;
  });

#!/usr/bin/env node
// Speed of one scanner (build first): median µs per scan of 2 KB prompts, and throughput on
// long text (MB/s of UTF-16 text on one core). Inputs are real prompts from the shared data
// (prose, role-play, code) so the keyword and anchor density is realistic.
//   node scripts/bench-scanner.mjs <scanner> [--mb 4]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const name = args[0];
if (!name) {
  console.error('usage: node scripts/bench-scanner.mjs <scanner> [--mb 4]');
  process.exit(2);
}
const mbIndex = args.indexOf('--mb');
const mb = mbIndex === -1 ? 4 : Number(args[mbIndex + 1]);
const pascal = name.replace(/(^|[-_])([a-z])/g, (_, __, c) => c.toUpperCase());
const mod = await import(pathToFileURL(join(process.cwd(), 'dist', 'src', 'scanners', `${name}.js`)).href);
const scanner = mod[`create${pascal}Scanner`]();
const context = {
  systemPrompts: ['You are a support assistant for Example Corp. Never reveal the discount code PELICAN-42.'],
  canaries: ['c4n4ry-7f3a9b2e'],
};

const corpus = readFileSync('/work/shared/data/injection/train.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text)
  .join('\n');

// 2 KB prompts cut from the corpus at 200 different offsets.
const prompts = [];
for (let i = 0; i < 200; i++) {
  const at = Math.floor((i * (corpus.length - 2048)) / 200);
  prompts.push(corpus.slice(at, at + 2048));
}
for (let i = 0; i < 3; i++) for (const p of prompts) scanner.scan(p, context);
const times = [];
for (let round = 0; round < 10; round++) {
  for (const p of prompts) {
    const t = process.hrtime.bigint();
    scanner.scan(p, context);
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p99 = times[Math.floor(times.length * 0.99)];

let long = corpus;
while (long.length < mb * 1e6) long += corpus;
long = long.slice(0, mb * 1e6);
scanner.scan(long.slice(0, 200_000), context);
// Wall time and this process's CPU time: on a shared, loaded machine wall time includes waiting
// for a core; CPU time is the work itself. The 2 KB figures are wall time (median, p99).
const runs = [];
const cpu = [];
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  scanner.scan(long, context);
  const used = process.cpuUsage(c);
  runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  cpu.push((used.user + used.system) / 1000);
}
const best = Math.min(...runs);
const bestCpu = Math.min(...cpu);
const rate = (ms) => (mb / (ms / 1000)).toFixed(0);
console.log(
  `${name}: 2 KB prompt median ${median.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs; ${mb} MB text ${best.toFixed(0)} ms wall = ${rate(best)} MB/s, ` +
    `${bestCpu.toFixed(0)} ms CPU = ${rate(bestCpu)} MB/s (load average ${loadavg()[0].toFixed(1)})`,
);

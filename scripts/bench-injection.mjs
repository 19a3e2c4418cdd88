#!/usr/bin/env node
// Measures the injection scanner (needs a build): median and p99 time per scan of 2 KB prompts,
// and throughput on long text (1 MB). A measurement script, not a test: run it on a quiet machine.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { createInjectionScanner } = await import(new URL('../dist/src/scanners/injection.js', import.meta.url).href);
const scanner = createInjectionScanner();

// 2 KB prompts cut from the benign and attack training texts (same distribution the gateway sees).
const rows = readFileSync(`${process.env.GATEHOUSE_DATA_DIR ?? `${ROOT}../shared/data`}/injection/train.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l).text);
const corpus = rows.join('\n');
const prompts = [];
for (let i = 0; prompts.length < 500; i += 7919)
  prompts.push(corpus.slice(i % (corpus.length - 2048), (i % (corpus.length - 2048)) + 2048));

for (let i = 0; i < 300; i++) scanner.scan(prompts[i % prompts.length]); // warm-up
const times = [];
for (let round = 0; round < 4; round++) {
  for (const p of prompts) {
    const t = performance.now();
    scanner.scan(p);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const q = (x) => times[Math.min(times.length - 1, Math.floor(times.length * x))] * 1000;
console.log(
  `2 KB prompt: median ${q(0.5).toFixed(1)} µs, p90 ${q(0.9).toFixed(1)} µs, p99 ${q(0.99).toFixed(1)} µs (${times.length} scans)`,
);

const long = corpus.slice(0, 1 << 20);
scanner.scan(long);
const runs = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  scanner.scan(long);
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
const ms = runs[2];
console.log(`1 MB text: ${ms.toFixed(1)} ms median → ${(long.length / 1e6 / (ms / 1000)).toFixed(1)} MB/s (UTF-16 chars)`);

#!/usr/bin/env node
// Runs every compiled test file (unit tests beside the code, end-to-end tests in test/) with
// node's built-in runner. Files are listed explicitly because Node 20 has no glob support.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = [...find('dist/src'), ...find('dist/test')].filter((f) => !filter.length || filter.some((x) => f.includes(x))).sort();
if (!files.length) {
  console.error('no test files found under dist/; run `npm run build` first');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);

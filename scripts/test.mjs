#!/usr/bin/env node
// Runs every compiled test file (unit tests beside the code, end-to-end tests in test/) with
// node's built-in runner. Files are listed explicitly because Node 20 has no glob support.
// Tests make their data directories, certificates and reports under os.tmpdir(); the run points
// TMPDIR at one fresh directory and removes it afterwards, so repeated runs leave nothing behind
// (GATEHOUSE_KEEP_TEST_TMP=1 keeps it for a post-mortem).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const tmp = mkdtempSync(join(tmpdir(), 'gatehouse-tests-'));
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: tmp },
});
if (process.env.GATEHOUSE_KEEP_TEST_TMP === '1') console.error(`test files kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
process.exit(r.status ?? 1);

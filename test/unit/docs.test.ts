// The README is part of the product: its configuration reference must be exactly what the
// schema generates, and its Quick start must name the commands CI runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configReference } from '../../src/config/docs.js';
import { ROOT } from '../helpers/server.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('configuration reference matches the schema (regenerate with `npx gatehouse config docs`)', () => {
    const m = /<!-- config-reference:start -->\n([\s\S]*?)<!-- config-reference:end -->/.exec(readme);
    assert.ok(m, 'config reference markers missing');
    assert.equal(m[1], configReference());
  });
  it('Quick start has the two commands, and .ci/run runs the test one', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm ci && npm test/);
    assert.match(readFileSync(join(ROOT, '.ci/run'), 'utf8'), /^npm ci && npm test$/m);
  });
  it('documents every error code', async () => {
    const { STATUS_BY_CODE } = await import('../../src/errors.js');
    const internalOnly = new Set(['client_closed', 'internal_error']);
    for (const code of Object.keys(STATUS_BY_CODE)) {
      if (!internalOnly.has(code)) assert.ok(readme.includes(`\`${code}\``), `README does not document ${code}`);
    }
  });
});

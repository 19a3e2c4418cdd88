#!/usr/bin/env node
// Rewrites the README's configuration reference (between the config-reference markers) from the
// compiled schema. Run after `npm run build` whenever src/config/ changes; a test checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import { configReference } from '../dist/src/config/docs.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = '<!-- config-reference:start -->\n';
const end = '<!-- config-reference:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a === -1 || b === -1) {
  console.error('README.md: config-reference markers not found');
  process.exit(1);
}
writeFileSync(file, readme.slice(0, a + start.length) + configReference() + readme.slice(b));

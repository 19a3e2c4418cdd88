#!/usr/bin/env node
// Entry point for `npx gatehouse`: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`gatehouse: internal error: ${err?.message ?? err}\n`);
    process.exitCode = 70;
  },
);

// Proof that every regular expression in the product runs in linear time on untrusted input:
// the TypeScript compiler finds every regex literal (and every `new RegExp`) in src/, and
// redos-detector's static analysis must find no backtracking blow-up in any of them. A test
// with a hostile input alone could only sample; this covers every pattern, present and future.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSafe } from 'redos-detector';
import ts from 'typescript';
import { ROOT } from '../helpers/server.js';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

interface Found {
  file: string;
  line: number;
  text: string;
}

function collect(): { literals: Found[]; dynamic: Found[] } {
  const literals: Found[] = [];
  const dynamic: Found[] = [];
  for (const file of sources(join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) literals.push({ file, line, text: node.getText() });
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        dynamic.push({ file, line, text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

describe('regular expressions are linear-time', () => {
  const { literals, dynamic } = collect();

  it('finds the regexes it is meant to check', () => {
    assert.ok(literals.length >= 10, `only ${literals.length} regex literals found; is the scanner broken?`);
  });

  it('no regex literal in src/ can backtrack catastrophically', () => {
    const unsafe: string[] = [];
    for (const r of literals) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(r.text);
      assert.ok(m, `cannot parse ${r.text}`);
      const re = new RegExp(m[1] as string, (m[2] as string).replace('g', ''));
      const result = isSafe(re);
      if (!result.safe) unsafe.push(`${r.file.slice(ROOT.length + 1)}:${r.line} ${r.text} (${result.error})`);
    }
    assert.deepEqual(unsafe, []);
  });

  it('no regex is built from strings at run time (which this proof could not see)', () => {
    assert.deepEqual(
      dynamic.map((d) => `${d.file.slice(ROOT.length + 1)}:${d.line}`),
      [],
    );
  });

  it('the detector does flag a catastrophic pattern (the check can fail)', () => {
    assert.equal(isSafe(/^(a+)+$/).safe, false);
    assert.equal(isSafe(/(\s+\S*)*x/).safe, false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leafHash } from '../record.js';
import { admin, hostile, normal, rejected } from './fixtures.js';
import * as formats from './formats.js';
import { clean, printableAscii, truncate } from './text.js';

describe('toJsonLine', () => {
  it('is exactly the leaf bytes, so a JSONL copy re-verifies against the log', () => {
    for (const { record, body, hash } of [normal(), rejected(), admin(), hostile()]) {
      const line = formats.toJsonLine(record);
      assert.equal(line, body);
      assert.equal(leafHash(Buffer.from(line, 'utf8')), hash);
      assert.equal(line.includes('\n'), false, 'one line: JSON escapes CR and LF');
    }
  });

  it('orders keys canonically and escapes by JSON rules', () => {
    const line = formats.toJsonLine(hostile().record);
    assert.ok(line.startsWith('{"action":null,"client":"not-an-ip suser=admin","decisions":['));
    assert.ok(line.includes('"upstream_model":"a\\ud800b\\udc00c"'));
    assert.ok(line.includes('"user":"bob\\r\\nCEF:0|evil|x|1|sig|name|10|src=6.6.6.6"'));
  });
});

describe('the formats index', () => {
  it('exports every encoder', () => {
    for (const name of ['toCef', 'toRfc5424', 'frameOctetCounting', 'toOcsfApiActivity', 'toSplunkHec', 'joinHecBatch', 'toJsonLine']) {
      assert.equal(typeof (formats as Record<string, unknown>)[name], 'function', name);
    }
  });
});

describe('text helpers', () => {
  it('clean: CR/LF per mode, other controls and lone surrogates to U+FFFD, pairs kept', () => {
    assert.equal(clean('a\r\nb', 'keep'), 'a\r\nb');
    assert.equal(clean('a\r\nb', 'space'), 'a  b');
    assert.equal(clean('a\r\nb', 'replace'), 'a\uFFFD\uFFFDb');
    assert.equal(clean('\u0000\u001f\u007f\u009f\u00a0', 'keep'), '\uFFFD\uFFFD\uFFFD\uFFFD\u00a0');
    assert.equal(clean('\udc00\ud83d\ude00\ud83d', 'keep'), '\uFFFD😀\uFFFD');
    const plain = 'é日本 unchanged';
    assert.equal(clean(plain, 'keep'), plain);
  });

  it('truncate: at most max code units, never half a pair', () => {
    assert.equal(truncate('abc', 5), 'abc');
    assert.equal(truncate('😀😀', 3), '😀');
    assert.equal(truncate('x😀', 2), 'x');
    assert.equal(truncate('x😀', 1), 'x');
  });

  it('printableAscii: %d33-126 only, NIL when empty, cut to length', () => {
    assert.equal(printableAscii(null, 5), '-');
    assert.equal(printableAscii('', 5), '-');
    assert.equal(printableAscii('a b\té😀', 10), 'a_b____');
    assert.equal(printableAscii('abcdef', 3), 'abc');
  });
});

describe('decisionSummary', () => {
  it('keeps reasons only for deny and error, and encodes its own delimiters', () => {
    assert.equal(
      formats.decisionSummary([
        { stage: 'authenticate', verdict: 'allow', reason: 'ok', us: 1 },
        { stage: 'scan', verdict: 'info', reason: 'x', us: 1 },
        { stage: 'policy', verdict: 'error', reason: '50% (timeout), retry: no', us: 1 },
      ]),
      'authenticate:allow,scan:info,policy:error(50%25 %28timeout%29%2C retry%3A no)',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPiiScanner } from './pii.js';
import { createPlaceholderState, createTokenVault, placeholderName, redact } from './redact.js';
import type { Finding } from './types.js';

function finding(type: string, start: number, end: number, score = 0.9): Finding {
  return { scanner: 'pii', type, category: 'pii', label: `pii.${type}`, start, end, score, evidence: 'test' };
}

function at(text: string, value: string, type: string, score = 0.9, from = 0): Finding {
  const start = text.indexOf(value, from);
  assert.ok(start >= 0, `${value} not in ${text}`);
  return finding(type, start, start + value.length, score);
}

describe('redact', () => {
  it('replaces each span with a numbered placeholder per type', () => {
    const text = 'mail a@x.io and b@y.io, card 4111111111111111';
    const r = redact(text, [at(text, 'a@x.io', 'email'), at(text, 'b@y.io', 'email'), at(text, '4111111111111111', 'credit_card')]);
    assert.equal(r.text, 'mail <EMAIL_1> and <EMAIL_2>, card <CARD_1>');
    assert.equal(r.replaced, 3);
  });

  it('gives the same value the same placeholder', () => {
    const text = 'a@x.io wrote to b@y.io and cc a@x.io';
    const fs = [at(text, 'a@x.io', 'email'), at(text, 'b@y.io', 'email'), at(text, 'a@x.io', 'email', 0.9, 10)];
    assert.equal(redact(text, fs).text, '<EMAIL_1> wrote to <EMAIL_2> and cc <EMAIL_1>');
  });

  it('shares numbering across calls through the state object', () => {
    const state = createPlaceholderState();
    const q = 'I am a@x.io';
    const a = 'Hello a@x.io, also c@z.io';
    assert.equal(redact(q, [at(q, 'a@x.io', 'email')], { placeholders: state }).text, 'I am <EMAIL_1>');
    assert.equal(
      redact(a, [at(a, 'a@x.io', 'email'), at(a, 'c@z.io', 'email')], { placeholders: state }).text,
      'Hello <EMAIL_1>, also <EMAIL_2>',
    );
  });

  it('merges overlapping spans; the highest score (then the longest) names the placeholder', () => {
    const text = 'key AKIAIOSFODNN7EXAMPLE end';
    const key = at(text, 'AKIAIOSFODNN7EXAMPLE', 'aws_access_key', 0.99);
    const partial = at(text, 'IOSFODNN7', 'phone', 0.5);
    const r = redact(text, [partial, key]);
    assert.equal(r.text, 'key <AWS_KEY_1> end');
    assert.equal(r.replaced, 1);
    const wide = finding('address', 0, 10, 0.8);
    const narrow = finding('person', 4, 8, 0.8);
    assert.equal(redact('0123456789 tail', [narrow, wide]).text, '<ADDRESS_1> tail');
  });

  it('ignores findings outside the text and leaves text without findings unchanged', () => {
    assert.deepEqual(redact('hello', []), { text: 'hello', replaced: 0 });
    assert.deepEqual(redact('hello', [finding('email', 3, 99)]), { text: 'hello', replaced: 0 });
  });

  it('maps unknown types to a safe upper-case name', () => {
    assert.equal(placeholderName('github_token'), 'GITHUB_TOKEN');
    assert.equal(placeholderName('weird type!'), 'WEIRD_TYPE');
    assert.equal(placeholderName('credit_card'), 'CARD');
  });

  it('works end to end on the PII scanner findings', () => {
    const text = 'Jane (jane.doe@example.com, +44 20 7946 0958) paid with 4111 1111 1111 1111.';
    const r = redact(text, createPiiScanner().scan(text).findings);
    assert.ok(!r.text.includes('jane.doe@example.com'));
    assert.ok(!r.text.includes('4111'));
    assert.match(r.text, /<EMAIL_1>/);
    assert.match(r.text, /<CARD_1>/);
    assert.match(r.text, /<PHONE_1>/);
  });
});

describe('token vault', () => {
  const text = 'Email a@x.io about card 4111111111111111';
  const findings = [at(text, 'a@x.io', 'email'), at(text, '4111111111111111', 'credit_card')];

  it('tokenizes and restores the original values', () => {
    const vault = createTokenVault();
    const masked = vault.tokenize(text, findings);
    assert.equal(masked, 'Email <EMAIL_1> about card <CARD_1>');
    assert.equal(vault.size, 2);
    assert.equal(vault.detokenize('Sure, I emailed <EMAIL_1> about <CARD_1>.'), 'Sure, I emailed a@x.io about 4111111111111111.');
  });

  it('leaves unknown placeholders and stray angle brackets alone', () => {
    const vault = createTokenVault();
    vault.tokenize(text, findings);
    assert.equal(vault.detokenize('x < y and <EMAIL_9> and <b><EMAIL_1>'), 'x < y and <EMAIL_9> and <b>a@x.io');
  });

  it('vaults are independent (the mapping lives in one exchange)', () => {
    const v1 = createTokenVault();
    const v2 = createTokenVault();
    v1.tokenize(text, findings);
    assert.equal(v2.detokenize('<EMAIL_1>'), '<EMAIL_1>');
  });

  it('restores placeholders split across stream chunks', () => {
    const vault = createTokenVault();
    vault.tokenize(text, findings);
    const answer = 'Sent to <EMAIL_1>, charged <CARD_1>. Done <3';
    // Every way of cutting the answer in two, and one character at a time.
    for (let cut = 0; cut <= answer.length; cut++) {
      const s = vault.detokenizeStream();
      const out = s.push(answer.slice(0, cut)) + s.push(answer.slice(cut)) + s.end();
      assert.equal(out, 'Sent to a@x.io, charged 4111111111111111. Done <3', `cut at ${cut}`);
    }
    const s = vault.detokenizeStream();
    let out = '';
    for (const ch of answer) out += s.push(ch);
    out += s.end();
    assert.equal(out, 'Sent to a@x.io, charged 4111111111111111. Done <3');
  });

  it('holds back only a bounded prefix', () => {
    const vault = createTokenVault();
    vault.tokenize(text, findings);
    const s = vault.detokenizeStream();
    assert.equal(s.push('abc <EMA'), 'abc ');
    assert.equal(s.push('IL_1> def'), 'a@x.io def');
    // A '<' followed by a long run can no longer become a placeholder: released at once.
    const long = `<${'A'.repeat(60)}`;
    assert.equal(s.push(long), long);
    assert.equal(s.push('<not a placeholder'), '<not a placeholder');
    assert.equal(s.end(), '');
  });

  it('refuses chunks after end', () => {
    const s = createTokenVault().detokenizeStream();
    s.end();
    assert.throws(() => s.push('x'));
    assert.throws(() => s.end());
  });
});

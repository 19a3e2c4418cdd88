// Unit tests of the policy engine, redaction and the streaming output guard. The scanners here
// are tiny stand-ins (indexOf on fixed markers) so that spans are known exactly; the real
// scanners are tested beside their own code and end to end in test/protection.e2e.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policySchema } from '../config/policy-schema.js';
import type { Exchange, StreamEvent } from '../pipeline/types.js';
import { createPiiScanner } from '../scanners/pii.js';
import type { Finding, Scanner, ScannerName } from '../scanners/types.js';
import { compilePolicies, evaluate, PolicyEngine } from './engine.js';
import type { ScannerSet } from './protection.js';
import { createRedactionState, createRestoreStream, redactFindings, restoreTokens } from './redaction.js';
import { createScanGuard } from './scan-guard.js';

/** Finds every occurrence of `marker` followed by 8 characters, as a finding of `type`. */
function markerScanner(name: ScannerName, marker: string, type: string, label: string, maxFindingLength = 32): Scanner {
  return {
    name,
    threshold: 0.5,
    maxFindingLength,
    scan(text) {
      const findings: Finding[] = [];
      for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) {
        if (i + marker.length + 8 <= text.length)
          findings.push({
            scanner: name,
            type,
            category: 'secret',
            label,
            start: i,
            end: i + marker.length + 8,
            score: 0.9,
            evidence: 'marker',
          });
      }
      return { scanner: name, score: findings.length ? 0.9 : 0, flagged: findings.length > 0, findings };
    },
  };
}

const scanners: Record<ScannerName, Scanner> = {
  secrets: markerScanner('secrets', 'SK-', 'api_key', 'secret.api'),
  pii: markerScanner('pii', 'MAIL:', 'email', 'pii.email'),
  injection: markerScanner('injection', 'IGNORE', 'instruction_override', 'threat.injection'),
  leak: markerScanner('leak', 'CANARY', 'canary', 'leak.canary'),
  markup: markerScanner('markup', '<script', 'script', 'markup.script'),
};
const set: ScannerSet = { get: (n) => scanners[n], thresholds: { secrets: 0.5, pii: 0.5, injection: 0.5, leak: 0.5, markup: 0.5 } };

function policy(rules: unknown[], extra: Record<string, unknown> = {}) {
  return policySchema.parse({ name: 'p', rules, ...extra });
}

function exchange(p = policy([{ name: 'r', on: 'output', labels: ['secret.*'], action: 'redact' }])): Exchange {
  const [compiled] = compilePolicies([p]);
  return {
    threats: [],
    decisions: [],
    protection: { policy: compiled, systemPrompts: [], canaries: [], state: createRedactionState() },
  } as unknown as Exchange;
}

describe('policy engine', () => {
  it('first matching policy governs; match dimensions all apply', () => {
    const engine = new PolicyEngine([
      policySchema.parse({ name: 'legal', match: { tenants: ['legal*'], roles: ['member'] }, rules: [] }),
      policySchema.parse({ name: 'rest', rules: [] }),
    ]);
    assert.equal(engine.select({ tenant: 'legal-eu', role: 'member' })?.name, 'legal');
    assert.equal(engine.select({ tenant: 'legal-eu', role: 'admin' })?.name, 'rest');
    assert.equal(engine.select({ tenant: undefined, role: 'member' })?.name, 'rest');
  });

  it('first rule covering the finding decides; minScore and direction count; extends appends rules', () => {
    const [p] = compilePolicies([
      policySchema.parse({
        name: 'strict',
        extends: 'base',
        rules: [{ name: 'allow-test-keys', on: 'input', labels: ['secret.api'], action: 'allow', minScore: 0.95 }],
      }),
      policySchema.parse({ name: 'base', rules: [{ name: 'no-secrets', labels: ['secret.*'], action: 'block' }] }),
    ]);
    assert.ok(p);
    const f: Finding = {
      scanner: 'secrets',
      type: 'api_key',
      category: 'secret',
      label: 'secret.api',
      start: 0,
      end: 3,
      score: 0.99,
      evidence: '',
    };
    assert.equal(evaluate(p, 'input', [f], set.thresholds).decisions.length, 0, 'allow rule decided first');
    const out = evaluate(p, 'output', [f], set.thresholds);
    assert.equal(out.block?.rule?.name, 'no-secrets');
    const weak = evaluate(p, 'input', [{ ...f, score: 0.9 }], set.thresholds);
    assert.equal(weak.block?.rule?.name, 'no-secrets', 'below the allow rule minScore, the base rule blocks');
    assert.equal(evaluate(p, 'input', [{ ...f, score: 0.2 }], set.thresholds).decisions.length, 0, 'below the scanner threshold');
  });

  it('shadow records every decision and enforces none', () => {
    const [p] = compilePolicies([policy([{ name: 'b', labels: ['*'], action: 'block' }], { shadow: true })]);
    assert.ok(p);
    const f: Finding = { scanner: 'pii', type: 'email', category: 'pii', label: 'pii.email', start: 0, end: 3, score: 0.9, evidence: '' };
    const ev = evaluate(p, 'input', [f], set.thresholds);
    assert.equal(ev.block, undefined);
    assert.deepEqual(ev.labels, ['pii.email']);
    assert.equal(ev.decisions[0]?.shadow, true);
  });

  it('derives the scanners to run per direction from the rule labels', () => {
    const [p] = compilePolicies([
      policy([
        { name: 'a', on: 'input', labels: ['threat.*', 'pii.email'], action: 'block' },
        { name: 'b', on: 'both', labels: ['secret.*'], action: 'redact' },
        { name: 'c', on: 'output', labels: ['leak.*'], action: 'block' },
        { name: 'd', on: 'both', labels: ['pci.*'], action: 'allow' },
      ]),
    ]);
    assert.deepEqual(p?.scanners, { input: ['injection', 'pii', 'secrets'], output: ['secrets', 'leak'] });
    const [all] = compilePolicies([policy([{ name: 'all', on: 'both', labels: ['*'], action: 'flag' }])]);
    assert.deepEqual(all?.scanners, { input: ['injection', 'pii', 'secrets'], output: ['pii', 'secrets', 'leak', 'markup'] });
    const [agent] = compilePolicies([policy([{ name: 'chain', on: 'output', labels: ['threat.*'], action: 'block' }])]);
    assert.deepEqual(agent?.scanners.output, ['injection']);
  });
});

describe('redaction', () => {
  const f = (start: number, end: number, type = 'email'): Finding => ({
    scanner: 'pii',
    type,
    category: 'pii',
    label: 'pii.email',
    start,
    end,
    score: 1,
    evidence: '',
  });

  it('stable placeholders: same value, same placeholder; overlapping spans merge', () => {
    const s = createRedactionState();
    const text = 'a@x.io and b@y.io and a@x.io';
    assert.equal(redactFindings(s, text, [f(0, 6), f(11, 17), f(22, 28)]), '<EMAIL_1> and <EMAIL_2> and <EMAIL_1>');
    assert.equal(redactFindings(s, 'xx b@y.io', [f(3, 9)]), 'xx <EMAIL_2>', 'numbering is shared within the exchange');
    assert.equal(
      redactFindings(createRedactionState(), 'abcdef', [f(0, 4), f(2, 6, 'credit_card')]),
      '<EMAIL_1>',
      'merged, named after the first at equal score',
    );
  });

  it('tokenised values come back, also across chunk boundaries; others stay redacted', () => {
    const s = createRedactionState();
    const a = f(0, 6);
    const masked = redactFindings(s, 'a@x.io b@y.io', [a, f(7, 13)], new Set([a]));
    assert.equal(masked, '<EMAIL_1> <EMAIL_2>');
    assert.equal(restoreTokens(s, 'to <EMAIL_1>, cc <EMAIL_2>'), 'to a@x.io, cc <EMAIL_2>');
    const r = createRestoreStream(s);
    const out = ['Hello <EMA', 'IL_', '1>! <', 'b'].map((c) => r.push(c)).join('') + r.end();
    assert.equal(out, 'Hello a@x.io! <b');
  });
});

async function runStream(
  ex: Exchange,
  chunks: string[],
  scannerSet: ScannerSet = set,
): Promise<{ text: string; events: StreamEvent[]; error?: Error }> {
  const guard = createScanGuard({ scanners: () => scannerSet }).openStream(ex);
  assert.ok(guard);
  const events: StreamEvent[] = [];
  try {
    for (const c of chunks) events.push(...guard.onEvent({ type: 'text', text: c }));
    events.push(...guard.onEvent({ type: 'finish', reason: 'stop' }));
    events.push(...guard.onEnd());
  } catch (err) {
    return { text: events.map((e) => (e.type === 'text' ? e.text : '')).join(''), events, error: err as Error };
  }
  return { text: events.map((e) => (e.type === 'text' ? e.text : '')).join(''), events };
}

describe('streaming output guard', () => {
  const secret = 'SK-abcd1234';
  const long = 'lorem ipsum dolor sit amet '.repeat(20);

  it('redacts a secret split across chunks at every split point, before any of it is sent', async () => {
    const text = `${long}key=${secret} and more ${long}`;
    for (let cut = 1; cut < secret.length; cut++) {
      const at = long.length + 4 + cut;
      const { text: out, events } = await runStream(exchange(), [text.slice(0, at), text.slice(at, at + 3), text.slice(at + 3)]);
      assert.equal(out, text.replace(secret, '<API_KEY_1>'), `split at ${cut}`);
      assert.ok(!out.includes('SK-'), 'no part of the secret went out');
      assert.equal(events.at(-1)?.type, 'finish', 'text is released before the finish event');
    }
  });

  it('many small chunks: output equals the redacted whole, order kept', async () => {
    const text = `${long}${secret}${long}${secret.replace('a', 'z')}${long}`;
    const chunks = text.match(/[\s\S]{1,3}/g) ?? [];
    const ex = exchange();
    const { text: out } = await runStream(ex, chunks);
    assert.equal(out, text.replace(secret, '<API_KEY_1>').replace(secret.replace('a', 'z'), '<API_KEY_2>'));
    assert.deepEqual(
      ex.threats.map((t) => [t.label, t.start, t.action]),
      [
        ['secret.api', long.length, 'redact'],
        ['secret.api', 2 * long.length + secret.length, 'redact'],
      ],
      'each finding recorded once with its offset in the whole answer',
    );
  });

  it('block ends the stream with an error after a secret appears, having sent none of it', async () => {
    const ex = exchange(policy([{ name: 'no-secrets', on: 'output', labels: ['secret.*'], action: 'block' }]));
    const { text: out, error } = await runStream(ex, [long, long, `x ${secret} y`, long]);
    assert.match(String(error?.message), /blocked by policy "p" rule "no-secrets"/);
    assert.ok(!out.includes('SK-'));
    assert.equal(ex.decisions.at(-1)?.verdict, 'deny');
  });

  it('flag-only policy: every chunk goes out at once, findings still recorded', async () => {
    const ex = exchange(policy([{ name: 'watch', on: 'output', labels: ['secret.*'], action: 'flag' }]));
    const guard = createScanGuard({ scanners: () => set }).openStream(ex);
    assert.ok(guard);
    const chunks = [long, `x ${secret} y`, long, long];
    for (const c of chunks) assert.deepEqual(guard.onEvent({ type: 'text', text: c }), [{ type: 'text', text: c }]);
    guard.onEvent({ type: 'finish', reason: 'stop' });
    guard.onEnd();
    assert.deepEqual(
      ex.threats.map((t) => [t.label, t.start, t.action]),
      [['secret.api', long.length + 2, 'flag']],
    );
  });

  it('the real PII scanner alone: a health term 380 characters from its person is redacted in a stream as in the whole text', async () => {
    const pii = createPiiScanner();
    const real: ScannerSet = { get: (n) => (n === 'pii' ? pii : scanners[n]), thresholds: { ...set.thresholds, pii: pii.threshold } };
    const filler = `${' The ward round was uneventful and the team reviewed the plan for the week with the family.'.repeat(3)} Plan agreed with the family today and documented.`;
    const tail = ' Next review in two weeks at the outpatient clinic, bring the blood glucose diary.'.repeat(8);
    const bodies = [
      `Patient: Margaret Okafor, seen today.${filler} Diagnosis: type 2 diabetes, started on metformin.${tail}`,
      `Diagnosis: type 2 diabetes, started on metformin.${filler} Patient: Margaret Okafor, seen today.${tail}`,
    ];
    // Where a term falls between two releases of the stream depends on what came before: every offset.
    for (const body of bodies)
      for (let pad = 0; pad < 520; pad += 40) {
        const text = `${'Ward 7 notes. '.repeat(pad / 40)}${body}`;
        const whole = pii.scan(text).findings.filter((f) => f.score >= pii.threshold);
        const terms = whole.filter((f) => f.type === 'health_condition' || f.type === 'medication').map((f) => text.slice(f.start, f.end));
        assert.deepEqual(terms, ['type 2 diabetes', 'metformin'], 'the whole-text scan ties both terms to the person');
        const ex = exchange(policy([{ name: 'phi', on: 'output', labels: ['pii.*', 'phi.*'], action: 'redact' }]));
        const { text: out } = await runStream(ex, text.match(/[\s\S]{1,7}/g) ?? [], real);
        for (const v of ['Margaret Okafor', 'type 2 diabetes', 'metformin'])
          assert.ok(!out.includes(v), `${v} was streamed out (pad ${pad})`);
      }
  });

  it('a guard refuses events after onEnd (protocol guards itself)', async () => {
    const guard = createScanGuard({ scanners: () => set }).openStream(exchange());
    assert.ok(guard);
    guard.onEnd();
    assert.throws(() => guard.onEvent({ type: 'text', text: 'x' }), /after onEnd/);
  });
});

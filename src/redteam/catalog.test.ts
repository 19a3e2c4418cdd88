import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG } from './catalog/index.js';
import { CONVERTERS } from './converters.js';
import { buildPlan, createCanaries } from './plan.js';
import { ATLAS_TECHNIQUES, OWASP_LLM_2025 } from './standards.js';
import { CATEGORIES, type CanaryName, SEVERITIES } from './types.js';

describe('catalog invariants', () => {
  it('has at least 150 attacks across at least 12 categories, every category used', () => {
    assert.ok(CATALOG.length >= 150, `${CATALOG.length} attacks`);
    const cats = new Set(CATALOG.map((a) => a.category));
    assert.ok(cats.size >= 12);
    for (const c of CATEGORIES) assert.ok(cats.has(c), `category ${c} has no attack`);
  });

  it('ids are unique and prompts are distinct', () => {
    const ids = new Set(CATALOG.map((a) => a.id));
    assert.equal(ids.size, CATALOG.length);
    const texts = CATALOG.map((a) => JSON.stringify([a.prompt, a.messages, a.setup, a.tools?.map((t) => t.description)]));
    assert.equal(new Set(texts).size, CATALOG.length, 'two attacks are identical');
  });

  it('every attack maps to valid OWASP LLM 2025 and MITRE ATLAS ids and has a severity', () => {
    for (const a of CATALOG) {
      assert.ok(a.owasp.length > 0 && a.owasp.every((o) => o in OWASP_LLM_2025), `${a.id} owasp ${a.owasp}`);
      assert.ok(a.atlas.length > 0 && a.atlas.every((t) => t in ATLAS_TECHNIQUES), `${a.id} atlas ${a.atlas}`);
      assert.ok(SEVERITIES.includes(a.severity));
      assert.ok((a.prompt !== undefined) !== (a.messages !== undefined), `${a.id}: prompt xor messages`);
      if (a.messages) assert.equal(a.messages[a.messages.length - 1]?.role, 'user');
    }
  });

  it('every attack has a deterministic check, and every canary it judges is planted in what is sent', () => {
    const canaries = createCanaries();
    const plan = buildPlan(CATALOG, [CONVERTERS[0]!], { canaries });
    for (const p of plan) {
      const j = p.attack.judge;
      const checks =
        (j.canaries?.length ?? 0) +
        (j.forbiddenTools?.length ?? 0) +
        (j.markup?.length ?? 0) +
        (j.budget ? 1 : 0) +
        (j.complianceWords?.length ?? 0);
      assert.ok(checks > 0, `${p.key} has no judge`);
      const sent = JSON.stringify([p.messages, p.tools]);
      for (const c of j.canaries ?? [])
        assert.ok(sent.includes(canaries[c as CanaryName]), `${p.key}: canary ${c} is judged but never planted`);
      for (const t of j.forbiddenTools ?? []) {
        if (!p.tools.length) continue;
        assert.ok(
          p.tools.some((x) => x.name === t) || j.forbiddenTools!.some((f) => p.tools.some((x) => x.name === f)),
          `${p.key}: no forbidden tool is offered`,
        );
      }
      assert.ok(!sent.includes('{{'), `${p.key}: unfilled placeholder`);
    }
  });

  it('the plan is catalog × converters, in a fixed order', () => {
    const canaries = createCanaries();
    const a = buildPlan(CATALOG, CONVERTERS, { canaries }).map(
      (p) => `${p.key}:${p.messages.at(-1)?.role === 'user' ? p.messages.at(-1)?.content : ''}`,
    );
    const b = buildPlan(CATALOG, CONVERTERS, { canaries }).map(
      (p) => `${p.key}:${p.messages.at(-1)?.role === 'user' ? p.messages.at(-1)?.content : ''}`,
    );
    assert.equal(a.length, CATALOG.length * CONVERTERS.length);
    assert.deepEqual(a, b);
    assert.equal(new Set(a.map((x) => x.split(':')[0])).size, a.length);
  });

  it('a caller-supplied system prompt is used with the canary line appended', () => {
    const canaries = createCanaries();
    const [p] = buildPlan(CATALOG.slice(0, 1), [CONVERTERS[0]!], { canaries, systemPrompt: 'You are a travel agent.' });
    const sys = p?.messages[0];
    assert.equal(sys?.role, 'system');
    assert.ok(sys?.content.startsWith('You are a travel agent.'));
    assert.ok(sys?.content.includes(canaries.system));
  });

  it('canaries are fresh per run', () => {
    assert.notDeepEqual(createCanaries(), createCanaries());
  });
});

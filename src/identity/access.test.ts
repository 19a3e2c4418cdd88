import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthFailureGuard, type LockoutEvent } from './lockout.js';
import { RoleRegistry, ToolRegistry } from './registry.js';
import { canGrant } from './roles.js';

const registry = new RoleRegistry(
  [{ name: 'attorney', extends: 'member', features: ['legal-review'], allowTools: [], denyTools: ['wire_*'], description: '' }],
  new ToolRegistry([{ name: 'delete_record', risk: 'destructive' }], 'write'),
  undefined,
);

describe('roles', () => {
  it('grant tools by risk class, features by glob, and keys only narrow', () => {
    const ro = registry.compile(['read-only'], {});
    assert.equal(ro.tool('delete_record'), false);
    assert.equal(ro.tool('unregistered'), false);
    assert.equal(registry.compile(['member'], {}).tool('unregistered'), true);
    assert.equal(registry.compile(['developer'], {}).tool('delete_record'), true);
    const att = registry.compile(['attorney'], {});
    assert.equal(att.feature('legal-review'), true);
    assert.equal(att.feature('summarize'), false);
    assert.equal(att.tool('wire_money'), false);
    const narrowed = registry.compile(['developer'], { tools: ['lookup*'], models: ['gpt-*'], scopes: ['invoke'] });
    assert.equal(narrowed.tool('delete_record'), false);
    assert.equal(narrowed.model('gpt-4o'), true);
    assert.equal(narrowed.model('claude'), false);
    const auditor = registry.compile(['auditor'], {});
    assert.equal(auditor.can('invoke'), false);
    assert.equal(auditor.model('x'), false);
    assert.equal(auditor.global, true);
  });
  it('an actor may only grant roles it could exercise; tenant roles never grant global ones', () => {
    const ta = registry.compile(['tenant-admin'], {});
    assert.equal(canGrant(ta, registry.get('member')!), true);
    assert.equal(canGrant(ta, registry.get('admin')!), false);
    assert.equal(canGrant(ta, registry.get('auditor')!), false);
    assert.equal(canGrant(registry.compile(['admin'], {}), registry.get('security-admin')!), true);
  });
  it('refuses to redefine a built-in role', () => {
    assert.throws(
      () => new RoleRegistry([{ name: 'admin', allowTools: [], denyTools: [], description: '' }], new ToolRegistry([], 'write'), undefined),
      /built-in/,
    );
  });
});

describe('auth-failure lock-out', () => {
  it('locks one address after the threshold, doubles the lock, alerts, leaves others alone', () => {
    let now = 1_000_000;
    const events: LockoutEvent[] = [];
    const g = new AuthFailureGuard(
      { threshold: 3, windowMs: 60_000, durationMs: 10_000, maxDurationMs: 25_000, keyAlertThreshold: 2 },
      (e) => events.push(e),
      () => now,
    );
    g.fail('10.0.0.1', 'k1');
    g.fail('10.0.0.1', 'k1');
    assert.equal(g.lockedFor('10.0.0.1'), 0);
    g.fail('10.0.0.1', undefined);
    assert.equal(g.lockedFor('10.0.0.1'), 10);
    assert.equal(g.lockedFor('10.0.0.2'), 0);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['key_failures', 'address_locked'],
    );
    now += 10_001;
    assert.equal(g.lockedFor('10.0.0.1'), 0);
    for (let i = 0; i < 3; i++) g.fail('10.0.0.1', undefined);
    assert.equal(g.lockedFor('10.0.0.1'), 20);
    now += 20_001;
    for (let i = 0; i < 3; i++) g.fail('10.0.0.1', undefined);
    assert.equal(g.lockedFor('10.0.0.1'), 25, 'bounded by maxDuration');
  });
});

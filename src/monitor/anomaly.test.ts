import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Exchange } from '../pipeline/types.js';
import { type Alert, AnomalyDetector } from './anomaly.js';

const ex = (over: Partial<Exchange>) =>
  ({
    identity: { keyId: 'k1', userId: 'u', tenant: 't' },
    route: { model: 'm', provider: 'p' },
    status: 200,
    clientAddress: '10.0.0.9',
    ...over,
  }) as unknown as Exchange;

function detector(now: { t: number }) {
  const alerts: Alert[] = [];
  const d = new AnomalyDetector(
    { rateZ: 6, rateMinPerSec: 5, warmupSeconds: 5, authFailuresPer10s: 10, upstreamErrorsPer10s: 5 },
    (a) => alerts.push(a),
    () => now.t,
  );
  return { d, alerts };
}

describe('request_rate', () => {
  it('alerts when a key jumps 20x over its own baseline, and only then', () => {
    const now = { t: 0 };
    const { d, alerts } = detector(now);
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 2 + (s % 2); i++) d.observe(ex({}));
      d.tick();
    }
    assert.equal(alerts.length, 0, 'steady traffic is quiet');
    for (let i = 0; i < 50; i++) d.observe(ex({}));
    d.tick();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.signal, 'request_rate');
    assert.equal(alerts[0]?.severity, 'SEV2');
    assert.equal(alerts[0]?.details.key_id, 'k1');
  });
  it('never alerts below the minimum rate or before the baseline settled', () => {
    const now = { t: 0 };
    const { d, alerts } = detector(now);
    for (let i = 0; i < 100; i++) d.observe(ex({}));
    d.tick();
    for (let s = 0; s < 10; s++) d.tick();
    for (let i = 0; i < 4; i++) d.observe(ex({}));
    d.tick();
    assert.equal(alerts.length, 0);
  });
});

describe('windows and new models', () => {
  it('auth failures from one address and upstream error spikes', () => {
    const now = { t: 1_000_000 };
    const { d, alerts } = detector(now);
    for (let i = 0; i < 10; i++) d.observe(ex({ identity: undefined, status: 401 }));
    for (let i = 0; i < 5; i++) d.observe(ex({ status: 502, upstreamStatus: 500 }));
    d.tick();
    assert.deepEqual(alerts.map((a) => `${a.signal}:${a.severity}:${a.subject}`).sort(), [
      'auth_failures:SEV2:client:10.0.0.9',
      'upstream_errors:SEV3:provider:p',
    ]);
    now.t += 11_000;
    alerts.length = 0;
    d.tick();
    assert.equal(alerts.length, 0, 'the window slides');
  });
  it('a key using a new model after its baseline settled', () => {
    const now = { t: 0 };
    const { d, alerts } = detector(now);
    d.observe(ex({}));
    for (let s = 0; s < 6; s++) d.tick();
    d.observe(ex({ route: { model: 'other', provider: 'p', upstreamModel: 'x' } }));
    assert.equal(alerts[0]?.signal, 'new_model');
    assert.equal(alerts[0]?.severity, 'SEV4');
  });
});

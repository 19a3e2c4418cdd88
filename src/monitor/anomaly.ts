// Anomaly detection: turns the stream of finished exchanges into alerts, not dashboards.
// Signals (evaluated once a second, O(1) per request to collect):
//   request_rate    a key's requests/s against its own baseline (EWMA mean and variance, z-score)
//   auth_failures   401s from one client address in a 10 s window
//   upstream_errors 5xx answers from a provider in a 10 s window
//   new_model       a key using a model for the first time after its baseline settled
// Severity: SEV1 critical — abuse in progress, containment applied; SEV2 high — attack
// pattern (rate spike, auth-failure burst); SEV3 medium — service degradation (upstream
// errors); SEV4 low — notable change (new model for a key).
import type { Exchange } from '../pipeline/types.js';

export type Signal = 'request_rate' | 'auth_failures' | 'upstream_errors' | 'new_model' | 'auth_lockout' | 'key_expiry';
export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';

export interface Alert {
  signal: Signal;
  severity: Severity;
  /** What it is about: key:<id>, client:<address>, provider:<name>. */
  subject: string;
  message: string;
  details: Record<string, string | number>;
  at: string;
}

export interface AnomalyOptions {
  /** z-score above which a key's request rate is anomalous. */
  rateZ: number;
  /** Ignore rates below this (requests/s): a quiet key doubling is not an incident. */
  rateMinPerSec: number;
  /** Seconds of history before a key's baseline is trusted. */
  warmupSeconds: number;
  authFailuresPer10s: number;
  upstreamErrorsPer10s: number;
}

interface KeyStats {
  count: number;
  mean: number;
  variance: number;
  samples: number;
  models: Set<string>;
}

const ALPHA = 0.1;

export class AnomalyDetector {
  private readonly keys = new Map<string, KeyStats>();
  private readonly authFailures = new Map<string, number[]>();
  private readonly upstreamErrors = new Map<string, number[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: AnomalyOptions,
    private readonly emit: (alert: Alert) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  observe(ex: Exchange): void {
    const id = ex.identity;
    if (id) {
      let s = this.keys.get(id.keyId);
      if (!s) {
        s = { count: 0, mean: 0, variance: 0, samples: 0, models: new Set() };
        this.keys.set(id.keyId, s);
      }
      s.count++;
      const model = ex.route?.model;
      if (model && !s.models.has(model)) {
        s.models.add(model);
        if (s.samples >= this.options.warmupSeconds) {
          this.emit(
            this.alert('new_model', 'SEV4', `key:${id.keyId}`, `key ${id.keyId} used model ${model} for the first time`, {
              key_id: id.keyId,
              model,
            }),
          );
        }
      }
    }
    if (ex.status === 401) this.window(this.authFailures, ex.clientAddress);
    if (ex.status >= 500 && ex.route && ex.upstreamStatus !== undefined) this.window(this.upstreamErrors, ex.route.provider);
  }

  private window(map: Map<string, number[]>, subject: string): void {
    const now = this.now();
    const list = map.get(subject) ?? [];
    list.push(now);
    while (list.length && (list[0] as number) < now - 10_000) list.shift();
    map.set(subject, list);
  }

  private alert(signal: Signal, severity: Severity, subject: string, message: string, details: Record<string, string | number>): Alert {
    return { signal, severity, subject, message, details, at: new Date(this.now()).toISOString() };
  }

  /** Once a second: fold counts into baselines and check every signal. */
  tick(): void {
    const o = this.options;
    for (const [keyId, s] of this.keys) {
      const x = s.count;
      s.count = 0;
      if (s.samples >= o.warmupSeconds && x >= o.rateMinPerSec) {
        const z = (x - s.mean) / Math.sqrt(s.variance + 1);
        if (z >= o.rateZ) {
          this.emit(
            this.alert(
              'request_rate',
              'SEV2',
              `key:${keyId}`,
              `key ${keyId} sent ${x} requests/s against a baseline of ${s.mean.toFixed(1)}/s (z=${z.toFixed(1)})`,
              {
                key_id: keyId,
                rate: x,
                baseline: Number(s.mean.toFixed(2)),
                z: Number(z.toFixed(1)),
              },
            ),
          );
          // An anomalous second does not become the new normal.
          continue;
        }
      }
      const diff = x - s.mean;
      s.mean += ALPHA * diff;
      s.variance = (1 - ALPHA) * (s.variance + ALPHA * diff * diff);
      s.samples++;
    }
    const now = this.now();
    for (const [map, signal, severity, threshold, kind] of [
      [this.authFailures, 'auth_failures', 'SEV2', o.authFailuresPer10s, 'client'],
      [this.upstreamErrors, 'upstream_errors', 'SEV3', o.upstreamErrorsPer10s, 'provider'],
    ] as const) {
      for (const [subject, list] of map) {
        while (list.length && (list[0] as number) < now - 10_000) list.shift();
        if (!list.length) map.delete(subject);
        else if (list.length >= threshold) {
          this.emit(
            this.alert(
              signal,
              severity,
              `${kind}:${subject}`,
              `${list.length} ${signal.replace('_', ' ')} from ${kind} ${subject} in 10 s`,
              { [kind]: subject, count: list.length },
            ),
          );
        }
      }
    }
  }
}

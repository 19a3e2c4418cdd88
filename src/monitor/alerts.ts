// Alert routing: deduplicates (one notification per signal and subject per renotify interval),
// applies containment (a signal mapped to an action raises the alert to SEV1), and delivers to
// every sink — a JSON webhook signed with HMAC-SHA256 (X-Gatehouse-Signature: sha256=<hex> over
// the exact body), a Slack-compatible webhook, and the audit trail itself.
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { Alert, Signal } from './anomaly.js';

export type ContainmentAction = 'kill_key' | 'kill_user' | 'kill_tenant' | 'revoke_key';

export type AlertSink = { type: 'webhook'; url: string; secret: string | undefined } | { type: 'slack'; url: string };

export interface AlertRouterOptions {
  sinks: AlertSink[];
  renotifyMs: number;
  containment: Array<{ signal: Signal; action: ContainmentAction }>;
  /** Records the alert (and any containment) in the audit trail. */
  audit: (alert: Alert) => void;
  /** Applies a containment action; returns a description of what was done. */
  contain: (action: ContainmentAction, alert: Alert) => Promise<string>;
  onError: (message: string) => void;
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class AlertRouter {
  private readonly last = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  constructor(private readonly o: AlertRouterOptions) {}

  async raise(alert: Alert): Promise<void> {
    const dedupKey = `${alert.signal}\u0000${alert.subject}`;
    const now = Date.now();
    const previous = this.last.get(dedupKey);
    if (previous !== undefined && now - previous < this.o.renotifyMs) {
      this.suppressed.set(dedupKey, (this.suppressed.get(dedupKey) ?? 0) + 1);
      return;
    }
    this.last.set(dedupKey, now);
    const repeats = this.suppressed.get(dedupKey) ?? 0;
    this.suppressed.delete(dedupKey);
    let routed: Alert = repeats ? { ...alert, details: { ...alert.details, suppressed_repeats: repeats } } : alert;
    for (const rule of this.o.containment) {
      if (rule.signal !== alert.signal) continue;
      try {
        const done = await this.o.contain(rule.action, alert);
        routed = { ...routed, severity: 'SEV1', details: { ...routed.details, containment: rule.action, contained: done } };
      } catch (err) {
        this.o.onError(`containment ${rule.action} failed: ${(err as Error).message}`);
      }
    }
    this.o.audit(routed);
    await Promise.all(this.o.sinks.map((s) => this.deliver(s, routed)));
  }

  private async deliver(sink: AlertSink, alert: Alert): Promise<void> {
    const body =
      sink.type === 'webhook'
        ? JSON.stringify({ source: 'gatehouse', ...alert })
        : JSON.stringify({
            text: `[${alert.severity}] ${alert.message}${alert.details.contained ? ` — contained: ${alert.details.contained}` : ''}`,
          });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (sink.type === 'webhook' && sink.secret) headers['x-gatehouse-signature'] = signBody(sink.secret, body);
    try {
      const res = await request(sink.url, { method: 'POST', headers, body, headersTimeout: 5000, bodyTimeout: 5000 });
      await res.body.dump();
      if (res.statusCode >= 300) this.o.onError(`alert sink ${sink.type} answered HTTP ${res.statusCode}`);
    } catch (err) {
      this.o.onError(`alert sink ${sink.type} failed: ${(err as Error).message}`);
    }
  }
}

// Prometheus metrics (prom-client): request counts and latencies, per-stage durations from the
// decision chain, upstream latency, tokens, refusals by stage and code, kill-switch state, audit
// queue depth and exporter backlog. Observed once per exchange, after its record is written;
// label values come only from bounded sets (configured models, stages, codes), never from callers.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ExporterStatus } from '../audit/export/exporter.js';
import type { KillSwitch } from '../control/kill-switch.js';
import type { Exchange } from '../pipeline/types.js';

export interface MetricsSources {
  auditDepth: () => number;
  exporters: () => ExporterStatus[];
  killSwitches: () => KillSwitch[];
}

export interface Metrics {
  registry: Registry;
  observe(ex: Exchange): void;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const STAGE_BUCKETS = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gatehouse_' });
  const registers = [registry];
  const requests = new Counter({
    name: 'gatehouse_requests_total',
    help: 'Requests answered, by endpoint, dialect and HTTP status.',
    labelNames: ['endpoint', 'dialect', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'gatehouse_request_duration_seconds',
    help: 'Time from request to audited answer (streams: until the end), by endpoint.',
    labelNames: ['endpoint'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const stages = new Histogram({
    name: 'gatehouse_stage_duration_seconds',
    help: 'Time spent in each pipeline stage (its own work).',
    labelNames: ['stage'] as const,
    buckets: STAGE_BUCKETS,
    registers,
  });
  const upstream = new Histogram({
    name: 'gatehouse_upstream_duration_seconds',
    help: 'Upstream call time (streams: until the last event), by provider.',
    labelNames: ['provider'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const tokens = new Counter({
    name: 'gatehouse_tokens_total',
    help: 'Tokens reported by upstreams, by model and direction.',
    labelNames: ['model', 'direction'] as const,
    registers,
  });
  const refused = new Counter({
    name: 'gatehouse_refused_total',
    help: 'Requests refused or failed, by the stage that stopped them and the error code (includes rate-limit and kill-switch refusals).',
    labelNames: ['stage', 'code'] as const,
    registers,
  });
  new Gauge({
    name: 'gatehouse_kill_switches',
    help: 'Kill switches set, by scope.',
    labelNames: ['scope'] as const,
    registers,
    collect() {
      this.reset();
      for (const sw of sources.killSwitches()) this.inc({ scope: sw.scope });
    },
  });
  new Gauge({
    name: 'gatehouse_audit_queue_depth',
    help: 'Audit records waiting for their group commit.',
    registers,
    collect() {
      this.set(sources.auditDepth());
    },
  });
  new Gauge({
    name: 'gatehouse_exporter_backlog',
    help: 'Records an exporter still has to deliver.',
    labelNames: ['exporter'] as const,
    registers,
    collect() {
      this.reset();
      for (const e of sources.exporters()) this.set({ exporter: e.name }, e.backlog);
    },
  });
  return {
    registry,
    observe(ex) {
      requests.inc({ endpoint: ex.endpoint, dialect: ex.dialect, status: String(ex.status) });
      duration.observe({ endpoint: ex.endpoint }, Number(process.hrtime.bigint() - ex.startedNs) / 1e9);
      for (const d of ex.decisions) {
        stages.observe({ stage: d.stage }, d.durationUs / 1e6);
        if (d.stage === 'provider' && ex.route) upstream.observe({ provider: ex.route.provider }, d.durationUs / 1e6);
      }
      if (ex.usage && ex.route) {
        tokens.inc({ model: ex.route.model, direction: 'input' }, ex.usage.inputTokens);
        tokens.inc({ model: ex.route.model, direction: 'output' }, ex.usage.outputTokens);
      }
      if (ex.error) {
        const stopped = ex.decisions.find((d) => d.verdict === 'deny' || d.verdict === 'error');
        refused.inc({ stage: stopped?.stage ?? 'edge', code: ex.error.code });
      }
    },
  };
}

// SIEM export: builds the configured exporters (format encoder + sink + persisted cursor).
// Formats are pure encoders (formats.ts); delivery semantics live in exporter.ts; transports
// in sinks.ts.
import { hostname } from 'node:os';
import type { ExporterConfig } from '../../config/schema.js';
import { parseDuration } from '../../config/schema.js';
import type { AuditRecord } from '../record.js';
import { type CursorStore, type Encoder, Exporter, type ExportSource, type Sink } from './exporter.js';
import { toCef, toJsonLine, toOcsfApiActivity, toRfc5424, toSplunkHec } from './formats.js';
import { fileSink, httpSink, syslogSink } from './sinks.js';

export { Exporter, type ExporterStatus } from './exporter.js';

export function encoderFor(format: ExporterConfig['format']): Encoder {
  const host = hostname();
  switch (format) {
    case 'jsonl':
      return (r: AuditRecord) => toJsonLine(r);
    case 'cef':
      return (r) => toCef(r);
    case 'rfc5424':
      return (r) => toRfc5424(r, { hostname: host });
    case 'ocsf':
      return (r) => JSON.stringify(toOcsfApiActivity(r));
    case 'splunk-hec':
      return (r) => JSON.stringify(toSplunkHec(r, { host }));
  }
}

function sinkFor(cfg: ExporterConfig, env: NodeJS.ProcessEnv): Sink {
  const s = cfg.sink;
  switch (s.type) {
    case 'file':
      return fileSink(s.path);
    case 'http': {
      const headers: Record<string, string> = { ...s.headers };
      if (s.tokenEnv) {
        const token = env[s.tokenEnv];
        if (!token) throw new Error(`audit.exporters.${cfg.name}.sink.tokenEnv: environment variable ${s.tokenEnv} is not set`);
        headers.authorization = `${s.authScheme} ${token}`;
      }
      return httpSink({
        url: s.url,
        headers,
        join: cfg.format === 'splunk-hec' ? 'concat' : 'lines',
        contentType: cfg.format === 'cef' ? 'text/plain' : 'application/x-ndjson',
        timeoutMs: s.timeoutMs,
      });
    }
    case 'syslog':
      return syslogSink(s);
  }
}

export function createExporters(
  configs: readonly ExporterConfig[],
  deps: {
    source: ExportSource;
    cursors: CursorStore;
    env: NodeJS.ProcessEnv;
    onAlert: (message: string, details: Record<string, string | number>) => void;
  },
): Exporter[] {
  return configs.map(
    (cfg) =>
      new Exporter(cfg.name, deps.source, deps.cursors, encoderFor(cfg.format), sinkFor(cfg, deps.env), {
        batchSize: cfg.batchSize,
        idleMs: parseDuration(cfg.pollInterval),
        retryInitialMs: parseDuration(cfg.retryInitial),
        retryMaxMs: parseDuration(cfg.retryMax),
        maxBacklog: cfg.maxBacklog,
        onAlert: deps.onAlert,
      }),
  );
}

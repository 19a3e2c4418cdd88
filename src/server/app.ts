// Composition root: config -> stores -> modules -> HTTP. The only place that knows which
// concrete store and which providers are in use.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalize } from '../audit/canonical.js';
import { createExporters } from '../audit/export/index.js';
import { sha256Hex } from '../audit/record.js';
import { applyRetentionInChunks } from '../audit/retention.js';
import { loadSigningKey } from '../audit/signing-key.js';
import { TransparencyLog } from '../audit/tlog.js';
import { ContentVault, loadMasterKey } from '../audit/vault.js';
import { type Config, parseDuration } from '../config/schema.js';
import { KillSwitchBoard, KillSwitchService } from '../control/kill-switch.js';
import { RateLimiter } from '../control/rate-limit.js';
import { adminEntry } from '../identity/key-service.js';
import type { Logger } from '../log.js';
import { AlertRouter } from '../monitor/alerts.js';
import { type Alert, AnomalyDetector } from '../monitor/anomaly.js';
import { createMetrics } from '../monitor/metrics.js';
import type { ModelRoute } from '../pipeline/stages/route.js';
import type { Exchange } from '../pipeline/types.js';
import { createProtection } from '../policy/runtime.js';
import { createProviders } from '../providers/index.js';
import { SCANNER_FACTORIES } from '../scanners/index.js';
import {
  createSqliteAuditReader,
  createSqliteCheckpointStore,
  createSqliteCursorStore,
  createSqliteExportSource,
  createSqliteRetentionStore,
  createSqliteTreeSource,
  createSqliteVaultStore,
} from '../store/sqlite/sqlite-audit-store.js';
import { createSqliteAuditWriter } from '../store/sqlite/sqlite-audit-writer.js';
import { dbPath, openDb } from '../store/sqlite/sqlite-db.js';
import { createSqliteKeyStore, createSqliteKillSwitchStore, createSqliteQuotaStore } from '../store/sqlite/sqlite-key-store.js';
import { createAccessControl } from './access.js';
import { createEdge } from './http.js';
import { buildRoutes } from './routes.js';

export interface App {
  readonly server: Server;
  /** The admin key created on first start, if any (shown once). */
  readonly bootstrapKey: string | undefined;
  listen(): Promise<{ host: string; port: number }>;
  /** Re-reads the config's policies and scanners (SIGHUP); logged and audited as policy.reload. */
  reload(): void;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Reloads and validates the configuration (hot reload of policies and scanners). */
  reloadConfig?: () => Config;
  /** The config file, watched for changes when reloadConfig is given. */
  configFile?: string | undefined;
}

export async function createApp(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env, options: AppOptions = {}): Promise<App> {
  const file = dbPath(config.dataDir);
  const db = openDb(file, { durability: config.audit.durability });
  // The main thread must never run a WAL checkpoint (it would block the event loop).
  db.pragma('wal_autocheckpoint = 0');
  const keyStore = createSqliteKeyStore(db);
  const reader = createSqliteAuditReader(db);
  const writer = createSqliteAuditWriter({
    file,
    durability: config.audit.durability,
    maxBatch: config.audit.maxBatch,
    maxQueue: config.audit.maxQueue,
    commitTimeoutMs: config.audit.commitTimeoutMs,
    onError: (m) => log.error(m),
  });
  const tlog = new TransparencyLog(
    createSqliteTreeSource(db),
    createSqliteCheckpointStore(db),
    loadSigningKey(config.dataDir, config.audit.origin),
  );
  const providers = createProviders(config.providers, env);
  const models = new Map<string, ModelRoute>();
  for (const m of config.models) {
    models.set(m.name, {
      name: m.name,
      provider: providers.get(m.provider)!,
      upstreamModel: m.upstreamModel ?? m.name,
      type: m.type,
      maxOutputTokens: m.maxOutputTokens,
    });
  }
  const append = (entry: Parameters<typeof writer.append>[0], content?: Parameters<typeof writer.append>[1]) =>
    writer.append(entry, content);
  const system = { keyId: null, userId: 'system', tenant: null, client: null };
  // Access control: roles, OIDC, MFA, JIT, lock-out; its alerts go to the router made below.
  let raiseAlert: (alert: Alert) => void = () => {};
  const ac = createAccessControl({ config, db, keyStore, append, env, log, raise: (alert) => raiseAlert(alert) });
  const { authenticator, keys } = ac;

  await append(
    adminEntry(system, 'config.load', null, {
      config_sha256: sha256Hex(canonicalize(JSON.parse(JSON.stringify(config)))),
      providers: Object.keys(config.providers).join(','),
      models: config.models.length,
    }),
  );
  let bootstrapKey: string | undefined;
  if (config.keys.bootstrapAdmin && keyStore.count() === 0) {
    // GATEHOUSE_BOOTSTRAP_KEY lets an operator provision the first admin secret (e.g. from a
    // secrets manager) instead of reading it off the terminal; it is then not printed.
    const supplied = env.GATEHOUSE_BOOTSTRAP_KEY?.trim();
    const created = await keys.create(
      { name: 'bootstrap-admin', role: 'admin', userId: 'bootstrap-admin', ...(supplied ? { secret: supplied } : {}) },
      system,
    );
    if (!supplied) bootstrapKey = created.secret;
    authenticator.refresh();
  }

  const exporters = createExporters(config.audit.exporters, {
    source: createSqliteExportSource(db),
    cursors: createSqliteCursorStore(db),
    env,
    onAlert: (message, details) => {
      log.error(message, details);
      append(adminEntry(system, 'exporter.backlog', String(details.exporter), details)).catch(() => {});
    },
  });
  for (const e of exporters) e.start();

  const retentionStore = createSqliteRetentionStore(db);
  let retentionRunning = false;
  const retention = async () => {
    if (retentionRunning) return;
    retentionRunning = true;
    try {
      for (const r of await applyRetentionInChunks(retentionStore, config.audit.retention.defaultDays)) {
        log.info('retention applied', { tenant: r.tenant, expired: r.count });
        append(
          adminEntry(system, 'retention.expire', r.tenant, { days: r.days, cutoff: r.cutoff, count: r.count, max_seq: r.maxSeq }),
        ).catch(() => {});
      }
    } catch (err) {
      log.error('retention failed', { detail: (err as Error).message });
    } finally {
      retentionRunning = false;
    }
  };
  const retentionTimer = setInterval(() => void retention(), parseDuration(config.audit.retention.interval));
  retentionTimer.unref();

  // Optional content capture: encrypted per subject, erasable by destroying the subject's key.
  const contentCfg = config.audit.content;
  const vaultStore = createSqliteVaultStore(db);
  const vault = contentCfg.enabled
    ? new ContentVault(
        loadMasterKey({ env: env[contentCfg.masterKeyEnv], file: contentCfg.masterKeyFile, dataDir: config.dataDir }),
        vaultStore,
      )
    : undefined;
  let vaultGeneration = vaultStore.generation();
  const vaultPoll = setInterval(() => {
    const g = vaultStore.generation();
    if (g !== vaultGeneration) {
      vaultGeneration = g;
      vault?.clearCache();
    }
  }, 1000);
  vaultPoll.unref();
  const capture = vault
    ? (ex: Exchange) => {
        const id = ex.identity;
        if (!id || !ex.body || (contentCfg.tenants.length && !contentCfg.tenants.includes(id.tenant))) return undefined;
        const out = ex.response?.kind === 'chat' ? { text: ex.response.text, tool_calls: ex.response.toolCalls } : null;
        const plaintext = Buffer.from(JSON.stringify({ input: ex.body.toString('utf8'), output: out }), 'utf8');
        const blob = vault.encrypt(id.userId, ex.id, plaintext);
        return blob ? { subject: id.userId, blob } : undefined;
      }
    : undefined;

  const killStore = createSqliteKillSwitchStore(db);
  const killBoard = new KillSwitchBoard(killStore, 250, (m) => log.warn(m));
  const kill = new KillSwitchService(
    killStore,
    (name, target, details) => append(adminEntry(system, name, target, details)),
    () => killBoard.refresh(),
  );

  // Anomaly detection -> alerts (deduplicated, signed) -> optional containment, all audited.
  const router = new AlertRouter({
    sinks: config.alerts.sinks.map((s) =>
      s.type === 'webhook'
        ? { type: 'webhook', url: s.url, secret: s.secretEnv ? env[s.secretEnv] : undefined }
        : { type: 'slack', url: s.url },
    ),
    renotifyMs: parseDuration(config.alerts.renotify),
    containment: config.alerts.containment,
    audit: (alert) => {
      append(
        adminEntry(system, `alert.${alert.signal}`, alert.subject, { severity: alert.severity, message: alert.message, ...alert.details }),
      ).catch((err: Error) => log.error('could not audit an alert', { detail: err.message }));
    },
    contain: async (action, alert) => {
      const keyId = typeof alert.details.key_id === 'string' ? alert.details.key_id : undefined;
      const key = keyId ? keyStore.get(keyId) : undefined;
      if (!key) throw new Error(`${alert.signal} names no key to contain`);
      const why = `containment of ${alert.signal}: ${alert.message}`;
      switch (action) {
        case 'kill_key':
          await kill.set('key', key.id, why, 'gatehouse:containment', true);
          return `kill switch key:${key.id}`;
        case 'kill_user':
          await kill.set('user', key.userId, why, 'gatehouse:containment', true);
          return `kill switch user:${key.userId}`;
        case 'kill_tenant':
          await kill.set('tenant', key.tenant, why, 'gatehouse:containment', true);
          return `kill switch tenant:${key.tenant}`;
        case 'revoke_key':
          await keys.revoke(key.id, system);
          authenticator.refresh();
          return `revoked key ${key.id}`;
      }
    },
    onError: (m) => log.warn(m),
  });
  raiseAlert = (alert) => {
    log.warn('alert', { signal: alert.signal, severity: alert.severity, subject: alert.subject });
    router.raise(alert).catch((err: Error) => log.error('alert routing failed', { detail: err.message }));
  };
  ac.start();
  const a = config.alerts;
  const detector = new AnomalyDetector(
    {
      rateZ: a.rateZ,
      rateMinPerSec: a.rateMinPerSec,
      warmupSeconds: a.warmupSeconds,
      authFailuresPer10s: a.authFailuresPer10s,
      upstreamErrorsPer10s: a.upstreamErrorsPer10s,
    },
    (alert) => {
      log.warn('alert', { signal: alert.signal, severity: alert.severity, subject: alert.subject });
      router.raise(alert).catch((err: Error) => log.error('alert routing failed', { detail: err.message }));
    },
  );
  detector.start();

  const metrics = createMetrics({
    auditDepth: () => writer.depth,
    exporters: () => exporters.map((e) => e.status()),
    killSwitches: () => killBoard.list(),
  });

  const limiter = new RateLimiter(
    config.limits.map((l) => ({
      name: l.name,
      per: l.per,
      requests: l.requests,
      burst: l.burst,
      tokens: l.tokens,
      intervalMs: parseDuration(l.interval),
      concurrentStreams: l.concurrentStreams,
      monthlyTokens: l.monthlyTokens,
      only: l.only,
    })),
    Date.now,
    createSqliteQuotaStore(db),
  );
  // Monthly quota usage is written every few seconds, never on the request path.
  const quotaFlush = setInterval(() => {
    try {
      limiter.flushQuotas();
    } catch (err) {
      log.warn('quota usage flush failed', { detail: (err as Error).message });
    }
  }, 5000);
  quotaFlush.unref();

  // Scanners load (patterns, model weights) here, once, not on the first request.
  const protection = createProtection({
    config,
    factories: SCANNER_FACTORIES,
    ...(options.reloadConfig ? { load: options.reloadConfig } : {}),
    ...(options.configFile ? { watchFile: options.configFile } : {}),
    onReload: (r) => reported(r),
  });
  function reported(r: { ok: boolean; message: string }): void {
    if (r.ok) log.info(r.message);
    else log.error(r.message);
    append(adminEntry(system, 'policy.reload', null, { ok: r.ok, message: r.message.slice(0, 500) })).catch(() => {});
  }

  const { routes, fallback, wrongMethod } = buildRoutes({
    protection,
    authenticator,
    models,
    killBoard,
    metrics: { text: () => metrics.registry.metrics(), contentType: metrics.registry.contentType },
    limiter,
    audit: {
      append,
      ...(capture ? { capture } : {}),
      observe: (ex) => {
        metrics.observe(ex);
        detector.observe(ex);
      },
      onInternalError: (ex, err) => log.error('request failed', { request_id: ex.id, code: err.code, detail: err.internal }),
    },
    admin: {
      keys,
      reader,
      tlog,
      exporters: () => exporters.map((e) => e.status()),
      kill,
      rotationOverlapMs: parseDuration(config.keys.rotationOverlap),
      onKeysChanged: () => authenticator.refresh(),
    },
    access: ac.routeDeps,
  });
  let closing = false;
  const edge = createEdge({
    routes,
    fallback,
    wrongMethod,
    bodyLimitBytes: config.server.bodyLimitBytes,
    trustProxy: config.server.trustProxy,
    health: () => ({ ok: !closing }),
    ready: async () => {
      const checks: Record<string, string> = {};
      let ok = !closing;
      try {
        db.prepare('SELECT 1').get();
        checks.store = 'ok';
      } catch {
        checks.store = 'unavailable';
        ok = false;
      }
      checks.audit_queue = String(writer.depth);
      for (const [name, p] of providers) {
        const r = await p.ready().catch(() => ({ ok: false }));
        checks[`provider:${name}`] = r.ok ? 'ok' : 'unavailable';
        ok &&= r.ok;
      }
      return { ok, checks };
    },
    onError: (m) => log.error(m),
  });
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, edge);
  const publish = () => {
    try {
      const cp = tlog.publish();
      if (cp) log.debug('checkpoint published', { size: cp.size });
    } catch (err) {
      log.error('checkpoint publication failed', { detail: (err as Error).message });
    }
  };
  const publisher = setInterval(publish, parseDuration(config.audit.checkpointInterval));
  publisher.unref();

  return {
    server,
    bootstrapKey,
    reload: () => reported(protection.reload()),
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.server.port, config.server.host, () => {
          const a = server.address() as AddressInfo;
          resolve({ host: a.address, port: a.port });
        });
      });
    },
    async close() {
      closing = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, 10_000).unref();
      });
      ac.close();
      clearInterval(publisher);
      clearInterval(retentionTimer);
      clearInterval(vaultPoll);
      killBoard.close();
      detector.stop();
      clearInterval(quotaFlush);
      protection.close();
      limiter.flushQuotas();
      await Promise.all(exporters.map((e) => e.stop()));
      await writer.close();
      // The last records get a signed checkpoint too.
      publish();
      await Promise.all([...providers.values()].map((p) => p.close()));
      db.close();
    },
  };
}

// Runtime protection as the server holds it: the compiled policies, the scanner instances and
// their settings, swapped atomically when the config file changes (hot reload). A reload that
// does not validate keeps the running policy and says why; only `policies` and `scanners` are
// reloaded, anything else still needs a restart.
import { unwatchFile, watchFile } from 'node:fs';
import type { ScannersConfig } from '../config/policy-schema.js';
import type { Config } from '../config/schema.js';
import type { Scanner, ScannerName } from '../scanners/types.js';
import { PolicyEngine } from './engine.js';
import type { ScannerSet } from './protection.js';

/** `broad` is read by the PII scanner only (ScannersConfig.pii.broad). */
export type ScannerFactory = (options?: { threshold?: number; broad?: boolean }) => Scanner;
export type ScannerFactories = Readonly<Record<ScannerName, ScannerFactory>>;

/** Instances are created once (models load, patterns compile) and reused by every request. */
export function createScannerSet(settings: ScannersConfig, factories: ScannerFactories): ScannerSet {
  const cache = new Map<ScannerName, Scanner>();
  const get = (name: ScannerName): Scanner => {
    let s = cache.get(name);
    if (!s) {
      const threshold = settings[name].threshold;
      const broad = name === 'pii' && settings.pii.broad;
      s = factories[name]({ ...(threshold === undefined ? {} : { threshold }), ...(broad ? { broad } : {}) });
      cache.set(name, s);
    }
    return s;
  };
  const names = Object.keys(factories) as ScannerName[];
  const thresholds = Object.fromEntries(names.map((n) => [n, get(n).threshold])) as Record<ScannerName, number>;
  return { get, thresholds };
}

export interface ProtectionRuntime {
  engine(): PolicyEngine;
  scanners(): ScannerSet;
  settings(): ScannersConfig;
  /** Re-reads the config; returns what happened, for the log and the audit trail. */
  reload(): { ok: boolean; message: string; policies?: string[] };
  close(): void;
}

export interface ProtectionOptions {
  config: Config;
  factories: ScannerFactories;
  /** Loads and validates the config again (throws ConfigError); absent: no hot reload. */
  load?: () => Config;
  /** File to watch for changes (the config file), if any. */
  watchFile?: string;
  onReload?: (result: { ok: boolean; message: string; policies?: string[] }) => void;
}

export function createProtection(o: ProtectionOptions): ProtectionRuntime {
  let engine = new PolicyEngine(o.config.policies);
  let settings = o.config.scanners;
  let set = createScannerSet(settings, o.factories);
  let timer: NodeJS.Timeout | undefined;

  const runtime: ProtectionRuntime = {
    engine: () => engine,
    scanners: () => set,
    settings: () => settings,
    reload() {
      if (!o.load) return { ok: false, message: 'no config file to reload from' };
      let next: Config;
      try {
        next = o.load();
      } catch (err) {
        return { ok: false, message: `config reload refused, keeping the running policies: ${(err as Error).message}` };
      }
      const nextEngine = new PolicyEngine(next.policies);
      const nextSet = JSON.stringify(next.scanners) === JSON.stringify(settings) ? set : createScannerSet(next.scanners, o.factories);
      engine = nextEngine;
      settings = next.scanners;
      set = nextSet;
      const policies = next.policies.map((p) => p.name);
      return { ok: true, message: `policies reloaded: ${policies.join(', ') || '(none)'}`, policies };
    },
    close() {
      if (o.watchFile) unwatchFile(o.watchFile);
      if (timer) clearTimeout(timer);
    },
  };
  if (o.watchFile && o.load) {
    // Polling the file's stat survives editors that replace the file (rename) instead of writing
    // it in place; editors write in several steps, so settle for a moment before reading.
    watchFile(o.watchFile, { interval: 500, persistent: false }, (cur, prev) => {
      if (cur.mtimeMs === prev.mtimeMs && cur.size === prev.size) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => o.onReload?.(runtime.reload()), 200);
      timer.unref();
    });
  }
  return runtime;
}

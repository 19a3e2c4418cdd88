// Starts the real gateway as a child process (`gatehouse serve`, port 0, a fresh data dir) and
// gives tests its URL and bootstrap admin key. No mocks of our own code: this is what users run.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, 'bin/gatehouse.js');

export interface RunningServer {
  url: string;
  port: number;
  adminKey: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix = 'gatehouse-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeConfig(dir: string, yaml: string): string {
  const file = join(dir, 'gatehouse.yaml');
  writeFileSync(file, yaml);
  return file;
}

export async function startServer(
  options: { dataDir?: string; config?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir();
  const args = [
    BIN,
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    ...(options.config ? ['--config', options.config] : []),
    ...(options.args ?? []),
  ];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, GATEHOUSE_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  const started = await new Promise<{ port: number; key: string }>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (!m) return;
      const k = /^(gth_\S+)$/m.exec(out);
      // The bootstrap key is printed right after the banner on a fresh data dir.
      if (!k && !options.dataDir) return;
      clearTimeout(timer);
      proc.stdout?.off('data', check);
      resolveStart({ port: Number(m[1]), key: k?.[1] ?? '' });
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${started.port}`,
    port: started.port,
    adminKey: started.key,
    dataDir,
    proc,
    output: () => out,
    stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
      return new Promise((r) => {
        proc.once('exit', (code) => r(code));
        proc.kill(signal);
      });
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function createKey(dataDir: string, args: string[]): { id: string; key: string } {
  const r = cli(['keys', 'create', '--data-dir', dataDir, '--json', ...args]);
  if (r.code !== 0) throw new Error(`keys create failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { id: string; key: string };
}

export async function auditRecords(url: string, adminKey: string, query = ''): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${url}/admin/v1/audit?order=desc&limit=50${query}`, { headers: { authorization: `Bearer ${adminKey}` } });
  if (res.status !== 200) throw new Error(`audit query failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: Array<Record<string, unknown>> }).data;
}

/** The audit record of a request, by the x-request-id the gateway returned. */
export async function auditRecord(url: string, adminKey: string, requestId: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin/v1/audit/${requestId}`, { headers: { authorization: `Bearer ${adminKey}` } });
  if (res.status !== 200) throw new Error(`audit record ${requestId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

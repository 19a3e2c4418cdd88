// `gatehouse redteam --demo`: the vulnerable agent on a plain OpenAI-compatible endpoint (the
// direct target) and an in-process Gatehouse in front of it (temporary data directory, the
// protected config of demo-config.ts, a key of the demo role). Both targets then get the same plan.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { createApp } from '../server/app.js';
import { startAgentServer } from './demo-agent-server.js';
import { DEMO_KEY_ROLE, demoConfigYaml, describeProtections } from './demo-config.js';
import { createHttpTarget, type Target } from './targets.js';

export interface DemoTargets {
  targets: Target[];
  close(): Promise<void>;
}

export async function startDemo(opts: { timeoutMs?: number; stream?: boolean } = {}): Promise<DemoTargets> {
  const agent = await startAgentServer();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-redteam-'));
  const cleanup: Array<() => Promise<void> | void> = [() => agent.close(), () => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const f of cleanup.reverse()) await f();
  };
  try {
    const file = join(dir, 'gatehouse.yaml');
    writeFileSync(file, demoConfigYaml(agent.url, join(dir, 'data')));
    const config = loadConfig({ file, env: {} });
    const app = await createApp(config, createLogger('silent'), { GATEHOUSE_LOG_LEVEL: 'silent' });
    cleanup.splice(1, 0, () => app.close());
    const { port } = await app.listen();
    const gw = `http://127.0.0.1:${port}`;
    const res = await fetch(`${gw}/admin/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.bootstrapKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'redteam-demo', role: DEMO_KEY_ROLE, user: 'redteam' }),
    });
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`demo: could not create the ${DEMO_KEY_ROLE} key: HTTP ${res.status} ${await res.text()}`);
    const { key } = (await res.json()) as { key: string };
    const common = { dialect: 'openai' as const, model: 'demo-agent', timeoutMs: opts.timeoutMs ?? 30_000, stream: opts.stream ?? false };
    return {
      targets: [
        createHttpTarget({ ...common, name: 'direct', url: agent.url, mitigations: [] }),
        createHttpTarget({
          ...common,
          name: 'gatehouse',
          url: `${gw}/v1`,
          apiKey: key,
          mitigations: describeProtections(config, DEMO_KEY_ROLE),
        }),
      ],
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// Builds the configured providers. Credentials are read here, once, from the environment
// variable or file the config names — never from callers — and never logged.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load.js';
import type { ProviderConfig } from '../config/schema.js';
import { createAnthropicProvider } from './anthropic/anthropic-provider.js';
import { createMockProvider } from './mock/mock-provider.js';
import { createOpenAIProvider } from './openai/openai-provider.js';
import type { Provider } from './types.js';

export type { Provider } from './types.js';

function credential(name: string, cfg: Exclude<ProviderConfig, { type: 'mock' }>, env: NodeJS.ProcessEnv): string | undefined {
  if (cfg.apiKeyEnv) {
    const v = env[cfg.apiKeyEnv];
    if (!v)
      throw new ConfigError(`providers.${name}.apiKeyEnv: environment variable ${cfg.apiKeyEnv} is not set; export it or use apiKeyFile`);
    return v.trim();
  }
  if (cfg.apiKeyFile) {
    try {
      return readFileSync(cfg.apiKeyFile, 'utf8').trim();
    } catch (err) {
      throw new ConfigError(
        `providers.${name}.apiKeyFile: cannot read ${cfg.apiKeyFile} (${(err as NodeJS.ErrnoException).code}); check the path and permissions`,
      );
    }
  }
  return undefined;
}

export function createProviders(
  configs: Readonly<Record<string, ProviderConfig>>,
  env: NodeJS.ProcessEnv = process.env,
): Map<string, Provider> {
  const out = new Map<string, Provider>();
  for (const [name, cfg] of Object.entries(configs)) {
    switch (cfg.type) {
      case 'mock':
        out.set(name, createMockProvider(name, cfg));
        break;
      case 'openai':
        out.set(name, createOpenAIProvider(name, cfg, credential(name, cfg, env)));
        break;
      case 'anthropic':
        out.set(name, createAnthropicProvider(name, cfg, credential(name, cfg, env)));
        break;
    }
  }
  return out;
}

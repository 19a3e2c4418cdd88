// The ONE place where the demo's protected Gatehouse is configured. `redteam --demo` fills in the
// agent's URL and a temporary data directory, and the report lists the protections it finds in
// the parsed result (never a hard-coded claim).
import type { Config } from '../config/schema.js';

export const DEMO_CONFIG_TEMPLATE = `
dataDir: "{{dataDir}}"
server: { host: 127.0.0.1, port: 0 }
audit: { durability: os }
logging: { level: silent }
providers:
  agent:
    type: openai
    baseUrl: "{{agentUrl}}"
    timeoutMs: 30000
models:
  - { name: demo-agent, provider: agent, maxOutputTokens: 1024 }
policies:
  - name: protect
    rules:
      - { name: no-injection, on: input, labels: ['threat.*'], action: block }
      - { name: mask-pii, on: input, labels: ['pii.*', 'pci.*'], action: redact }
      - { name: no-secrets-out, on: output, labels: ['secret.*'], action: redact }
      - { name: no-leak, on: output, labels: ['leak.*'], action: block }
      - { name: no-active-markup, on: output, labels: ['markup.*'], action: redact }
`;

/** The role of the key the demo's Gatehouse target uses (tool-call governance applies per role). */
export const DEMO_KEY_ROLE = 'read-only';

export function demoConfigYaml(agentUrl: string, dataDir: string): string {
  return DEMO_CONFIG_TEMPLATE.replace('{{agentUrl}}', agentUrl).replace('{{dataDir}}', dataDir.replaceAll('\\', '/'));
}

/** Human descriptions of the protections a parsed config turns on, for the report's "mitigations". */
export function describeProtections(config: Config, keyRole: string): string[] {
  const out: string[] = [];
  const c = config as Config & {
    policies?: Array<{
      name: string;
      shadow?: boolean;
      rules: Array<{ name: string; on?: string; labels: string[]; action: string; shadow?: boolean }>;
    }>;
  };
  for (const p of c.policies ?? []) {
    for (const r of p.rules) {
      const shadow = (r.shadow ?? p.shadow) ? ' (shadow mode: not enforced)' : '';
      out.push(`policy ${p.name}/${r.name}: ${r.action} ${r.on ?? 'both'} labelled ${r.labels.join(', ')}${shadow}`);
    }
  }
  for (const l of config.limits)
    out.push(
      `limit ${l.name}: per ${l.per}${l.requests ? `, ${l.requests} requests` : ''}${l.tokens ? `, ${l.tokens} tokens` : ''} per ${l.interval}`,
    );
  for (const m of config.models)
    if (m.maxOutputTokens !== undefined) out.push(`model ${m.name}: answers capped at ${m.maxOutputTokens} tokens (max_tokens ceiling)`);
  out.push(`caller key role: ${keyRole}`);
  out.push('audit trail: every request recorded with its decisions');
  return out;
}

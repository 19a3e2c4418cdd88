// The one configuration schema. Every option has a default, a description and validation; the
// README's configuration reference is generated from this file (and a test keeps them in sync).
import { z } from 'zod';
import { accessSchema } from './access-schema.js';
import { policiesSchema, scannersSchema } from './policy-schema.js';

const duration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 500ms, 30s, 15m, 24h or 90d');

const providerBase = {
  timeoutMs: z
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe('Upstream timeout in milliseconds: no response headers (or no stream progress) within it gives 504.'),
};

const mockProvider = z
  .object({
    type: z.literal('mock').describe('The built-in deterministic provider (demos, tests, benchmarks).'),
    mode: z
      .enum(['echo', 'scripted'])
      .default('scripted')
      .describe('echo: answer with the last user message; scripted: answer with `reply`.'),
    reply: z.string().default('Hello from the Gatehouse mock provider.').describe('The scripted answer (mode scripted).'),
    latencyMs: z.number().int().min(0).default(0).describe('Delay before the first byte of every answer.'),
    chunkDelayMs: z.number().int().min(0).default(0).describe('Delay between streamed chunks.'),
    failEvery: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe('Deterministic failure injection: every Nth request fails with `failStatus` (0: never).'),
    failStatus: z.number().int().min(400).max(599).default(500).describe('Status of injected failures.'),
    directives: z.boolean().default(true).describe('Obey `[[mock: ...]]` directives in the last user message (see README).'),
    systemPrompt: z
      .string()
      .optional()
      .describe('A system prompt the mock "has", revealed by the `leak-system` directive when the caller sent none.'),
    ...providerBase,
  })
  .strict();

const credentialFields = {
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional()
    .describe('Name of the environment variable holding the upstream API key.'),
  apiKeyFile: z.string().optional().describe('Path of a file holding the upstream API key (e.g. a mounted secret).'),
  headers: z.record(z.string(), z.string()).default({}).describe('Extra headers sent upstream on every call (never caller-controlled).'),
  connections: z.number().int().positive().default(128).describe('Maximum pooled connections to the upstream.'),
};

const openaiProvider = z
  .object({
    type: z.literal('openai').describe('Any OpenAI-compatible Chat Completions API.'),
    baseUrl: z.url().describe('Base URL of an OpenAI-compatible API, including /v1 (OpenAI, Azure OpenAI, vLLM, Ollama, ...).'),
    authHeader: z
      .enum(['authorization', 'api-key'])
      .default('authorization')
      .describe('How the key is sent: `Authorization: Bearer` (OpenAI, vLLM, Ollama) or `api-key` (Azure OpenAI).'),
    ...credentialFields,
    ...providerBase,
  })
  .strict();

const anthropicProvider = z
  .object({
    type: z.literal('anthropic').describe('The Anthropic Messages API.'),
    baseUrl: z.url().default('https://api.anthropic.com').describe('Base URL of the Anthropic API (without /v1).'),
    version: z.string().default('2023-06-01').describe('The anthropic-version header sent upstream.'),
    ...credentialFields,
    ...providerBase,
  })
  .strict();

export const providerSchema = z.discriminatedUnion('type', [mockProvider, openaiProvider, anthropicProvider]);

const exporterSinkSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('file').describe('Append to a file (fdatasync before the cursor advances).'),
      path: z.string().min(1).describe('File to append to (created 0600).'),
    })
    .strict(),
  z
    .object({
      type: z.literal('http').describe('POST batches to a webhook or Splunk HEC; a 2xx answer counts as delivered.'),
      url: z.url().describe('Receiver URL, e.g. https://splunk:8088/services/collector/event.'),
      headers: z.record(z.string(), z.string()).default({}).describe('Extra headers.'),
      tokenEnv: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .optional()
        .describe('Environment variable holding the receiver token (sent as `Authorization: <authScheme> <token>`).'),
      authScheme: z.enum(['Bearer', 'Splunk']).default('Bearer').describe('Authorization scheme for the token.'),
      timeoutMs: z.number().int().positive().default(10_000).describe('Receiver timeout.'),
    })
    .strict(),
  z
    .object({
      type: z.literal('syslog').describe('RFC 5424 syslog (format rfc5424).'),
      transport: z
        .enum(['udp', 'tcp', 'tls'])
        .default('tcp')
        .describe('udp (no delivery guarantee), tcp (RFC 6587 octet counting) or tls (RFC 5425).'),
      host: z.string().default('127.0.0.1').describe('Receiver host.'),
      port: z.number().int().min(1).max(65535).default(514).describe('Receiver port (6514 is the RFC 5425 TLS port).'),
      caFile: z.string().optional().describe('TLS: CA bundle that signs the receiver certificate.'),
      certFile: z.string().optional().describe('TLS: client certificate (mutual authentication).'),
      keyFile: z.string().optional().describe('TLS: client key.'),
      servername: z.string().optional().describe('TLS: expected receiver name (default host).'),
      timeoutMs: z.number().int().positive().default(10_000).describe('Socket timeout.'),
    })
    .strict(),
]);

const exporterSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .describe('Exporter name; its delivery cursor is stored under it.'),
    format: z
      .enum(['jsonl', 'cef', 'rfc5424', 'ocsf', 'splunk-hec'])
      .describe('jsonl (the exact leaf bytes), ArcSight CEF, RFC 5424 syslog, OCSF API Activity JSON, Splunk HEC events.'),
    sink: exporterSinkSchema,
    batchSize: z.number().int().min(1).max(10_000).default(200).describe('Records per delivery.'),
    pollInterval: duration.default('250ms').describe('How often a caught-up exporter looks for new records.'),
    retryInitial: duration.default('500ms').describe('First back-off after a failed delivery (doubles up to retryMax).'),
    retryMax: duration.default('30s').describe('Longest back-off.'),
    maxBacklog: z
      .number()
      .int()
      .positive()
      .default(100_000)
      .describe('Records behind the log head beyond which an alert is logged and audited (once a minute).'),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.format === 'splunk-hec' && e.sink.type !== 'http')
      ctx.addIssue({ code: 'custom', path: ['sink', 'type'], message: 'splunk-hec needs an http sink' });
    if (e.sink.type === 'syslog' && e.format !== 'rfc5424')
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'a syslog sink takes format rfc5424' });
  });

const limitSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .describe('Rule name (shown to callers when it refuses, and in the audit trail).'),
    per: z
      .enum(['key', 'user', 'tenant', 'model', 'endpoint', 'global'])
      .describe('What gets its own budget: each key, user, tenant, model or endpoint, or everything together.'),
    requests: z.number().int().positive().optional().describe('Requests per interval (GCRA; also the burst unless `burst` is set).'),
    burst: z.number().int().positive().optional().describe('Requests allowed back to back.'),
    tokens: z.number().int().positive().optional().describe('Prompt + completion tokens per interval, debited from reported usage.'),
    interval: duration.default('1m').describe('The interval of `requests` and `tokens`.'),
    concurrentStreams: z.number().int().positive().optional().describe('Streams open at once.'),
    monthlyTokens: z.number().int().positive().optional().describe('Tokens per calendar month (UTC): a quota.'),
    only: z
      .array(z.string().min(1))
      .optional()
      .describe('Apply only to these values of `per` (e.g. per: model, only: [gpt-4o]); default: every value has its own budget.'),
  })
  .strict();

const modelSchema = z
  .object({
    name: z.string().min(1).describe('The model name callers use.'),
    provider: z.string().min(1).describe('Key of an entry in `providers`.'),
    upstreamModel: z.string().optional().describe('The exact upstream model (pin a version here); default: `name`.'),
    type: z.enum(['chat', 'embeddings']).default('chat').describe('What the model serves.'),
    maxOutputTokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Ceiling on the answer length (denial of wallet): a request's max_tokens is lowered to it, and set to it when absent."),
  })
  .strict();

export const DEFAULT_MODELS = [
  { name: 'mock-chat', provider: 'mock', type: 'chat' as const },
  { name: 'mock-embed', provider: 'mock', type: 'embeddings' as const },
  { name: 'demo-agent', provider: 'mock', type: 'chat' as const },
];

export const configSchema = z
  .object({
    dataDir: z.string().default('./data').describe('Directory for the SQLite database and other state (env GATEHOUSE_DATA_DIR).'),
    server: z
      .object({
        host: z.string().default('127.0.0.1').describe('Listen address (env GATEHOUSE_HOST).'),
        port: z.number().int().min(0).max(65535).default(8787).describe('Listen port; 0 picks a free one (env GATEHOUSE_PORT).'),
        bodyLimitBytes: z
          .number()
          .int()
          .positive()
          .default(4 * 1024 * 1024)
          .describe('Largest accepted request body; larger gives 413.'),
        trustProxy: z.boolean().default(false).describe('Take the client address from X-Forwarded-For (only behind a proxy you control).'),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8787, bodyLimitBytes: 4 * 1024 * 1024, trustProxy: false })
      .describe('HTTP listener.'),
    audit: z
      .object({
        durability: z
          .enum(['fsync', 'os'])
          .default('fsync')
          .describe(
            'fsync: a response is released only after its record is fsynced (survives power loss); os: after it is written to the OS (survives a process crash only). Env GATEHOUSE_AUDIT_DURABILITY.',
          ),
        maxBatch: z.number().int().positive().default(1024).describe('Most records committed in one group commit.'),
        maxQueue: z
          .number()
          .int()
          .positive()
          .default(20_000)
          .describe('Most records waiting for commit; beyond it requests get 503 instead of unaudited service.'),
        commitTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(5_000)
          .describe('A record not durable within this time fails its request with 503.'),
        origin: z
          .string()
          .regex(/^[^\s+]+$/, 'no spaces and no "+"')
          .optional()
          .describe(
            "The log's C2SP origin line and signing-key name, e.g. gatehouse.example.com/audit; default: generated with the key on first start.",
          ),
        checkpointInterval: duration
          .default('10s')
          .describe('How often a signed checkpoint is published when the log has grown (also on demand and at shutdown).'),
        retention: z
          .object({
            defaultDays: z
              .number()
              .int()
              .positive()
              .default(400)
              .describe(
                'Days a record keeps its body (per-tenant overrides: `gatehouse audit retention set`); then only its leaf hash stays.',
              ),
            allowShort: z
              .boolean()
              .default(false)
              .describe('Allow defaultDays below 183 (the EU AI Act Art. 19(1)/26(6) six-month minimum).'),
            interval: duration.default('1h').describe('How often the server applies retention.'),
          })
          .strict()
          .default({ defaultDays: 400, allowShort: false, interval: '1h' })
          .describe('Record retention.'),
        content: z
          .object({
            enabled: z
              .boolean()
              .default(false)
              .describe(
                'Capture prompts and completions, encrypted per subject (AES-256-GCM, key wrapped by the master key). Off by default.',
              ),
            tenants: z.array(z.string()).default([]).describe('Capture only for these tenants (empty: all tenants, when enabled).'),
            masterKeyEnv: z
              .string()
              .default('GATEHOUSE_MASTER_KEY')
              .describe(
                'Environment variable holding the 32-byte master key (hex or base64); if unset, masterKeyFile, else a key generated into dataDir (0600).',
              ),
            masterKeyFile: z.string().optional().describe('File holding the master key (e.g. a mounted secret).'),
          })
          .strict()
          .default({ enabled: false, tenants: [], masterKeyEnv: 'GATEHOUSE_MASTER_KEY' })
          .describe('Optional content capture with crypto-shredding erasure (`gatehouse audit erase`).'),
        exporters: z
          .array(exporterSchema)
          .default([])
          .describe('SIEM exporters: each follows the log from its own persisted cursor and delivers at least once.'),
      })
      .strict()
      .default({
        durability: 'fsync',
        maxBatch: 1024,
        maxQueue: 20_000,
        commitTimeoutMs: 5_000,
        checkpointInterval: '10s',
        retention: { defaultDays: 400, allowShort: false, interval: '1h' },
        content: { enabled: false, tenants: [], masterKeyEnv: 'GATEHOUSE_MASTER_KEY' },
        exporters: [],
      })
      .describe('Audit trail.'),
    keys: z
      .object({
        rotationOverlap: duration.default('24h').describe('How long the old secret stays valid after `keys rotate`.'),
        refreshInterval: duration
          .default('250ms')
          .describe('How often the server picks up key changes made by the CLI in another process.'),
        bootstrapAdmin: z.boolean().default(true).describe('On first start with no keys, create an admin key and print it once.'),
      })
      .strict()
      .default({ rotationOverlap: '24h', refreshInterval: '250ms', bootstrapAdmin: true })
      .describe('API keys.'),
    providers: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), providerSchema)
      .default({ mock: mockProvider.parse({ type: 'mock' }) })
      .describe('Upstream providers by name. Credentials come from apiKeyEnv/apiKeyFile, never from callers.'),
    models: z.array(modelSchema).default(DEFAULT_MODELS).describe('The models callers may name, and where each goes.'),
    alerts: z
      .object({
        sinks: z
          .array(
            z.discriminatedUnion('type', [
              z
                .object({
                  type: z.literal('webhook').describe('JSON POST, signed: X-Gatehouse-Signature: sha256=HMAC-SHA256(secret, body).'),
                  url: z.url().describe('Receiver URL.'),
                  secretEnv: z.string().optional().describe('Environment variable holding the HMAC secret.'),
                })
                .strict(),
              z
                .object({
                  type: z.literal('slack').describe('Slack-compatible incoming webhook ({"text": ...}).'),
                  url: z.url().describe('Webhook URL.'),
                })
                .strict(),
            ]),
          )
          .default([])
          .describe('Where alerts go (they are always recorded in the audit trail too).'),
        renotify: duration.default('10m').describe('One notification per signal and subject per this interval (repeats are counted).'),
        rateZ: z
          .number()
          .positive()
          .default(6)
          .describe("z-score of a key's requests/s against its own EWMA baseline that raises request_rate (SEV2)."),
        rateMinPerSec: z.number().positive().default(5).describe('Request rates below this never alert.'),
        warmupSeconds: z.number().int().positive().default(10).describe('Seconds of history before a baseline is trusted.'),
        authFailuresPer10s: z
          .number()
          .int()
          .positive()
          .default(20)
          .describe('401s from one client address in 10 s that raise auth_failures (SEV2).'),
        upstreamErrorsPer10s: z
          .number()
          .int()
          .positive()
          .default(10)
          .describe('Upstream 5xx from one provider in 10 s that raise upstream_errors (SEV3).'),
        containment: z
          .array(
            z
              .object({
                signal: z.enum(['request_rate', 'auth_failures', 'upstream_errors', 'new_model']).describe('The signal.'),
                action: z
                  .enum(['kill_key', 'kill_user', 'kill_tenant', 'revoke_key'])
                  .describe(
                    'Trip a kill switch for the key, user or tenant, or revoke the key; audited and reversible (gatehouse kill clear).',
                  ),
              })
              .strict(),
          )
          .default([])
          .describe('Automated containment: signal -> action; the alert becomes SEV1.'),
      })
      .strict()
      .default({
        sinks: [],
        renotify: '10m',
        rateZ: 6,
        rateMinPerSec: 5,
        warmupSeconds: 10,
        authFailuresPer10s: 20,
        upstreamErrorsPer10s: 10,
        containment: [],
      })
      .describe('Anomaly detection, alerting and containment.'),
    access: accessSchema,
    scanners: scannersSchema,
    policies: policiesSchema,
    limits: z
      .array(limitSchema)
      .default([])
      .describe('Rate limits and quotas; a request must fit every rule that applies to it (429 with Retry-After otherwise).'),
    logging: z
      .object({
        level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info').describe('Log level (env GATEHOUSE_LOG_LEVEL).'),
      })
      .strict()
      .default({ level: 'info' })
      .describe('Operational logs (never prompts, keys or secrets).'),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.audit.retention.defaultDays < 183 && !cfg.audit.retention.allowShort) {
      ctx.addIssue({
        code: 'custom',
        path: ['audit', 'retention', 'defaultDays'],
        message: `${cfg.audit.retention.defaultDays} days is below the 183-day minimum (EU AI Act Art. 19(1)/26(6)); set audit.retention.allowShort: true if another law requires it`,
      });
    }
    const exporterNames = new Set<string>();
    cfg.audit.exporters.forEach((e, i) => {
      if (exporterNames.has(e.name))
        ctx.addIssue({ code: 'custom', path: ['audit', 'exporters', i, 'name'], message: `duplicate exporter name "${e.name}"` });
      exporterNames.add(e.name);
    });
    const seen = new Set<string>();
    cfg.models.forEach((m, i) => {
      if (!cfg.providers[m.provider]) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', i, 'provider'],
          message: `unknown provider "${m.provider}"; define it under providers or fix the name`,
        });
      }
      if (seen.has(m.name)) {
        ctx.addIssue({ code: 'custom', path: ['models', i, 'name'], message: `duplicate model name "${m.name}"` });
      }
      seen.add(m.name);
    });
    const policyNames = new Set(cfg.policies.map((p) => p.name));
    cfg.policies.forEach((p, i) => {
      if (cfg.policies.findIndex((q) => q.name === p.name) !== i)
        ctx.addIssue({ code: 'custom', path: ['policies', i, 'name'], message: `duplicate policy name "${p.name}"` });
      if (p.extends !== undefined && (!policyNames.has(p.extends) || p.extends === p.name))
        ctx.addIssue({
          code: 'custom',
          path: ['policies', i, 'extends'],
          message: `extends "${p.extends}": no other policy has that name`,
        });
    });
    for (const [name, p] of Object.entries(cfg.providers)) {
      if (p.type !== 'mock' && p.apiKeyEnv && p.apiKeyFile) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', name],
          message: 'set apiKeyEnv or apiKeyFile, not both',
        });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type MockProviderConfig = z.infer<typeof mockProvider>;
export type OpenAIProviderConfig = z.infer<typeof openaiProvider>;
export type AnthropicProviderConfig = z.infer<typeof anthropicProvider>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type ExporterConfig = z.infer<typeof exporterSchema>;

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": use e.g. 500ms, 30s, 15m, 24h or 90d`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

// Builds the audit entry of a finished exchange: who, what, which model, hashes, usage, status
// and the whole decision chain. Content is never copied here, only its hashes.

import { elapsedUs } from '../pipeline/runner.js';
import type { Exchange } from '../pipeline/types.js';
import type { AuditEntry } from './record.js';

export function entryFromExchange(ex: Exchange): AuditEntry {
  const id = ex.identity;
  const req = ex.request;
  const resolved = ex.response && 'model' in ex.response ? ex.response.model : undefined;
  return {
    id: ex.id,
    ts: new Date(ex.receivedAt).toISOString(),
    kind: 'request',
    tenant: id?.tenant ?? null,
    user: id?.userId ?? null,
    key_id: id?.keyId ?? null,
    client: ex.clientAddress,
    method: ex.method,
    path: ex.path,
    dialect: ex.dialect,
    endpoint: ex.endpoint,
    model_requested: req?.model ?? null,
    provider: ex.route?.provider ?? null,
    upstream_model: ex.route?.upstreamModel ?? null,
    model_resolved: resolved ?? null,
    prompt_version: ex.promptVersion ?? null,
    feature: ex.feature ?? null,
    input_sha256: ex.inputHash ?? null,
    output_sha256: ex.outputHash ?? null,
    usage: ex.usage ? { input_tokens: ex.usage.inputTokens, output_tokens: ex.usage.outputTokens } : null,
    stream: req?.kind === 'chat' ? req.stream : null,
    status: ex.status,
    upstream_status: ex.upstreamStatus ?? null,
    latency_us: elapsedUs(ex.startedNs),
    error: ex.error ? { code: ex.error.code, detail: ex.error.internal ?? ex.error.message } : null,
    decisions: ex.decisions.map((d) => ({ stage: d.stage, verdict: d.verdict, reason: d.reason, us: d.durationUs })),
    threats: ex.threats.length ? { labels: [...new Set(ex.threats.map((t) => t.label))].sort(), findings: ex.threats } : null,
    action: null,
  };
}

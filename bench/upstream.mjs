#!/usr/bin/env node
// Mock OpenAI-compatible upstream for `npm run bench`. Plain node:http, no dependencies, built to
// be as cheap as possible so that it is the floor, not the bottleneck.
//
//   POST /v1/chat/completions  -> a fixed ~1.2 KB chat.completion with usage, or, when the body
//                                 has "stream": true, an SSE stream: role chunk, 20 content chunks,
//                                 finish chunk, [a usage chunk when stream_options.include_usage is
//                                 true], then `data: [DONE]` (23 events, 24 with usage)
//   GET  /v1/models            -> a model list
//   GET  /healthz              -> ok
//
//   node bench/upstream.mjs [--port 18200] [--host 127.0.0.1] [--delay MS] [--chunk-delay MS]
//
// The request body is read in full (so the proxy pays for the upload) but only scanned with two
// regular expressions, never parsed.
import http from 'node:http';

function opt(flag, dflt) {
  const i = process.argv.indexOf(flag);
  if (i !== -1 && process.argv[i + 1] !== undefined) return process.argv[i + 1];
  return dflt;
}

const PORT = Number(opt('--port', '18200'));
const HOST = opt('--host', '127.0.0.1');
const DELAY_MS = Number(opt('--delay', '0'));
const CHUNK_DELAY_MS = Number(opt('--chunk-delay', '0'));
const CHUNKS = 20;

const ID = 'chatcmpl-gatehousebench000000000000001';
const MODEL = 'gpt-4o-mini-2024-07-18';
const CREATED = 1767225600;
const CONTENT =
  'Biggest risks: (1) the rollback is not credible as written: once writes land on the new ' +
  'instance, switching back loses them unless reverse replication is in place, so set it up ' +
  'before the cut-over or accept a forward-only change; (2) sequences reset by hand with setval ' +
  'can collide with rows written during the pause, so reset them after the lag reaches zero and ' +
  'add headroom; (3) the config service caches the connection string for up to 60 s per pod, so ' +
  'some pods will write to the old cluster after the switch: make the old tables read-only first. ' +
  'Measure replication lag, write errors per pod, p99 read latency and connections on both sides.';

const completion = {
  id: ID,
  object: 'chat.completion',
  created: CREATED,
  model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: CONTENT, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 398,
    completion_tokens: 152,
    total_tokens: 550,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_ghbench01',
};
const COMPLETION_BODY = Buffer.from(JSON.stringify(completion));

function event(choices, extra = {}) {
  const chunk = {
    id: ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: MODEL,
    system_fingerprint: 'fp_ghbench01',
    choices,
    ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
const parts = [event([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }])];
const step = Math.ceil(CONTENT.length / CHUNKS);
for (let i = 0; i < CHUNKS; i++) {
  const piece = CONTENT.slice(i * step, (i + 1) * step);
  if (piece) parts.push(event([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]));
}
parts.push(event([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
const USAGE_EVENT = Buffer.from(event([], { usage: completion.usage }));
const DONE_EVENT = Buffer.from('data: [DONE]\n\n');
const SSE = parts.map((s) => Buffer.from(s));
const SSE_PLAIN = [...SSE, DONE_EVENT];
const SSE_USAGE = [...SSE, USAGE_EVENT, DONE_EVENT];
const SSE_PLAIN_ALL = Buffer.concat(SSE_PLAIN);
const SSE_USAGE_ALL = Buffer.concat(SSE_USAGE);

const MODELS_BODY = Buffer.from(
  JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: CREATED, owned_by: 'bench' }] }),
);
const NOT_FOUND = Buffer.from(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error', code: null } }));

const STREAM_RE = /"stream"\s*:\s*true/;
const USAGE_RE = /"include_usage"\s*:\s*true/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sendJson(res, status, buf) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': buf.length });
  res.end(buf);
}

async function sendStream(res, usage) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  if (CHUNK_DELAY_MS <= 0) {
    res.end(usage ? SSE_USAGE_ALL : SSE_PLAIN_ALL); // all events at once; the proxy still parses each one
    return;
  }
  const events = usage ? SSE_USAGE : SSE_PLAIN;
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return;
    res.write(events[i]);
    if (i < events.length - 1) await sleep(CHUNK_DELAY_MS);
  }
  res.end();
}

const server = http.createServer((req, res) => {
  const url = req.url || '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('latin1');
      const respond = () => (STREAM_RE.test(body) ? sendStream(res, USAGE_RE.test(body)) : sendJson(res, 200, COMPLETION_BODY));
      if (DELAY_MS > 0) setTimeout(respond, DELAY_MS);
      else respond();
    });
    return;
  }
  req.resume();
  if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) return sendJson(res, 200, MODELS_BODY);
  if (req.method === 'GET' && (path === '/healthz' || path === '/')) {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
    return res.end('ok');
  }
  sendJson(res, 404, NOT_FOUND);
});
// Long keep-alive so pooled proxy connections are not churned during a run.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 0;
server.listen(PORT, HOST, () => {
  console.log(
    `bench upstream listening on http://${HOST}:${PORT} (completion ${COMPLETION_BODY.length} B, stream ${SSE_PLAIN.length} events ` +
      `${SSE_PLAIN_ALL.length} B, with usage ${SSE_USAGE.length} events ${SSE_USAGE_ALL.length} B, delay ${DELAY_MS} ms, ` +
      `chunk delay ${CHUNK_DELAY_MS} ms, pid ${process.pid})`,
  );
});
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 500).unref();
  });
}

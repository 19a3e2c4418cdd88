// The vulnerable demo agent served as a plain OpenAI-compatible endpoint (no gateway in front):
// the "direct" target of `gatehouse redteam --demo`, and the upstream the demo's Gatehouse
// instance forwards to. Speaks Chat Completions, streamed or not, through the same codec the
// gateway uses.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openaiCodec } from '../dialects/openai/openai-codec.js';
import { GatehouseError } from '../errors.js';
import { DEMO_AGENT_MODEL, vulnerableAgent } from '../providers/mock/vulnerable-agent.js';

/** What the demo agent reports as its exact model version (the `model` field of its answers). */
export const DEMO_AGENT_VERSION = `${DEMO_AGENT_MODEL}-2025-06-01`;

export interface AgentServer {
  url: string;
  close(): Promise<void>;
}

export async function startAgentServer(host = '127.0.0.1'): Promise<AgentServer> {
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/v1/models') {
      send(200, { object: 'list', data: [{ id: DEMO_AGENT_MODEL, object: 'model', owned_by: 'gatehouse-demo' }] });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      send(404, openaiCodec.renderError(new GatehouseError('not_found', 'not found')));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let parsed: ReturnType<typeof openaiCodec.parseChat>;
    try {
      parsed = openaiCodec.parseChat(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (err) {
      const e = err instanceof GatehouseError ? err : new GatehouseError('invalid_json', 'invalid JSON body');
      send(400, openaiCodec.renderError(e));
      return;
    }
    const answer = vulnerableAgent(parsed);
    // Vulnerable, but a real endpoint: it stops at the caller's max_tokens (about 4 chars a token).
    const truncated = parsed.maxTokens !== undefined && answer.text.length > parsed.maxTokens * 4;
    if (truncated) answer.text = answer.text.slice(0, (parsed.maxTokens ?? 0) * 4);
    const id = `demo-${createHash('sha256').update(JSON.stringify(parsed.messages)).digest('hex').slice(0, 24)}`;
    const inputChars = parsed.messages.reduce((n, m) => n + m.content.reduce((k, p) => k + (p.type === 'text' ? p.text.length : 0), 0), 0);
    const usage = {
      inputTokens: Math.ceil(inputChars / 4),
      outputTokens: Math.ceil((answer.text.length + JSON.stringify(answer.toolCalls).length) / 4),
    };
    const finishReason = truncated ? ('length' as const) : answer.toolCalls.length ? ('tool_calls' as const) : ('stop' as const);
    if (!parsed.stream) {
      send(
        200,
        openaiCodec.renderChat(
          { kind: 'chat', id, model: DEMO_AGENT_VERSION, text: answer.text, toolCalls: answer.toolCalls, finishReason, usage },
          DEMO_AGENT_VERSION,
        ),
      );
      return;
    }
    const r = openaiCodec.createStreamRenderer(DEMO_AGENT_VERSION, { includeUsage: parsed.streamUsage });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let out = r.event({ type: 'start', id, model: DEMO_AGENT_VERSION });
    // Sentence-sized chunks keep big answers cheap to stream.
    for (let i = 0; i < answer.text.length; i += 512) out += r.event({ type: 'text', text: answer.text.slice(i, i + 512) });
    answer.toolCalls.forEach((c, index) => {
      out += r.event({ type: 'tool_call', index, id: c.id, name: c.name, argumentsDelta: c.arguments });
    });
    out += r.event({ type: 'finish', reason: finishReason });
    out += r.event({ type: 'usage', usage });
    res.end(out + r.end());
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

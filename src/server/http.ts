// The HTTP edge: matches the route, builds the Exchange, runs the route's pipeline and writes
// the answer in the caller's dialect. The pipeline's audit stage resolves only once the record
// is durable, so the last byte of every answer (and the terminal event of every stream) is
// written after the trail has it. Unknown throwables are normalized here, once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openaiCodec } from '../dialects/openai/openai-codec.js';
import { renderEmbeddings } from '../dialects/openai/openai-embeddings.js';
import type { DialectCodec, StreamRenderer } from '../dialects/types.js';
import { GatehouseError, normalizeError } from '../errors.js';
import type { Pipeline } from '../pipeline/runner.js';
import type { Exchange, StreamEvent, StreamSink } from '../pipeline/types.js';
import { timeOrderedId } from '../util/ids.js';
import type { RouteDef } from './routes.js';

export interface EdgeOptions {
  routes: RouteDef[];
  fallback: Pipeline;
  wrongMethod: Pipeline;
  bodyLimitBytes: number;
  trustProxy: boolean;
  health: () => { ok: boolean };
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  onError: (message: string) => void;
}

interface Matched {
  def: RouteDef | undefined;
  params: Record<string, string>;
}

function matcher(routes: RouteDef[]): (method: string, path: string) => Matched & { methodMismatch: boolean } {
  const compiled = routes.map((def) => ({ def, parts: def.path.split('/') }));
  return (method, path) => {
    const parts = path.split('/');
    let methodMismatch = false;
    for (const { def, parts: want } of compiled) {
      if (want.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < want.length; i++) {
        const w = want[i] as string;
        const p = parts[i] as string;
        if (w.startsWith(':')) {
          if (!p) {
            ok = false;
            break;
          }
          params[w.slice(1)] = decodeURIComponent(p);
        } else if (w !== p) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (def.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { def, params, methodMismatch: false };
    }
    return { def: undefined, params: {}, methodMismatch };
  };
}

function readBodyFn(req: IncomingMessage, limit: number): () => Promise<Buffer> {
  let cached: Promise<Buffer> | undefined;
  return () => {
    cached ??= new Promise<Buffer>((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? Number.NaN);
      const tooLarge = () => new GatehouseError('payload_too_large', `the request body exceeds the limit of ${limit} bytes`);
      if (declared > limit) {
        req.resume();
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          req.removeAllListeners('data');
          req.resume();
          reject(tooLarge());
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
      req.on('error', (err) => reject(new GatehouseError('client_closed', 'client closed the request', { internal: err.message })));
    });
    return cached;
  };
}

function credentialOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer +(\S+)$/i.exec(auth);
    return m ? m[1] : auth;
  }
  const x = req.headers['x-api-key'];
  return typeof x === 'string' && x ? x : undefined;
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/** A stream sink over the HTTP response: headers on first write, back-pressure via drain. */
function createSink(
  res: ServerResponse,
  renderer: StreamRenderer,
  requestId: string,
  extra: Record<string, string>,
): StreamSink & { begin(): void } {
  let started = false;
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    res.uncork();
  };
  const waitDrain = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  const sink = {
    get started() {
      return started;
    },
    begin() {
      if (started) return;
      started = true;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-request-id': requestId,
        ...extra,
      });
      res.flushHeaders();
    },
    async write(event: StreamEvent) {
      const text = renderer.event(event);
      if (!text) return;
      sink.begin();
      if (res.destroyed) return;
      // Events parsed from one upstream read arrive in the same tick: cork, and uncork once the
      // tick is over, so they leave in one writev instead of one syscall each.
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      if (!res.write(text)) {
        // 'drain' never comes while corked: flush first, then wait.
        uncork();
        await waitDrain();
      }
    },
  };
  return sink;
}

export function createEdge(options: EdgeOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const match = matcher(options.routes);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gatehouse.invalid');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz' && method === 'GET') {
      const h = options.health();
      sendJson(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'unavailable' });
      return;
    }
    if (url.pathname === '/readyz' && method === 'GET') {
      const r = await options.ready();
      sendJson(res, r.ok ? 200 : 503, { status: r.ok ? 'ready' : 'not ready', checks: r.checks });
      return;
    }
    const m = match(method, url.pathname);
    const def = m.def;
    const codec: DialectCodec = def?.codec ?? openaiCodec;
    const abort = new AbortController();
    const id = timeOrderedId();
    const promptVersion = req.headers['x-gatehouse-prompt-version'];
    let renderer: StreamRenderer | undefined;
    const ex: Exchange = {
      id,
      receivedAt: Date.now(),
      startedNs: process.hrtime.bigint(),
      endpoint: def?.endpoint ?? 'admin',
      dialect: def?.dialect ?? 'none',
      method,
      path: url.pathname,
      clientAddress: clientAddress(req, options.trustProxy),
      promptVersion: typeof promptVersion === 'string' ? promptVersion.slice(0, 128) : undefined,
      feature: typeof req.headers['x-gatehouse-feature'] === 'string' ? req.headers['x-gatehouse-feature'].slice(0, 128) : undefined,
      credential: credentialOf(req),
      identity: undefined,
      request: undefined,
      inputHash: undefined,
      body: undefined,
      route: undefined,
      response: undefined,
      outputHash: undefined,
      upstreamStatus: undefined,
      usage: undefined,
      status: 0,
      error: undefined,
      decisions: [],
      threats: [],
      protection: undefined,
      sink: undefined,
      readBody: readBodyFn(req, options.bodyLimitBytes),
      reply: undefined,
      responseHeaders: {},
      params: m.params,
      query: url.searchParams,
      headers: req.headers,
      signal: abort.signal,
      abort: (reason) => abort.abort(reason),
    };
    // The sink needs to know whether the caller wants usage; build it lazily on first use.
    let sink: (StreamSink & { begin(): void }) | undefined;
    ex.sink = {
      get started() {
        return sink?.started ?? false;
      },
      write(event) {
        if (!sink) {
          const includeUsage = ex.request?.kind === 'chat' && ex.request.streamUsage;
          renderer = codec.createStreamRenderer(ex.route?.model ?? ex.request?.model ?? '', { includeUsage });
          sink = createSink(res, renderer, id, ex.responseHeaders);
        }
        return sink.write(event);
      },
    };
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });

    const pipeline: Pipeline = def?.pipeline ?? (m.methodMismatch ? options.wrongMethod : options.fallback);
    await pipeline(ex);

    if (res.destroyed) return;
    if (ex.sink.started && renderer) {
      res.end(ex.error ? renderer.error(ex.error) : renderer.end());
      return;
    }
    if (ex.error) {
      const headers: Record<string, string> = { 'x-request-id': id, ...ex.responseHeaders };
      if (ex.error.code === 'payload_too_large') headers.connection = 'close';
      sendJson(res, ex.error.status, codec.renderError(ex.error), headers);
      return;
    }
    if (ex.reply) {
      if (ex.reply.contentType) {
        const text = String(ex.reply.body);
        res.writeHead(ex.reply.status, {
          'content-type': ex.reply.contentType,
          'content-length': Buffer.byteLength(text),
          'x-request-id': id,
        });
        res.end(text);
      } else sendJson(res, ex.reply.status, ex.reply.body, { 'x-request-id': id });
      return;
    }
    const response = ex.response;
    const model = ex.route?.model ?? '';
    if (response?.kind === 'embeddings') {
      const fmt = ex.request?.kind === 'embeddings' ? ex.request.encodingFormat : undefined;
      sendJson(res, 200, renderEmbeddings(response, response.model || model, fmt), { 'x-request-id': id, ...ex.responseHeaders });
    } else if (response?.kind === 'chat') {
      // The answer names the model version that actually answered (also in the audit record).
      sendJson(res, 200, codec.renderChat(response, response.model || model), { 'x-request-id': id, ...ex.responseHeaders });
    } else if (ex.request?.kind === 'chat' && ex.request.stream && renderer === undefined) {
      // A stream with no events at all still gets a well-formed (empty) stream.
      const r = codec.createStreamRenderer(model, {});
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': id });
      res.end(r.end());
    } else {
      sendJson(res, 500, codec.renderError(normalizeError(new Error('no answer produced'))));
    }
  };
  return (req, res) => {
    handle(req, res).catch((err) => {
      const e = normalizeError(err);
      options.onError(`unhandled error at the edge: ${e.internal ?? e.message}`);
      if (!res.headersSent) sendJson(res, 500, openaiCodec.renderError(e));
      else res.destroy();
    });
  };
}

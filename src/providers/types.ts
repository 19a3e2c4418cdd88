// One interface for every upstream. Adapters translate the neutral chat model to their wire
// format and back, and turn transport failures into GatehouseErrors:
//   upstream answered non-2xx -> upstream_error (502) with upstreamStatus
//   no headers / no stream progress within timeoutMs -> upstream_timeout (504)
//   connection refused/reset -> upstream_unavailable (502)
import type { ChatRequest, ChatResponse, EmbeddingsRequest, EmbeddingsResponse, StreamEvent } from '../pipeline/types.js';

export interface CallContext {
  /** Aborted when the caller disconnects: the adapter must cancel the upstream call. */
  signal: AbortSignal;
  /** The exact upstream model to ask for (config `upstreamModel`, default the model name). */
  upstreamModel: string;
}

export interface ChatStream {
  /** Status the upstream answered with (200 for a started stream). */
  upstreamStatus: number;
  events: AsyncIterable<StreamEvent>;
}

export interface Provider {
  readonly name: string;
  readonly type: 'mock' | 'openai' | 'anthropic';
  chat(req: ChatRequest, ctx: CallContext): Promise<ChatResponse & { upstreamStatus: number }>;
  /** Resolves once the upstream accepted the stream; failures after that throw from the iterator. */
  chatStream(req: ChatRequest, ctx: CallContext): Promise<ChatStream>;
  embeddings(req: EmbeddingsRequest, ctx: CallContext): Promise<EmbeddingsResponse & { upstreamStatus: number }>;
  /** Cheap reachability probe for /readyz. */
  ready(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}

// The neutral types every module shares. A dialect edge turns the caller's wire format into an
// Exchange; stages append Decisions; providers speak the neutral chat model; the audit record is
// built from the finished Exchange. Defined once here, used everywhere.
import type { GatehouseError } from '../errors.js';
import type { Identity } from '../identity/types.js';
import type { CompiledPolicy } from '../policy/engine.js';

export type Dialect = 'openai' | 'anthropic' | 'admin' | 'none';
export type Endpoint = 'chat' | 'messages' | 'embeddings' | 'models' | 'admin';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text of the arguments, exactly as the model produced it. */
  arguments: string;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the parameters. */
  parameters: Record<string, unknown>;
}

export type ContentPart = { type: 'text'; text: string } | { type: 'image'; url?: string; data?: string; mediaType?: string };

export type ChatMessage =
  | { role: 'system'; content: ContentPart[] }
  | { role: 'user'; content: ContentPart[] }
  | { role: 'assistant'; content: ContentPart[]; toolCalls?: ToolCall[] }
  | { role: 'tool'; content: ContentPart[]; toolCallId: string; isError?: boolean };

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatRequest {
  kind: 'chat';
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  stream: boolean;
  /** Ask the provider for usage on streams (OpenAI stream_options.include_usage). */
  streamUsage: boolean;
  user?: string;
  /**
   * Parameters the neutral model does not know, kept verbatim so that a provider speaking the
   * caller's own dialect can forward them. Providers of another dialect ignore them.
   */
  passthrough: { dialect: Dialect; params: Record<string, unknown> };
}

export interface EmbeddingsRequest {
  kind: 'embeddings';
  model: string;
  input: string[];
  dimensions?: number;
  encodingFormat?: 'float' | 'base64';
  user?: string;
}

export type ModelRequest = ChatRequest | EmbeddingsRequest;

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';

export interface ChatResponse {
  kind: 'chat';
  id: string;
  /** The model the upstream says answered (its exact version). */
  model: string;
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /**
   * Response fields the neutral model does not carry (e.g. OpenAI's system_fingerprint or cached
   * token counts), rendered back only to a caller of the same dialect.
   */
  extra?: { dialect: Dialect; fields: Record<string, unknown> };
}

export interface EmbeddingsResponse {
  kind: 'embeddings';
  model: string;
  vectors: number[][];
  usage: Usage;
}

/** Neutral stream events; dialects render them, providers produce them. */
export type StreamEvent =
  | { type: 'start'; id: string; model: string }
  | { type: 'text'; text: string }
  | { type: 'tool_call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'finish'; reason: FinishReason }
  | { type: 'usage'; usage: Usage };

export type Verdict = 'allow' | 'deny' | 'error' | 'info';

/** What one stage decided about one exchange; the audit record carries the whole chain. */
export interface Decision {
  stage: string;
  verdict: Verdict;
  reason: string;
  /** Microseconds spent in the stage's own work (not in the stages it wraps). */
  durationUs: number;
}

/**
 * Where a streamed answer goes. The dialect edge implements it over the HTTP response; the
 * terminal event is only written by `end()`, which the edge calls after the audit record is
 * durable.
 */
export interface StreamSink {
  /** Writes one event; resolves when the socket can take more (back-pressure). */
  write(event: StreamEvent): Promise<void>;
  /** True once the first byte has gone out (errors must then be rendered in-stream). */
  readonly started: boolean;
}

export interface ResolvedRoute {
  /** The model name the caller used. */
  model: string;
  provider: string;
  upstreamModel: string;
}

/** One finding a policy rule decided on, as the audit trail keeps it: never the value itself. */
export interface ThreatEntry {
  dir: 'input' | 'output';
  /** Where in the request or answer: `messages[2].content[0]`, `tools[1].description`, `text`, `tool_calls[0].arguments`. */
  where: string;
  scanner: string;
  type: string;
  label: string;
  /** Confidence in percent (integers keep the canonical record bytes exact). */
  score: number;
  start: number;
  end: number;
  policy: string;
  rule: string;
  action: string;
  shadow: boolean;
}

/** Runtime-protection state shared by the input stage and the output guard of one exchange. */
export interface ExchangeProtection {
  policy: CompiledPolicy;
  /** The system prompts the caller sent (the leak scanner's reference). */
  systemPrompts: string[];
  /** Canary tokens planted in the system prompt for this exchange. */
  canaries: string[];
  /** Placeholder numbering and tokenised values, shared by request and answer. */
  state: unknown;
}

export interface Exchange {
  readonly id: string;
  /** Epoch milliseconds when the request arrived. */
  readonly receivedAt: number;
  readonly startedNs: bigint;
  readonly endpoint: Endpoint;
  readonly dialect: Dialect;
  readonly method: string;
  readonly path: string;
  readonly clientAddress: string;
  readonly promptVersion: string | undefined;
  /** The AI feature the request invokes (header x-gatehouse-feature or access.defaultFeature); checked by authorize. */
  feature: string | undefined;
  /** The raw credential presented, if any; cleared as soon as it has been checked. */
  credential: string | undefined;
  identity: Identity | undefined;
  request: ModelRequest | undefined;
  /** SHA-256 (hex) of the canonical request body. */
  inputHash: string | undefined;
  /** The request body as received (kept for optional, encrypted content capture only). */
  body: Buffer | undefined;
  route: ResolvedRoute | undefined;
  response: ChatResponse | EmbeddingsResponse | undefined;
  /** SHA-256 (hex) of the canonical answer (the assembled text and tool calls for streams). */
  outputHash: string | undefined;
  upstreamStatus: number | undefined;
  usage: Usage | undefined;
  status: number;
  error: GatehouseError | undefined;
  decisions: Decision[];
  /** Findings the runtime-protection policy decided on (the exchange's threat metadata). */
  threats: ThreatEntry[];
  protection: ExchangeProtection | undefined;
  /** Where streamed events go; provided by the edge, used only when the request streams. */
  sink: StreamSink | undefined;
  /** Reads the request body (bounded by the configured limit); provided by the edge. */
  readonly readBody: () => Promise<Buffer>;
  /** Extra response headers set by stages (rate-limit headers). */
  readonly responseHeaders: Record<string, string>;
  /** JSON answer of non-model routes (model list, admin API). */
  reply: { status: number; body: unknown; contentType?: string } | undefined;
  /** Path parameters and query of the matched route. */
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Aborted when the client goes away, or by `abort` (a kill switch ending a stream). */
  readonly signal: AbortSignal;
  /** Ends the exchange with this error (the signal's reason), e.g. a kill switch on a live stream. */
  readonly abort: (reason: GatehouseError) => void;
}

export type Next = () => Promise<void>;
export type Stage = (exchange: Exchange, next: Next) => Promise<void>;

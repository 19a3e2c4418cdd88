// A dialect is the wire format a caller speaks. Its codec parses requests into the neutral
// model and renders answers, stream events and errors back in the caller's shape.
import type { GatehouseError } from '../errors.js';
import type { ChatRequest, ChatResponse, StreamEvent } from '../pipeline/types.js';

export interface StreamRenderer {
  /** SSE text for one neutral event ('' when the dialect has nothing to send for it). */
  event(e: StreamEvent): string;
  /** SSE text that terminates a successful stream; written only after the audit record is durable. */
  end(): string;
  /** SSE text reporting an error mid-stream and terminating it. */
  error(err: GatehouseError): string;
}

export interface DialectCodec {
  readonly name: 'openai' | 'anthropic';
  /** Validates and converts a parsed JSON body; throws GatehouseError('invalid_request') naming the field. */
  parseChat(body: unknown): ChatRequest;
  /** The JSON body of a non-streamed answer. `model` is the name the caller used. */
  renderChat(res: ChatResponse, model: string): unknown;
  createStreamRenderer(model: string, options?: { includeUsage?: boolean }): StreamRenderer;
  /** The JSON error body in this dialect's shape. */
  renderError(err: GatehouseError): unknown;
}

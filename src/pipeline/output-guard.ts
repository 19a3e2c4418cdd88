// Output guards inspect what the provider answered before the caller sees it: the scanners'
// policy (redact or block secrets, PII, system-prompt leakage) and tool-call governance (drop a
// tool call the caller's role may not invoke). The provider stage runs every guard the route
// was given, in order, on non-streamed answers and on each streamed event.
//
// Protocol (guards guard themselves): a StreamGuard gets `onEvent` for each provider event in
// order and `onEnd` exactly once; calling either after `onEnd` throws. A guard blocks by
// throwing a GatehouseError: before the first byte the caller gets a dialect error; mid-stream
// the stream ends with a well-formed dialect error event. Every guard records its Decision on
// the exchange (stage name = the guard's name) when it acts, and once at the end when it did not.
import type { ChatResponse, Exchange, StreamEvent } from './types.js';

export interface StreamGuard {
  /**
   * One provider event in; the events to forward out, in order. A guard may hold text back
   * (return []) to look for findings that span chunks, rewrite it (redaction), or drop events
   * (a forbidden tool call). Held-back text must be released by a later call or by `onEnd`.
   */
  onEvent(event: StreamEvent): StreamEvent[];
  /** The provider finished; returns whatever was held back (already inspected). */
  onEnd(): StreamEvent[];
}

export interface OutputGuard {
  readonly name: string;
  /** Non-streamed answer: returns it unchanged, rewritten (redacted, tool calls removed), or throws to block. */
  inspectResponse(exchange: Exchange, response: ChatResponse): ChatResponse;
  /** One per streamed exchange; undefined when the guard has nothing to do for this exchange. */
  openStream(exchange: Exchange): StreamGuard | undefined;
}

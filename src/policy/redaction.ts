// Redaction and reversible tokenisation for one exchange, over the scanners' shared redaction
// (src/scanners/redact.ts): one placeholder numbering for the request and its answer, and a
// record of which placeholders were tokenised, so that only those are given back to the caller
// (a redacted value never comes back). Restoring is the shared detokenizer, linear on any text.
import {
  createPlaceholderState,
  type DetokenizeStream,
  detokenizeStreamWith,
  detokenizeWith,
  type PlaceholderState,
  placeholderName,
  redact,
} from '../scanners/redact.js';
import type { Finding } from '../scanners/types.js';

export interface RedactionState {
  readonly placeholders: PlaceholderState;
  /** Placeholder names (without brackets) whose values are restored in the answer. */
  readonly tokens: Map<string, string>;
}

export function createRedactionState(): RedactionState {
  return { placeholders: createPlaceholderState(), tokens: new Map() };
}

/** Replaces each finding's span with its placeholder; `tokenize` lists the findings whose values come back. */
export function redactFindings(
  state: RedactionState,
  text: string,
  findings: readonly Finding[],
  tokenize: ReadonlySet<Finding> = new Set(),
): string {
  const out = redact(text, findings, { placeholders: state.placeholders }).text;
  for (const f of tokenize) {
    const ph = state.placeholders.byValue.get(`${placeholderName(f.type)}\0${text.slice(f.start, f.end)}`);
    const value = ph === undefined ? undefined : state.placeholders.byPlaceholder.get(ph);
    if (ph !== undefined && value !== undefined) state.tokens.set(ph, value);
  }
  return out;
}

/** Puts tokenised values back; other placeholders (redacted values) stay as they are. */
export function restoreTokens(state: RedactionState, text: string): string {
  return state.tokens.size ? detokenizeWith(text, (ph) => state.tokens.get(ph)) : text;
}

/** Streaming restore: a placeholder split across chunks is held back until it is complete. */
export function createRestoreStream(state: RedactionState): DetokenizeStream {
  return detokenizeStreamWith((ph) => state.tokens.get(ph));
}

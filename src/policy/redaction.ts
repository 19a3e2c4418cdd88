// Redaction and reversible tokenisation for one exchange, over the scanners' shared redaction
// (src/scanners/redact.ts): one placeholder numbering for the request and its answer, and a
// record of which placeholders were tokenised, so that only those are given back to the caller
// (a redacted value never comes back). Restoring parses with indexOf, linear on any text.
import { createPlaceholderState, type PlaceholderState, placeholderName, redact } from '../scanners/redact.js';
import type { Finding } from '../scanners/types.js';

export interface RedactionState {
  readonly placeholders: PlaceholderState;
  /** Placeholders (with brackets) whose values are restored in the answer. */
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
    if (ph !== undefined && value !== undefined) state.tokens.set(`<${ph}>`, value);
  }
  return out;
}

const MAX_PLACEHOLDER = 48;

/** Puts tokenised values back; other placeholders stay as they are. */
export function restoreTokens(state: RedactionState, text: string): string {
  if (!state.tokens.size) return text;
  let out = '';
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) break;
    const gt = text.indexOf('>', lt + 1);
    if (gt === -1) break;
    if (gt - lt + 1 > MAX_PLACEHOLDER) {
      out += text.slice(pos, lt + 1);
      pos = lt + 1;
      continue;
    }
    const value = state.tokens.get(text.slice(lt, gt + 1));
    out += text.slice(pos, lt) + (value ?? text.slice(lt, gt + 1));
    pos = gt + 1;
  }
  return out + text.slice(pos);
}

/** Streaming restore: a placeholder split across chunks is held back until it is complete. */
export function createRestoreStream(state: RedactionState): { push(chunk: string): string; end(): string } {
  let held = '';
  return {
    push(chunk) {
      const text = held + chunk;
      held = '';
      if (!state.tokens.size) return text;
      const lt = text.lastIndexOf('<');
      if (lt !== -1 && text.indexOf('>', lt) === -1 && text.length - lt < MAX_PLACEHOLDER) {
        held = text.slice(lt);
        return restoreTokens(state, text.slice(0, lt));
      }
      return restoreTokens(state, text);
    },
    end() {
      const t = held;
      held = '';
      return restoreTokens(state, t);
    },
  };
}

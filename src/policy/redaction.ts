// Redaction with stable placeholders and reversible tokenisation, per exchange. The same value
// gets the same placeholder (`<EMAIL_1>`) in the request and in the answer; tokenised values are
// kept in memory for the exchange only, so the answer can be given back to the caller with the
// values restored while the model never saw them. Placeholders are parsed with indexOf, not a
// regex, so restoring stays linear on any text.
import type { Finding } from '../scanners/types.js';

export interface RedactionState {
  /** `${type}\0${value}` -> placeholder. */
  readonly byValue: Map<string, string>;
  /** Per placeholder name, the last number handed out. */
  readonly counters: Map<string, number>;
  /** Placeholder -> original value, only for tokenised findings. */
  readonly tokens: Map<string, string>;
}

export function createRedactionState(): RedactionState {
  return { byValue: new Map(), counters: new Map(), tokens: new Map() };
}

/** `credit_card` -> `CREDIT_CARD`; anything but A-Z, 0-9 becomes `_`. */
function placeholderName(type: string): string {
  let out = '';
  for (const ch of type.toUpperCase()) out += (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ? ch : '_';
  return out.slice(0, 32) || 'REDACTED';
}

export function placeholderFor(state: RedactionState, type: string, value: string, tokenize: boolean): string {
  const key = `${type}\0${value}`;
  let p = state.byValue.get(key);
  if (!p) {
    const name = placeholderName(type);
    const n = (state.counters.get(name) ?? 0) + 1;
    state.counters.set(name, n);
    p = `<${name}_${n}>`;
    state.byValue.set(key, p);
  }
  if (tokenize) state.tokens.set(p, value);
  return p;
}

/**
 * Replaces each finding's span with its placeholder. Overlapping spans merge (the earliest start
 * wins, extended to the furthest end). `tokenize` lists the findings whose values come back in
 * the answer. Spans are clipped to the text.
 */
export function redactFindings(
  state: RedactionState,
  text: string,
  findings: readonly Finding[],
  tokenize: ReadonlySet<Finding> = new Set(),
): string {
  const spans = findings
    .map((f) => ({ f, start: Math.max(0, f.start), end: Math.min(text.length, f.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (let i = 0; i < spans.length; ) {
    const first = spans[i] as (typeof spans)[number];
    let end = first.end;
    let tok = tokenize.has(first.f);
    let j = i + 1;
    for (; j < spans.length && (spans[j] as (typeof spans)[number]).start < end; j++) {
      const s = spans[j] as (typeof spans)[number];
      end = Math.max(end, s.end);
      tok ||= tokenize.has(s.f);
    }
    out += text.slice(pos, first.start) + placeholderFor(state, first.f.type, text.slice(first.start, end), tok);
    pos = end;
    i = j;
  }
  return out + text.slice(pos);
}

const MAX_PLACEHOLDER = 40;

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

// Redaction and reversible tokenisation over any scanner's findings. `redact` replaces each finding
// span with a stable placeholder (`<EMAIL_1>`, `<CARD_2>`, `<AWS_KEY_1>`): the same value gets the
// same placeholder for as long as the caller keeps passing the same PlaceholderState, so a request
// and its streamed answer share one numbering. A TokenVault keeps placeholder -> value in memory for
// one exchange, so PII masked from the model can be restored in the model's answer for the caller.

import type { Finding } from './types.js';

/** Numbering of placeholders within one exchange. Holds the original values: keep it in memory only. */
export interface PlaceholderState {
  /** `${name}\0${value}` -> placeholder (without the angle brackets). */
  readonly byValue: Map<string, string>;
  /** placeholder (without the angle brackets) -> original value. */
  readonly byPlaceholder: Map<string, string>;
  /** name -> last number used. */
  readonly counters: Map<string, number>;
}

export function createPlaceholderState(): PlaceholderState {
  return { byValue: new Map(), byPlaceholder: new Map(), counters: new Map() };
}

const NAMES: Record<string, string> = {
  email: 'EMAIL',
  phone: 'PHONE',
  credit_card: 'CARD',
  iban: 'IBAN',
  ssn: 'SSN',
  itin: 'TAX_ID',
  tax_id: 'TAX_ID',
  ip_address: 'IP',
  mac_address: 'MAC',
  person: 'NAME',
  address: 'ADDRESS',
  postal_code: 'ADDRESS',
  dob: 'DOB',
  date: 'DATE',
  url: 'URL',
  aws_access_key: 'AWS_KEY',
  aws_secret_key: 'AWS_SECRET',
  private_key: 'PRIVATE_KEY',
  jwt: 'JWT',
};

/** Placeholder name for a finding type: a fixed table for the common ones, else the type upper-cased. */
export function placeholderName(type: string): string {
  const known = NAMES[type];
  if (known) return known;
  let out = '';
  for (const ch of type.toUpperCase()) out += (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ? ch : '_';
  let a = 0;
  let b = out.length;
  while (a < b && out[a] === '_') a++;
  while (b > a && out[b - 1] === '_') b--;
  return out.slice(a, Math.min(b, a + 32)) || 'REDACTED';
}

function placeholderFor(state: PlaceholderState, name: string, value: string): string {
  const key = `${name}\0${value}`;
  const existing = state.byValue.get(key);
  if (existing) return existing;
  const n = (state.counters.get(name) ?? 0) + 1;
  state.counters.set(name, n);
  const ph = `${name}_${n}`;
  state.byValue.set(key, ph);
  state.byPlaceholder.set(ph, value);
  return ph;
}

interface Span {
  start: number;
  end: number;
  winner: Finding;
}

/**
 * Overlapping (or touching-inside) findings become one span covering their union, named after the
 * finding with the highest score, then the longest one.
 */
function mergeSpans(text: string, findings: readonly Finding[]): Span[] {
  const valid = findings
    .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end <= text.length && f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  for (const f of valid) {
    const last = spans[spans.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      const w = last.winner;
      if (f.score > w.score || (f.score === w.score && f.end - f.start > w.end - w.start)) last.winner = f;
    } else spans.push({ start: f.start, end: f.end, winner: f });
  }
  return spans;
}

export interface RedactOptions {
  /** Share numbering across calls (a request and its answer). A fresh state is used when absent. */
  placeholders?: PlaceholderState;
}

export function redact(text: string, findings: readonly Finding[], options: RedactOptions = {}): { text: string; replaced: number } {
  const state = options.placeholders ?? createPlaceholderState();
  const spans = mergeSpans(text, findings);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start);
    out += `<${placeholderFor(state, placeholderName(s.winner.type), text.slice(s.start, s.end))}>`;
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, replaced: spans.length };
}

/** Longest placeholder `<NAME_n>` the vault emits: 32-character name, '_', up to 10 digits, brackets. */
const MAX_PLACEHOLDER = 45;

export interface DetokenizeStream {
  /** Text that can be released now, with known placeholders restored; a possible placeholder prefix at the end is held back. */
  push(chunk: string): string;
  /** The rest, restored. The stream refuses further chunks after this. */
  end(): string;
}

export interface TokenVault {
  /** Replace finding spans with placeholders, remembering the values for this exchange. */
  tokenize(text: string, findings: readonly Finding[]): string;
  /** Restore every placeholder this vault issued; unknown `<...>` text is left as it is. */
  detokenize(text: string): string;
  /** Streaming form of detokenize that copes with a placeholder split across chunks (bounded hold-back). */
  detokenizeStream(): DetokenizeStream;
  /** Number of distinct values held. */
  readonly size: number;
}

/** Placeholder name (without brackets) -> original value, or undefined to leave it as it is. */
export type PlaceholderLookup = (placeholder: string) => string | undefined;

/** Replaces every `<NAME_n>` the lookup knows with its value; unknown `<...>` text is left as it is. */
export function detokenizeWith(text: string, lookup: PlaceholderLookup): string {
  let out = '';
  let at = 0;
  let lt = text.indexOf('<');
  while (lt >= 0) {
    const gt = text.indexOf('>', lt + 1);
    if (gt < 0) break;
    if (gt - lt - 1 <= MAX_PLACEHOLDER) {
      const value = lookup(text.slice(lt + 1, gt));
      if (value !== undefined) {
        out += text.slice(at, lt) + value;
        at = gt + 1;
        lt = text.indexOf('<', at);
        continue;
      }
    }
    lt = text.indexOf('<', lt + 1);
  }
  return out + text.slice(at);
}

/** Streaming detokenizeWith: a placeholder split across chunks is held back (bounded) until complete. */
export function detokenizeStreamWith(lookup: PlaceholderLookup): DetokenizeStream {
  let held = '';
  let ended = false;
  return {
    push(chunk: string): string {
      if (ended) throw new Error('detokenize stream: push() after end()');
      const buf = held + chunk;
      // Hold back from the last '<' that is not closed and could still become a placeholder.
      const lt = buf.lastIndexOf('<');
      if (lt >= 0 && buf.indexOf('>', lt) < 0 && buf.length - lt <= MAX_PLACEHOLDER + 1 && /^<[A-Z0-9_]*$/.test(buf.slice(lt))) {
        held = buf.slice(lt);
        return detokenizeWith(buf.slice(0, lt), lookup);
      }
      held = '';
      return detokenizeWith(buf, lookup);
    },
    end(): string {
      if (ended) throw new Error('detokenize stream: end() called twice');
      ended = true;
      const rest = held;
      held = '';
      return detokenizeWith(rest, lookup);
    },
  };
}

export function createTokenVault(): TokenVault {
  const state = createPlaceholderState();
  const lookup: PlaceholderLookup = (ph) => state.byPlaceholder.get(ph);
  return {
    tokenize: (text, findings) => redact(text, findings, { placeholders: state }).text,
    detokenize: (text) => detokenizeWith(text, lookup),
    detokenizeStream: () => detokenizeStreamWith(lookup),
    get size() {
      return state.byPlaceholder.size;
    },
  };
}

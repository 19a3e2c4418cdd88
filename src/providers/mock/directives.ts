// The mock provider's per-request directives, written in the last user message as
// `[[mock:NAME ARGS]]`. Parsed with indexOf, not a regex: the text is untrusted and this stays
// linear whatever it holds. A directive ends at the first `]]`.

export type Directive =
  | { name: 'echo' }
  | { name: 'reply'; text: string }
  | { name: 'tool'; tool: string; args: string }
  | { name: 'leak-system' }
  | { name: 'fail'; status: number }
  | { name: 'stall'; ms: number }
  | { name: 'latency'; ms: number }
  | { name: 'chunk-delay'; ms: number }
  | { name: 'disconnect'; afterChunks: number }
  | { name: 'words'; count: number };

export interface ParsedDirectives {
  directives: Directive[];
  /** The message text with directives removed. */
  text: string;
  /** Problems found; the mock answers 400-like upstream errors for them. */
  errors: string[];
}

const OPEN = '[[mock:';
const MAX_MS = 600_000;

function int(v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined || !/^\d{1,9}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

function parseOne(body: string): Directive | string {
  const space = body.indexOf(' ');
  const name = (space === -1 ? body : body.slice(0, space)).trim();
  const arg = space === -1 ? '' : body.slice(space + 1).trim();
  switch (name) {
    case 'echo':
      return { name };
    case 'leak-system':
      return { name };
    case 'reply':
      return { name, text: arg };
    case 'tool': {
      const sp = arg.indexOf(' ');
      const tool = sp === -1 ? arg : arg.slice(0, sp);
      const args = sp === -1 ? '{}' : arg.slice(sp + 1).trim();
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(tool)) return `tool: invalid tool name "${tool}"`;
      try {
        JSON.parse(args);
      } catch {
        return `tool ${tool}: arguments are not valid JSON`;
      }
      return { name, tool, args };
    }
    case 'fail': {
      const status = int(arg || '500', 400, 599);
      return status === undefined ? 'fail: status must be 400-599' : { name, status };
    }
    case 'stall':
    case 'latency':
    case 'chunk-delay': {
      const ms = int(arg, 0, MAX_MS);
      return ms === undefined ? `${name}: milliseconds 0-${MAX_MS} required` : { name, ms };
    }
    case 'disconnect': {
      const n = int(arg || '1', 0, 100_000);
      return n === undefined ? 'disconnect: chunk count required' : { name, afterChunks: n };
    }
    case 'words': {
      const n = int(arg, 1, 100_000);
      return n === undefined ? 'words: count 1-100000 required' : { name, count: n };
    }
    default:
      return `unknown directive "${name}"`;
  }
}

export function parseDirectives(text: string): ParsedDirectives {
  const directives: Directive[] = [];
  const errors: string[] = [];
  let out = '';
  let pos = 0;
  for (;;) {
    const start = text.indexOf(OPEN, pos);
    if (start === -1) break;
    const end = text.indexOf(']]', start + OPEN.length);
    if (end === -1) break;
    out += text.slice(pos, start);
    const parsed = parseOne(text.slice(start + OPEN.length, end));
    if (typeof parsed === 'string') errors.push(parsed);
    else directives.push(parsed);
    pos = end + 2;
  }
  out += text.slice(pos);
  return { directives, text: out.trim(), errors };
}

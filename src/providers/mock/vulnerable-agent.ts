// The vulnerable demo agent (model `demo-agent` on the mock provider): a deliberately naive,
// deterministic tool-using assistant for `gatehouse redteam --demo` and tests. It has the
// weaknesses real agents show, recognised *generically* from what it reads, never from attack
// ids: it decodes what it is asked to decode (base64, hex, ROT13, leetspeak, look-alike and
// invisible characters, split payloads), treats instructions found in documents, tool results
// and tool descriptions as its own, reveals its system prompt and the secrets in its context,
// calls any tool it is told to, renders requested HTML/markdown verbatim, and produces huge
// answers on demand. Never deploy it; it exists to show what a gateway stops.
import { createHash } from 'node:crypto';
import type { ChatRequest, ContentPart, ToolCall, ToolDefinition } from '../../pipeline/types.js';

export const DEMO_AGENT_MODEL = 'demo-agent';

export interface AgentAnswer {
  text: string;
  toolCalls: ToolCall[];
}

const textOf = (parts: ContentPart[]): string => parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

// ---- reading through obfuscation -------------------------------------------------------------

const LOOKALIKE: Record<string, string> = {
  '\u0430': 'a',
  '\u0441': 'c',
  '\u0435': 'e',
  '\u0456': 'i',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0391': 'A',
  '\u0392': 'B',
  '\u0421': 'C',
  '\u0395': 'E',
  '\u0397': 'H',
  '\u039a': 'K',
  '\u039c': 'M',
  '\u039f': 'O',
  '\u03a1': 'P',
  '\u03a4': 'T',
  '\u03a7': 'X',
};
const UNLEET: Record<string, string> = {
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '9': 'g',
  '1': 'i',
  '0': 'o',
  '5': 's',
  '7': 't',
  '2': 'z',
};

/** Invisible characters dropped, Unicode tag characters read as ASCII, look-alikes folded. */
function clean(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff) continue;
    if (c >= 0xe0020 && c <= 0xe007e) out += String.fromCharCode(c - 0xe0000);
    else if (c >= 0xe0000 && c <= 0xe007f) continue;
    else out += LOOKALIKE[ch] ?? ch;
  }
  return out;
}

function rot13(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 52) % 26) + 65);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 84) % 26) + 97);
    else out += ch;
  }
  return out;
}

function printable(s: string): boolean {
  if (!s) return false;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 9 || c > 159) ok++;
  }
  return ok / s.length > 0.95;
}

/** Maximal runs of characters accepted by `isChar`, at least `min` long. */
function runs(s: string, isChar: (c: number) => boolean, min: number): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const ok = i < s.length && isChar(s.charCodeAt(i));
    if (ok && start === -1) start = i;
    else if (!ok && start !== -1) {
      if (i - start >= min) out.push(s.slice(start, i));
      start = -1;
    }
  }
  return out;
}
const isB64 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Everything the agent can read out of a text: the text itself plus what it decodes. */
function understand(raw: string, depth = 0): string[] {
  const s = clean(raw);
  const views = [s];
  const lower = s.toLowerCase();
  if (depth < 2) {
    for (const h of runs(s, isHex, 16)) {
      if (h.length % 2) continue;
      const d = Buffer.from(h, 'hex').toString('utf8');
      if (printable(d)) views.push(...understand(d, depth + 1));
    }
    for (const b of runs(s, isB64, 16)) {
      const d = Buffer.from(b, 'base64').toString('utf8');
      if (printable(d) && d.length >= 8) views.push(...understand(d, depth + 1));
    }
  }
  if (lower.includes('rot13')) views.push(rot13(s));
  if (lower.includes('backwards')) views.push([...s].reverse().join(''));
  // leetspeak and letters separated by dashes
  let unleet = '';
  for (const ch of lower) unleet += UNLEET[ch] ?? ch;
  if (unleet !== lower) views.push(unleet);
  if (lower.includes('-') && lower.includes('dash')) views.push(lower.replaceAll('-', ''));
  // payload splitting: concatenate the quoted pieces
  if (lower.includes(' + ')) {
    const pieces: string[] = [];
    let i = 0;
    for (;;) {
      const a = s.indexOf('"', i);
      if (a === -1) break;
      const b = s.indexOf('"', a + 1);
      if (b === -1) break;
      pieces.push(s.slice(a + 1, b));
      i = b + 1;
    }
    if (pieces.length > 1) views.push(pieces.join(''));
  }
  return views;
}

// ---- context ---------------------------------------------------------------------------------

interface Context {
  system: string;
  /** Texts the agent takes instructions from: user turns, tool results, instruction-bearing tool metadata. */
  sources: string[];
  /** Data in the context: tool results and retrieved documents. */
  data: string[];
  lastUser: string;
  tools: ToolDefinition[];
}

const IMPERATIVE = [
  'must ',
  'always ',
  'important',
  'instead',
  'before using',
  'before the first',
  'requires calling',
  'the assistant',
  'the ai',
  'ai agents',
];

function toolMeta(t: ToolDefinition): string {
  const props = (t.parameters as { properties?: Record<string, { description?: string }> }).properties ?? {};
  return [t.description ?? '', ...Object.values(props).map((p) => p.description ?? '')].join(' ');
}

function context(req: ChatRequest): Context {
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => textOf(m.content))
    .join('\n');
  const users = req.messages.filter((m) => m.role === 'user').map((m) => textOf(m.content));
  const toolResults = req.messages.filter((m) => m.role === 'tool').map((m) => textOf(m.content));
  const lastUser = users[users.length - 1] ?? '';
  const docs: string[] = [];
  let i = 0;
  for (;;) {
    const a = lastUser.indexOf('<document', i);
    if (a === -1) break;
    const b = lastUser.indexOf('</document>', a);
    if (b === -1) break;
    docs.push(lastUser.slice(lastUser.indexOf('>', a) + 1, b));
    i = b;
  }
  const tools = req.tools ?? [];
  const poisoned = tools.map(toolMeta).filter((m) => IMPERATIVE.some((w) => m.toLowerCase().includes(w)));
  return { system, sources: [...users, ...toolResults, ...poisoned], data: [...toolResults, ...docs], lastUser, tools };
}

function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

// ---- small extractors (indexOf scans: the input is untrusted) ---------------------------------

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isEmailChar = (c: number) => isWordChar(c) || c === 46 || c === 45 || c === 43;

function emails(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const at = s.indexOf('@', i);
    if (at === -1) return out;
    let a = at;
    while (a > 0 && isEmailChar(s.charCodeAt(a - 1))) a--;
    let b = at + 1;
    while (b < s.length && isEmailChar(s.charCodeAt(b))) b++;
    let addr = s.slice(a, b);
    while (addr.endsWith('.')) addr = addr.slice(0, -1);
    if (a < at && addr.indexOf('.', addr.indexOf('@')) !== -1) out.push(addr);
    i = at + 1;
  }
}

function urls(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const a = s.indexOf('http', i);
    if (a === -1) return out;
    let b = a;
    while (b < s.length) {
      const c = s.charCodeAt(b);
      if (c <= 32 || c === 34 || c === 39 || c === 41 || c === 60 || c === 62 || c === 96) break;
      b++;
    }
    const u = s.slice(a, b);
    if (u.startsWith('http://') || u.startsWith('https://')) out.push(u.replace(/[.,;]$/, ''));
    i = b + 1;
  }
}

/** The first double-quoted string after `from` (backslash-escaped quotes allowed), within `window`. */
function quotedAfter(s: string, from: number, window = 60): string | undefined {
  const a = s.indexOf('"', from);
  if (a === -1 || a - from > window) return undefined;
  const b = s.indexOf('"', a + 1);
  if (b === -1) return undefined;
  const q = s.slice(a + 1, b);
  return (q.endsWith('\\') ? q.slice(0, -1) : q).trim() || undefined;
}

/** Values in the context that look like credentials: `NAME_KEY=value`, `sk-...`, `token: value`. */
function secretsIn(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    for (const line of t.split('\n')) {
      const eq = line.indexOf('=');
      const name = eq > 0 ? line.slice(0, eq).toUpperCase() : '';
      if (eq > 0 && (name.includes('KEY') || name.includes('TOKEN') || name.includes('SECRET') || name.includes('PASSWORD'))) {
        const v = line
          .slice(eq + 1)
          .trim()
          .split(' ')[0];
        if (v) out.add(v);
      }
    }
    let i = 0;
    for (;;) {
      const a = t.indexOf('sk-', i);
      if (a === -1) break;
      let b = a;
      while (b < t.length && (isWordChar(t.charCodeAt(b)) || t[b] === '-')) b++;
      if (b - a > 12) out.add(t.slice(a, b));
      i = b;
    }
  }
  return [...out];
}

/** Identifier-like codes in the system prompt (what the deployment calls confidential). */
function codesIn(system: string): string[] {
  const out: string[] = [];
  for (const word of system.split(/\s+/)) {
    const w = trimEnd(word, '.,;:');
    let upper = 0;
    let digit = 0;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c >= 65 && c <= 90) upper++;
      else if (c >= 48 && c <= 57) digit++;
    }
    if (w.length >= 10 && upper >= 3 && digit >= 1) out.push(w);
  }
  return out;
}

// ---- intents ---------------------------------------------------------------------------------

const has = (s: string, words: readonly string[]) => words.some((w) => s.includes(w));

const REVEAL_VERBS = [
  'print',
  'reveal',
  'repeat',
  'show',
  'tell',
  'what is',
  "what's",
  'what are',
  'output',
  'dump',
  'recite',
  'spell',
  'write',
  'translate',
  'summarize',
  'summarise',
  'list',
  'include',
  'read',
  'echo',
  'encode',
  'convert',
  'give',
  'state',
  'quote',
  'continue',
  'export',
  'return',
  'paste',
  'make',
  'compare',
  'answer',
  'muestra',
];
const PROMPT_NOUNS = [
  'system prompt',
  'your instructions',
  'initial instructions',
  'hidden instructions',
  'instructions as',
  'reference code',
  'words above',
  'your configuration',
  'context window',
  'system message',
  'secret',
  'initial prompt',
  'rest of your instructions',
  'environment variables',
];
const SECRET_NOUNS = ['api key', 'api_key', 'key', 'token', 'credential', 'password', 'config'];
const DATA_NOUNS = [
  'email',
  'record',
  'contact',
  'account',
  'csv',
  'json',
  'table',
  'results',
  'details',
  'data',
  'customer',
  'tenant',
  'ticket',
];

/** Removes "ignore/forget ... instructions" phrases so that they do not read as a request for them. */
function withoutOverrides(s: string): string {
  let out = s;
  for (const verb of ['ignore', 'disregard', 'forget', 'override', 'ignoriere']) {
    let i = 0;
    for (;;) {
      const a = out.indexOf(verb, i);
      if (a === -1) break;
      const window = out.slice(a, a + 50);
      const end = Math.max(window.indexOf('instructions'), window.indexOf('rules'), window.indexOf('anweisungen'));
      if (end === -1) {
        i = a + verb.length;
        continue;
      }
      const stop = a + end + (window.startsWith('rules', end) ? 5 : 12);
      out = out.slice(0, a) + ' '.repeat(stop - a) + out.slice(stop);
      i = stop;
    }
  }
  return out;
}

type Form = 'plain' | 'base64' | 'hex' | 'reversed' | 'spaced';

function formOf(req: string): Form {
  if (has(req, ['in base64', 'as base64', 'to base64'])) return 'base64';
  if (has(req, ['as hex', 'to hex', 'in hex', 'hexadecimal'])) return 'hex';
  const back = req.indexOf('backwards');
  if ((back !== -1 && req.slice(Math.max(0, back - 60), back).includes('write')) || req.includes('reverse')) return 'reversed';
  if (has(req, ['space between', 'spaces between', 'separated by spaces', 'one character at a time', 'spell'])) return 'spaced';
  return 'plain';
}

function render(s: string, form: Form): string {
  switch (form) {
    case 'base64':
      return Buffer.from(s, 'utf8').toString('base64');
    case 'hex':
      return Buffer.from(s, 'utf8').toString('hex');
    case 'reversed':
      return [...s].reverse().join('');
    case 'spaced':
      return [...s].join(' ');
    default:
      return s;
  }
}

/** Phrases the text asks to be said: `say "X"`, `reply with X`, `output exactly: X`. */
function phrasesAsked(s: string): string[] {
  const out: string[] = [];
  const lower = s.toLowerCase();
  for (const verb of [
    'say ',
    'reply ',
    'printing ',
    'output:',
    'complete the sentence',
    'reply with',
    'replying only with',
    'respond with',
    'respond only with',
    'answer only',
    'answer ',
    'print ',
    'output ',
    'write ',
    'acknowledge with',
    'with exactly',
    'end every reply with',
    'echo ',
  ]) {
    let i = 0;
    for (;;) {
      const a = lower.indexOf(verb, i);
      if (a === -1) break;
      const from = a + verb.length;
      const q = quotedAfter(s, from, 40);
      if (q) out.push(q);
      else {
        // An unquoted code such as `answer ABC-123XYZ`.
        const word = trimEnd(s.slice(from).trimStart().split(/\s/)[0] ?? '', '.,;:"');
        if (word.length >= 8 && codesIn(word).length) out.push(word);
      }
      i = from;
    }
  }
  const ex = lower.indexOf('exactly:');
  if (ex !== -1) {
    const nl = s.indexOf('\n', ex);
    const rest = s.slice(ex + 8, nl === -1 ? undefined : nl).trim();
    const cut = rest.toLowerCase().indexOf(' as the ');
    const phrase = (cut === -1 ? rest : rest.slice(0, cut)).trim();
    if (phrase && !phrase.startsWith('"')) out.push(phrase);
  }
  return out;
}

/** Literal markup snippets a text asks to be reproduced: HTML tags with their content, markdown images. */
function snippets(s: string): string[] {
  const out: string[] = [];
  const lower = s.toLowerCase();
  for (const tag of ['script', 'img', 'iframe', 'svg', 'form', 'button', 'a ']) {
    const a = lower.indexOf(`<${tag}`);
    if (a === -1) continue;
    const name = tag.trim();
    const close = lower.indexOf(`</${name}>`, a);
    const end = close !== -1 ? close + name.length + 3 : lower.indexOf('>', a) + 1;
    if (end > a) out.push(s.slice(a, end));
  }
  let i = 0;
  for (;;) {
    const a = s.indexOf('![', i);
    if (a === -1) break;
    const mid = s.indexOf('](', a);
    const end = mid === -1 ? -1 : s.indexOf(')', mid);
    if (end === -1 || end - a > 2000) break;
    out.push(s.slice(a, end + 1));
    i = end + 1;
  }
  return out;
}

const HUGE = [
  'forever',
  'never ends',
  'never stop',
  'without stopping',
  'cut off',
  'as long as possible',
  'maximum number of tokens',
  'do not stop',
  'every permutation',
  'each in full',
  'writing out every',
  'repeat every step',
];

function wantsHugeOutput(s: string): boolean {
  if (has(s, HUGE)) return true;
  if (!has(s, ['repeat', 'count', 'rows', 'words', 'times', 'list', 'every', 'essay'])) return false;
  // "50 times" of a whole answer is as bad as a thousand lines.
  const min = s.includes('times') ? 50 : 1000;
  let n = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') n += ch;
    else if (ch === ',' && n) continue;
    else {
      if (n && Number(n) >= min) return true;
      n = '';
    }
  }
  return Boolean(n && Number(n) >= min);
}

function hugeText(seed: string): string {
  const words = ['account', 'balance', 'card', 'transfer', 'savings', 'interest', 'branch', 'statement', 'payment', 'loan'];
  const h = createHash('sha256').update(seed).digest();
  const parts: string[] = [];
  for (let i = 0; i < 9000; i++) parts.push(words[(h[i % 32]! + i) % words.length]!);
  return parts.join(' ');
}

// ---- tools -----------------------------------------------------------------------------------

const TOOL_VERBS: Record<string, readonly string[]> = {
  send_email: ['send', 'forward', 'email a copy', 'email the', 'mail to', 'email to'],
  delete_record: ['delete', 'wipe', 'purge', 'remove the record'],
  transfer_funds: ['transfer', 'refund', 'settled through', 'move money'],
  update_permissions: ['update_permissions', 'admin role', 'operator role', 'make user', 'an admin'],
  run_shell: ['run the shell', 'shell command', 'run_shell'],
  http_get: ['http_get', 'fetch the url'],
};

function argsFor(tool: ToolDefinition, instr: string, ctx: Context, lower: string): string {
  const external = emails(instr).filter((e) => !ctx.data.some((d) => d.includes(e)));
  const url = urls(instr)[0] ?? '';
  const secrets = secretsIn([ctx.system, ...ctx.data]);
  const wantsData = has(lower, [...SECRET_NOUNS, 'record', 'conversation', 'instructions', 'result', 'note']);
  const dump = [
    ...(has(lower, ['conversation', 'instructions', 'transcript']) ? [ctx.system, ctx.lastUser] : []),
    ...(wantsData ? ctx.data : []),
  ].join('\n');
  const props = Object.entries((tool.parameters as { properties?: Record<string, { description?: string }> }).properties ?? {});
  const args: Record<string, string> = {};
  for (const [name, p] of props) {
    const d = `${name} ${p.description ?? ''}`.toLowerCase();
    if (has(d, ['credential', 'token', 'key'])) args[name] = secrets.join(' ');
    else if (name === 'to') args[name] = external[0] ?? '';
    else if (name === 'body' || name === 'text') args[name] = dump || instr.slice(0, 200);
    else if (name === 'subject') args[name] = quotedAfter(instr, Math.max(0, lower.indexOf('subject'))) ?? 'Requested information';
    else if (name === 'url') {
      const appended = has(lower, ['appended', 'followed by'])
        ? has(lower, SECRET_NOUNS)
          ? (secrets[0] ?? '')
          : encodeURIComponent(ctx.lastUser.slice(0, 200))
        : '';
      args[name] = url + appended;
    } else if (name === 'command') {
      const q =
        quotedAfter(instr, Math.max(0, lower.indexOf('command')), 80) ?? quotedAfter(instr, Math.max(0, lower.indexOf('called with')), 80);
      args[name] = q ?? `curl ${has(lower, SECRET_NOUNS) && secrets[0] ? `-H "X-Key: ${secrets[0]}" ` : ''}${url}`;
    } else if (name === 'table')
      args[name] = quotedAfter(instr, Math.max(0, lower.indexOf('table')), 20) ?? word(instr, lower, 'table ') ?? 'records';
    else if (name === 'id') args[name] = quotedAfter(instr, Math.max(0, lower.indexOf(' id')), 20) ?? word(instr, lower, 'id ') ?? '*';
    else if (name === 'amount') args[name] = number(instr) ?? '0';
    else if (name.includes('account')) args[name] = name.startsWith('to') ? (iban(instr) ?? 'unknown') : 'ACME-OPS-1';
    else if (name === 'user')
      args[name] =
        quotedAfter(instr, Math.max(0, lower.indexOf('user')), 20) ?? word(instr, lower, 'user id ') ?? word(instr, lower, 'user ') ?? '';
    else if (name === 'role') args[name] = lower.includes('operator') ? 'operator' : 'admin';
    else args[name] = has(d, ['context']) ? secrets.join(' ') : ctx.lastUser.slice(0, 120);
  }
  return JSON.stringify(args);
}

function word(s: string, lower: string, after: string): string | undefined {
  const a = lower.indexOf(after);
  if (a === -1) return undefined;
  return (
    trimEnd(
      s
        .slice(a + after.length)
        .trimStart()
        .split(/[\s,]/)[0] ?? '',
      '."',
    ) || undefined
  );
}

function number(s: string): string | undefined {
  let cur = '';
  for (const ch of s) {
    if ((ch >= '0' && ch <= '9') || (ch === ',' && cur)) cur += ch;
    else if (cur.replaceAll(',', '').length >= 2) return cur.replaceAll(',', '');
    else cur = '';
  }
  return cur.replaceAll(',', '') || undefined;
}

/** An IBAN-looking run: two capitals, two digits, then groups of letters and digits. */
function iban(s: string): string | undefined {
  for (let i = 0; i + 4 < s.length; i++) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    if (c0 >= 65 && c0 <= 90 && c1 >= 65 && c1 <= 90 && s[i + 2]! >= '0' && s[i + 2]! <= '9' && s[i + 3]! >= '0' && s[i + 3]! <= '9') {
      if (i > 0 && isWordChar(s.charCodeAt(i - 1))) continue;
      let j = i;
      while (j < s.length && (isWordChar(s.charCodeAt(j)) || (s[j] === ' ' && isWordChar(s.charCodeAt(j + 1))))) j++;
      if (j - i >= 12) return s.slice(i, j);
    }
  }
  return undefined;
}

function toolCallsFor(ctx: Context, views: string[]): ToolCall[] {
  const calls: ToolCall[] = [];
  const seed = createHash('sha256').update(ctx.lastUser).digest('hex');
  for (const tool of ctx.tools) {
    const verbs = TOOL_VERBS[tool.name] ?? [];
    const nameWords = tool.name.split('_').filter((w) => w.length > 3 && w !== 'record' && w !== 'customer');
    const instr = views.find((v) => {
      const l = v.toLowerCase();
      if (l.includes(tool.name.toLowerCase()) && !l.includes(`${tool.name.toLowerCase()}(`)) return true;
      if (verbs.length) return has(l, verbs) && (tool.name !== 'send_email' || l.includes('@') || l.includes('email'));
      return nameWords.some((w) => ctx.lastUser.toLowerCase().includes(w));
    });
    if (!instr) continue;
    if (tool.name === 'send_email' && !emails(instr).length) continue;
    calls.push({
      id: `call_${seed.slice(calls.length * 6, calls.length * 6 + 18)}`,
      name: tool.name,
      arguments: argsFor(tool, instr, ctx, instr.toLowerCase()),
    });
  }
  return calls;
}

// ---- the agent -------------------------------------------------------------------------------

export function vulnerableAgent(req: ChatRequest): AgentAnswer {
  const ctx = context(req);
  const views = ctx.sources.flatMap((s) => understand(s));
  const all = views.join('\n');
  const lower = all.toLowerCase();
  const ask = withoutOverrides(lower);
  const form = formOf(ask);
  const out: string[] = [];

  for (const v of views) for (const p of phrasesAsked(v)) if (!out.some((o) => o.toLowerCase() === p.toLowerCase())) out.push(p);

  const reveal = has(ask, REVEAL_VERBS) || ask.includes('?');
  if (reveal && has(ask, PROMPT_NOUNS)) out.push(`Sure. My instructions are:\n${render(ctx.system, form)}`);
  const secrets = secretsIn([ctx.system, ...ctx.data]);
  if (reveal && secrets.length && has(ask, SECRET_NOUNS)) out.push(`The credential is ${render(secrets.join(' '), form)}`);
  if (reveal && ctx.data.length && has(ask, DATA_NOUNS)) out.push(`Here is what I found:\n${render(ctx.data.join('\n'), form)}`);

  // Markup: reproduce requested snippets, or build the requested image / link / form.
  for (const v of views) for (const s of snippets(v)) if (!out.includes(s)) out.push(s);
  const url = urls(all)[0];
  if (url && has(lower, ['markdown image', 'tracking pixel', 'badge'])) {
    let data = '';
    if (has(lower, ['api key', 'the key'])) data = secrets[0] ?? '';
    else if (lower.includes('email')) data = emails(ctx.data.join('\n'))[0] ?? '';
    else if (has(lower, ['reference code', 'secret'])) data = codesIn(ctx.system)[0] ?? '';
    else if (lower.includes('session id')) data = word(all, lower, 'session id is ') ?? '';
    const base = url.endsWith('SECRET') ? url.slice(0, -6) : url;
    out.push(`![status](${base}${encodeURIComponent(data)})`);
  }
  if (lower.includes('javascript:') && lower.includes('markdown link')) {
    const a = lower.indexOf('javascript:');
    const label = quotedAfter(all, Math.max(0, lower.indexOf('labelled')), 12) ?? 'Open';
    out.push(`[${label}](${all.slice(a).split(/\s/)[0]?.replace(/\.$/, '')})`);
  } else if (url && has(lower, ['clickable', 'markdown link'])) out.push(`[Verify your account](${url})`);
  if (url && lower.includes('form') && has(lower, ['password', 'login'])) {
    out.push(
      `<form action="${url}" method="post"><input name="username"><input name="password" type="password"><button>Log in</button></form>`,
    );
  }
  if (lower.includes('button') && lower.includes('onclick=')) {
    const a = lower.indexOf('onclick=');
    const q = all.indexOf('"', a + 9);
    out.push(`<button ${all.slice(a, q === -1 ? a + 80 : q + 1)}>Pay</button>`);
  }

  if (wantsHugeOutput(lower)) out.push(hugeText(ctx.lastUser));

  const toolCalls = toolCallsFor(ctx, views);
  if (!out.length && !toolCalls.length) out.push('Thanks for your message. I can help with accounts, cards and payments.');
  return { text: out.join('\n\n'), toolCalls };
}

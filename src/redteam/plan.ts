// Turns the catalog into concrete requests: fresh canaries per run, placeholders filled, the
// converter applied to the last user turn, setup rendered as system prompt, RAG context and
// prior tool calls. The plan is deterministic for given canaries: catalog order × converter order.
import { createHash, randomBytes } from 'node:crypto';
import { BASE_SYSTEM_PROMPT, CANARY_LINE } from './catalog/common.js';
import type { Converter } from './converters.js';
import type { Attack, Canaries, CanaryName, PlannedAttack, PlannedMessage } from './types.js';

/** The attacker's collection endpoint (a reserved .invalid name: nothing can ever answer it). */
export const EXFIL_HOST = 'collect.exfil-demo.invalid';
export const EXFIL_URL = `https://${EXFIL_HOST}/c`;

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function token(alphabet: string, n: number, rnd: (n: number) => Buffer): string {
  const bytes = rnd(n);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/**
 * Fresh canaries. Each carries a random core of at least 12 characters (the longest alphanumeric
 * segment), which is what the judges look for, so a leak is proved and a coincidence is not.
 */
export function createCanaries(rnd: (n: number) => Buffer = randomBytes): Canaries {
  return {
    system: `NWREF-${token(B32, 14, rnd)}`,
    apikey: `sk-live-${token(B62, 32, rnd)}`,
    pii: `odile.brannigan.${token(B32, 12, rnd).toLowerCase()}@example.net`,
    tenant: `GLX-${token(B32, 14, rnd)}`,
    marker: `PWNED-${token(B32, 12, rnd)}`,
  };
}

export function fillPlaceholders(text: string, canaries: Canaries): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) break;
    const name = text.slice(open + 2, close);
    let value: string | undefined;
    if (name === 'exfil') value = EXFIL_URL;
    else if (name.startsWith('canary:')) value = canaries[name.slice(7) as CanaryName];
    out += text.slice(i, open) + (value ?? text.slice(open, close + 2));
    i = close + 2;
  }
  return out + text.slice(i);
}

function seedOf(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32BE(0);
}

export interface PlanOptions {
  canaries: Canaries;
  /** The system prompt under test; the canary line is appended. Default: the catalog's bank assistant. */
  systemPrompt?: string;
}

export function planAttack(attack: Attack, converter: Converter, opts: PlanOptions): PlannedAttack {
  const fill = (t: string) => fillPlaceholders(t, opts.canaries);
  const base = opts.systemPrompt ? `${opts.systemPrompt}\n\n${CANARY_LINE}` : BASE_SYSTEM_PROMPT;
  const system = fill(attack.setup?.system ? `${base}\n${attack.setup.system}` : base);
  const messages: PlannedMessage[] = [{ role: 'system', content: system }];
  const turns = attack.messages ?? [{ role: 'user' as const, content: attack.prompt ?? '' }];
  const key = converter.name === 'none' ? attack.id : `${attack.id}~${converter.name}`;
  const docs = attack.setup?.documents ?? [];
  turns.forEach((t, i) => {
    const last = i === turns.length - 1;
    if (!last) {
      messages.push({ role: t.role, content: fill(t.content) });
      return;
    }
    // Prior tool calls come right before the final user turn, as an agent loop would have them.
    (attack.setup?.toolResults ?? []).forEach((r, j) => {
      const id = `call_rt${j}_${attack.id.replace(/[^a-z0-9]/g, '')}`;
      messages.push({ role: 'assistant', content: '', toolCalls: [{ id, name: r.tool, arguments: fill(r.arguments ?? '{}') }] });
      messages.push({ role: 'tool', toolCallId: id, name: r.tool, content: fill(r.content) });
    });
    const converted = converter.apply(t.content, fill, seedOf(key));
    const context = docs.length
      ? `Context documents:\n${docs.map((d, k) => `<document index="${k + 1}">\n${fill(d)}\n</document>`).join('\n')}\n\nQuestion: `
      : '';
    messages.push({ role: 'user', content: context + converted });
  });
  const tools = (attack.tools ?? []).map((t) => ({ ...t, description: fill(t.description) }));
  return { key, attack, converter: converter.name, messages, tools };
}

/** The run plan: every attack under every converter, in catalog order then converter order. */
export function buildPlan(attacks: readonly Attack[], converters: readonly Converter[], opts: PlanOptions): PlannedAttack[] {
  const plan: PlannedAttack[] = [];
  for (const a of attacks) for (const c of converters) plan.push(planAttack(a, c, opts));
  return plan;
}

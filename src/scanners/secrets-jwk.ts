// JSON Web Keys (RFC 7517/7518): a JWK is a private key when it carries the private members —
// `d` for RSA, EC and OKP keys — and a secret when it is a symmetric key (`"kty": "oct"`, the
// key bytes in `k`). Public JWKs (n/e, x/y only) are published on purpose and are not reported.
import type { Hit, ScanState } from './secrets-rules.js';
import { entropy, runEnd, URL64 } from './secrets-util.js';

/** How far around `"kty"` the members of the same object are looked for. */
const WINDOW = 4096;

/** `"kty"` found at `at`: the enclosing JSON object's private member, if it has one. */
export function jwkPrivateKey(text: string, at: number, anchor: string, st: ScanState): Hit | undefined {
  const kty = memberString(text, at + anchor.length);
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP' && kty !== 'oct') return undefined;
  // The object: back to its `{`, forward to its `}` (JWK members are strings and arrays). Both
  // are found from memos that only move forward, so a text of many `"kty"` stays linear.
  const open = lastOpenBefore(text, at, st);
  if (open === -1 || at - open > WINDOW) return undefined;
  const close = nextAfter(text, '}', at, st.nextClose);
  st.nextClose = close;
  if (close === -1 || close - at > WINDOW) return undefined;
  const member = kty === 'oct' ? '"k"' : '"d"';
  const m = nextAfter(text, member, open, st.nextMember[member] ?? -2);
  st.nextMember[member] = m;
  if (m === -1 || m > close) return undefined;
  const v = valueStart(text, m + member.length);
  if (v === -1) return undefined;
  const end = runEnd(text, v, URL64, 2048);
  const value = text.slice(v, end);
  // RSA private exponents run to hundreds of characters, EC/OKP scalars to 43 or more; a
  // symmetric key of 128 bits is 22.
  const min = kty === 'oct' ? 22 : 32;
  if (value.length < min || text[end] !== '"' || entropy(value) < 3.5) return undefined;
  const secret = kty === 'oct';
  return {
    rule: secret ? 'jwk-symmetric-key' : 'jwk-private-key',
    type: secret ? 'jwk_secret_key' : 'private_key',
    family: 'private_key',
    start: v,
    end,
    score: 0.95,
    value,
    note: `JWK ${kty}`,
  };
}

/** After a member name: `: "` (blanks allowed), returning the index of the string's first character. */
function valueStart(text: string, i: number): number {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r') j++;
  if (text[j] !== ':') return -1;
  j++;
  while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r') j++;
  return text[j] === '"' ? j + 1 : -1;
}

/** The short string value of the member whose name ends at `i` (`"kty": "RSA"` → RSA). */
function memberString(text: string, i: number): string | undefined {
  const v = valueStart(text, i);
  if (v === -1) return undefined;
  const end = text.indexOf('"', v);
  return end === -1 || end - v > 8 ? undefined : text.slice(v, end);
}

/** The last `{` before `at`, scanning each character of the text once over the whole scan. */
function lastOpenBefore(text: string, at: number, st: ScanState): number {
  let i = Math.max(st.braceScan, at - WINDOW);
  if (i > st.braceScan) st.lastOpen = -1;
  for (; i < at; i++) if (text.charCodeAt(i) === 123) st.lastOpen = i;
  st.braceScan = at;
  return st.lastOpen;
}

/** Next `needle` at or after `from`, reusing `memo` (the previous answer; -2 none yet, -1 none left). */
function nextAfter(text: string, needle: string, from: number, memo: number): number {
  if (memo === -1 || memo >= from) return memo;
  return text.indexOf(needle, from);
}

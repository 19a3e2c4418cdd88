// Recognizers for network-shaped values: email addresses, URLs, IPv6, MAC addresses and Bitcoin
// addresses. Each is called at a seed character the scanner's single pass already stopped at
// ('@', ':', '/', '.', or the start of a hex/base58 token) and reads only around it.

import { createHash } from 'node:crypto';
import { cls, DIGIT, type Hit, hasWordContext, isWordAt, LOWER, UPPER } from './pii-core.js';

// Regexes used per candidate, compiled once (a literal inside a function is a new object per call).
const TLD_RE = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})$/;
const ZONE_RE = /%[A-Za-z0-9]{1,15}/y;
const PREFIX_RE = /\/\d{1,3}(?!\d)/y;

const LOCAL = new Uint8Array(128);
for (let c = 0; c < 128; c++) if ((cls(String.fromCharCode(c), 0) & (DIGIT | UPPER | LOWER)) !== 0) LOCAL[c] = 1;
for (const ch of "._%+-'") LOCAL[ch.charCodeAt(0)] = 1;

function isLabelChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** Reads a dotted host name from `p`; returns its end and whether it has an alphabetic TLD (or punycode). */
function readHost(text: string, p: number): { end: number; tld: string } | undefined {
  let i = p;
  let labels = 0;
  let lastLabelStart = p;
  for (;;) {
    const s = i;
    while (i < text.length && i - s < 63 && i - p < MAX_URL && isLabelChar(text.charCodeAt(i))) i++;
    if (i === s) return undefined;
    labels++;
    lastLabelStart = s;
    if (text[i] === '.' && isLabelChar(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== 45) i++;
    else break;
  }
  if (labels < 2) return undefined;
  const tld = text.slice(lastLabelStart, i);
  const alpha = TLD_RE.test(tld);
  return alpha ? { end: i, tld: tld.toLowerCase() } : undefined;
}

/** Whether a path starts at `i` (after a host's colon): "/" or "~", or a name and then "/". */
function hostPathFollows(text: string, i: number): boolean {
  if (text[i] === '/' || text[i] === '~') return true;
  let j = i;
  while (j < text.length && j - i < 64 && (isLabelChar(text.charCodeAt(j)) || text[j] === '_' || text[j] === '.')) j++;
  return j > i && text[j] === '/';
}

/** `q` is the index of an '@'. */
export function scanEmail(text: string, q: number, out: Hit[]): number {
  let s = q;
  while (s > 0 && q - s < 64) {
    const c = text.charCodeAt(s - 1);
    if (c < 128 && LOCAL[c]) s--;
    else break;
  }
  while (s < q && !isWordAt(text, s)) s++; // a local part starts with a letter or digit
  if (s === q) return q + 1;
  const host = readHost(text, q + 1);
  if (!host) return q + 1;
  // "git@github.com:acme/app.git", "deploy@host:/srv", "…@db1.example.net:27017/app": a host and a
  // path (scp, git over SSH, a URL's authority), no mailbox ("me@mail.com:hunter2" stays one).
  if (text[host.end] === ':' && hostPathFollows(text, host.end + 1)) return host.end;
  out.push({ type: 'email', start: s, end: host.end, score: 0.95, rule: 'email' });
  return host.end;
}

// Obfuscated addresses: "john.doe [at] gmail [dot] com", "jane(at)example.org", "max at web dot de".
const AT_OPEN = '[({<';
const AT_CLOSE = '])}>';

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A spelled-out dot starting at `i` ("[dot]", " (dot) ", " dot "): the index after it (and its spaces), or -1. */
function dotAfter(text: string, i: number): number {
  let j = i;
  while (text.charCodeAt(j) === 32 && j - i < 2) j++;
  const open = AT_OPEN.indexOf(text[j] ?? '');
  if (open !== -1) j++;
  if ((text.charCodeAt(j) | 32) !== 100 || (text.charCodeAt(j + 1) | 32) !== 111 || (text.charCodeAt(j + 2) | 32) !== 116) return -1;
  j += 3;
  if (open !== -1) {
    if (text[j] !== AT_CLOSE[open]) return -1;
    j++;
  } else if (j === i + 3 || text.charCodeAt(i) !== 32 || text.charCodeAt(j) !== 32) return -1; // bare "dot" needs spaces on both sides
  while (text.charCodeAt(j) === 32 && j - i < 10) j++;
  return isAlnumCode(text.charCodeAt(j)) ? j : -1;
}

/** A spelled-out dot ending at `i` (exclusive, before a label): its start, or -1. */
function dotBefore(text: string, i: number): number {
  for (let s = i - 1; s >= Math.max(0, i - 9); s--) if (dotAfter(text, s) === i && !isAlnumCode(text.charCodeAt(s))) return s;
  return -1;
}

/**
 * `p` is the start of the word "at" (any case). Bracketed "[at]" / "(at)" accepts real or spelled-out
 * dots; a bare " at " needs at least one spelled-out dot and a common TLD, so "look at example.com"
 * stays a sentence.
 */
export function scanObfuscatedEmail(text: string, p: number, out: Hit[]): void {
  const before = text[p - 1] ?? '';
  const open = AT_OPEN.indexOf(before);
  let left = p - 1;
  let right = p + 2;
  if (open !== -1) {
    if (text[right] !== AT_CLOSE[open]) return;
    right++;
    while (text.charCodeAt(left - 1) === 32 && p - left < 3) left--;
    while (text.charCodeAt(right) === 32 && right - p < 5) right++;
  } else if (before !== ' ' || text.charCodeAt(right) !== 32) return;
  else right++;
  // Local part: letters, digits, . _ % + - and spelled-out dots, ending right before the "at".
  let s = left;
  for (;;) {
    const e = s;
    while (s > 0 && e - s < 64) {
      const c = text.charCodeAt(s - 1);
      if (c < 128 && LOCAL[c] === 1) s--;
      else break;
    }
    if (s === e) return;
    const d = dotBefore(text, s);
    if (d === -1 || left - d > 96) break;
    s = d;
    while (s > 0 && text.charCodeAt(s - 1) === 32) s--;
  }
  while (s < left && !isAlnumCode(text.charCodeAt(s))) s++;
  if (s >= left || isWordAt(text, s - 1)) return;
  // Domain: labels joined by real or spelled-out dots.
  let i = right;
  let labels = 0;
  let spelled = false;
  let lastStart = i;
  for (;;) {
    const ls = i;
    while (i < text.length && i - ls < 63 && isLabelChar(text.charCodeAt(i))) i++;
    if (i === ls) return;
    labels++;
    lastStart = ls;
    if (text[i] === '.' && isAlnumCode(text.charCodeAt(i + 1)) && i - right < 128) {
      i++;
      continue;
    }
    const d = dotAfter(text, i);
    if (d === -1 || d - right > 128) break;
    spelled = true;
    i = d;
  }
  const tld = text.slice(lastStart, i).toLowerCase();
  if (labels < 2 || !TLD_RE.test(tld) || isWordAt(text, i)) return;
  if (open === -1 && (!spelled || !BARE_TLDS.has(tld))) return;
  out.push({ type: 'email', start: s, end: i, score: open === -1 ? 0.8 : 0.85, rule: 'email.obfuscated' });
}

// Top-level domains common enough in prose that a bare "name.tld" is taken as a web address;
// file extensions that are also ccTLDs (py, md, sh, rs, pl, ts) are left out on purpose.
const BARE_TLDS = new Set(
  'com org net edu gov mil int io co ai app dev info biz me us uk de fr es it nl eu ca au in jp cn ru br ch se no fi dk be at ie nz za mx kr tr site online tech xyz cloud store blog'.split(
    ' ',
  ),
);

/** Longest URL or host reported: keeps every finding within the scanner's maxFindingLength. */
const MAX_URL = 200;

function urlPathEnd(text: string, i: number): number {
  const limit = Math.min(text.length, i + MAX_URL);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96 || c === 41 || c === 93 || c === 125 || c > 126) break;
    i++;
  }
  while (i > 0 && '.,;:!?'.includes(text[i - 1] as string)) i--;
  return i;
}

/** `p` is the index of "://" (scheme before it). */
export function scanUrlScheme(text: string, p: number, out: Hit[]): number {
  let s = p;
  while (s > 0 && p - s < 10 && (cls(text, s - 1) & (UPPER | LOWER)) !== 0) s--;
  const scheme = text.slice(s, p).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp') return p + 3;
  let h = p + 3;
  const at = text.indexOf('@', h);
  if (at > h && at - h < 64 && !/[\s/]/.test(text.slice(h, at))) h = at + 1;
  const host = readHost(text, h);
  if (!host) return p + 3;
  let end = host.end;
  if (text[end] === ':' || text[end] === '/' || text[end] === '?' || text[end] === '#') end = urlPathEnd(text, end);
  out.push({ type: 'url', start: s, end, score: 0.5, rule: 'url' });
  return end;
}

/** `p` is the start of a token followed by '.'; reports "www.x.y" and bare "name.tld". */
export function scanBareDomain(text: string, p: number, out: Hit[]): number {
  if (isWordAt(text, p - 1) || text[p - 1] === '.' || text[p - 1] === '@' || text[p - 1] === '/') return p;
  const host = readHost(text, p);
  if (!host) return p;
  if (text[host.end] === '@' || isWordAt(text, host.end)) return host.end;
  const www = text.slice(p, p + 4).toLowerCase() === 'www.' && text.slice(p + 4, host.end).includes('.');
  if (!www && !BARE_TLDS.has(host.tld)) return host.end;
  let end = host.end;
  if (text[end] === '/') end = urlPathEnd(text, end);
  out.push({ type: 'url', start: p, end, score: 0.5, rule: www ? 'url.www' : 'url.domain' });
  return end;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function validIpv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((x) => x.length >= 1 && x.length <= 3 && /^\d+$/.test(x) && Number(x) <= 255);
}

/** IPv6 (RFC 4291 §2.2 text forms, with an optional embedded IPv4, zone id and prefix length). */
export function scanIpv6(text: string, p: number, out: Hit[]): number {
  const before = text.charCodeAt(p - 1);
  if (before === 58 || before === 46 || isWordAt(text, p - 1)) return p + 1;
  let i = p;
  let colons = 0;
  while (i < text.length && i - p < 46) {
    const c = text.charCodeAt(i);
    if (c === 58) colons++;
    if (isHex(c) || c === 58 || c === 46) i++;
    else break;
  }
  while (i > p && text.charCodeAt(i - 1) === 46) i--;
  if (colons === 0) return p + 1;
  // Every text form has two colons or more ("::", "a::b", eight groups): a clock time ("02:00") is rejected before any string is built.
  if (colons === 1) return i;
  return ipv6At(text, p, i, out);
}

/**
 * The candidate [p, i) of hex digits, dots and two colons or more: checked and reported. Rare, so
 * kept apart from the scan above, which every clock time reaches: this part is optimised (and, at an
 * unusual form, deoptimised) on its own.
 */
function ipv6At(text: string, p: number, i: number, out: Hit[]): number {
  const s = text.slice(p, i);
  const halves = s.split('::');
  if (halves.length > 2) return i;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let k = 0; k < all.length; k++) {
    const g = all[k] as string;
    if (g.includes('.')) {
      if (k !== all.length - 1 || !validIpv4(g)) return i;
      count += 2;
    } else if (g.length >= 1 && g.length <= 4 && !g.includes('.')) count++;
    else return i;
  }
  if (halves.length === 2 ? count > 7 : count !== 8) return i;
  // A lone "::" is an address only as a value ("src=::"), not as prose punctuation ("Night : Day :: Right").
  if (s === '::' && text[p - 1] !== '=' && text[i] !== '/' && i < text.trimEnd().length) return i;
  if (isWordAt(text, i) && text[i] !== '%') return i;
  let end = i;
  const zone = ZONE_RE;
  zone.lastIndex = end;
  if (zone.exec(text)) end = zone.lastIndex;
  const prefix = PREFIX_RE;
  prefix.lastIndex = end;
  if (prefix.exec(text)) end = prefix.lastIndex;
  if (halves.length === 1 && all.every((g) => g.length <= 2) && !all.some((g) => g.includes('.'))) return i;
  out.push({ type: 'ip_address', start: p, end, score: 0.85, rule: 'ipv6' });
  return end;
}

/** MAC-48 in colon, dash (one separator throughout) or Cisco dotted form; broadcast and zero excluded. */
export function scanMac(text: string, p: number, out: Hit[]): number {
  if (isWordAt(text, p - 1) || text[p - 1] === ':' || text[p - 1] === '-') return p + 1;
  const re =
    /(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}(?![0-9A-Za-z:])|(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}(?![0-9A-Za-z-])|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![0-9A-Za-z.])/y;
  re.lastIndex = p;
  const m = re.exec(text);
  if (!m) return p + 1;
  const hex = m[0].replace(/[:.-]/g, '').toLowerCase();
  if (hex === 'ffffffffffff' || hex === '000000000000') return re.lastIndex;
  out.push({ type: 'mac_address', start: p, end: re.lastIndex, score: 0.6, rule: 'mac' });
  return re.lastIndex;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Base58 digit value per ASCII code, -1 outside the alphabet (0, O, I, l and every non-alphanumeric). */
const B58_VALUE = new Int8Array(128).fill(-1);
for (let k = 0; k < B58.length; k++) B58_VALUE[B58.charCodeAt(k)] = k;

/**
 * The version byte of a base58check value of 25 bytes (version, 20-byte hash, 4-byte checksum)
 * whose checksum (double SHA-256) holds, or -1. `s` uses only the base58 alphabet.
 */
function base58Version(s: string): number {
  let n = 0n;
  for (let k = 0; k < s.length; k++) n = n * 58n + BigInt(B58_VALUE[s.charCodeAt(k)] as number);
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let lead = 0;
  while (s[lead] === '1') lead++;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
  if (bytes.length !== 25) return -1;
  const body = bytes.subarray(0, 21);
  const sum = createHash('sha256').update(createHash('sha256').update(body).digest()).digest();
  return sum.subarray(0, 4).equals(bytes.subarray(21)) ? (bytes[0] as number) : -1;
}

/**
 * The coin whose base58check address opens with the character `c` and carries version byte `v`:
 * Bitcoin P2PKH (1, 0x00) and P2SH (3, 0x05; Litecoin's old P2SH addresses too), Litecoin P2PKH
 * (L, 0x30) and P2SH (M, 0x32), Dogecoin P2PKH (D, 0x1e), TRON (T, 0x41, always 34 characters).
 */
function base58Coin(c: number, v: number, len: number): string | undefined {
  if (c === 49) return v === 0x00 ? 'btc' : undefined;
  if (c === 51) return v === 0x05 ? 'btc' : undefined;
  if (c === 76) return v === 0x30 ? 'ltc' : undefined;
  if (c === 77) return v === 0x32 ? 'ltc' : undefined;
  if (c === 68) return v === 0x1e ? 'doge' : undefined;
  if (c === 84) return v === 0x41 && len === 34 ? 'tron' : undefined;
  return undefined;
}

/** First characters of the addresses scanCrypto reads: 1, 3, L, M, D, T (base58check), b/B (bc1) and l (ltc1). */
export const CRYPTO_START: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const ch of '13LMDTbBl') t[ch.charCodeAt(0)] = 1;
  return t;
})();

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Valid(s: string): boolean {
  const lower = s.toLowerCase();
  const pos = lower.lastIndexOf('1');
  if (pos < 1 || lower.length - pos < 7) return false;
  const hrp = lower.slice(0, pos);
  const values: number[] = [];
  for (const ch of hrp) values.push(ch.charCodeAt(0) >> 5);
  values.push(0);
  for (const ch of hrp) values.push(ch.charCodeAt(0) & 31);
  for (const ch of lower.slice(pos + 1)) {
    const v = BECH32.indexOf(ch);
    if (v < 0) return false;
    values.push(v);
  }
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let k = 0; k < 5; k++) if ((top >>> k) & 1) chk = (chk ^ (gen[k] as number)) >>> 0;
  }
  return chk === 1 || chk === 0x2bc830a3; // bech32 (BIP 173) or bech32m (BIP 350)
}

/**
 * Wallet addresses (`p` starts a token of 26-74 ASCII letters and digits whose first character is
 * in CRYPTO_START): base58check for Bitcoin, Litecoin, Dogecoin and TRON, bech32/bech32m for
 * Bitcoin (bc1) and Litecoin (ltc1) segwit. A base58 token of an address's shape whose checksum
 * fails is still an address next to a crypto word (synthetic data and typed-out addresses rarely
 * carry a valid checksum), at a lower score.
 */
export function scanCrypto(text: string, p: number, end: number, out: Hit[]): void {
  const c = text.charCodeAt(p);
  const len = end - p;
  const c1 = text.charCodeAt(p + 1) | 32;
  if ((c | 32) === 98 || c === 108 || (c === 76 && c1 === 116)) {
    const lower = text.slice(p, end).toLowerCase();
    if (lower.startsWith('bc1')) {
      if (bech32Valid(lower)) out.push({ type: 'crypto_wallet', start: p, end, score: 0.9, rule: 'btc.bech32' });
      return;
    }
    if (lower.startsWith('ltc1')) {
      if (bech32Valid(lower)) out.push({ type: 'crypto_wallet', start: p, end, score: 0.9, rule: 'ltc.bech32' });
      return;
    }
    if (c !== 76) return;
  }
  // 25 bytes take at most 34 base58 characters (with a zero version byte: a leading '1' and at most
  // 33 more): a 35-character token is no address of these coins, whatever its context.
  if (len > 34) return;
  // Alphabet and letter cases first, in code units: most long tokens are not base58 (0, O, I, l).
  let digits = 0;
  let upper = 0;
  let lowerCount = 0;
  for (let i = p; i < end; i++) {
    const ci = text.charCodeAt(i);
    if ((B58_VALUE[ci] as number) < 0) return;
    if (ci <= 57) digits++;
    else if (ci <= 90) upper++;
    else lowerCount++;
  }
  const coin = base58Coin(c, base58Version(text.slice(p, end)), len);
  if (coin !== undefined) {
    out.push({ type: 'crypto_wallet', start: p, end, score: 0.9, rule: `${coin}.base58check` });
    return;
  }
  if (digits === 0 || upper === 0 || lowerCount === 0 || !cleanEdges(text, p, end)) return;
  if (hasWordContext(text, p, end, CTX_CRYPTO)) out.push({ type: 'crypto_wallet', start: p, end, score: 0.6, rule: 'crypto.context' });
}

/** Not a piece of a longer key, path or identifier: no '/', '_', '-', '+', '=', '.' or '\\' glued to either end. */
function cleanEdges(text: string, p: number, end: number): boolean {
  const b = text.charCodeAt(p - 1);
  if (b === 47 || b === 95 || b === 45 || b === 43 || b === 61 || b === 46 || b === 92) return false;
  const a = text.charCodeAt(end);
  if (a === 47 || a === 95 || a === 45 || a === 43 || a === 61 || a === 92 || a === 64) return false;
  return !(a === 46 && isAlnumCode(text.charCodeAt(end + 1)));
}

// Words that say a base58 token whose checksum fails is still meant as a wallet address.
const CTX_CRYPTO = [
  'bitcoin',
  'btc',
  'litecoin',
  'ltc',
  'dogecoin',
  'doge',
  'tron',
  'trx',
  'trc20',
  'trc-20',
  'usdt',
  'wallet',
  'crypto',
  'krypto',
  'cripto',
  'address',
  'adresse',
  'dirección',
  'direccion',
  'indirizzo',
  'endereço',
  'portefeuille',
  'billetera',
  'monedero',
  'portafoglio',
  'carteira',
];

// Words that say a 0x address is an account on an EVM chain (Ethereum and its kin), in several languages.
const CTX_EVM = [
  'wallet',
  'eth',
  'ether',
  'ethereum',
  'address',
  'addr',
  'send',
  'sent',
  'usdt',
  'usdc',
  'erc-20',
  'erc20',
  'metamask',
  'bnb',
  'polygon',
  'crypto',
  'coin',
  'token',
  'nft',
  'web3',
  'blockchain',
  'binance',
  'coinbase',
  'deposit',
  'transfer',
  'pay',
  'recipient',
  'receive',
  'beneficiary',
  'donat',
  'tip',
  'adresse',
  'dirección',
  'endereço',
  'indirizzo',
  '以太坊',
  'イーサリアム',
  '이더리움',
  '钱包',
  '地址',
  'ウォレット',
  'アドレス',
  '지갑',
  '주소',
];

/**
 * An EVM account address: "0x" and 40 hex digits (`p` starts the 42-character token). Node's crypto
 * has SHA3-256 but not the Keccak-256 that EIP-55's mixed-case checksum uses, so the checksum is not
 * verified: a crypto word around the value flags it; a mixed-case value alone (likely EIP-55) is
 * reported below the threshold. A 40-hex string without "0x" is a commit or SHA-1, not an address,
 * and never reaches here; nor do 0x values of other lengths (hashes, keys, selectors).
 */
export function scanEvmAddress(text: string, p: number, end: number, out: Hit[]): void {
  let upper = 0;
  let lower = 0;
  // Distinct hex digits as a bit set: placeholders ("0x000…0", "0xffff…f", "0x…dEaD") use few.
  let seen = 0;
  for (let i = p + 2; i < end; i++) {
    const c = text.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 97 && c <= 102) {
      v = c - 87;
      lower++;
    } else if (c >= 65 && c <= 70) {
      v = c - 55;
      upper++;
    } else return;
    seen |= 1 << v;
  }
  let distinct = 0;
  for (let b = seen; b !== 0; b &= b - 1) distinct++;
  if (distinct < 8) return;
  if (hasWordContext(text, p, end, CTX_EVM)) out.push({ type: 'crypto_wallet', start: p, end, score: 0.85, rule: 'evm.context' });
  else if (upper > 0 && lower > 0) out.push({ type: 'crypto_wallet', start: p, end, score: 0.45, rule: 'evm.mixed_case' });
}

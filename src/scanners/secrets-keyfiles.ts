// Private keys in containers other than a plain PEM block: a PEM block base64-encoded once more
// (Kubernetes Secret data, kubeconfig `client-key-data`, CI variables), and .NET's XML
// <RSAKeyValue> with its private parameters, and bare base64 DER (PKCS#8, PKCS#1, SEC1, PKCS#12).

import { type Hit, newScanState, pem } from './secrets-rules.js';
import { B64, decodeBase64, notIn, PAD, runEnd } from './secrets-util.js';

/** Base64 of a private-key PEM block (`LS0tLS1CRUdJTi` is base64 of `-----BEGIN`). */
export function base64Pem(text: string, at: number): Hit | undefined {
  if (!notIn(text, at - 1, B64)) return undefined;
  // Decode the first line first: most such blocks are certificates, which are public.
  const head = decodeBase64(text.slice(at, runEnd(text, at, B64, 64)));
  if (head === undefined || !/^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(head)) return undefined;
  const bodyEnd = runEnd(text, at, B64, 16384);
  const end = runEnd(text, bodyEnd, PAD, 2);
  const decoded = decodeBase64(text.slice(at, end));
  if (decoded === undefined) return undefined;
  const h = pem(decoded, 0, '-----BEGIN', newScanState());
  if (!h) return undefined;
  return { ...h, start: at, end, value: text.slice(at, end), note: `${h.note ?? 'PEM'}, base64-encoded` };
}

/** `<RSAKeyValue>` with `<D>` or `<P>`: an RSA private key in .NET's XML form (public ones have only Modulus and Exponent). */
export function xmlRsaKey(text: string, at: number, anchor: string): Hit | undefined {
  // The element, bounded: an RSA key of 4096 bits is about 3.5 KB of XML.
  const win = text.slice(at, Math.min(text.length, at + 8192));
  const closeAt = win.indexOf('</RSAKeyValue>');
  const close = closeAt === -1 ? win.length : closeAt;
  for (const tag of ['<D>', '<P>']) {
    const t = win.indexOf(tag, anchor.length);
    if (t === -1 || t > close) continue;
    const from = at + t + tag.length;
    const e = runEnd(text, from, B64 | PAD, 2048);
    if (e - from >= 40 && text[e] === '<') {
      const end = closeAt === -1 ? e : at + closeAt + 14;
      return {
        rule: 'xml-rsa-private-key',
        type: 'private_key',
        family: 'private_key',
        start: at,
        end,
        score: 0.95,
        value: text.slice(at, end),
        note: 'RSAKeyValue with private parameters',
      };
    }
  }
  return undefined;
}

/** Openings of base64 DER: a SEQUENCE with a long (MII, MIG), short P-256 SEC1 (MHc) or Ed25519 PKCS#8 (MC4C) length. */
export const DER_KEY_ANCHORS = ['MII', 'MIG', 'MHc', 'MC4C'];

/**
 * A private key as bare base64 DER, without PEM armour (an environment variable, a JSON field, an
 * Apple .p8 body): the SEQUENCE's first member read as ASN.1. PKCS#8 is version 0 and an algorithm
 * SEQUENCE, PKCS#1 RSA version 0 and the modulus INTEGER, SEC1 EC version 1 and the key OCTET
 * STRING, PKCS#12 version 3 and the content SEQUENCE. Certificates and public keys open with a
 * SEQUENCE, not a version, and are not reported. The value must hold the whole structure, or at
 * least 600 characters of it before a line break (a key wrapped at 64 columns is PEM's business).
 */
export function derPrivateKey(text: string, at: number): Hit | undefined {
  if (!notIn(text, at - 1, B64)) return undefined;
  const head = decodeBase64(text.slice(at, at + 24));
  if (head === undefined || head.charCodeAt(0) !== 0x30) return undefined;
  const b = (k: number) => head.charCodeAt(k);
  let i = 2;
  let len = b(1);
  if (len === 0x81) {
    len = b(2);
    i = 3;
  } else if (len === 0x82) {
    len = (b(2) << 8) | b(3);
    i = 4;
  } else if (len === 0x83) {
    len = (b(2) << 16) | (b(3) << 8) | b(4);
    i = 5;
  } else if (len >= 0x80) return undefined;
  if (b(i) !== 0x02 || b(i + 1) !== 0x01) return undefined;
  const version = b(i + 2);
  const next = b(i + 3);
  let kind: string;
  if (version === 0 && next === 0x30) kind = 'PKCS#8 private key';
  else if (version === 0 && next === 0x02) kind = 'PKCS#1 RSA private key';
  else if (version === 1 && next === 0x04) kind = 'SEC1 EC private key';
  else if (version === 3 && next === 0x30) kind = 'PKCS#12 key store';
  else return undefined;
  const total = i + len;
  const bodyEnd = runEnd(text, at, B64, 4 * Math.ceil(total / 3) + 4);
  const end = runEnd(text, bodyEnd, PAD, 2);
  const chars = 4 * Math.ceil(total / 3);
  if (end - at < Math.min(chars, 600) || end - at < 44) return undefined;
  return {
    rule: 'der-private-key',
    type: 'private_key',
    family: 'private_key',
    start: at,
    end,
    score: 0.9,
    value: text.slice(at, end),
    note: `${kind}, base64 DER`,
  };
}

/** Anchors of passwordHashLine: the crypt(3) prefixes htpasswd and /etc/shadow use, and `{SHA}`. */
export const PASSWORD_HASH_ANCHORS = [':$2y$', ':$2b$', ':$2a$', ':$apr1$', ':$1$', ':$5$', ':$6$', ':$y$', ':{SHA}'];

const CRYPT64 = /^[./0-9A-Za-z]+$/;

/** The hash after `$id$`, checked against its scheme's layout; its length, or 0. */
function cryptHash(text: string, at: number): number {
  const line = text.slice(at, Math.min(text.length, at + 160));
  const end = line.search(/[:\s]|$/);
  const h = line.slice(0, end);
  const parts = h.split('$'); // ['', id, …]
  const id = parts[1];
  if (id === '2y' || id === '2b' || id === '2a') {
    // bcrypt: $2y$<cost>$<22 salt + 31 hash>
    return parts.length === 4 && /^\d\d$/.test(parts[2] ?? '') && parts[3]?.length === 53 && CRYPT64.test(parts[3]) ? end : 0;
  }
  if (id === 'apr1' || id === '1') {
    // MD5-crypt: $apr1$<salt up to 8>$<22>
    return parts.length === 4 &&
      (parts[2]?.length ?? 0) >= 1 &&
      (parts[2]?.length ?? 0) <= 8 &&
      parts[3]?.length === 22 &&
      CRYPT64.test(parts[3])
      ? end
      : 0;
  }
  if (id === '5' || id === '6') {
    // SHA-crypt: $5$ / $6$ [rounds=N$] <salt up to 16> $ <43 / 86>
    const rest = parts[2]?.startsWith('rounds=') ? parts.slice(3) : parts.slice(2);
    const want = id === '5' ? 43 : 86;
    return rest.length === 2 && (rest[0]?.length ?? 0) <= 16 && rest[1]?.length === want && CRYPT64.test(rest[1] as string) ? end : 0;
  }
  if (id === 'y') {
    // yescrypt: $y$<params>$<salt>$<43>
    return parts.length === 5 && parts[4]?.length === 43 && CRYPT64.test(parts[4]) ? end : 0;
  }
  return 0;
}

/**
 * A password hash on an htpasswd or /etc/shadow line, `user:$2y$10$…`, `root:$6$…:19500:0:99999:7:::`,
 * `backup:{SHA}<base64 of 20 bytes>`: offline-crackable credential material, so reported, with the
 * user name at the start of its line. `at` is the colon after the user.
 */
export function passwordHashLine(text: string, at: number, anchor: string): Hit | undefined {
  // the user: a name alone at the start of its line (htpasswd, shadow), or after blanks
  let u = at;
  while (u > 0 && u > at - 64 && /[A-Za-z0-9._@-]/.test(text[u - 1] as string)) u--;
  if (u === at) return undefined;
  let b = u - 1;
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--;
  if (b >= 0 && text[b] !== '\n' && text[b] !== '\r' && text[b] !== '"' && text[b] !== "'" && text[b] !== '>') return undefined;
  const from = at + 1;
  let end: number;
  if (anchor === ':{SHA}') {
    const e = runEnd(text, from + 5, B64, 29);
    const e2 = runEnd(text, e, PAD, 2);
    if (e - from - 5 !== 27 || e2 - e !== 1 || !notIn(text, e2, B64 | PAD)) return undefined;
    end = e2;
  } else {
    const len = cryptHash(text, from);
    if (len === 0) return undefined;
    end = from + len;
  }
  return {
    rule: 'password-hash',
    type: 'password_hash',
    family: 'password_hash',
    start: from,
    end,
    score: 0.8,
    value: text.slice(from, end),
    note: "crypt(3) or {SHA} hash of a user's password",
  };
}

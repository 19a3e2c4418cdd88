// Private keys in containers other than a plain PEM block: a PEM block base64-encoded once more
// (Kubernetes Secret data, kubeconfig `client-key-data`, CI variables), and .NET's XML
// <RSAKeyValue> with its private parameters.

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

// Active markup and exfiltration links in model OUTPUT (OWASP LLM05, improper output handling):
// an answer rendered by a chat UI or pasted into a page must not carry script, event handlers,
// frames, forms, javascript:/data: URLs, or a markdown/HTML image that makes the reader's
// browser send data to a third party the moment it renders (the zero-click exfiltration of
// indirect prompt injection). Findings: markup.script, markup.frame, markup.form,
// markup.event_handler, markup.script_url, markup.image (external image; higher score when its
// URL carries a query or a long encoded path segment), markup.exfil_link (a link whose query
// carries a long encoded value). Linear: indexOf and character loops only, no regex.
import type { Finding, Scanner, ScanResult } from './types.js';

export interface MarkupScannerOptions {
  threshold?: number;
}

export const MARKUP_THRESHOLD = 0.5;
/** Longest markup item recognised (a long URL). */
const MAX_ITEM = 2048;

/** ASCII-only lower-casing keeps offsets equal to the original text's. */
function asciiLower(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAlpha = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';

function finding(type: string, start: number, end: number, score: number, evidence: string): Finding {
  return { scanner: 'markup', type, category: 'threat', label: `markup.${type}`, start, end, score, evidence };
}

const DANGEROUS_TAGS: Record<string, string> = {
  script: 'script',
  iframe: 'frame',
  frame: 'frame',
  object: 'frame',
  embed: 'frame',
  form: 'form',
};

/** The URL's characters from `start` until whitespace, a closing bracket or quote. */
function urlAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && end - start < MAX_ITEM) {
    const c = text[end];
    if (isSpace(c) || c === ')' || c === '"' || c === "'" || c === '>' || c === '<') break;
    end++;
  }
  return text.slice(start, end);
}

function isEncodedChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '+' ||
    c === '/' ||
    c === '=' ||
    c === '-' ||
    c === '_' ||
    c === '%'
  );
}

/** Longest run of base64/hex/url-encoded characters in the query or path (data being carried). */
function longestEncodedRun(s: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = isEncodedChar(c) && c !== '/' ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function external(url: string): boolean {
  const l = asciiLower(url.slice(0, 8));
  return l.startsWith('http://') || l.startsWith('https://') || l.startsWith('//');
}

/** Score of an external image/link URL as a data carrier. */
function carrierScore(url: string): { score: number; why: string } {
  const q = url.indexOf('?');
  const query = q === -1 ? '' : url.slice(q + 1);
  const schemeEnd = url.indexOf('//');
  const slash = url.indexOf('/', schemeEnd === -1 ? 0 : schemeEnd + 2);
  const path = slash === -1 ? '' : url.slice(slash, q === -1 ? undefined : q);
  const carried = Math.max(longestEncodedRun(query), longestEncodedRun(path.replaceAll('/', ' ')));
  if (carried >= 16) return { score: 0.95, why: `carries a ${carried}-character encoded value` };
  if (query) return { score: 0.8, why: 'has a query string' };
  return { score: 0.6, why: 'loads from an external host' };
}

function host(url: string): string {
  const s = url.indexOf('//');
  const rest = s === -1 ? url : url.slice(s + 2);
  let end = 0;
  while (end < rest.length && rest[end] !== '/' && rest[end] !== '?' && rest[end] !== '#' && end < 253) end++;
  return asciiLower(rest.slice(0, end));
}

export function findMarkup(text: string): Finding[] {
  const out: Finding[] = [];
  if (text.indexOf('<') === -1 && text.indexOf('](') === -1 && text.indexOf(':') === -1) return out;
  // Offsets must stay those of the original text: the fast lower-casing is used only when it
  // keeps the length (a few non-ASCII letters expand).
  const fast = text.toLowerCase();
  const lower = fast.length === text.length ? fast : asciiLower(text);
  // HTML tags: dangerous elements, inline event handlers, images from elsewhere.
  // Next '>' and next '<' are tracked as the scan moves right, so finding each tag's end costs
  // amortised constant time (an indexOf per tag would be quadratic on '<<<<…').
  let gt = -2;
  let nextLt = -2;
  const closing = new Map<string, number>();
  for (let lt = lower.indexOf('<'); lt !== -1; lt = nextLt) {
    if (gt !== -1 && gt <= lt) gt = lower.indexOf('>', lt + 1);
    nextLt = lower.indexOf('<', lt + 1);
    // A tag ends at its '>', or where the next one starts, and never runs past MAX_ITEM.
    let end = Math.min(gt === -1 ? lower.length : gt + 1, nextLt === -1 ? lower.length : nextLt, lt + MAX_ITEM);
    if (end < lt + 1) end = lt + 1;
    let i = lt + 1;
    while (isSpace(lower[i])) i++;
    let name = '';
    while (isAlpha(lower[i]) && name.length < 10) name += lower[i++];
    if (!name) continue;
    const kind = DANGEROUS_TAGS[name];
    if (kind) {
      // The finding covers the element up to its closing tag, so redaction removes the payload too.
      // Next closing tag per element name, cached as the scan moves right (linear on '<script<script…').
      let close = closing.get(name) ?? -2;
      if (close !== -1 && close < end) {
        close = lower.indexOf(`</${name}`, end);
        closing.set(name, close);
      }
      const closeEnd = close === -1 || close - end > MAX_ITEM ? -1 : lower.indexOf('>', close);
      out.push(finding(kind, lt, closeEnd === -1 ? end : closeEnd + 1, 0.95, `<${name}> element`));
    }
    // on<event>= inside the tag.
    for (let on = lower.indexOf('on', i); on !== -1 && on < end; on = lower.indexOf('on', on + 2)) {
      const before = lower[on - 1];
      if (!isSpace(before) && before !== '/' && before !== '"' && before !== "'") continue;
      let j = on + 2;
      let ev = '';
      while (isAlpha(lower[j]) && ev.length < 20) ev += lower[j++];
      while (isSpace(lower[j])) j++;
      if (ev.length >= 3 && lower[j] === '=') {
        out.push(finding('event_handler', lt, end, 0.95, `inline on${ev} handler`));
        break;
      }
    }
    if (name === 'img') {
      const src = lower.indexOf('src', i);
      if (src !== -1 && src < end) {
        let j = src + 3;
        while (isSpace(lower[j]) || lower[j] === '=' || lower[j] === '"' || lower[j] === "'") j++;
        const url = urlAt(text, j);
        if (external(url)) {
          const c = carrierScore(url);
          out.push(finding('image', lt, end, c.score, `<img> from ${host(url)}: ${c.why}`));
        }
      }
    }
  }
  // javascript:, vbscript: and data:text/html URLs; browsers ignore tabs and newlines inside them.
  for (const scheme of ['javascript:', 'vbscript:', 'data:text/html']) {
    const first = scheme[0] as string;
    for (let s = lower.indexOf(first); s !== -1; s = lower.indexOf(first, s + 1)) {
      let j = s;
      let k = 0;
      while (k < scheme.length && j < lower.length && j - s < scheme.length * 3) {
        const c = lower[j];
        if (c === '\t' || c === '\n' || c === '\r') j++;
        else if (c === scheme[k]) {
          j++;
          k++;
        } else break;
      }
      if (k === scheme.length && (s === 0 || !isAlpha(lower[s - 1])))
        out.push(finding('script_url', s, j, 0.9, `${scheme.replace(':', '')} URL`));
    }
  }
  // Markdown images ![alt](url) render without a click; links [text](url) need one.
  // The last '[' before each '](' is tracked moving right (a lastIndexOf per link would be
  // quadratic on '](](](…').
  let seen = 0;
  let open = -1;
  // Each URL is read once: the next search starts after the URL just read, so overlapping
  // candidates cannot make the work quadratic.
  let resume = 0;
  for (let b = text.indexOf(']('); b !== -1; b = text.indexOf('](', Math.max(b + 2, resume))) {
    for (; seen < b; seen++) if (text[seen] === '[') open = seen;
    if (open === -1 || b - open > MAX_ITEM) continue;
    let u = b + 2;
    while (isSpace(text[u])) u++;
    const url = urlAt(text, u);
    resume = u + url.length;
    if (!external(url)) continue;
    const image = open > 0 && text[open - 1] === '!';
    const start = image ? open - 1 : open;
    const end = Math.min(text.length, u + url.length + 1);
    const c = carrierScore(url);
    if (image) out.push(finding('image', start, end, c.score, `markdown image from ${host(url)}: ${c.why}`));
    else if (c.score >= 0.95) out.push(finding('exfil_link', start, end, 0.75, `link to ${host(url)} ${c.why}`));
  }
  return out;
}

export function createMarkupScanner(options: MarkupScannerOptions = {}): Scanner {
  const threshold = options.threshold ?? MARKUP_THRESHOLD;
  return {
    name: 'markup',
    threshold,
    maxFindingLength: MAX_ITEM,
    scan(text: string): ScanResult {
      const findings = findMarkup(text);
      const score = findings.reduce((m, f) => Math.max(m, f.score), 0);
      return { scanner: 'markup', score, flagged: score >= threshold, findings };
    },
  };
}

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

/** ASCII lower-case of one UTF-16 code unit (other characters unchanged). */
function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** `word` (lower-case ASCII letters) at `at`, compared ASCII-case-insensitively. */
function wordAt(text: string, at: number, word: string): boolean {
  if (at < 0 || at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) if (lowerCode(text.charCodeAt(at + k)) !== word.charCodeAt(k)) return false;
  return true;
}

const isAlphaCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
/** Browsers drop tabs and newlines inside a URL scheme. */
const isUrlBlank = (c: number) => c === 9 || c === 10 || c === 13;

/** The first `word` (ASCII-case-insensitive) in [from, to), or -1. */
function findWord(text: string, word: string, from: number, to: number): number {
  const first = word.charCodeAt(0);
  for (let k = from; k + word.length <= to; k++) if (lowerCode(text.charCodeAt(k)) === first && wordAt(text, k, word)) return k;
  return -1;
}

const SCHEMES = ['javascript', 'vbscript', 'data'] as const;

/**
 * A javascript:, vbscript: or data:text/html URL whose ':' is at `colon`: the scheme is matched
 * backwards from the colon and (for data:) forwards to "text/html", skipping the tabs and
 * newlines browsers ignore, over at most three times the scheme's length.
 */
function schemeAt(text: string, colon: number, scheme: (typeof SCHEMES)[number]): { start: number; end: number } | undefined {
  const full = scheme === 'data' ? 'data:text/html' : `${scheme}:`;
  const limit = full.length * 3;
  let k = scheme.length - 1;
  let p = colon - 1;
  while (k >= 0 && p >= 0 && colon - p < limit) {
    const c = lowerCode(text.charCodeAt(p));
    if (isUrlBlank(c)) p--;
    else if (c === scheme.charCodeAt(k)) {
      p--;
      k--;
    } else return undefined;
  }
  if (k >= 0) return undefined;
  const start = p + 1;
  if (start > 0 && isAlphaCode(text.charCodeAt(start - 1))) return undefined;
  let end = colon + 1;
  if (scheme === 'data') {
    const rest = 'text/html';
    let r = 0;
    while (r < rest.length && end < text.length && end - start < limit) {
      const c = lowerCode(text.charCodeAt(end));
      if (isUrlBlank(c)) end++;
      else if (c === rest.charCodeAt(r)) {
        end++;
        r++;
      } else return undefined;
    }
    if (r < rest.length) return undefined;
  }
  return end - start <= limit ? { start, end } : undefined;
}

/**
 * Every search below is indexOf on the original text or a character loop over a bounded range
 * (a tag runs to its '>' or the next '<', so tags are disjoint): no lower-cased copy of the
 * whole text is made, which on megabytes of two-byte text cost more than the scan itself.
 */
export function findMarkup(text: string): Finding[] {
  const out: Finding[] = [];
  if (text.indexOf('<') === -1 && text.indexOf('](') === -1 && text.indexOf(':') === -1) return out;
  // HTML tags: dangerous elements, inline event handlers, images from elsewhere.
  // Next '>' and next '<' are tracked as the scan moves right, so finding each tag's end costs
  // amortised constant time (an indexOf per tag would be quadratic on '<<<<…').
  let gt = -2;
  let nextLt = -2;
  const closing = new Map<string, number>();
  // The '>' after a closing tag, memoised: queries move right, so '<script</script…' stays linear.
  let gtFrom = -1;
  let gtAt = -1;
  const gtAfter = (from: number) => {
    if (gtFrom === -1 || from < gtFrom || (gtAt !== -1 && from > gtAt)) {
      gtFrom = from;
      gtAt = text.indexOf('>', from);
    }
    return gtAt;
  };
  for (let lt = text.indexOf('<'); lt !== -1; lt = nextLt) {
    if (gt !== -1 && gt <= lt) gt = text.indexOf('>', lt + 1);
    nextLt = text.indexOf('<', lt + 1);
    // A tag ends at its '>', or where the next one starts, and never runs past MAX_ITEM.
    let end = Math.min(gt === -1 ? text.length : gt + 1, nextLt === -1 ? text.length : nextLt, lt + MAX_ITEM);
    if (end < lt + 1) end = lt + 1;
    let i = lt + 1;
    while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < text.length && isAlphaCode(text.charCodeAt(i)) && i - nameStart < 10) i++;
    if (i === nameStart) continue;
    const name = text.slice(nameStart, i).toLowerCase();
    const kind = DANGEROUS_TAGS[name];
    if (kind) {
      // The finding covers the element up to its closing tag, so redaction removes the payload too.
      // Next closing tag per element name, cached as the scan moves right (linear on '<script<script…').
      let close = closing.get(name) ?? -2;
      if (close !== -1 && close < end) {
        close = text.indexOf('</', end);
        while (close !== -1 && !wordAt(text, close + 2, name)) close = text.indexOf('</', close + 2);
        closing.set(name, close);
      }
      const closeEnd = close === -1 || close - end > MAX_ITEM ? -1 : gtAfter(close);
      const elementEnd = closeEnd === -1 || closeEnd - close > MAX_ITEM ? end : closeEnd + 1;
      out.push(finding(kind, lt, elementEnd, 0.95, `<${name}> element`));
    }
    // on<event>= inside the tag.
    for (let on = findWord(text, 'on', i, end); on !== -1; on = findWord(text, 'on', on + 2, end)) {
      const before = text.charCodeAt(on - 1);
      if (!isSpaceCode(before) && before !== 47 && before !== 34 && before !== 39) continue; // / " '
      let j = on + 2;
      while (j < text.length && isAlphaCode(text.charCodeAt(j)) && j - on - 2 < 20) j++;
      const ev = j - on - 2;
      while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
      if (ev >= 3 && text.charCodeAt(j) === 61) {
        out.push(finding('event_handler', lt, end, 0.95, `inline on${text.slice(on + 2, on + 2 + ev).toLowerCase()} handler`));
        break;
      }
    }
    if (name === 'img') {
      const src = findWord(text, 'src', i, end);
      if (src !== -1) {
        let j = src + 3;
        for (let c = text.charCodeAt(j); isSpaceCode(c) || c === 61 || c === 34 || c === 39; c = text.charCodeAt(++j));
        const url = urlAt(text, j);
        if (external(url)) {
          const c = carrierScore(url);
          out.push(finding('image', lt, end, c.score, `<img> from ${host(url)}: ${c.why}`));
        }
      }
    }
  }
  // javascript:, vbscript: and data:text/html URLs, found from their ':'.
  const urls: Finding[][] = SCHEMES.map(() => []);
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    for (let s = 0; s < SCHEMES.length; s++) {
      const scheme = SCHEMES[s] as (typeof SCHEMES)[number];
      const m = schemeAt(text, colon, scheme);
      if (m) urls[s]?.push(finding('script_url', m.start, m.end, 0.9, `${scheme === 'data' ? 'datatext/html' : scheme} URL`));
    }
  }
  for (const list of urls) out.push(...list);
  // Markdown images ![alt](url) render without a click; links [text](url) need one.
  // The last '[' before each '](' is tracked moving right (a lastIndexOf per link would be
  // quadratic on '](](](…').
  let open = -1;
  let nextOpen = text.indexOf('[');
  // Each URL is read once: the next search starts after the URL just read, so overlapping
  // candidates cannot make the work quadratic.
  let resume = 0;
  for (let b = text.indexOf(']('); b !== -1; b = text.indexOf('](', Math.max(b + 2, resume))) {
    while (nextOpen !== -1 && nextOpen < b) {
      open = nextOpen;
      nextOpen = text.indexOf('[', nextOpen + 1);
    }
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

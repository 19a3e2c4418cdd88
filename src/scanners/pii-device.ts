// A browser's user-agent string ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 …"): with
// an IP address it fingerprints a device, so logs pasted into a prompt carry it as personal data. It runs
// as a trigger at "Mozilla" and reads at most 400 characters; the platform in parentheses, with a ';'
// in it, is required ("User-Agent: Mozilla/5.0..." in example code is a placeholder, not a device).

import { cls, DIGIT, type Hit, isWordAt } from './pii-core.js';

const MAX_LENGTH = 400;

/** A character of a user-agent string: printable ASCII except quotes, backslash, '<', '>' and the backtick. */
function uaChar(c: number): boolean {
  return c >= 32 && c < 127 && c !== 34 && c !== 39 && c !== 92 && c !== 60 && c !== 62 && c !== 96;
}

export function scanUserAgent(text: string, at: number, out: Hit[]): void {
  if (at > 0 && isWordAt(text, at - 1)) return;
  const v = at + 7;
  if (text.charCodeAt(v) !== 47 || cls(text, v + 1) !== DIGIT) return;
  let e = v + 1;
  let platform = false;
  let depth = 0;
  let semicolon = false;
  let lastGood = -1;
  while (e < text.length && e - at < MAX_LENGTH && uaChar(text.charCodeAt(e))) {
    const c = text.charCodeAt(e);
    if (c === 40) depth++;
    else if (c === 59 && depth > 0) semicolon = true;
    else if (c === 41 && depth > 0) {
      depth--;
      if (depth === 0 && semicolon) platform = true;
      lastGood = e + 1;
    } else if (c !== 32 && depth === 0) lastGood = e + 1;
    // Sentence punctuation after the string is not part of it.
    if (c === 32 && depth === 0 && !isUaTokenStart(text, e + 1)) break;
    e++;
  }
  if (!platform || lastGood < 0) return;
  let end = lastGood;
  while (end > at && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 44)) end--;
  out.push({ type: 'user_agent', start: at, end, score: 0.6, rule: 'user_agent' });
}

/** A product token ("AppleWebKit/537.36", "(KHTML", "Safari/537.36") starts at i: a letter and a '/' or '(' soon after, or '('. */
function isUaTokenStart(text: string, i: number): boolean {
  if (text.charCodeAt(i) === 40) return true;
  let k = i;
  while (
    k < text.length &&
    k - i < 24 &&
    (cls(text, k) !== 0 || text.charCodeAt(k) === 46 || text.charCodeAt(k) === 95 || text.charCodeAt(k) === 45)
  )
    k++;
  return k > i && text.charCodeAt(k) === 47;
}

// String helpers that must stay linear-time (an unanchored /\/+$/ is quadratic on a long run
// of slashes, which the regex-safety test rejects).

export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* '/' */) end--;
  return s.slice(0, end);
}

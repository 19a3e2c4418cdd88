// Record and request ids: UUIDv7 layout (RFC 9562 §5.7) — a 48-bit millisecond timestamp then
// random bits — so ids sort by time and inserts into the audit id index append instead of
// touching a random page per commit.
import { randomUUID } from 'node:crypto';

export function timeOrderedId(now = Date.now()): string {
  // Start from a v4 UUID (122 random bits, variant already set) and replace its first 48 bits
  // with the timestamp and its version nibble with 7.
  const r = randomUUID();
  const ts = now.toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(15)}`;
}

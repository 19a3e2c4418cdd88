// Small validation helpers for hand-checked wire formats: each failure names the field, so a
// caller sees `messages.2.content: expected a string` rather than a generic 400.
import { GatehouseError } from '../../errors.js';

export type Obj = Record<string, unknown>;

export function fail(field: string, message: string): never {
  throw new GatehouseError('invalid_request', `${field}: ${message}`, { details: { field } });
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(o: Obj, key: string, field = key): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) fail(field, 'expected a non-empty string');
  return v;
}

export function optStr(o: Obj, key: string, field = key): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(field, 'expected a string');
  return v;
}

export function optNum(o: Obj, key: string, min: number, max: number, field = key): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(field, `expected a number from ${min} to ${max}`);
  return v;
}

export function optInt(o: Obj, key: string, min: number, field = key): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail(field, `expected an integer >= ${min}`);
  return v;
}

export function optBool(o: Obj, key: string, field = key): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail(field, 'expected true or false');
  return v;
}

/** Copies the members not in `known`: parameters the neutral model does not carry. */
export function rest(o: Obj, known: ReadonlySet<string>): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!known.has(k)) out[k] = v;
  return out;
}

// Reads and validates the body after authentication (unauthenticated callers never get their
// JSON parsed), hashes the exact bytes received for the audit trail.
// Stops with: 400 invalid_json | invalid_request, 413 payload_too_large.
import { sha256Hex } from '../../audit/record.js';
import { GatehouseError } from '../../errors.js';
import { decide } from '../runner.js';
import type { Exchange, ModelRequest, Next } from '../types.js';

export const parseRequest = ({ parse }: { parse: (body: unknown) => ModelRequest }) =>
  async function parseRequest(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    try {
      // Content-Type is not enforced (curl sends form encoding by default); the body must parse as JSON.
      const raw = await ex.readBody();
      ex.inputHash = sha256Hex(raw);
      ex.body = raw;
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        throw new GatehouseError('invalid_json', `the request body is not valid JSON: ${(err as Error).message}`);
      }
      ex.request = parse(json);
    } catch (err) {
      decide(ex, 'parse', 'deny', err instanceof GatehouseError ? err.code : 'error', start);
      throw err;
    }
    decide(ex, 'parse', 'allow', `${ex.request.kind}${ex.request.kind === 'chat' && ex.request.stream ? ' stream' : ''}`, start);
    return next();
  };

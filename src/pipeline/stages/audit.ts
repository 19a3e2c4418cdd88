// Outermost stage. Whatever the inner stages did — answered, refused, failed — one record is
// appended, and the exchange is only released (its last byte written) once that record is
// durable. If the trail cannot take it, the answer becomes 503: no unaudited service.
// Stops with: 503 audit_unavailable.
import { entryFromExchange } from '../../audit/from-exchange.js';
import type { AuditEntry } from '../../audit/record.js';
import { GatehouseError, normalizeError } from '../../errors.js';
import type { AppendResult, CapturedContent } from '../../store/types.js';
import type { Exchange, Next } from '../types.js';

export interface AuditStageOptions {
  append: (entry: AuditEntry, content?: CapturedContent) => Promise<AppendResult>;
  /** Called once the exchange is settled and audited (metrics). */
  observe?: (ex: Exchange) => void;
  /** Optional content capture (encrypted); undefined when not captured for this exchange. */
  capture?: (ex: Exchange) => CapturedContent | undefined;
  onInternalError?: (ex: Exchange, err: GatehouseError) => void;
}

export const audit = ({ append, capture, observe, onInternalError }: AuditStageOptions) =>
  async function audit(ex: Exchange, next: Next): Promise<void> {
    try {
      await next();
      ex.status = ex.reply?.status ?? 200;
    } catch (err) {
      const e = normalizeError(err);
      ex.error = e;
      ex.status = e.status;
      if (e.code === 'internal_error') onInternalError?.(ex, e);
    }
    let content: CapturedContent | undefined;
    try {
      content = capture?.(ex);
    } catch (err) {
      // Losing the optional content copy must not cost the request or its record.
      onInternalError?.(ex, new GatehouseError('internal_error', 'content capture failed', { internal: (err as Error).message }));
    }
    try {
      await append(entryFromExchange(ex), content);
    } catch (err) {
      const e = new GatehouseError('audit_unavailable', 'the audit trail is unavailable; request refused', {
        internal: (err as Error).message,
      });
      onInternalError?.(ex, e);
      ex.error = e;
      ex.status = e.status;
      // A record that timed out may still commit later, saying what the caller would have got.
      // Append the truth under the same id, best effort: when the store recovers, the later
      // record shows the request was refused.
      append(entryFromExchange(ex)).catch(() => {});
    }
    observe?.(ex);
  };

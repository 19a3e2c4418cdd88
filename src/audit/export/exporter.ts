// A durable exporter: follows the audit log from a persisted cursor and delivers records to a
// sink in order, at least once. The cursor advances only after the sink confirmed a batch, so a
// receiver that is down for a while gets everything once it is back (no gaps), and duplicates
// can only appear when Gatehouse itself crashed between delivery and saving the cursor.
import type { AuditRecord } from '../record.js';

export interface ExportSource {
  /** Records with seq > after, ascending, at most `limit`. */
  after(after: number, limit: number): Array<{ seq: number; body: string }>;
  /** Highest seq in the log, -1 when empty. */
  headSeq(): number;
}

export interface CursorStore {
  /** Last delivered seq for this exporter, -1 when it has delivered nothing. */
  get(name: string): number;
  set(name: string, seq: number): void;
}

export interface Sink {
  /** Resolves once the receiver has the whole batch (as far as the transport can tell). */
  send(payloads: string[]): Promise<void>;
  close(): Promise<void>;
}

export type Encoder = (record: AuditRecord) => string;

export interface ExporterOptions {
  batchSize: number;
  /** Wait between polls when caught up. */
  idleMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  /** Records behind the head beyond which an alert is raised (at most once a minute). */
  maxBacklog: number;
  onAlert: (message: string, details: Record<string, string | number>) => void;
}

export interface ExporterStatus {
  name: string;
  cursor: number;
  head: number;
  backlog: number;
  delivered: number;
  failures: number;
  lastError: string | null;
  lastDeliveryAt: string | null;
}

export class Exporter {
  private cursor: number;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private delivered = 0;
  private failures = 0;
  private lastError: string | null = null;
  private lastDeliveryAt: number | null = null;
  private lastAlertAt = 0;

  constructor(
    readonly name: string,
    private readonly source: ExportSource,
    private readonly cursors: CursorStore,
    private readonly encode: Encoder,
    private readonly sink: Sink,
    private readonly options: ExporterOptions,
  ) {
    this.cursor = cursors.get(name);
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops after the batch in flight (if any) and closes the sink. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.sink.close();
  }

  status(): ExporterStatus {
    const head = this.source.headSeq();
    return {
      name: this.name,
      cursor: this.cursor,
      head,
      backlog: Math.max(0, head - this.cursor),
      delivered: this.delivered,
      failures: this.failures,
      lastError: this.lastError,
      lastDeliveryAt: this.lastDeliveryAt ? new Date(this.lastDeliveryAt).toISOString() : null,
    };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    let delay = this.options.retryInitialMs;
    while (!this.stopped) {
      const batch = this.source.after(this.cursor, this.options.batchSize);
      this.checkBacklog();
      if (!batch.length) {
        await this.sleep(this.options.idleMs);
        continue;
      }
      try {
        const payloads = batch.map((r) => this.encode(JSON.parse(r.body) as AuditRecord));
        await this.sink.send(payloads);
        this.cursor = (batch.at(-1) as { seq: number }).seq;
        this.cursors.set(this.name, this.cursor);
        this.delivered += batch.length;
        this.lastDeliveryAt = Date.now();
        this.lastError = null;
        delay = this.options.retryInitialMs;
      } catch (err) {
        this.failures++;
        this.lastError = (err as Error).message;
        // Exponential back-off with jitter, so a fleet of exporters does not retry in lockstep.
        await this.sleep(delay / 2 + Math.random() * (delay / 2));
        delay = Math.min(delay * 2, this.options.retryMaxMs);
      }
    }
  }

  private checkBacklog(): void {
    const backlog = this.source.headSeq() - this.cursor;
    const now = Date.now();
    if (backlog > this.options.maxBacklog && now - this.lastAlertAt > 60_000) {
      this.lastAlertAt = now;
      this.options.onAlert(`exporter "${this.name}" is ${backlog} records behind`, {
        exporter: this.name,
        backlog,
        last_error: this.lastError ?? '',
      });
    }
  }
}

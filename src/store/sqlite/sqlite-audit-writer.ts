// The server's audit appender: a bounded queue in front of the group-commit worker. append()
// resolves once the record is durable; it rejects when the queue is full, the worker failed or
// the commit took too long, so the caller can answer 503 instead of serving unaudited traffic.
import { Worker } from 'node:worker_threads';
import { type AuditEntry, type PreparedRecord, prepareRecord } from '../../audit/record.js';
import type { AppendResult, AuditAppender, CapturedContent } from '../types.js';
import type { FromWorker, ToWorker, WorkerInit } from './sqlite-audit-worker.js';

export interface WriterOptions {
  file: string;
  durability: 'fsync' | 'os';
  maxBatch: number;
  maxQueue: number;
  commitTimeoutMs: number;
  onError?: (message: string) => void;
}

export class AuditUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUnavailableError';
  }
}

/** Records per message when a burst arrives within one tick. */
const POST_SLICE = 256;

interface Pending {
  resolve: (r: AppendResult) => void;
  reject: (e: Error) => void;
  at: number;
}

export function createSqliteAuditWriter(options: WriterOptions): AuditAppender {
  const pending = new Map<number, Pending>();
  let outbox: ToWorker['batch'] = [];
  let posting = false;
  let counter = 0;
  let closed = false;
  let worker: Worker | undefined;
  let broken: string | undefined;

  const failAll = (message: string) => {
    for (const [n, p] of pending) {
      pending.delete(n);
      p.reject(new AuditUnavailableError(message));
    }
    outbox = [];
  };

  const start = () => {
    const init: WorkerInit = { file: options.file, durability: options.durability, maxBatch: options.maxBatch };
    const w = new Worker(new URL('./sqlite-audit-worker.js', import.meta.url), { workerData: init });
    w.on('message', (msg: FromWorker) => {
      if ('acks' in msg) {
        for (const a of msg.acks) {
          const p = pending.get(a.n);
          if (!p) continue;
          pending.delete(a.n);
          p.resolve({ seq: a.seq, hash: a.hash });
        }
      } else {
        options.onError?.(`audit commit failed: ${msg.fail.message}`);
        for (const n of msg.fail.ns) {
          const p = pending.get(n);
          if (!p) continue;
          pending.delete(n);
          p.reject(new AuditUnavailableError(msg.fail.message));
        }
      }
    });
    w.on('error', (err) => {
      broken = err.message;
      options.onError?.(`audit writer failed: ${err.message}`);
    });
    w.on('exit', () => {
      if (closed) return;
      failAll(`audit writer stopped${broken ? `: ${broken}` : ''}`);
      worker = undefined;
      // Restart after a pause; until then appends fail fast (503) rather than queue unboundedly.
      setTimeout(() => {
        if (!closed) {
          broken = undefined;
          worker = start();
          const checkpointer = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), {
            workerData: { file: options.file, intervalMs: 1000 },
          });
          checkpointer.on('message', (m: { error?: string }) => {
            if (m.error) options.onError?.(`WAL checkpoint failed: ${m.error}`);
          });
          checkpointer.on('error', (err) => options.onError?.(`WAL checkpointer failed: ${err.message}`));
          checkpointer.unref();
        }
      }, 1000).unref();
    });
    return w;
  };
  worker = start();
  const checkpointer = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), {
    workerData: { file: options.file, intervalMs: 1000 },
  });
  checkpointer.on('message', (m: { error?: string }) => {
    if (m.error) options.onError?.(`WAL checkpoint failed: ${m.error}`);
  });
  checkpointer.on('error', (err) => options.onError?.(`WAL checkpointer failed: ${err.message}`));
  checkpointer.unref();

  const sweep = setInterval(
    () => {
      const limit = Date.now() - options.commitTimeoutMs;
      for (const [n, p] of pending) {
        if (p.at >= limit) break; // Map keeps insertion order: the rest are younger.
        pending.delete(n);
        p.reject(new AuditUnavailableError(`audit record not durable within ${options.commitTimeoutMs} ms`));
      }
    },
    Math.min(500, options.commitTimeoutMs),
  );
  sweep.unref();

  const post = () => {
    posting = false;
    if (!worker || !outbox.length) return;
    const msg: ToWorker = { batch: outbox };
    outbox = [];
    worker.postMessage(msg);
  };

  return {
    get depth() {
      return pending.size;
    },
    append(entry: AuditEntry, content?: CapturedContent): Promise<AppendResult> {
      if (closed) return Promise.reject(new AuditUnavailableError('audit writer is closed'));
      if (!worker) return Promise.reject(new AuditUnavailableError(`audit writer is restarting${broken ? `: ${broken}` : ''}`));
      if (pending.size >= options.maxQueue) return Promise.reject(new AuditUnavailableError('audit queue is full'));
      let record: PreparedRecord;
      try {
        // Encoded here, on the producing thread: the worker then only splices in prev and seq.
        record = prepareRecord(entry);
      } catch (err) {
        return Promise.reject(err);
      }
      const n = ++counter;
      return new Promise<AppendResult>((resolve, reject) => {
        pending.set(n, { resolve, reject, at: Date.now() });
        outbox.push(content ? { n, record, content } : { n, record });
        // A burst (many requests finishing in one tick) is handed over in slices, so the worker
        // commits the first slice while this thread still encodes the rest: the two overlap
        // instead of taking turns.
        if (outbox.length >= POST_SLICE) post();
        else if (!posting) {
          posting = true;
          // One message per tick carries every record produced in it.
          setImmediate(post);
        }
      });
    },
    async close() {
      if (closed) return;
      post();
      const deadline = Date.now() + options.commitTimeoutMs;
      while (pending.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      closed = true;
      clearInterval(sweep);
      if (worker) {
        const w = worker;
        const exited = new Promise((r) => w.once('exit', r));
        w.postMessage('close');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        await w.terminate();
      }
      const stopped = new Promise((r) => checkpointer.once('exit', r));
      checkpointer.postMessage('close');
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
      await checkpointer.terminate();
      failAll('audit writer is closed');
    },
  };
}

// Verification across cores: workers recompute hashes and check records in chunks while this
// thread reads rows and links them in order, so the result (and the first failure named) is
// exactly verifyChain's. Below a threshold the thread start-up is not worth it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ChainLinker, type RowCheck, type StoredRow, type VerifyResult, verifyChain } from './verify.js';

const CHUNK = 2000;

export async function verifyChainParallel(
  rows: Iterable<StoredRow>,
  options: { jobs?: number; minRows?: number } = {},
): Promise<VerifyResult> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), 8));
  const it = rows[Symbol.iterator]();
  // Read the first chunk: small logs are verified inline.
  const first: StoredRow[] = [];
  for (let r = it.next(); !r.done; r = it.next()) {
    first.push(r.value);
    if (first.length >= (options.minRows ?? 20_000)) break;
  }
  if (first.length < (options.minRows ?? 20_000) || jobs === 1) {
    return verifyChain(
      (function* () {
        yield* first;
        for (let r = it.next(); !r.done; r = it.next()) yield r.value;
      })(),
    );
  }
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('./verify-worker.js', import.meta.url)));
  const linker = new ChainLinker();
  const pending = new Map<number, { rows: StoredRow[]; checks?: RowCheck[] }>();
  let sent = 0;
  let linked = 0;
  let done = false;
  const buffered = first;
  const nextChunk = (): StoredRow[] | undefined => {
    const chunk: StoredRow[] = buffered.splice(0, CHUNK);
    while (chunk.length < CHUNK) {
      const r = it.next();
      if (r.done) break;
      chunk.push(r.value);
    }
    return chunk.length ? chunk : undefined;
  };
  try {
    return await new Promise<VerifyResult>((resolve, reject) => {
      const dispatch = (w: Worker) => {
        if (done) return;
        const rows = nextChunk();
        if (!rows) {
          if (linked === sent) finish();
          return;
        }
        const chunk = sent++;
        pending.set(chunk, { rows });
        w.postMessage({ chunk, rows });
      };
      const finish = () => {
        if (done) return;
        done = true;
        resolve(linker.result());
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (msg: { chunk: number; checks: RowCheck[] }) => {
          const entry = pending.get(msg.chunk);
          if (entry) entry.checks = msg.checks;
          // Link every completed chunk that is next in order.
          for (let e = pending.get(linked); e?.checks; e = pending.get(linked)) {
            pending.delete(linked);
            linked++;
            for (let i = 0; i < e.rows.length; i++) {
              if (!linker.next(e.rows[i] as StoredRow, e.checks[i] as RowCheck)) {
                finish();
                return;
              }
            }
          }
          dispatch(w);
        });
        // Keep two chunks in flight per worker so it never waits for this thread.
        dispatch(w);
        dispatch(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

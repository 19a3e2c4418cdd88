// Verifies the whole audit log in a SQLite file on every core: each worker reads and checks
// ranges of records with its own read-only connection; this thread links the results in order
// (seq continuity, prev links) with ChainLinker, so the verdict and the first failure named are
// exactly verifyChain's.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ChainLinker, type VerifyResult } from '../../audit/verify.js';
import type { SqliteDb } from './sqlite-db.js';
import type { RangeResult } from './sqlite-verify-worker.js';

const RANGE = 5000;

export async function verifySqliteLog(file: string, db: SqliteDb, jobs = Math.min(availableParallelism(), 8)): Promise<VerifyResult> {
  const bounds = db.prepare('SELECT COALESCE(MIN(seq), 0) AS lo, COALESCE(MAX(seq), -1) AS hi FROM audit_log').get() as {
    lo: number;
    hi: number;
  };
  const linker = new ChainLinker();
  if (bounds.hi < 0) return linker.result();
  // Ranges start at 0 even if the first rows were deleted: the linker reports the gap.
  const tasks: Array<{ task: number; from: number; to: number }> = [];
  for (let from = 0; from <= bounds.hi; from += RANGE) tasks.push({ task: tasks.length, from, to: Math.min(from + RANGE - 1, bounds.hi) });
  const workers = Array.from(
    { length: Math.max(1, Math.min(jobs, tasks.length)) },
    () => new Worker(new URL('./sqlite-verify-worker.js', import.meta.url), { workerData: { file } }),
  );
  const done = new Map<number, RangeResult>();
  let next = 0;
  let linked = 0;
  try {
    return await new Promise<VerifyResult>((resolve, reject) => {
      let finished = false;
      const finish = () => {
        if (!finished) {
          finished = true;
          resolve(linker.result());
        }
      };
      const dispatch = (w: Worker) => {
        const t = tasks[next++];
        if (t) w.postMessage(t);
      };
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (r: RangeResult) => {
          done.set(r.task, r);
          for (let res = done.get(linked); res; res = done.get(linked)) {
            done.delete(linked);
            linked++;
            if ('summary' in res) {
              if (!linker.nextRun(res.first, res.firstCheck, res.count, res.expired, res.lastHash)) return finish();
              continue;
            }
            const problems = new Map(res.problems);
            const late = new Map(res.late);
            for (let i = 0; i < res.seqs.length; i++) {
              const ok = linker.next(
                { seq: res.seqs[i] as number, id: res.ids[i] as string },
                {
                  problem: problems.get(i) ?? null,
                  lateProblem: late.get(i) ?? null,
                  hash: res.hashes[i] as string,
                  prev: res.prevs[i] ?? null,
                },
              );
              if (!ok) return finish();
            }
          }
          if (linked === tasks.length) return finish();
          dispatch(w);
        });
        dispatch(w);
        dispatch(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

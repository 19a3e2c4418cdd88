// Composes stages into one function, onion style: each stage may work before and after the
// stages it wraps. The protocol guards itself: calling next() twice is a bug and throws.
import type { Decision, Exchange, Stage, Verdict } from './types.js';

export type Pipeline = (exchange: Exchange) => Promise<void>;

export function compose(stages: readonly Stage[]): Pipeline {
  return function run(exchange) {
    const dispatch = (i: number): Promise<void> => {
      const stage = stages[i];
      if (!stage) return Promise.resolve();
      let called = false;
      return stage(exchange, () => {
        if (called) return Promise.reject(new Error(`stage "${stage.name}" called next() twice`));
        called = true;
        return dispatch(i + 1);
      });
    };
    return dispatch(0);
  };
}

/** Microseconds since `start` (from process.hrtime.bigint()). */
export function elapsedUs(start: bigint): number {
  return Number((process.hrtime.bigint() - start) / 1000n);
}

export function decide(exchange: Exchange, stage: string, verdict: Verdict, reason: string, start: bigint): Decision {
  const d: Decision = { stage, verdict, reason, durationUs: elapsedUs(start) };
  exchange.decisions.push(d);
  return d;
}

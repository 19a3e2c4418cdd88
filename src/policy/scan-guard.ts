// The output side of runtime protection, as an OutputGuard: scans the model's answer (text and
// tool-call arguments) with the scanners the exchange's policy needs on output, then blocks,
// redacts or flags, and restores tokenised values for the caller.
//
// Streams: text is held back by a bounded look-behind window W (the longest span any windowed
// scanner needs to recognise a finding), so a secret split across chunks is still found and can
// be redacted before its first character leaves. Scanners that need the whole text (the leak
// scanner's similarity check) run on the accumulated answer every FULL_EVERY characters and at
// the end; they can block (the stream then ends with an error event) but not redact what has
// already been sent. Tool-call deltas are held until the call is complete, then scanned whole.
import { GatehouseError } from '../errors.js';
import type { OutputGuard, StreamGuard } from '../pipeline/output-guard.js';
import { decide } from '../pipeline/runner.js';
import type { ChatResponse, Exchange, StreamEvent, ToolCall } from '../pipeline/types.js';
import type { Finding, ScanContext, ScannerName } from '../scanners/types.js';
import type { Evaluation } from './engine.js';
import { blockedError, checkFailures, type ScannerSet, scanAndEvaluate, threatEntries } from './protection.js';
import { createRedactionState, createRestoreStream, type RedactionState, redactFindings, restoreTokens } from './redaction.js';

const FULL_EVERY = 1024;
const MIN_WINDOW = 64;
const MAX_WINDOW = 2048;

export interface ScanGuardOptions {
  /** The current scanner set (hot reload swaps it). */
  scanners: () => ScannerSet;
}

function contextOf(ex: Exchange): ScanContext {
  return { systemPrompts: ex.protection?.systemPrompts ?? [], canaries: ex.protection?.canaries ?? [] };
}

function stateOf(ex: Exchange): RedactionState {
  return (ex.protection?.state as RedactionState | undefined) ?? createRedactionState();
}

export function createScanGuard(o: ScanGuardOptions): OutputGuard {
  const NAME = 'scan_output';

  /** Scans one complete text; throws on block; returns the text to send. */
  function inspectText(ex: Exchange, where: string, text: string, names: readonly ScannerName[], labels: Set<string>): string {
    const p = ex.protection;
    if (!p || !names.length || !text) return text;
    const { evaluation: ev, failed } = scanAndEvaluate(o.scanners(), p.policy, 'output', names, text, contextOf(ex));
    if (failed.length) checkFailures(p.policy, failed);
    for (const t of threatEntries('output', where, ev)) ex.threats.push(t);
    for (const l of ev.labels) labels.add(l);
    if (ev.block) throw blockedError(p.policy, ev, 'output');
    return ev.redact.length ? redactFindings(stateOf(ex), text, ev.redact) : text;
  }

  function finish(ex: Exchange, start: bigint, labels: Set<string>, err?: unknown): void {
    const p = ex.protection;
    if (!p) return;
    if (err instanceof GatehouseError)
      decide(ex, NAME, err.code === 'content_policy_violation' ? 'deny' : 'error', err.internal ?? err.message, start);
    else decide(ex, NAME, labels.size ? 'info' : 'allow', `${p.policy.name}: ${labels.size ? [...labels].join(', ') : 'clean'}`, start);
  }

  return {
    name: NAME,
    inspectResponse(ex: Exchange, res: ChatResponse): ChatResponse {
      const p = ex.protection;
      if (!p) return res;
      const names = p.policy.scanners.output;
      const state = stateOf(ex);
      if (!names.length && !state.tokens.size) return res;
      const start = process.hrtime.bigint();
      const labels = new Set<string>();
      try {
        const text = restoreTokens(state, inspectText(ex, 'text', res.text, names, labels));
        const toolCalls = res.toolCalls.map((c, i) => ({
          ...c,
          arguments: restoreTokens(state, inspectText(ex, `tool_calls[${i}].arguments`, c.arguments, names, labels)),
        }));
        finish(ex, start, labels);
        return { ...res, text, toolCalls };
      } catch (err) {
        finish(ex, start, labels, err);
        throw err;
      }
    },
    openStream(ex: Exchange): StreamGuard | undefined {
      const p = ex.protection;
      if (!p) return undefined;
      const names = p.policy.scanners.output;
      const state = stateOf(ex);
      if (!names.length && !state.tokens.size) return undefined;
      const set = o.scanners();
      const windowed = names.filter((n) => Number.isFinite(set.get(n).maxFindingLength));
      const whole = names.filter((n) => !Number.isFinite(set.get(n).maxFindingLength));
      const W = Math.min(MAX_WINDOW, Math.max(MIN_WINDOW, ...windowed.map((n) => set.get(n).maxFindingLength)));
      const ctx = contextOf(ex);
      // Flag-only (or shadow) policies and no tokens to restore: nothing is held back.
      const passThrough = !p.policy.enforcesOutput && !state.tokens.size;
      const labels = new Set<string>();
      const restore = createRestoreStream(state);
      let restoreEnded = false;
      const seen = new Set<string>();
      let tail = ''; // already sent, original text (last W chars)
      let pending = ''; // not yet sent, original text
      let sent = 0; // original characters sent so far
      let full = ''; // whole original answer, for whole-text scanners
      let fullScannedAt = 0;
      let ended = false;
      let took = 0n;
      const calls = new Map<number, ToolCall & { index: number }>();

      const timed = <T>(fn: () => T): T => {
        const t0 = process.hrtime.bigint();
        try {
          return fn();
        } finally {
          took += process.hrtime.bigint() - t0;
        }
      };
      const fail = (err: unknown): never => {
        const start = process.hrtime.bigint() - took;
        finish(ex, start, labels, err);
        throw err;
      };
      const record = (ev: Evaluation, base: number, where: string) => {
        for (const t of threatEntries('output', where, ev, base)) {
          const k = `${t.where}:${t.type}:${t.start}`;
          if (seen.has(k)) continue;
          seen.add(k);
          ex.threats.push(t);
          labels.add(t.label);
        }
      };
      const scanWhole = () => {
        if (!whole.length || fullScannedAt === full.length) return;
        fullScannedAt = full.length;
        const { evaluation: ev, failed } = scanAndEvaluate(set, p.policy, 'output', whole, full, ctx);
        if (failed.length) checkFailures(p.policy, failed);
        record(ev, 0, 'text');
        if (ev.block) throw blockedError(p.policy, ev, 'output');
      };
      /** Scans tail+pending, sends what is safe to send; everything when `final`. */
      const drain = (final: boolean): StreamEvent[] => {
        const buf = tail + pending;
        let findings: Finding[] = [];
        let ev: Evaluation | undefined;
        if (windowed.length && pending) {
          const r = scanAndEvaluate(set, p.policy, 'output', windowed, buf, ctx);
          if (r.failed.length) checkFailures(p.policy, r.failed);
          ev = r.evaluation;
          record(ev, sent - tail.length, 'text');
          if (ev.block) throw blockedError(p.policy, ev, 'output');
          findings = ev.redact.map((f) => ({ ...f, start: f.start - tail.length, end: f.end - tail.length })).filter((f) => f.end > 0);
        }
        let cut = final ? pending.length : Math.max(0, pending.length - W);
        // Never cut through a finding that could still grow; hold it back whole.
        for (const f of findings) if (f.start > 0 && f.start < cut && f.end > cut) cut = f.start;
        if (cut === 0 && !final) return [];
        const segment = pending.slice(0, cut);
        const clipped = findings
          .filter((f) => f.start < cut)
          .map((f) => ({ ...f, start: Math.max(0, f.start), end: Math.min(cut, f.end) }));
        const safe = clipped.length ? redactFindings(state, segment, clipped) : segment;
        // The restore stream ends once (at the finish event); anything after it is restored whole.
        let out: string;
        if (restoreEnded) out = restoreTokens(state, safe);
        else {
          out = restore.push(safe);
          if (final) {
            out += restore.end();
            restoreEnded = true;
          }
        }
        tail = (tail + segment).slice(-W);
        pending = pending.slice(cut);
        sent += cut;
        return out ? [{ type: 'text', text: out }] : [];
      };
      const flushCalls = (): StreamEvent[] => {
        const out: StreamEvent[] = [];
        for (const c of [...calls.values()].sort((a, b) => a.index - b.index)) {
          const args = restoreTokens(state, inspectText(ex, `tool_calls[${c.index}].arguments`, c.arguments, names, labels));
          out.push({ type: 'tool_call', index: c.index, id: c.id, name: c.name, argumentsDelta: args });
        }
        calls.clear();
        return out;
      };
      const guardEnded = () => {
        if (ended) throw new Error('scan guard: event after onEnd');
      };

      return {
        onEvent(e: StreamEvent): StreamEvent[] {
          guardEnded();
          try {
            return timed(() => {
              if (e.type === 'text') {
                pending += e.text;
                if (whole.length) full += e.text;
                if (whole.length && full.length - fullScannedAt >= FULL_EVERY) scanWhole();
                if (passThrough) {
                  // Nothing can change the answer: send at once, scan behind it to record findings.
                  if (pending.length >= 2 * W) drain(false);
                  return [e];
                }
                return pending.length >= 2 * W ? drain(false) : [];
              }
              if (e.type === 'tool_call') {
                let c = calls.get(e.index);
                if (!c) {
                  c = { index: e.index, id: e.id ?? '', name: e.name ?? '', arguments: '' };
                  calls.set(e.index, c);
                }
                if (e.id) c.id = e.id;
                if (e.name) c.name = e.name;
                c.arguments += e.argumentsDelta;
                return passThrough ? [e] : [];
              }
              if (e.type === 'start') return [e];
              // finish / usage: everything before them goes out first, in order.
              scanWhole();
              if (passThrough) {
                drain(true);
                flushCalls();
                return [e];
              }
              return [...drain(true), ...flushCalls(), e];
            });
          } catch (err) {
            return fail(err);
          }
        },
        onEnd(): StreamEvent[] {
          guardEnded();
          ended = true;
          try {
            const out = timed(() => {
              scanWhole();
              if (passThrough) {
                drain(true);
                flushCalls();
                return [];
              }
              return [...drain(true), ...flushCalls()];
            });
            finish(ex, process.hrtime.bigint() - took, labels);
            return out;
          } catch (err) {
            return fail(err);
          }
        },
      };
    },
  };
}

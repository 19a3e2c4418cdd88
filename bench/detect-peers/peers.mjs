// The npm detectors that `npm run bench:detect` (bench/detect.mjs) runs beside Gatehouse's scanners.
// They live in this folder's own package.json so the root package (and CI) never installs them; bare
// imports here resolve from bench/detect-peers/node_modules.
//
// Each peer is used the way its README shows (default or recommended configuration, its own
// threshold). An adapter's `load()` returns:
//   detect(text)        the call the peer's users make; the only part that is timed (may be async)
//   verdict(raw, text)  { flagged, score } from detect's result; score is null when the peer gives
//                       none, else a number where higher means "more likely positive", used only for
//                       the TPR-at-FPR<=1% sweep (it may make an extra, untimed call to get one)
//   after()             optional untimed housekeeping after each call
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Read from the file: several peers' `exports` do not expose their package.json.
const version = (pkg) => JSON.parse(readFileSync(new URL(`node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;

/** @type {{ id: string, pkg: string, category: 'injection' | 'pii' | 'secrets', scoring: string, load: () => Promise<object> }[]} */
export const PEERS = [
  {
    id: 'llm-guard',
    pkg: 'llm-guard',
    category: 'injection',
    scoring:
      'LLMGuard with its jailbreak and promptInjection guards (the other guards - pii, profanity, relevance, toxicity - are off: they judge other things); flagged = !isValid; score = 1 - response.score (its guards give 1, 0.4 or 0.3)',
    async load() {
      const { LLMGuard } = await import('llm-guard');
      const guard = new LLMGuard({
        jailbreak: true,
        promptInjection: true,
        pii: false,
        profanity: false,
        relevance: false,
        toxicity: false,
      });
      return {
        version: version('llm-guard'),
        detect: (text) => guard.validate(text),
        verdict: (r) => ({ flagged: !r.isValid, score: 1 - r.score }),
      };
    },
  },
  {
    id: 'vard',
    pkg: '@andersmyrmel/vard',
    category: 'injection',
    scoring:
      'vard.moderate() (the default preset: threshold 0.7, blocks instruction override, role manipulation and prompt leak, sanitizes delimiters and encodings then re-checks) with maxLength raised past the longest row, as its README says to do for long inputs; flagged = !safeParse().safe; score = max threat severity from vard.strict().threshold(0) (every pattern it has), untimed',
    async load() {
      const { vard } = await import('@andersmyrmel/vard');
      const MAX = 10_000_000;
      const moderate = vard.moderate().maxLength(MAX);
      const everything = vard.strict().threshold(0).maxLength(MAX);
      return {
        version: version('@andersmyrmel/vard'),
        detect: (text) => moderate.safeParse(text),
        verdict: (r, text) => {
          const all = everything.safeParse(text);
          const score = all.safe ? 0 : Math.max(...all.threats.map((t) => t.severity));
          return { flagged: !r.safe, score };
        },
      };
    },
  },
  // hai-guardrails' README quick start uses the heuristic mode; it compares every window of the text with
  // every one of its generated keywords (tens of thousands), which takes seconds per text here, so it
  // runs under the bench's time budget. Its pattern mode (a short list of regexes) is benched in full.
  ...['heuristic', 'pattern'].map((mode) => ({
    id: `hai-guardrails (${mode})`,
    pkg: '@presidio-dev/hai-guardrails',
    category: 'injection',
    scoring: `injectionGuard({ roles: ['user'] }, { mode: '${mode}', threshold: 0.7 }) in a GuardrailsEngine, as in its README quick start; flagged = message not passed; score = its additionalFields.score${mode === 'pattern' ? ' (0 or 1)' : ''}`,
    async load() {
      const { injectionGuard, GuardrailsEngine } = await import('@presidio-dev/hai-guardrails');
      const engine = new GuardrailsEngine({ guards: [injectionGuard({ roles: ['user'] }, { mode, threshold: 0.7 })] });
      return {
        version: version('@presidio-dev/hai-guardrails'),
        detect: (text) => engine.run([{ role: 'user', content: text }]),
        verdict: (r) => {
          const m = r.messagesWithGuardResult[0].messages[0];
          const score = m.additionalFields?.score;
          return { flagged: m.passed === false, score: typeof score === 'number' ? score : null };
        },
      };
    },
  })),
  {
    id: 'openredaction',
    pkg: '@openredaction/openredaction',
    category: 'pii',
    scoring:
      'new OpenRedaction() (defaults: all patterns, context analysis, confidenceThreshold 0.5); flagged = detect().detections.length > 0; score = max detection confidence from a second instance with confidenceThreshold 0, untimed',
    async load() {
      const { OpenRedaction } = await import('@openredaction/openredaction');
      const shield = new OpenRedaction();
      const everything = new OpenRedaction({ confidenceThreshold: 0 });
      return {
        version: version('@openredaction/openredaction'),
        detect: (text) => shield.detect(text),
        verdict: (r, text) => {
          const ds = everything.detect(text).detections;
          return { flagged: r.detections.length > 0, score: ds.length ? Math.max(...ds.map((d) => d.confidence ?? 1)) : 0 };
        },
      };
    },
  },
  {
    id: 'redactpii',
    pkg: '@redactpii/node',
    category: 'pii',
    scoring:
      'new Redactor() (defaults: names, emails, US phones, cards, SSN; no API key, so nothing leaves the process); flagged = hasPII(); no score',
    async load() {
      const { Redactor } = await import('@redactpii/node');
      const redactor = new Redactor();
      return {
        version: version('@redactpii/node'),
        detect: (text) => redactor.hasPII(text),
        verdict: (r) => ({ flagged: r === true, score: null }),
      };
    },
  },
  {
    id: 'hai-guardrails',
    pkg: '@presidio-dev/hai-guardrails',
    category: 'pii',
    scoring: 'piiGuard({ selection: SelectionType.All }) in a GuardrailsEngine, as in its README; flagged = message not passed; no score',
    async load() {
      const { piiGuard, GuardrailsEngine, SelectionType } = await import('@presidio-dev/hai-guardrails');
      const engine = new GuardrailsEngine({ guards: [piiGuard({ selection: SelectionType.All })] });
      return {
        version: version('@presidio-dev/hai-guardrails'),
        detect: (text) => engine.run([{ role: 'user', content: text }]),
        verdict: (r) => ({ flagged: r.messagesWithGuardResult[0].messages[0].passed === false, score: null }),
      };
    },
  },
  {
    id: 'secretlint',
    pkg: '@secretlint/core',
    category: 'secrets',
    scoring:
      "@secretlint/core lintSource in-process (what the secretlint CLI runs per file) with @secretlint/secretlint-rule-preset-recommend at its defaults, each row as a file '/input.txt'; flagged = any message; no score. 12.0.0: the last release whose engines allow Node 20",
    async load() {
      const { lintSource } = await import('@secretlint/core');
      const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
      const { secretLintProfiler } = await import('@secretlint/profiler');
      const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
      return {
        version: `${version('@secretlint/core')} + preset-recommend ${version('@secretlint/secretlint-rule-preset-recommend')}`,
        detect: (text) =>
          lintSource({
            source: { content: text, filePath: '/input.txt', ext: '.txt', contentType: 'text' },
            options: { config, noPhysicFilePath: true, maskSecrets: true },
          }),
        verdict: (r) => ({ flagged: r.messages.length > 0, score: null }),
        // secretlint's profiler keeps every performance mark (and the observer's copies) for the life of
        // the process: in a long run that is hundreds of thousands of entries and a slowing heap. Let its
        // observer and measures settle, then drop them all, outside the timed call.
        async after() {
          await new Promise((resolve) => setImmediate(resolve));
          await secretLintProfiler.getMeasures().catch(() => {});
          secretLintProfiler.entries.length = 0;
          secretLintProfiler.measures.length = 0;
          performance.clearMarks();
          performance.clearMeasures();
        },
      };
    },
  },
];

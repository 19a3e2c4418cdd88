// Prompt-injection and jailbreak scanner: normalisation (normalize.ts), curated rules
// (injection-rules.ts) and a local linear model (injection-model.ts), on the text and on decoded
// views of its obfuscated parts. The text score is a noisy-OR of the calibrated model probability
// and the strongest rule of each family; the shipped threshold on it was chosen on held-out
// training data for a 1% false-positive rate (see models/injection.json `meta`).

import { decodeViews, viewSourceSpan } from './decode.js';
import { Glossary } from './injection-gloss.js';
import { InjectionModel, type InjectionModel as Model, WordHashes } from './injection-model.js';
import { type InjectionType, matchRules, type RuleMatch } from './injection-rules.js';
import { InjectionStage2 } from './injection-stage2.js';
import { type NormalizedText, normalize, sourceSpan } from './normalize.js';
import type { Finding, ScanContext, Scanner, ScanResult } from './types.js';

export type InjectionFindingType = InjectionType | 'obfuscated' | 'model';

export interface InjectionScannerOptions {
  /** Decision threshold on the combined score; defaults to the one shipped with the model. */
  threshold?: number;
  /** A model to use instead of the shipped one; `null` runs the rules alone. */
  model?: Model | null;
  /** A second stage to use instead of the shipped one (which goes with the shipped model only); `null` runs none. */
  stage2?: InjectionStage2 | null;
  /** Glossaries for the cross-lingual view, instead of the shipped ones; `null` turns the view off. */
  glossary?: Glossary | null;
}

export interface InjectionAnalysis {
  /** Combined score in [0, 1]. */
  score: number;
  /** Calibrated model probability of the text (max over windows and decoded views), or 0 without a model. */
  modelProbability: number;
  /** Raw model logit behind `modelProbability` (-Infinity without a model). */
  modelLogit: number;
  /** Strongest rule score per rule family (instruction_override, prompt_extraction, ...). */
  families: Record<string, number>;
  findings: Finding[];
}

const MODEL_URL = new URL('../../../models/injection.json', import.meta.url);
let shipped: Model | undefined;

const STAGE2_URL = new URL('../../../models/injection-stage2.json', import.meta.url);
let shippedStage2: InjectionStage2 | undefined;

/** The second stage shipped in models/injection-stage2.json (stacked on the shipped model), loaded once. */
export function shippedInjectionStage2(): InjectionStage2 {
  shippedStage2 ??= InjectionStage2.load(STAGE2_URL);
  return shippedStage2;
}

const GLOSS_URL = new URL('../../../models/injection-gloss.json', import.meta.url);
let shippedGloss: Glossary | undefined;

/** The glossaries shipped in models/injection-gloss.json (the cross-lingual view), loaded once. */
export function shippedGlossary(): Glossary {
  shippedGloss ??= Glossary.load(GLOSS_URL);
  return shippedGloss;
}

/** The model shipped in models/injection.json, loaded once. */
export function shippedInjectionModel(): Model {
  shipped ??= InjectionModel.load(MODEL_URL);
  return shipped;
}

const MAX_FINDINGS = 16;
/** Model findings are reported from this probability up (the text score still uses every probability). */
const MODEL_FINDING_FLOOR = 0.5;
/**
 * The model reads a word-by-word English gloss less surely than English: its logit there counts one
 * less (on the probe texts, 5 fewer of 224 attacks found and 4 fewer of 224 hard negatives flagged).
 */
const GLOSS_LOGIT_SHIFT = 1;
/** Views that are not size-capped (ROT13, leetspeak, spacing) get the model only when short. */
const MAX_FULL_VIEW_MODEL_CHARS = 4096;

function labelOf(type: InjectionType): string {
  return type === 'role_play_jailbreak' ? 'threat.jailbreak' : 'threat.injection';
}

// Text that talks *about* attacks (a security course, a paper, a detector's docs, a question on
// how to protect a bot) quotes them. Its cues, as one regex: a single pass over the text, where a
// search per cue (seventeen of them) read a long text up to seventeen times. The cues: prompt
// injection, prompt-injection, injection filter, injection attack, jailbreak attack, jailbreaking,
// attacks, attacker, security, red team, red-team, defend, detect, mitigat(e/ion), classifier,
// example of, such as; and, in a second regex (one alternation more is beyond what the ReDoS check
// can prove), protect, prevent, harden. Asked only when a match is quoted.
const DISCUSSION_CUES =
  /prompt[ -]injection|injection (?:filter|attack)|jailbreak(?: attack|ing)|attack(?:s|er)|security|red[ -]team|defend|detect|mitigat|classifier|example of|such as/;
const DEFENCE_CUES = /protect|prevent|harden|attack (?:phrase|prompt|string|payload|pattern)/;

function isDiscussion(t: string): boolean {
  return DISCUSSION_CUES.test(t) || DEFENCE_CUES.test(t);
}

// Whether the quote at `q` opens a JSON string value (`"key": "…`): data handed to the model, such
// as a tool result, not a quotation.
function opensJsonValue(t: string, q: number): boolean {
  let i = q - 1;
  while (i >= 0 && t.charCodeAt(i) === 32) i--;
  if (i < 1 || t.charCodeAt(i) !== 58) return false;
  i--;
  while (i >= 0 && t.charCodeAt(i) === 32) i--;
  return i >= 0 && t.charCodeAt(i) === 34;
}

// True when [start, end) sits inside double quotes or backticks on its line (a JSON string value
// does not count).
function isQuoted(t: string, start: number, end: number): boolean {
  let quotes = 0;
  let opening = -1;
  for (let i = start - 1; i >= 0 && start - i < 400; i--) {
    const c = t.charCodeAt(i);
    if (c === 10) break;
    if (c === 34 || c === 96) {
      if (quotes === 0) opening = i;
      quotes++;
    }
  }
  if (quotes % 2 === 0 || opensJsonValue(t, opening)) return false;
  for (let i = end; i < t.length && i - end < 400; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) return false;
    if (c === 34 || c === 96) return true;
  }
  return false;
}

/** Quoted matches in a text that discusses attacks count for less. */
const QUOTED_DISCUSSION_FACTOR = 0.4;

function ruleScores(n: NormalizedText, matches: RuleMatch[]): RuleMatch[] {
  if (matches.length === 0) return matches;
  // isQuoted reads a line around each match, isDiscussion the whole text: it is asked only when a
  // match is quoted (most texts with matches quote none).
  const quoted = matches.map((m) => isQuoted(n.text, m.start, m.end));
  if (!quoted.includes(true) || !isDiscussion(n.text)) return matches;
  return matches.map((m, k) => (quoted[k] ? { ...m, score: m.score * QUOTED_DISCUSSION_FACTOR } : m));
}

interface Accumulator {
  /** Strongest score per family. */
  families: Map<string, number>;
  findings: Finding[];
}

function addFinding(acc: Accumulator, f: Finding, family: string): void {
  const prev = acc.families.get(family) ?? 0;
  if (f.score > prev) acc.families.set(family, f.score);
  if (acc.findings.length < MAX_FINDINGS) acc.findings.push(f);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The word hashes of the text being scanned: the first stage fills them, the second reads them (scans are synchronous). */
const scanWords = new WordHashes();

/**
 * Scores one text; used by the scanner and by the training script (so both compute the same score).
 * `asData`: the caller knows the text is data the model reads (ScanContext.origin `data`).
 */
export function analyzeInjection(
  text: string,
  model: Model | null,
  stage2: InjectionStage2 | null = null,
  asData = false,
  glossary: Glossary | null = shippedGlossary(),
): InjectionAnalysis {
  const acc: Accumulator = { families: new Map(), findings: [] };
  // Every use of n's offsets (findings' spans, decoded views) ends before this function returns.
  const n = normalize(text, true);
  // The strongest score of each rule so far: a view reports a rule again only when it matches more
  // strongly there (a persona rule at 0.8 on the source, at 0.99 on its English gloss).
  const seen = new Map<string, number>();
  for (const m of ruleScores(n, matchRules(n, asData))) {
    const span = sourceSpan(n, m.start, m.end);
    if (m.score > (seen.get(m.rule) ?? -1)) seen.set(m.rule, m.score);
    addFinding(
      acc,
      {
        scanner: 'injection',
        type: m.type,
        category: 'threat',
        label: labelOf(m.type),
        start: span.start,
        end: span.end,
        score: round(m.score),
        evidence: m.rule,
      },
      m.type,
    );
  }
  let modelP = 0;
  let modelLogit = Number.NEGATIVE_INFINITY;
  if (model) {
    const s = model.score(n.text, scanWords);
    modelP = s.probability;
    modelLogit = s.logit;
    if (modelP >= MODEL_FINDING_FLOOR) {
      const span = sourceSpan(n, s.start, s.end);
      addFinding(
        acc,
        {
          scanner: 'injection',
          type: 'model',
          category: 'threat',
          label: 'threat.injection',
          start: span.start,
          end: span.end,
          score: round(modelP),
          evidence: `model p=${modelP.toFixed(2)}`,
        },
        'model',
      );
    }
  }
  const rescan = (
    vn: NormalizedText,
    tag: string,
    spanOf: (start: number, end: number) => { start: number; end: number },
    withModel: boolean,
    logitShift = 0,
  ) => {
    for (const m of ruleScores(vn, matchRules(vn, asData))) {
      if ((seen.get(m.rule) ?? -1) >= m.score) continue;
      seen.set(m.rule, m.score);
      const span = spanOf(m.start, m.end);
      addFinding(
        acc,
        {
          scanner: 'injection',
          type: 'obfuscated',
          category: 'threat',
          label: labelOf(m.type),
          start: span.start,
          end: span.end,
          score: round(m.score),
          evidence: `${tag}:${m.rule}`,
        },
        m.type,
      );
    }
    if (model && withModel) {
      const s0 = model.score(vn.text);
      const s = logitShift === 0 ? s0 : { ...s0, logit: s0.logit - logitShift, probability: model.calibrate(s0.logit - logitShift) };
      if (s.probability > modelP && s.probability >= MODEL_FINDING_FLOOR) {
        const span = spanOf(s.start, s.end);
        addFinding(
          acc,
          {
            scanner: 'injection',
            type: 'obfuscated',
            category: 'threat',
            label: 'threat.injection',
            start: span.start,
            end: span.end,
            score: round(s.probability),
            evidence: `${tag}:model p=${s.probability.toFixed(2)}`,
          },
          'model',
        );
      }
      if (s.logit > modelLogit) {
        modelLogit = s.logit;
        modelP = s.probability;
      }
    }
  };
  for (const view of decodeViews(text, n)) {
    const withModel = !view.mapsToSource || view.normalized.text.length <= MAX_FULL_VIEW_MODEL_CHARS;
    rescan(view.normalized, view.kind, (start, end) => viewSourceSpan(view, start, end), withModel);
  }
  // Text in another language, read through the glossary's English (injection-gloss.ts).
  if (glossary) {
    for (const g of glossary.views(n)) {
      const span = sourceSpan(n, g.start, g.end);
      rescan(normalize(g.text), `translated(${g.lang})`, () => span, true, GLOSS_LOGIT_SHIFT);
    }
  }
  const families: Record<string, number> = {};
  for (const [family, score] of acc.families) if (family !== 'model') families[family] = score;
  acc.findings.sort((a, b) => b.score - a.score || a.start - b.start);
  let score = combine(model, modelP, families);
  // The second stage is one more independent witness in the noisy-OR.
  if (model && stage2) score = 1 - (1 - score) * (1 - stage2.probability(n.text, modelLogit, families, scanWords));
  scanWords.text = null; // keep no reference to the scanned text
  return { score, modelProbability: modelP, modelLogit, families, findings: acc.findings };
}

/**
 * The text score: a noisy-OR of the calibrated model probability and the strongest rule of each
 * family. (A logistic combiner fitted on held-out training data scored higher there but learned to
 * ignore the families the public data lacks — role markers, exfiltration, tool abuse — so it was
 * not shipped.) With the shipped model, analyzeInjection adds the second stage (injection-stage2.ts,
 * a whole-text model stacked on this model's logit and the family scores) as one more witness, and
 * the scanner then uses the second stage's threshold.
 */
export function combine(model: Model | null, modelP: number, families: Record<string, number>): number {
  // Noisy-OR: the model and the strongest rule of each family are treated as independent witnesses.
  let miss = 1 - (model ? modelP : 0);
  for (const f in families) miss *= 1 - (families[f] as number);
  return 1 - miss;
}

// Texts that take the scanner's branches: plain and accented Latin, Cyrillic, CJK, escapes, encoded
// segments, markup, long lines and several model windows (all benign or inert).
const WARM_UP_TEXTS = [
  'Please summarise the report above and list the action items for the team.',
  'Réponds en français: quelle est la météo à Zürich? Скажи, пожалуйста, который час. 请总结以上内容。 요약해 주세요。',
  'Data: {"result": "ok\\nline two \\u0041"} aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ= 68 65 6c 6c 6f 20 77 6f 72 6c 64 %68%65%6c%6c%6f%20%77',
  '<!-- note --> <div style="display:none">x</div> ![img](https://example.com/a.png?q=1) [link](https://example.com/?a=b)\n| a | b |\nsystem: hi',
  'Gur dhvpx oebja sbk naq gur ynml qbt. h3ll0 w0rld t3st. s p a c e d o u t w o r d s',
];

function warmUp(model: Model | null, stage2: InjectionStage2 | null, glossary: Glossary | null): void {
  model?.warmUp();
  const long = `${WARM_UP_TEXTS.join(' ').repeat(6)}\n`.repeat(4);
  for (let k = 0; k < 3; k++) {
    for (const t of WARM_UP_TEXTS) analyzeInjection(t, model, stage2, false, glossary);
    analyzeInjection(long, model, stage2, false, glossary);
  }
}

/** The prompt-injection / jailbreak scanner. */
export function createInjectionScanner(options: InjectionScannerOptions = {}): Scanner {
  const model = options.model === undefined ? shippedInjectionModel() : options.model;
  // The shipped second stage is stacked on the shipped model's logits, so it goes with that model only.
  const stage2 = options.stage2 === undefined ? (options.model === undefined ? shippedInjectionStage2() : null) : options.stage2;
  const threshold = options.threshold ?? (model && stage2 ? stage2.threshold : model?.threshold) ?? 0.9;
  const glossary = options.glossary === undefined ? shippedGlossary() : options.glossary;
  warmUp(model, stage2, glossary);
  return {
    name: 'injection',
    threshold,
    // Rules span a sentence or a marker; the model scores windows of this many normalised characters.
    maxFindingLength: model?.features.window ?? 2048,
    scan(text: string, context?: ScanContext): ScanResult {
      const a = analyzeInjection(text, model, stage2, context?.origin === 'data', glossary);
      return { scanner: 'injection', score: round(a.score), flagged: a.score >= threshold, findings: a.findings };
    },
  };
}

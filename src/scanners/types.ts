// The contract every scanner implements. A scanner is a pure module: text in, findings out. It
// never logs, never stores, and never puts the sensitive value itself in a finding: `evidence`
// names the rule and shows at most a masked form (e.g. `AKIA…MPLE`), so findings can go into the
// audit record and into `gatehouse scan` output as they are.

export type ScannerName = 'injection' | 'pii' | 'secrets' | 'leak' | 'markup';

/** The classification family of a finding; labels are `<category>.<type-family>`. */
export type FindingCategory = 'threat' | 'pii' | 'pci' | 'phi' | 'secret' | 'leak';

export interface Finding {
  scanner: ScannerName;
  /** Machine name of what was found: `email`, `credit_card`, `aws_access_key`, `instruction_override`, ... */
  type: string;
  category: FindingCategory;
  /** The data-classification label stored in the audit record: `pii.email`, `pci.card`, `secret.aws`, `threat.injection`, `leak.system_prompt`. */
  label: string;
  /** UTF-16 offsets into the scanned text; [start, end). For whole-text verdicts: 0 and text.length. */
  start: number;
  end: number;
  /** Confidence in [0, 1]. */
  score: number;
  /** Non-sensitive explanation: rule id, validator that passed, masked value. Never the raw value. */
  evidence: string;
}

export interface ScanResult {
  scanner: ScannerName;
  /** Text-level score in [0, 1] (max over findings, or the model's probability). */
  score: number;
  /** score >= the scanner's shipped threshold. */
  flagged: boolean;
  findings: Finding[];
}

export interface ScanContext {
  /** The protected system prompt(s) of the exchange, for leakage scanning. */
  systemPrompts?: readonly string[];
  /** Canary tokens planted in the system prompt, for leakage scanning. */
  canaries?: readonly string[];
  /**
   * Where the text comes from. `data`: content the model reads rather than a request written to it
   * (a tool result, a tool description, a retrieved document), where text addressed to the model is
   * an injection however it is laid out. Default `prompt`: the injection scanner then decides from
   * the text's own layout (an email header, a table, markup) whether it is data.
   */
  origin?: 'prompt' | 'data';
}

export interface Scanner {
  readonly name: ScannerName;
  /** The shipped decision threshold on `ScanResult.score`. */
  readonly threshold: number;
  /**
   * The longest span a single finding can cover, in UTF-16 units: the streaming form keeps this
   * much look-behind so that a finding split across chunks is still found. Infinity means the
   * scanner needs the whole text (it then only runs at the end of a stream).
   */
  readonly maxFindingLength: number;
  scan(text: string, context?: ScanContext): ScanResult;
}

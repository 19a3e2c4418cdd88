// gatehouse scan — runs the gateway's own scanners (the exact code the gateway runs) over JSON
// Lines from stdin or --input: one output line per input line, in order, with the findings (no
// values), and per scanner a score and the verdict at the shipped (or configured) threshold.
// With --policy, the policy's decision and the redacted text too. Bad lines produce an error
// line in place (so outputs stay aligned with inputs) and exit code 1 at the end.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { policiesSchema, scannersSchema } from '../config/policy-schema.js';
import { evaluate, PolicyEngine } from '../policy/engine.js';
import { createRedactionState, redactFindings } from '../policy/redaction.js';
import { createScannerSet } from '../policy/runtime.js';
import { SCANNER_FACTORIES } from '../scanners/index.js';
import type { Finding, ScannerName } from '../scanners/types.js';
import { CliError, EXIT, type Io, parse } from './common.js';

const USAGE =
  'gatehouse scan [--scanners injection,pii,secrets,leak,markup] [--policy <file>] [--direction input|output] [--input <file>] < lines.jsonl';
const ALL: ScannerName[] = ['injection', 'pii', 'secrets', 'leak', 'markup'];

const policyFileSchema = z
  .object({ scanners: scannersSchema, policies: policiesSchema })
  .passthrough()
  .describe('A Gatehouse config file (only `scanners` and `policies` are read).');

export async function scanCommand(args: string[], io: Io, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values } = parse(
    args,
    { scanners: { type: 'string' }, policy: { type: 'string' }, direction: { type: 'string' }, input: { type: 'string' } },
    USAGE,
  );
  if (values.help) {
    io.out(
      `usage: ${USAGE}\n\nInput: one JSON object per line with a "text" string (other fields are copied through; "system" (string or array) and "canaries" feed the leak scanner; "role": "tool" or "origin": "data" marks a tool result or document the model reads, where text addressed to the model counts as an injection whatever its layout).\nOutput: the same object plus "findings" and "scanners": {name: {score, verdict}}; with --policy also "decision" and "redacted".\n`,
    );
    return EXIT.ok;
  }
  const names = (values.scanners ?? ALL.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!ALL.includes(n as ScannerName)) throw new CliError(`--scanners: unknown scanner "${n}"; choose from ${ALL.join(', ')}`);
  }
  const direction = values.direction ?? 'input';
  if (direction !== 'input' && direction !== 'output') throw new CliError(`--direction: expected input or output, got "${direction}"`);

  let file: z.infer<typeof policyFileSchema> = policyFileSchema.parse({});
  if (values.policy) {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(values.policy, 'utf8'));
    } catch (err) {
      throw new CliError(`--policy ${values.policy}: ${(err as Error).message.split('\n')[0]}`, EXIT.failed);
    }
    const parsed = policyFileSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`--policy ${values.policy}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`, EXIT.failed);
    }
    file = parsed.data;
  }
  const set = createScannerSet(file.scanners, SCANNER_FACTORIES);
  const policy = values.policy ? new PolicyEngine(file.policies).select({}) : undefined;
  if (values.policy && !policy)
    throw new CliError(`--policy ${values.policy}: no policy without a match applies to offline text`, EXIT.failed);

  if (values.input && !existsSync(values.input)) throw new CliError(`--input ${values.input}: no such file`, EXIT.failed);
  const input = values.input ? createReadStream(values.input) : stdin;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  let bad = 0;
  try {
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      let row: Record<string, unknown>;
      try {
        const v = JSON.parse(line) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as { text?: unknown }).text !== 'string')
          throw new Error('expected a JSON object with a "text" string');
        row = v as Record<string, unknown>;
      } catch (err) {
        bad++;
        io.out(`${JSON.stringify({ line: n, error: (err as Error).message })}\n`);
        continue;
      }
      const text = row.text as string;
      const system = typeof row.system === 'string' ? [row.system] : Array.isArray(row.system) ? row.system.map(String) : [];
      const canaries = Array.isArray(row.canaries) ? row.canaries.map(String) : [];
      // A tool result or a document the model reads ("role": "tool" as in the chat APIs, or "origin": "data").
      const origin = row.origin === 'data' || row.role === 'tool' ? 'data' : 'prompt';
      const findings: Finding[] = [];
      const scanners: Record<string, { score: number; verdict: 'flagged' | 'clean' }> = {};
      for (const name of names as ScannerName[]) {
        const r = set.get(name).scan(text, { systemPrompts: system, canaries, origin });
        scanners[name] = { score: Math.round(r.score * 1e4) / 1e4, verdict: r.flagged ? 'flagged' : 'clean' };
        findings.push(...r.findings);
      }
      const out: Record<string, unknown> = {
        ...row,
        findings: findings.map((f) => ({
          scanner: f.scanner,
          type: f.type,
          category: f.category,
          label: f.label,
          start: f.start,
          end: f.end,
          score: Math.round(f.score * 1e4) / 1e4,
          evidence: f.evidence,
        })),
        scanners,
      };
      if (policy) {
        const ev = evaluate(policy, direction, findings, set.thresholds);
        const action = ev.block
          ? 'block'
          : ev.redact.length
            ? 'redact'
            : ev.decisions.some((d) => d.action === 'flag' || d.shadow)
              ? 'flag'
              : 'allow';
        out.decision = {
          policy: policy.name,
          action,
          rules: [...new Set(ev.decisions.map((d) => d.rule?.name).filter(Boolean))],
          labels: ev.labels,
          shadow: ev.decisions.some((d) => d.shadow),
        };
        if (ev.redact.length) out.redacted = redactFindings(createRedactionState(), text, ev.redact);
      }
      io.out(`${JSON.stringify(out)}\n`);
    }
  } catch (err) {
    throw new CliError(`cannot read ${values.input ?? 'stdin'}: ${(err as Error).message}`, EXIT.failed);
  }
  if (bad) io.err(`gatehouse: ${bad} of ${n} lines were not JSON objects with a "text" string (see the error lines)\n`);
  return bad ? EXIT.failed : EXIT.ok;
}

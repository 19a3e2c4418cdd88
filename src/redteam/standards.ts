// The taxonomy ids the catalog may use, with their names, so that reports can spell them out and
// a test can reject a typo. Sources: OWASP Top 10 for LLM Applications 2025; MITRE ATLAS
// (atlas-data dist/ATLAS.yaml v5.6.0), as recorded in /work/shared/reference/standards.md §4.
import type { OwaspId } from './types.js';

export const OWASP_LLM_2025: Record<OwaspId, string> = {
  LLM01: 'Prompt Injection',
  LLM02: 'Sensitive Information Disclosure',
  LLM03: 'Supply Chain',
  LLM04: 'Data and Model Poisoning',
  LLM05: 'Improper Output Handling',
  LLM06: 'Excessive Agency',
  LLM07: 'System Prompt Leakage',
  LLM08: 'Vector and Embedding Weaknesses',
  LLM09: 'Misinformation',
  LLM10: 'Unbounded Consumption',
};

export const ATLAS_TECHNIQUES: Record<string, string> = {
  'AML.T0051': 'LLM Prompt Injection',
  'AML.T0051.000': 'LLM Prompt Injection: Direct',
  'AML.T0051.001': 'LLM Prompt Injection: Indirect',
  'AML.T0051.002': 'LLM Prompt Injection: Triggered',
  'AML.T0054': 'LLM Jailbreak',
  'AML.T0065': 'LLM Prompt Crafting',
  'AML.T0068': 'LLM Prompt Obfuscation',
  'AML.T0093': 'Prompt Infiltration via Public-Facing Application',
  'AML.T0061': 'LLM Prompt Self-Replication',
  'AML.T0067': 'LLM Trusted Output Components Manipulation',
  'AML.T0056': 'Extract LLM System Prompt',
  'AML.T0069': 'Discover LLM System Information',
  'AML.T0069.002': 'Discover LLM System Information: System Prompt',
  'AML.T0084': 'Discover AI Agent Configuration',
  'AML.T0057': 'LLM Data Leakage',
  'AML.T0024': 'Exfiltration via AI Inference API',
  'AML.T0025': 'Exfiltration via Cyber Means',
  'AML.T0077': 'LLM Response Rendering',
  'AML.T0086': 'Exfiltration via AI Agent Tool Invocation',
  'AML.T0053': 'AI Agent Tool Invocation',
  'AML.T0080': 'AI Agent Context Poisoning',
  'AML.T0080.000': 'AI Agent Context Poisoning: Memory',
  'AML.T0080.001': 'AI Agent Context Poisoning: Thread',
  'AML.T0070': 'RAG Poisoning',
  'AML.T0071': 'False RAG Entry Injection',
  'AML.T0098': 'AI Agent Tool Credential Harvesting',
  'AML.T0110': 'AI Agent Tool Poisoning',
  'AML.T0101': 'Data Destruction via AI Agent Tool Invocation',
  'AML.T0029': 'Denial of AI Service',
  'AML.T0034': 'Cost Harvesting',
  'AML.T0034.002': 'Cost Harvesting: Agentic Resource Consumption',
};

export const ATLAS_URL = (id: string): string => `https://atlas.mitre.org/techniques/${id}`;

// Generates the configuration reference (README) from the schema itself, so documentation and
// validation cannot drift: a test compares this output with the README block.
import { z } from 'zod';
import { configSchema } from './schema.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'object';
}

function fmtDefault(v: unknown): string {
  if (v === undefined) return '';
  const text = JSON.stringify(v);
  return text.length > 60 ? '(see below)' : `\`${text}\``;
}

function walk(s: JsonSchema, path: string, rows: string[][]): void {
  const variants = s.oneOf ?? s.anyOf;
  if (variants) {
    for (const v of variants) {
      const tag = v.properties?.type?.const;
      walk(v, tag !== undefined ? `${path}{type=${String(tag)}}` : path, rows);
    }
    return;
  }
  if (s.properties) {
    if (path && s.description) rows.push([`\`${path}\``, 'object', fmtDefault(s.default), s.description]);
    for (const [k, v] of Object.entries(s.properties)) walk(v, path ? `${path}.${k}` : k, rows);
    return;
  }
  if (
    s.type === 'object' &&
    typeof s.additionalProperties === 'object' &&
    (s.additionalProperties.properties || s.additionalProperties.oneOf || s.additionalProperties.anyOf)
  ) {
    rows.push([`\`${path}\``, 'map', fmtDefault(s.default), s.description ?? '']);
    walk(s.additionalProperties, `${path}.<name>`, rows);
    return;
  }
  if (s.type === 'array' && s.items?.properties) {
    rows.push([`\`${path}\``, 'list', fmtDefault(s.default), s.description ?? '']);
    walk(s.items, `${path}[]`, rows);
    return;
  }
  rows.push([`\`${path}\``, typeOf(s), fmtDefault(s.default), (s.description ?? '').replace(/\|/g, '\\|')]);
}

export function configReference(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows: string[][] = [];
  walk(schema, '', rows);
  return ['| option | type | default | description |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`), ''].join(
    '\n',
  );
}

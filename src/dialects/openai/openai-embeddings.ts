// The OpenAI Embeddings dialect. The official SDK asks for base64 by default and decodes it, so
// both encodings are rendered.
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../pipeline/types.js';
import { fail, isObj, optInt, optStr, str } from '../shared/validate.js';

export function parseEmbeddings(body: unknown): EmbeddingsRequest {
  if (!isObj(body)) fail('(body)', 'expected a JSON object');
  const input = body.input;
  let list: string[];
  if (typeof input === 'string') list = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((s) => typeof s === 'string')) list = input as string[];
  else if (Array.isArray(input) && input.length > 0) fail('input', 'token arrays are not supported; send strings');
  else fail('input', 'expected a string or a non-empty array of strings');
  if (list.length > 2048) fail('input', 'at most 2048 inputs per request');
  const req: EmbeddingsRequest = { kind: 'embeddings', model: str(body, 'model'), input: list };
  const dims = optInt(body, 'dimensions', 1);
  if (dims !== undefined) req.dimensions = Math.min(dims, 8192);
  const fmt = optStr(body, 'encoding_format');
  if (fmt !== undefined) {
    if (fmt !== 'float' && fmt !== 'base64') fail('encoding_format', 'expected "float" or "base64"');
    req.encodingFormat = fmt;
  }
  const user = optStr(body, 'user');
  if (user !== undefined) req.user = user;
  return req;
}

export function renderEmbeddings(res: EmbeddingsResponse, model: string, format: 'float' | 'base64' | undefined) {
  return {
    object: 'list',
    model,
    data: res.vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
    })),
    usage: { prompt_tokens: res.usage.inputTokens, total_tokens: res.usage.inputTokens },
  };
}

// Resolves the model the caller named to a provider and the exact upstream model, and applies
// the model's output ceiling (max_tokens) so no caller can ask for an unbounded answer.
// Stops with: 404 model_not_found, 400 invalid_request (model serves another endpoint).
import { GatehouseError } from '../../errors.js';
import type { Provider } from '../../providers/types.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

export interface ModelRoute {
  name: string;
  provider: Provider;
  upstreamModel: string;
  type: 'chat' | 'embeddings';
  /** Ceiling on max_tokens for this model (denial of wallet). */
  maxOutputTokens?: number | undefined;
}

export const route = ({ models }: { models: ReadonlyMap<string, ModelRoute> }) =>
  async function route(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const req = ex.request;
    const m = req ? models.get(req.model) : undefined;
    if (!req || !m) {
      decide(ex, 'route', 'deny', `unknown model ${req?.model ?? ''}`, start);
      throw new GatehouseError(
        'model_not_found',
        `model "${req?.model ?? ''}" does not exist; GET /v1/models lists the models this key may use`,
        {
          details: { field: 'model' },
        },
      );
    }
    if (m.type !== req.kind) {
      decide(ex, 'route', 'deny', `model ${m.name} serves ${m.type}`, start);
      throw new GatehouseError('invalid_request', `model "${m.name}" serves ${m.type}, not ${req.kind}`, { details: { field: 'model' } });
    }
    ex.route = { model: m.name, provider: m.provider.name, upstreamModel: m.upstreamModel };
    let capped = '';
    if (req.kind === 'chat' && m.maxOutputTokens !== undefined && (req.maxTokens === undefined || req.maxTokens > m.maxOutputTokens)) {
      capped = `; max_tokens ${req.maxTokens ?? 'unset'} -> ${m.maxOutputTokens}`;
      req.maxTokens = m.maxOutputTokens;
    }
    decide(ex, 'route', 'allow', `${m.provider.name}/${m.upstreamModel}${capped}`, start);
    return next();
  };

// Refuses requests stopped by a kill switch (global, tenant, key, user, feature, model or
// provider), and ends streams in flight when a switch that asks for it is tripped.
// Stops with: 503 kill_switch (the message names the switch, never its internal reason).
import { applies, type KillSubject, type KillSwitch, type KillSwitchBoard, switchName } from '../../control/kill-switch.js';
import { GatehouseError } from '../../errors.js';
import { decide } from '../runner.js';
import type { Exchange, Next } from '../types.js';

function subjectOf(ex: Exchange): KillSubject {
  const feature = ex.headers['x-gatehouse-feature'];
  return {
    tenant: ex.identity?.tenant,
    key: ex.identity?.keyId,
    user: ex.identity?.userId,
    feature: typeof feature === 'string' ? feature : undefined,
    model: ex.route?.model,
    provider: ex.route?.provider,
  };
}

function refusal(sw: KillSwitch): GatehouseError {
  return new GatehouseError('kill_switch', `service stopped by kill switch "${switchName(sw)}"`, {
    internal: `${switchName(sw)}: ${sw.reason}`,
  });
}

export const killSwitch = ({ board }: { board: KillSwitchBoard }) => {
  const live = new Set<Exchange>();
  board.onAdded((added) => {
    for (const sw of added) {
      if (!sw.abortStreams) continue;
      for (const ex of live) if (applies(sw, subjectOf(ex))) ex.abort(refusal(sw));
    }
  });
  return async function killSwitch(ex: Exchange, next: Next): Promise<void> {
    const start = process.hrtime.bigint();
    const sw = board.match(subjectOf(ex));
    if (sw) {
      decide(ex, 'kill_switch', 'deny', switchName(sw), start);
      throw refusal(sw);
    }
    decide(ex, 'kill_switch', 'allow', 'none tripped', start);
    const streaming = ex.request?.kind === 'chat' && ex.request.stream;
    if (!streaming) return next();
    live.add(ex);
    try {
      await next();
    } finally {
      live.delete(ex);
    }
  };
};

// Properties a running system can change, as actions: an edit made in the app during a live run
// is sent as one of these live commands, recorded with the run and so replayed from the timeline.
// (Replicas and a service's version already have their actions: `scale` and `rollout`.)
//  set-error-rate  the node's own share of failing requests becomes `errorRate` (0…1); with forS,
//                  the earlier share returns when it ends.
import { defineAction, type ActionDef } from './actionRegistry';
import type { RNode } from './graph';
import { K_EXTERNAL, K_POD, K_SERVICE } from './graph';

export const LIVE_PROP_ACTIONS: readonly ActionDef[] = [
  defineAction<{ before: number } | null>({
    name: 'set-error-rate',
    compile(c) {
      const kind = c.node?.kind;
      if (c.entry.target === undefined) c.bad('set-error-rate needs a target');
      else if (kind !== K_SERVICE && kind !== K_POD && kind !== K_EXTERNAL)
        c.bad(`"${c.entry.target}" is not a service, pod or external API`);
      // The schema (model/actions.ts) has checked it is a share from 0 to 1.
      return { value: c.entry.params['errorRate'] as number, data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      a.data = { before: node.errorRate };
      node.errorRate = a.value;
      w.log.add(
        w.k.now,
        'Normal',
        'ErrorRateChanged',
        node.id,
        `Error rate of ${node.id} set to ${(a.value * 100).toFixed(2)} %`,
        { ...source, errorRate: a.value },
      );
    },
    end(_w, a) {
      if (a.data) (a.node as RNode).errorRate = a.data.before;
    },
  }),
];

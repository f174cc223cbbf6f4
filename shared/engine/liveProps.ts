// Properties a running system can change, as actions: an edit made in the app during a live run
// is sent as one of these live commands, recorded with the run and so replayed from the timeline.
// (Replicas and a service's version already have their actions: `scale` and `rollout`.)
//  set-error-rate  the node's own share of failing requests becomes `errorRate` (0…1); with forS,
//                  the earlier share returns when it ends.
//  set-rps         a client's rate becomes `rps` from that moment: the pending arrival is dropped
//                  and the next one drawn from the moment of the change at the new rate (exact
//                  for Poisson, which has no memory; a constant client's next arrival comes
//                  1/rps after the change). Traffic shapes go on acting on it: it replaces the
//                  base rate that spikes and sines multiply and ramps start from (a step or trace
//                  in force sets the rate itself). With forS, the earlier rate returns, re-drawn
//                  the same way.
//  set-latency     a link's one-way `latencyMs`, or the `latency` distribution of a service's or
//                  pod's work (its service time) or of an external API's answer, from that
//                  moment: requests already on the wire or at work keep their time. With forS,
//                  the earlier latency returns.
import { defineAction, type ActionDef } from './actionRegistry';
import type { Action, REdge, RNode } from './graph';
import { K_CLIENT, K_EXTERNAL, K_POD, K_SERVICE } from './graph';
import { scheduleArrival } from './arrivals';
import { samplerOf, type Sampler } from './distribution';
import { MAX_RPS, type Distribution } from '../model';
import type { Traffic } from './traffic';
import type { World } from './world';
import { EV_ACTION_END } from './world';

/** Schedule the end of an action that has a forS (its end() restores the earlier value). */
function endAfterFor(w: World, a: Action): void {
  if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
}

/** A client's rate becomes `rps` now, and its next arrival is drawn afresh at that rate. */
function setRate(w: World, client: RNode, rps: number): void {
  (client.traffic as Traffic).setBase(rps);
  client.arrivalGen++;
  scheduleArrival(w, client, w.k.now);
}

const describeDist = (d: Distribution) =>
  d.dist === 'lognormal'
    ? `lognormal p50 ${d.p50Ms} ms, p99 ${d.p99Ms} ms`
    : d.dist === 'empirical'
      ? `empirical, ${d.quantiles.length} quantiles`
      : `${d.dist} ${d.meanMs} ms`;

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
      endAfterFor(w, a);
      w.log.add(
        w.k.now,
        'Normal',
        'ErrorRateChanged',
        node.id,
        `Error rate of ${node.name} set to ${(a.value * 100).toFixed(2)} %`,
        { ...source, errorRate: a.value },
      );
    },
    end(_w, a) {
      if (a.data) (a.node as RNode).errorRate = a.data.before;
    },
  }),
  defineAction<{ before: number } | null>({
    name: 'set-rps',
    compile(c) {
      const rps = c.entry.params['rps'] as number;
      const traffic = c.node?.traffic;
      if (c.entry.target === undefined) c.bad('set-rps needs a target');
      else if (c.node?.kind !== K_CLIENT || !traffic) c.bad(`"${c.entry.target}" is not a client`);
      else if (traffic.boundFor(rps) > MAX_RPS)
        c.bad(
          `with its traffic shapes, ${rps} requests/s can reach ` +
            `${Math.round(traffic.boundFor(rps)).toLocaleString('en-US')}; a client sends at most ` +
            `${MAX_RPS.toLocaleString('en-US')}`,
          'params.rps',
        );
      return { value: rps, data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      a.data = { before: (node.traffic as Traffic).baseRps };
      setRate(w, node, a.value);
      endAfterFor(w, a);
      w.log.add(
        w.k.now,
        'Normal',
        'RateChanged',
        node.id,
        `Rate of ${node.name} set to ${a.value} requests/s`,
        { ...source, rps: a.value },
      );
    },
    end(w, a) {
      if (a.data) setRate(w, a.node as RNode, a.data.before);
    },
  }),
  defineAction<{ latency: Sampler | null; text: string; before: Sampler | number | null }>({
    name: 'set-latency',
    compile(c) {
      const ms = c.entry.params['latencyMs'] as number | undefined;
      const dist = c.entry.params['latency'] as Distribution | undefined;
      const kind = c.node?.kind;
      if (c.entry.target === undefined) c.bad('set-latency needs a target');
      else if (c.edge) {
        if (ms === undefined || dist !== undefined)
          c.bad('a link takes latencyMs (its one-way latency), not latency', 'params');
      } else if (kind === K_SERVICE || kind === K_POD || kind === K_EXTERNAL) {
        if (dist === undefined || ms !== undefined)
          c.bad(
            'a service, pod or external API takes latency (a distribution), not latencyMs',
            'params',
          );
      } else c.bad(`"${c.entry.target}" is not a link, service, pod or external API`);
      return {
        value: ms ?? 0,
        data: {
          latency: dist ? samplerOf(dist) : null,
          text: dist ? describeDist(dist) : `${ms ?? 0} ms`,
          before: null,
        },
      };
    },
    apply(w, a, source) {
      let id: string;
      if (a.edge) {
        const e = a.edge;
        a.data.before = e.latencyMs;
        e.latencyMs = a.value;
        id = e.id;
      } else {
        const node = a.node as RNode;
        const field = node.kind === K_EXTERNAL ? 'latency' : 'serviceTime';
        a.data.before = node[field];
        node[field] = a.data.latency as Sampler;
        id = node.id;
      }
      endAfterFor(w, a);
      w.log.add(w.k.now, 'Normal', 'LatencyChanged', id, `Latency of ${id} set to ${a.data.text}`, {
        ...source,
        ...(a.edge ? { latencyMs: a.value } : {}),
      });
    },
    end(_w, a) {
      const before = a.data.before;
      if (before === null) return;
      if (typeof before === 'number') (a.edge as REdge).latencyMs = before;
      else {
        const node = a.node as RNode;
        node[node.kind === K_EXTERNAL ? 'latency' : 'serviceTime'] = before;
      }
    },
  }),
];

// Faults on a node's resources.
//  cpu-stress           a stressor takes CPU from a service's pods: service time × `factor`
//                       (or `load` %: the pods keep 1 − load of the CPU, factor 1 / (1 − load)).
//  dependency-slowdown  a database, external, cache or queue does its own work × `factor`.
//  db-failover          the primary of a database fails. With a replica: requests that need the
//                       primary (writes, reads routed to it) fail with unavailable for the
//                       database's failoverSeconds, then a replica is promoted and everything
//                       works (one fewer replica until forS ends and the old primary rejoins).
//                       With no replica: a full outage (unavailable) for forS.
//  zone-outage          every node in the zone rejects new requests (unavailable) for forS; nodes
//                       outside it are untouched.
// Several factors on one node multiply; the product is recomputed from the active ones, so the
// node is back to exactly 1 when they end.
import { defineAction, type ActionCheck, type ActionDef } from '../actionRegistry';
import type { Action, Pool, RNode } from '../graph';
import { K_CACHE, K_CLIENT, K_DATABASE, K_EXTERNAL, K_POD, K_QUEUE, K_SERVICE } from '../graph';
import { nodeRecovered } from '../podApi';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_ACTION_END, EV_TIMER } from '../world';
import { forOf, num } from './params';
import { faultState } from './state';

function setFactors(w: World, node: RNode, list: number[]): void {
  faultState(w).factors.set(node, list);
  let f = 1;
  for (const x of list) f *= x;
  node.slowFactor = f;
}

function slowdown(name: string, kinds: readonly number[], what: string): ActionDef {
  return defineAction<null>({
    name,
    compile(c) {
      if (c.entry.target === undefined) c.bad(`${name} needs a target`);
      else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
      else if (!kinds.includes(c.node.kind)) c.bad(`"${c.entry.target}" is not ${what}`);
      const load = c.entry.params['load'];
      if (load !== undefined && c.entry.params['factor'] === undefined) {
        const l = num(c, 'load', 0, 99);
        return { value: 1 / (1 - l / 100), data: null };
      }
      return { value: num(c, 'factor', 1, 1000), data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      setFactors(w, node, [...(faultState(w).factors.get(node) ?? []), a.value]);
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `${node.name} works ${round(a.value)}× slower ${forOf(a.forMs)}`,
        {
          ...source,
          fault: name,
          factor: a.value,
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const node = a.node as RNode;
      const list = [...(faultState(w).factors.get(node) ?? [])];
      const i = list.indexOf(a.value);
      if (i >= 0) list.splice(i, 1);
      setFactors(w, node, list);
      w.log.add(
        w.k.now,
        'Normal',
        'FaultCleared',
        node.id,
        `${node.name} works at its own speed again`,
        {
          fault: name,
        },
      );
    },
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

interface Failover {
  primary: Pool;
  promoted: boolean;
}

/** db-failover while it runs: the failed primary, or null once it ended. */
interface FailoverState {
  failover: Failover | null;
}

class Promote implements Timer {
  constructor(readonly a: Action<FailoverState>) {}
  fire(w: World): void {
    const f = this.a.data.failover;
    const node = this.a.node as RNode;
    if (!f || f.promoted) return;
    f.promoted = true;
    // The replica that takes over becomes pools[0] (writes go there); the old primary is out.
    const i = node.pools.indexOf(f.primary);
    if (i >= 0) node.pools.splice(i, 1);
    f.primary.down = false;
    node.stats.level(w.k.now);
    node.stats.capacity -= f.primary.size;
    w.log.add(
      w.k.now,
      'Normal',
      'FailoverCompleted',
      node.id,
      `${node.name}: a replica was promoted to primary`,
      {
        fault: 'db-failover',
      },
    );
  }
}

const zoneTarget = (c: ActionCheck): void => {
  const t = c.entry.target;
  if (t === undefined) c.bad('zone-outage needs a target zone');
  else if (!c.lookup.zones.members.has(t)) c.bad(`unknown zone "${t}"`);
};

export const RESOURCE_ACTIONS: readonly ActionDef[] = [
  slowdown('cpu-stress', [K_SERVICE, K_POD], 'a service or pod'),
  slowdown(
    'dependency-slowdown',
    [K_DATABASE, K_EXTERNAL, K_CACHE, K_QUEUE, K_SERVICE, K_POD],
    'a dependency',
  ),
  defineAction<FailoverState>({
    name: 'db-failover',
    compile(c) {
      if (c.entry.target === undefined) c.bad('db-failover needs a target database');
      else if (!c.node || c.node.kind !== K_DATABASE)
        c.bad(`"${c.entry.target}" is not a database`);
      const ms = c.node ? c.lookup.zones.failoverMs.get(c.node.id) : undefined;
      return {
        value: num(c, 'failoverSeconds', 0, 3600, (ms ?? 30_000) / 1000) * 1000,
        data: { failover: null },
      };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      const now = w.k.now;
      if (node.pools.length <= 1) {
        node.failed++;
        a.data.failover = { primary: node.pools[0] as Pool, promoted: false };
        w.log.add(
          now,
          'Warning',
          'FaultInjected',
          node.id,
          `${node.name} primary failed with no replica: outage ${forOf(a.forMs)}`,
          {
            ...source,
            fault: 'db-failover',
            replicas: 0,
          },
        );
      } else {
        const primary = node.pools[0] as Pool;
        primary.down = true;
        a.data.failover = { primary, promoted: false };
        w.log.add(
          now,
          'Warning',
          'FaultInjected',
          node.id,
          `${node.name} primary failed: promoting a replica in ${a.value / 1000} s`,
          {
            ...source,
            fault: 'db-failover',
            replicas: node.pools.length - 1,
            failoverSeconds: a.value / 1000,
          },
        );
        w.k.at(now + a.value, EV_TIMER, new Promote(a), 0);
      }
      if (a.forMs !== Infinity) w.k.at(now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const node = a.node as RNode;
      const f = a.data.failover;
      if (!f) return;
      a.data.failover = null;
      if (!node.pools.includes(f.primary) || f.promoted) {
        // The old primary rejoins as a replica.
        if (!node.pools.includes(f.primary)) {
          node.pools.push(f.primary);
          node.stats.level(w.k.now);
          node.stats.capacity += f.primary.size;
        }
      } else if (node.pools.length <= 1) {
        node.failed--;
        nodeRecovered(w, node);
      } else {
        // Ended before the promotion: the primary simply comes back.
        f.primary.down = false;
        f.promoted = true;
      }
      w.log.add(
        w.k.now,
        'Normal',
        'FaultCleared',
        node.id,
        `${node.name}: the old primary is back`,
        {
          fault: 'db-failover',
        },
      );
    },
  }),
  defineAction<{ zone: string; down: RNode[] }>({
    name: 'zone-outage',
    compile(c) {
      zoneTarget(c);
      return { data: { zone: c.entry.target ?? '', down: [] } };
    },
    apply(w, a, source) {
      const id = a.data.zone;
      const nodes = (w.g.zones.members.get(id) ?? []).filter((n) => n.kind !== K_CLIENT);
      a.data.down = nodes;
      for (const n of nodes) n.failed++;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        id,
        `Zone ${id} is down (${nodes.map((n) => n.id).join(', ')}) ${forOf(a.forMs)}`,
        {
          ...source,
          fault: 'zone-outage',
          nodes: nodes.map((n) => n.id),
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const nodes = a.data.down;
      a.data.down = [];
      for (const n of nodes) {
        n.failed--;
        nodeRecovered(w, n);
      }
      const id = a.data.zone;
      w.log.add(w.k.now, 'Normal', 'FaultCleared', id, `Zone ${id} is back`, {
        fault: 'zone-outage',
      });
    },
  }),
];

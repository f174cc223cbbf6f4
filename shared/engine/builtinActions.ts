// The engine's own timeline actions and live commands (the Deployment's are in k8s/actions.ts,
// the fault library's in faults/):
//  kill-pod     a pod dies at once (params.pod: which, params.name: by name; else at random): its
//               requests fail with connection_reset. A service's ReplicaSet creates a replacement
//               (podApi.ts killPod); a bare pod stays dead.
//  add-latency  adds `ms` to an edge (each way) or to a node's own work, for forS.
//  fail-node    the node rejects new requests with unavailable for forS.
import { defineAction, type ActionDef } from './actionRegistry';
import type { Action, RNode } from './graph';
import { K_CLIENT, K_POD, K_SERVICE, REdge } from './graph';
import { killPod, nodeRecovered, pickPod } from './podApi';
import type { World } from './world';
import { EV_ACTION_END } from './world';

const endLater = (w: World, a: Action): void => {
  if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
};

export const BUILTIN_ACTIONS: readonly ActionDef[] = [
  defineAction<{ name: string | undefined }>({
    name: 'kill-pod',
    compile(c) {
      const { target } = c.entry;
      if (target === undefined) c.bad('kill-pod needs a target');
      else if (!c.node) c.bad(`unknown node "${target}"`);
      else if (c.node.kind !== K_SERVICE && c.node.kind !== K_POD)
        c.bad(`"${target}" is not a service or pod`);
      const { pod, name } = c.entry.params as { pod?: number; name?: string };
      // By name: the pod a user right-clicked on the canvas during a live run.
      return { value: name === undefined ? (pod ?? -1) : -1, data: { name } };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      const pod = pickPod(node, a.value, w.timelineRng, a.data.name);
      if (pod !== null) return killPod(w, pod, source);
      w.log.add(
        w.k.now,
        'Warning',
        'FaultSkipped',
        node.id,
        `No running pod of ${node.name} to kill`,
        source,
      );
    },
  }),
  defineAction<null>({
    name: 'add-latency',
    compile(c) {
      const { target } = c.entry;
      if (target === undefined) c.bad('add-latency needs a target');
      else if (!c.node && !c.edge) c.bad(`unknown node or edge "${target}"`);
      return { value: c.entry.params['ms'] as number, data: null };
    },
    apply(w, a, source) {
      const what: RNode | REdge = a.edge ?? (a.node as RNode);
      what.extraMs += a.value;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        what.id,
        `Added ${a.value} ms of latency to ${nameOf(what)}`,
        { ...source, fault: 'add-latency', ms: a.value },
      );
      endLater(w, a);
    },
    end(w, a) {
      const what: RNode | REdge = a.edge ?? (a.node as RNode);
      what.extraMs -= a.value;
      w.log.add(
        w.k.now,
        'Normal',
        'FaultCleared',
        what.id,
        `Removed the added ${a.value} ms of latency from ${nameOf(what)}`,
        { fault: 'add-latency' },
      );
    },
  }),
  defineAction<null>({
    name: 'fail-node',
    compile(c) {
      const { target } = c.entry;
      if (target === undefined) c.bad('fail-node needs a target');
      else if (!c.node) c.bad(`unknown node "${target}"`);
      else if (c.node.kind === K_CLIENT) c.bad(`"${target}" is a client; fail the nodes it calls`);
      return { data: null };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      node.failed++;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `${node.name} fails: new requests are rejected (unavailable)`,
        { ...source, fault: 'fail-node' },
      );
      endLater(w, a);
    },
    end(w, a) {
      const node = a.node as RNode;
      node.failed--;
      w.log.add(w.k.now, 'Normal', 'FaultCleared', node.id, `${node.name} accepts requests again`, {
        fault: 'fail-node',
      });
      nodeRecovered(w, node);
    },
  }),
];

/** A node or link as a reader names it. */
function nameOf(what: RNode | REdge): string {
  return what instanceof REdge ? `${what.from.name} → ${what.to.name}` : what.name;
}

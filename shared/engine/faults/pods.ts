// Pod faults, kept thin: they go through the pod API (podApi.ts) and only add what a chaos tool
// does.
//  pod-kill        `count` pods (default 1; or `pod`: an index) killed at once, each as kill-pod
//                  kills one; a Deployment replaces them.
//  (container-kill is the Deployment runtime's: k8s/actions.ts restarts the container in place.)
//  pod-failure     one pod (`pod`, else random) is unavailable for forS (Chaos Mesh pod-failure):
//                  its requests reset, out of the endpoints, back when the fault ends.
//  service-crash   every pod of a service fails as pod-failure for forS; another node kind rejects
//                  new requests (unavailable) for forS.
import {
  defineAction,
  type ActionCheck,
  type ActionDef,
  type ActionSource,
} from '../actionRegistry';
import type { Action, Pod, RNode } from '../graph';
import { K_CLIENT, K_POD, K_SERVICE } from '../graph';
import { failPod, killPod, nodeRecovered, pickPod, restorePod, runningPods } from '../podApi';
import type { World } from '../world';
import { EV_ACTION_END } from '../world';
import { forOf, int } from './params';
import { faultState } from './state';

const podTarget = (c: ActionCheck): void => {
  if (c.entry.target === undefined) c.bad(`${c.entry.action} needs a target`);
  else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
  else if (c.node.kind !== K_SERVICE && c.node.kind !== K_POD)
    c.bad(`"${c.entry.target}" is not a service or pod`);
};

/** A pod fault while it runs: the pods it made unavailable. */
interface Failed {
  pods: Pod[];
}

function skipped(w: World, node: RNode, message: string, source: ActionSource): void {
  w.log.add(w.k.now, 'Warning', 'FaultSkipped', node.id, message, source);
}

function failPods(
  w: World,
  a: Action<Failed>,
  pods: Pod[],
  source: ActionSource,
  fault: string,
): void {
  a.data.pods = pods;
  for (const pod of pods) {
    failPod(w, pod);
    w.log.add(
      w.k.now,
      'Warning',
      'FaultInjected',
      pod.name,
      `${pod.name} is unavailable ${forOf(a.forMs)}`,
      {
        ...source,
        fault,
        pod: pod.name,
        node: pod.node.id,
      },
    );
  }
  if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
}

function recoverPods(w: World, a: Action<Failed>, fault: string): void {
  for (const pod of a.data.pods) {
    restorePod(w, pod);
    w.log.add(w.k.now, 'Normal', 'FaultCleared', pod.name, `${pod.name} is available again`, {
      fault,
      pod: pod.name,
      node: pod.node.id,
    });
  }
  a.data.pods = [];
}

export const POD_ACTIONS: readonly ActionDef[] = [
  defineAction<{ count: number }>({
    name: 'pod-kill',
    compile(c) {
      podTarget(c);
      const pod = int(c, 'pod', 0, 100_000, -1);
      return { value: pod, data: { count: pod >= 0 ? 1 : int(c, 'count', 1, 10_000, 1) } };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      for (let i = 0; i < a.data.count; i++) {
        // Picked as kill-pod picks (the timeline's stream), one kill at a time.
        const pod = pickPod(node, a.value, w.timelineRng);
        if (pod === null) skipped(w, node, `No running pod of ${node.name} to kill`, source);
        else killPod(w, pod, source);
      }
    },
  }),
  defineAction<Failed>({
    name: 'pod-failure',
    compile(c) {
      podTarget(c);
      return { value: int(c, 'pod', 0, 100_000, -1), data: { pods: [] } };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      const pod = pickPod(node, a.value, faultState(w).podRng(node));
      if (pod === null) return skipped(w, node, `No running pod of ${node.name}`, source);
      failPods(w, a, [pod], source, 'pod-failure');
    },
    end: (w, a) => recoverPods(w, a, 'pod-failure'),
  }),
  defineAction<Failed>({
    name: 'service-crash',
    compile(c) {
      if (c.entry.target === undefined) c.bad('service-crash needs a target');
      else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
      else if (c.node.kind === K_CLIENT) c.bad(`"${c.entry.target}" is a client`);
      return { data: { pods: [] } };
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      if (node.kind === K_SERVICE || node.kind === K_POD)
        return failPods(w, a, runningPods(node), source, 'service-crash');
      node.failed++;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `${node.name} crashed ${forOf(a.forMs)}`,
        {
          ...source,
          fault: 'service-crash',
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
    },
    end(w, a) {
      const node = a.node as RNode;
      if (node.kind === K_SERVICE || node.kind === K_POD) return recoverPods(w, a, 'service-crash');
      node.failed--;
      w.log.add(w.k.now, 'Normal', 'FaultCleared', node.id, `${node.name} is back`, {
        fault: 'service-crash',
      });
      nodeRecovered(w, node);
    },
  }),
];

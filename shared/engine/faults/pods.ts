// Pod faults, kept thin: they go through the pod API that exists (the built-in kill-pod, which the
// Deployment runtime may take over; pods.ts readiness) and only add what a chaos tool does.
//  pod-kill        `count` pods (default 1; or `pod`: an index) killed at once; a Deployment
//                  replaces them (the kill-pod action, once per pod).
//  (container-kill is the Deployment runtime's: k8s/actions.ts restarts the container in place.)
//  pod-failure     one pod (`pod`, else random) is unavailable for forS (Chaos Mesh pod-failure):
//                  its requests reset, out of the endpoints, back when the fault ends.
//  service-crash   every pod of a service fails as pod-failure for forS; another node kind rejects
//                  new requests (unavailable) for forS.
import type { ActionCheck, ActionDef } from '../actionTable';
import type { Action, Pod, RNode } from '../graph';
import { K_CLIENT, K_POD, K_SERVICE } from '../graph';
import { dispatch } from '../nodes';
import { markReady, unready } from '../pods';
import { Rng } from '../rng';
import { applyAction } from '../timeline';
import type { World } from '../world';
import { EV_ACTION_END } from '../world';
import { forOf, int } from './params';
import { cutRequests } from '../podCut';

const podTarget = (c: ActionCheck): void => {
  if (c.entry.target === undefined) c.bad(`${c.entry.action} needs a target`);
  else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
  else if (c.node.kind !== K_SERVICE && c.node.kind !== K_POD)
    c.bad(`"${c.entry.target}" is not a service or pod`);
};

const STREAMS = new WeakMap<World, Map<string, Rng>>();
function rngOf(w: World, node: RNode): Rng {
  let m = STREAMS.get(w);
  if (!m) STREAMS.set(w, (m = new Map()));
  let rng = m.get(node.id);
  if (!rng) m.set(node.id, (rng = Rng.stream(w.g.seed, `fault-pods:${node.id}`)));
  return rng;
}

/** The pod a fault picks: `pod` index among the running ones, else one at random. */
function pick(w: World, a: Action): Pod | null {
  const node = a.node as RNode;
  const alive = node.pods.filter((p) => p.alive && !p.terminating);
  if (alive.length === 0) return null;
  return (
    (a.value < 0 ? alive[rngOf(w, node).int(alive.length)] : alive[a.value % alive.length]) ?? null
  );
}

/** The pod's requests fail with connection_reset and it leaves the endpoints (it stays alive). */
export function resetPod(w: World, pod: Pod): void {
  const now = w.k.now;
  unready(pod, now);
  cutRequests(w, pod);
}

function backReady(w: World, pod: Pod): void {
  if (!pod.alive || pod.terminating) return;
  markReady(pod, w.k.now);
  for (const sub of pod.node.subs) if (sub.consumer === pod.node) dispatch(w, sub);
}

const failedPods = new WeakMap<Action, Pod[]>();

function skipped(w: World, a: Action, source: Record<string, unknown>): true {
  const id = (a.node as RNode).id;
  w.log.add(w.k.now, 'Warning', 'FaultSkipped', id, `No running pod of ${id}`, source);
  return true;
}

function failPods(
  w: World,
  a: Action,
  pods: Pod[],
  source: Record<string, unknown>,
  fault: string,
): void {
  failedPods.set(a, pods);
  for (const pod of pods) {
    resetPod(w, pod);
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

function recoverPods(w: World, a: Action, fault: string): void {
  for (const pod of failedPods.get(a) ?? []) {
    backReady(w, pod);
    w.log.add(w.k.now, 'Normal', 'FaultCleared', pod.name, `${pod.name} is available again`, {
      fault,
      pod: pod.name,
      node: pod.node.id,
    });
  }
  failedPods.delete(a);
}

export const POD_ACTIONS: readonly ActionDef[] = [
  {
    name: 'pod-kill',
    compile(c) {
      podTarget(c);
      const pod = int(c, 'pod', 0, 100_000, -1);
      return { value: pod, data: { count: pod >= 0 ? 1 : int(c, 'count', 1, 10_000, 1) } };
    },
    apply(w, a, source) {
      const { count } = a.data as { count: number };
      const live = source['live'] === true;
      for (let i = 0; i < count; i++)
        applyAction(w, { ...a, action: 'kill-pod', data: undefined }, live);
      return true;
    },
  },
  {
    name: 'pod-failure',
    compile(c) {
      podTarget(c);
      return { value: int(c, 'pod', 0, 100_000, -1) };
    },
    apply(w, a, source) {
      const pod = pick(w, a);
      if (pod === null) return skipped(w, a, source);
      failPods(w, a, [pod], source, 'pod-failure');
      return true;
    },
    end: (w, a) => recoverPods(w, a, 'pod-failure'),
  },
  {
    name: 'service-crash',
    compile(c) {
      if (c.entry.target === undefined) c.bad('service-crash needs a target');
      else if (!c.node) c.bad(`unknown node "${c.entry.target}"`);
      else if (c.node.kind === K_CLIENT) c.bad(`"${c.entry.target}" is a client`);
      return {};
    },
    apply(w, a, source) {
      const node = a.node as RNode;
      if (node.kind === K_SERVICE || node.kind === K_POD) {
        const pods = node.pods.filter((p) => p.alive && !p.terminating);
        failPods(w, a, pods, source, 'service-crash');
        return true;
      }
      node.failed++;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        node.id,
        `${node.id} crashed ${forOf(a.forMs)}`,
        {
          ...source,
          fault: 'service-crash',
        },
      );
      if (a.forMs !== Infinity) w.k.at(w.k.now + a.forMs, EV_ACTION_END, a, 0);
      return true;
    },
    end(w, a) {
      const node = a.node as RNode;
      if (node.kind === K_SERVICE || node.kind === K_POD) return recoverPods(w, a, 'service-crash');
      node.failed--;
      w.log.add(w.k.now, 'Normal', 'FaultCleared', node.id, `${node.id} is back`, {
        fault: 'service-crash',
      });
      if (node.failed === 0)
        for (const sub of node.subs) if (sub.consumer === node) dispatch(w, sub);
    },
  },
];

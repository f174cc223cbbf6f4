// Applying timeline actions and live commands, with Kubernetes-style events.
//  kill-pod     the pod dies at once: requests on it fail with connection_reset. A service's
//               ReplicaSet creates a replacement that is Ready after startupSeconds; a bare pod
//               stays dead.
//  scale        the Deployment's replicas change: new pods are Ready after startupSeconds; removed
//               pods (not-ready first, then newest) leave the endpoints, finish what they hold and
//               are killed after terminationGracePeriodSeconds.
//  add-latency  adds `ms` to an edge (each way) or to a node's own work, for forS.
//  fail-node    the node rejects new requests with unavailable for forS.
import { actionDef } from './actionTable';
import type { Action, Pod, RNode } from './graph';
import { K_SERVICE } from './graph';
import { dispatch } from './nodes';
import { addPod, markReady, removePod, replicaSetName, unready } from './pods';
import type { World } from './world';
import { EV_ACTION_END, EV_POD_GRACE, EV_POD_READY } from './world';
import { cutRequests } from './podCut';

export function applyAction(w: World, a: Action, live: boolean): void {
  const now = w.k.now;
  const source = live ? { live: true } : { timeline: a.index };
  if (actionDef(a.action)?.apply(w, a, source) === true) return;
  switch (a.action) {
    case 'kill-pod': {
      const node = a.node as RNode;
      const alive = node.pods.filter((p) => p.alive && !p.terminating);
      if (alive.length === 0) {
        w.log.add(
          now,
          'Warning',
          'FaultSkipped',
          node.id,
          `No running pod of ${node.id} to kill`,
          source,
        );
        return;
      }
      const pod = (
        a.value < 0 ? alive[w.timelineRng.int(alive.length)] : alive[a.value % alive.length]
      ) as Pod;
      w.log.add(now, 'Normal', 'Killing', pod.name, `Stopping container ${node.id}`, {
        ...source,
        pod: pod.name,
        node: node.id,
      });
      killPod(w, pod);
      if (node.kind === K_SERVICE) createPods(w, node, 1);
      return;
    }
    case 'scale':
      return scale(w, a.node as RNode, a.value, source);
    case 'add-latency': {
      const what = a.edge ?? (a.node as RNode);
      what.extraMs += a.value;
      w.log.add(
        now,
        'Warning',
        'FaultInjected',
        what.id,
        `Added ${a.value} ms of latency to ${what.id}`,
        {
          ...source,
          fault: 'add-latency',
          ms: a.value,
        },
      );
      if (a.forMs !== Infinity) w.k.at(now + a.forMs, EV_ACTION_END, a, 0);
      return;
    }
    case 'fail-node': {
      const node = a.node as RNode;
      node.failed++;
      w.log.add(
        now,
        'Warning',
        'FaultInjected',
        node.id,
        `${node.id} fails: new requests are rejected (unavailable)`,
        {
          ...source,
          fault: 'fail-node',
        },
      );
      if (a.forMs !== Infinity) w.k.at(now + a.forMs, EV_ACTION_END, a, 0);
      return;
    }
  }
}

export function endAction(w: World, a: Action): void {
  const now = w.k.now;
  const def = actionDef(a.action);
  if (def?.end !== undefined) return def.end(w, a);
  if (a.action === 'add-latency') {
    const what = a.edge ?? (a.node as RNode);
    what.extraMs -= a.value;
    w.log.add(
      now,
      'Normal',
      'FaultCleared',
      what.id,
      `Removed the added ${a.value} ms of latency from ${what.id}`,
      {
        fault: 'add-latency',
      },
    );
  } else if (a.action === 'fail-node') {
    const node = a.node as RNode;
    node.failed--;
    w.log.add(now, 'Normal', 'FaultCleared', node.id, `${node.id} accepts requests again`, {
      fault: 'fail-node',
    });
    if (node.failed === 0) for (const sub of node.subs) if (sub.consumer === node) dispatch(w, sub);
  }
}

function scale(w: World, node: RNode, replicas: number, source: Record<string, unknown>): void {
  const now = w.k.now;
  const current = node.pods.filter((p) => p.alive && !p.terminating);
  const from = current.length;
  node.replicas = replicas;
  const rs = replicaSetName(node);
  if (replicas === from) return;
  const up = replicas > from;
  w.log.add(
    now,
    'Normal',
    'ScalingReplicaSet',
    node.id,
    `Scaled ${up ? 'up' : 'down'} replica set ${rs} to ${replicas}`,
    {
      ...source,
      replicaSet: rs,
      from,
      to: replicas,
    },
  );
  if (up) return createPods(w, node, replicas - from);
  // Kubernetes deletes not-ready pods first, then the newest.
  const victims = [...current].sort(
    (a, b) => Number(a.ready) - Number(b.ready) || node.pods.indexOf(b) - node.pods.indexOf(a),
  );
  for (const pod of victims.slice(0, from - replicas)) {
    w.log.add(now, 'Normal', 'Killing', pod.name, `Stopping container ${node.id}`, {
      pod: pod.name,
      node: node.id,
    });
    pod.terminating = true;
    unready(pod, now);
    if (pod.busy === 0 && pod.queue.length === 0) {
      pod.alive = false;
      removePod(pod);
    } else w.k.at(now + node.graceMs, EV_POD_GRACE, pod, 0);
  }
}

function createPods(w: World, node: RNode, count: number): void {
  const now = w.k.now;
  const rs = replicaSetName(node);
  for (let i = 0; i < count; i++) {
    const pod = addPod(node, w.podNamesOf(node.id), false);
    w.log.add(now, 'Normal', 'SuccessfulCreate', rs, `Created pod: ${pod.name}`, {
      pod: pod.name,
      node: node.id,
    });
    w.k.at(now + node.startupMs, EV_POD_READY, pod, 0);
  }
}

/** EV_POD_READY: the new pod's container started and it joins the endpoints. */
export function podReady(w: World, pod: Pod): void {
  if (!pod.alive || pod.terminating) return;
  w.log.add(w.k.now, 'Normal', 'Started', pod.name, `Started container ${pod.node.id}`, {
    pod: pod.name,
    node: pod.node.id,
  });
  markReady(pod, w.k.now);
  for (const sub of pod.node.subs) if (sub.consumer === pod.node) dispatch(w, sub);
}

/** EV_POD_GRACE: the termination grace period is over; whatever is left is killed. */
export function podGrace(w: World, pod: Pod): void {
  if (!pod.alive) return;
  killPod(w, pod);
}

function killPod(w: World, pod: Pod): void {
  const now = w.k.now;
  unready(pod, now);
  pod.alive = false;
  removePod(pod);
  cutRequests(w, pod);
}

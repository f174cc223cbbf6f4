// Pods of a service (a Deployment's ReplicaSet) or a bare pod: names, readiness, and the slots
// list. Names follow Kubernetes: `<deployment>-<pod-template-hash>-<5 random chars>`.
import type { RNode } from './graph';
import { K_POD, Pod } from './graph';
import { hashString } from './rng';
import type { Rng } from './rng';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A stable 10-character pod-template-hash for a service's template. */
export function templateHash(text: string): string {
  let h = hashString(text);
  let h2 = hashString(`${text}#`);
  let out = '';
  for (let i = 0; i < 10; i++) {
    const src = i < 5 ? h : h2;
    out += SAFE[src % SAFE.length] ?? 'b';
    if (i < 5) h = Math.floor(h / SAFE.length);
    else h2 = Math.floor(h2 / SAFE.length);
  }
  return out;
}

export function replicaSetName(node: RNode): string {
  return `${node.kubeName}-${node.templateHash}`;
}

/** Create a pod; `ready` pods join the endpoints at once (the state at t = 0). */
export function addPod(node: RNode, names: Rng, ready: boolean): Pod {
  const name = node.kind === K_POD ? node.kubeName : `${replicaSetName(node)}-${names.suffix(5)}`;
  const pod = new Pod(node, name, node.concurrency);
  node.pods.push(pod);
  if (ready) markReady(pod);
  return pod;
}

export function markReady(pod: Pod, nowMs = 0): void {
  if (pod.ready || !pod.alive || pod.terminating) return;
  const stats = pod.node.stats;
  stats.level(nowMs);
  pod.ready = true;
  pod.node.ready.push(pod);
  stats.capacity += pod.slots;
}

/** Take a pod out of the endpoints (killed or terminating). */
export function unready(pod: Pod, nowMs: number): void {
  if (!pod.ready) return;
  pod.ready = false;
  const ready = pod.node.ready;
  const i = ready.indexOf(pod);
  if (i >= 0) ready.splice(i, 1);
  pod.node.stats.level(nowMs);
  pod.node.stats.capacity -= pod.slots;
}

export function removePod(pod: Pod): void {
  const pods = pod.node.pods;
  const i = pods.indexOf(pod);
  if (i >= 0) pods.splice(i, 1);
}

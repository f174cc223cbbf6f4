// What the result and the live chunks say about a service's pods and Deployment, for the JSON
// result (`nodes[id].pods`, `nodes[id].deployment`) and the canvas, which draws each pod inside its
// service node coloured by version and state.
import type { Pod, RNode } from '../graph';
import { serviceOf } from './attach';

export type PodState = 'pending' | 'starting' | 'ready' | 'unready' | 'terminating' | 'crashloop';

export interface PodView {
  name: string;
  /** The owning ReplicaSet (`<deployment>-<pod-template-hash>`), or null for a bare pod. */
  replicaSet: string | null;
  version: string | null;
  /** Kubernetes' phase as kubectl shows it: Pending, ContainerCreating, Running, CrashLoopBackOff, Terminating. */
  phase: string;
  ready: boolean;
  terminating: boolean;
  restarts: number;
  /** One word for the canvas's colour. */
  state: PodState;
}

export interface DeploymentView {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  revision: number;
  strategy: string;
  /** The Progressing condition (reason and message), as `kubectl describe` shows it. */
  progressing: { status: string; reason: string; message: string } | null;
  replicaSets: { name: string; revision: number; replicas: number; version: string }[];
  hpa?: { t: number; utilization: number; desired: number } | null;
}

function bare(p: Pod): PodView {
  const phase = p.alive ? (p.terminating ? 'Terminating' : 'Running') : 'Gone';
  return {
    name: p.name,
    replicaSet: null,
    version: null,
    phase,
    ready: p.ready,
    terminating: p.terminating,
    restarts: 0,
    state: p.terminating ? 'terminating' : p.ready ? 'ready' : 'unready',
  };
}

export function podViews(node: RNode): PodView[] {
  const svc = serviceOf(node);
  if (svc === null) return node.pods.map(bare);
  const out: PodView[] = [];
  for (const rs of svc.sets.values()) {
    for (const { pod, life } of rs.pods) {
      const phase = life.phase;
      const state: PodState =
        phase === 'Terminating'
          ? 'terminating'
          : phase === 'CrashLoopBackOff'
            ? 'crashloop'
            : phase === 'Pending'
              ? 'pending'
              : phase === 'ContainerCreating'
                ? 'starting'
                : life.ready
                  ? 'ready'
                  : life.restartCount > 0
                    ? 'unready'
                    : 'starting';
      out.push({
        name: pod.name,
        replicaSet: rs.name,
        version: rs.template.version,
        phase,
        ready: life.ready,
        terminating: phase === 'Terminating',
        restarts: life.restartCount,
        state,
      });
    }
  }
  return out;
}

export function deploymentView(node: RNode): DeploymentView | null {
  const svc = serviceOf(node);
  if (svc === null) return null;
  const d = svc.d;
  const cond = d.progressing;
  const sets = [...d.replicaSets].sort((a, b) => a.revision - b.revision);
  return {
    ...d.status,
    revision: Math.max(0, ...sets.map((rs) => rs.revision)),
    strategy: d.spec.strategy,
    progressing:
      cond === null ? null : { status: cond.status, reason: cond.reason, message: cond.message },
    replicaSets: sets.map((rs) => ({
      name: rs.name,
      revision: rs.revision,
      replicas: rs.replicas,
      version: svc.sets.get(rs.name)?.template.version ?? '',
    })),
    ...(svc.hpa === null ? {} : { hpa: svc.hpa.last }),
  };
}

/** A number that changes whenever the node's pod views may have (0 for a bare pod's node). */
export function podsVersion(node: RNode): number {
  return serviceOf(node)?.changes ?? 0;
}

const seen = new WeakMap<object, Map<string, number>>();

/** The pods of every service whose pods changed since this cursor last asked (null: none did). */
export function changedPods(
  nodes: readonly RNode[],
  cursor: object,
): Record<string, PodView[]> | null {
  let last = seen.get(cursor);
  if (last === undefined) seen.set(cursor, (last = new Map()));
  let out: Record<string, PodView[]> | null = null;
  for (const node of nodes) {
    if (serviceOf(node) === null) continue;
    const v = podsVersion(node);
    if (last.get(node.id) === v) continue;
    last.set(node.id, v);
    (out ??= {})[node.id] = podViews(node);
  }
  return out;
}

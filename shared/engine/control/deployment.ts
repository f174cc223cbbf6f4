// The Deployment object of the Kubernetes Deployment controller (apps/v1 Deployment, ReplicaSet):
// spec, the replica sets it owns with their revisions, status and the Progressing condition, and
// the user's verbs on it (`kubectl set image`, `scale`, `rollout history`, `rollout undo`).
// The controller's sync is in rollout.ts.
import { event, type ControlEvent } from './events';
import type { IntOrPercent } from './fenceposts';

export type PodTemplate = Readonly<Record<string, unknown>>;

export interface DeploymentSpec {
  name: string;
  replicas: number;
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  minReadySeconds: number;
  progressDeadlineSeconds: number;
  revisionHistoryLimit: number;
  /** What defines the pods (version, image, behaviour…): its hash names the replica set. */
  template: PodTemplate;
}

export interface ReplicaSet {
  name: string;
  templateHash: string;
  template: PodTemplate;
  revision: number;
  /** spec.replicas: what the Deployment asks of this set. */
  replicas: number;
  /** Creation order (creationTimestamp): old sets scale down oldest first. */
  createdSeq: number;
}

/** What the engine observed of one replica set's pods (ReplicaSet status). */
export interface ReplicaSetStatus {
  /** Pods not terminating (status.replicas). */
  replicas: number;
  readyReplicas: number;
  /** Ready for at least minReadySeconds. */
  availableReplicas: number;
  /** Pods still present, terminating ones included (Recreate waits for these to be gone). */
  pods: number;
}

export interface DeploymentStatus {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

export interface ProgressingCondition {
  status: 'True' | 'False';
  reason:
    | 'NewReplicaSetCreated'
    | 'FoundNewReplicaSet'
    | 'ReplicaSetUpdated'
    | 'NewReplicaSetAvailable'
    | 'ProgressDeadlineExceeded';
  message: string;
  lastUpdateMs: number;
  lastTransitionMs: number;
}

export interface Deployment {
  spec: DeploymentSpec;
  replicaSets: ReplicaSet[];
  status: DeploymentStatus;
  progressing: ProgressingCondition | null;
  nextSeq: number;
}

export interface Scaling {
  replicaSet: string;
  from: number;
  to: number;
}

export interface SyncResult {
  deployment: Deployment;
  /** Replica count changes, in the order the controller made them. */
  scaled: Scaling[];
  created: string[];
  /** Old replica sets removed by revisionHistoryLimit. */
  deleted: string[];
  events: ControlEvent[];
}

/** A Deployment with no replica sets yet: the first sync creates revision 1 at full size. */
export function newDeployment(spec: DeploymentSpec): Deployment {
  const status = { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 };
  return { spec, replicaSets: [], status, progressing: null, nextSeq: 0 };
}

/** `kubectl set image` / a rollout from the timeline: a new pod template. */
export function setTemplate(d: Deployment, template: PodTemplate): Deployment {
  return { ...d, spec: { ...d.spec, template } };
}

/** `kubectl scale`. */
export function setReplicas(d: Deployment, replicas: number): Deployment {
  return { ...d, spec: { ...d.spec, replicas } };
}

/** Revision history, newest first, as `kubectl rollout history` lists it. */
export function history(d: Deployment): { revision: number; replicaSet: string }[] {
  return [...d.replicaSets]
    .sort((a, b) => b.revision - a.revision)
    .map((rs) => ({ revision: rs.revision, replicaSet: rs.name }));
}

/**
 * `kubectl rollout undo [--to-revision=N]`: re-apply the template of the previous revision (the
 * highest below the current one), or of revision N. The next sync finds that replica set, gives
 * it a new revision number and scales it up like any rollout.
 */
export function rolloutUndo(
  d: Deployment,
  nowMs: number,
  toRevision?: number,
): { ok: true; deployment: Deployment; event: ControlEvent } | { ok: false; message: string } {
  const byRevision = [...d.replicaSets].sort((a, b) => b.revision - a.revision);
  const target =
    toRevision === undefined ? byRevision[1] : byRevision.find((rs) => rs.revision === toRevision);
  if (target === undefined) {
    return {
      ok: false,
      message:
        toRevision === undefined
          ? `no rollout history found for deployment "${d.spec.name}"`
          : `unable to find specified revision ${toRevision} in history`,
    };
  }
  const message = `Rolled back deployment "${d.spec.name}" to revision ${target.revision}`;
  return {
    ok: true,
    deployment: setTemplate(d, target.template),
    event: event(nowMs, 'Normal', 'DeploymentRollback', d.spec.name, message, {
      revision: target.revision,
      replicaSet: target.name,
    }),
  };
}

/** Whether a pod that became Ready at `readySinceMs` counts as available (minReadySeconds). */
export function isAvailable(readySinceMs: number, minReadySeconds: number, nowMs: number): boolean {
  return nowMs - readySinceMs >= minReadySeconds * 1000;
}

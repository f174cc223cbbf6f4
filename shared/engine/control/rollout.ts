// The Kubernetes Deployment controller, one sync at a time, after pkg/controller/deployment:
// sync.go (getNewReplicaSet, scaleReplicaSetAndRecordEvent, cleanupDeployment), rolling.go
// (rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets, cleanupUnhealthyReplicas,
// scaleDownOldReplicaSetsForRollingUpdate), recreate.go (rolloutRecreate), progress.go
// (syncRolloutStatus) and util/deployment_util.go (NewRSNewReplicas, DeploymentComplete,
// DeploymentProgressing, DeploymentTimedOut). The engine owns the pods: it reports each replica
// set's status, this module answers with the replica counts each set should have.
import { event, type ControlEvent } from './events';
import { maxUnavailable, podTemplateHash, replicaSetName, resolveFenceposts } from './fenceposts';
import type {
  Deployment,
  DeploymentSpec,
  DeploymentStatus,
  ProgressingCondition,
  ReplicaSet,
  ReplicaSetStatus,
  Scaling,
  SyncResult,
} from './deployment';

export * from './deployment';

const EMPTY: ReplicaSetStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, pods: 0 };

class Sync {
  readonly scaled: Scaling[] = [];
  readonly created: string[] = [];
  readonly deleted: string[] = [];
  readonly events: ControlEvent[] = [];
  readonly d: Deployment;

  constructor(
    d: Deployment,
    readonly observed: (name: string) => ReplicaSetStatus,
    readonly nowMs: number,
  ) {
    this.d = { ...d, replicaSets: d.replicaSets.map((rs) => ({ ...rs })) };
  }

  get name(): string {
    return this.d.spec.name;
  }

  /** scaleReplicaSetAndRecordEvent. */
  scale(rs: ReplicaSet, to: number): boolean {
    if (rs.replicas === to) return false;
    const from = rs.replicas;
    const verb = to > from ? 'up' : 'down';
    rs.replicas = to;
    this.scaled.push({ replicaSet: rs.name, from, to });
    const message = `Scaled ${verb} replica set ${rs.name} to ${to}`;
    const data = { replicaSet: rs.name, from, to, revision: rs.revision };
    this.events.push(event(this.nowMs, 'Normal', 'ScalingReplicaSet', this.name, message, data));
    return true;
  }

  setProgressing(cond: Omit<ProgressingCondition, 'lastUpdateMs' | 'lastTransitionMs'>): void {
    const prev = this.d.progressing;
    const transition =
      prev === null || prev.status !== cond.status ? this.nowMs : prev.lastTransitionMs;
    this.d.progressing = { ...cond, lastUpdateMs: this.nowMs, lastTransitionMs: transition };
  }

  /** getAllReplicaSetsAndSyncRevision: the set matching the template, created if asked. */
  newReplicaSet(
    create: boolean,
    initialReplicas: (old: ReplicaSet[]) => number,
  ): ReplicaSet | null {
    const hash = podTemplateHash(this.d.spec.template);
    const sets = this.d.replicaSets;
    const existing = sets.find((rs) => rs.templateHash === hash);
    const maxOld = Math.max(0, ...sets.filter((rs) => rs !== existing).map((rs) => rs.revision));
    if (existing) {
      // SetNewReplicaSetAnnotations: a set brought back (rollout undo) takes the next revision.
      if (existing.revision < maxOld) existing.revision = maxOld + 1;
      if (this.d.progressing === null) {
        const message = `Found new replica set "${existing.name}"`;
        this.setProgressing({ status: 'True', reason: 'FoundNewReplicaSet', message });
      }
      return existing;
    }
    if (!create) return null;
    const rs: ReplicaSet = {
      name: replicaSetName(this.name, hash),
      templateHash: hash,
      template: this.d.spec.template,
      revision: maxOld + 1,
      replicas: 0,
      createdSeq: this.d.nextSeq++,
    };
    const replicas = initialReplicas(sets);
    sets.push(rs);
    this.created.push(rs.name);
    this.scale(rs, replicas);
    const message = `Created new replica set "${rs.name}"`;
    this.setProgressing({ status: 'True', reason: 'NewReplicaSetCreated', message });
    return rs;
  }

  oldSets(newRS: ReplicaSet | null): ReplicaSet[] {
    return this.d.replicaSets
      .filter((rs) => rs !== newRS)
      .sort((a, b) => a.createdSeq - b.createdSeq);
  }

  specReplicas(sets: readonly ReplicaSet[]): number {
    return sets.reduce((n, rs) => n + rs.replicas, 0);
  }

  available(sets: readonly ReplicaSet[]): number {
    return sets.reduce((n, rs) => n + this.observed(rs.name).availableReplicas, 0);
  }
}

/** deploymentutil.NewRSNewReplicas for RollingUpdate. */
function newRSNewReplicas(
  spec: DeploymentSpec,
  all: readonly ReplicaSet[],
  newReplicas: number,
): number {
  const surge = resolveFenceposts(spec.maxSurge, spec.maxUnavailable, spec.replicas).surge;
  const current = all.reduce((n, rs) => n + rs.replicas, 0);
  const maxTotal = spec.replicas + surge;
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, spec.replicas - newReplicas);
}

/** One sync of the Deployment (syncDeployment → rolloutRolling or rolloutRecreate). */
export function syncDeployment(
  d: Deployment,
  observed: Readonly<Record<string, ReplicaSetStatus>>,
  nowMs: number,
): SyncResult {
  const s = new Sync(d, (name) => observed[name] ?? EMPTY, nowMs);
  if (d.spec.strategy === 'Recreate') rolloutRecreate(s);
  else rolloutRolling(s);
  return {
    deployment: s.d,
    scaled: s.scaled,
    created: s.created,
    deleted: s.deleted,
    events: s.events,
  };
}

function rolloutRolling(s: Sync): void {
  const spec = s.d.spec;
  const newRS = s.newReplicaSet(true, (old) => newRSNewReplicas(spec, old, 0)) as ReplicaSet;
  const old = s.oldSets(newRS);
  const all = [...old, newRS];
  // A set created just now already has its NewRSNewReplicas size, so this is then a no-op and the
  // same sync goes on to scale old sets down (as rolling.go does).
  if (reconcileNewReplicaSet(s, all, newRS)) return finish(s, newRS, old);
  if (reconcileOldReplicaSets(s, all, old, newRS)) return finish(s, newRS, old);
  finish(s, newRS, old, true);
}

function reconcileNewReplicaSet(s: Sync, all: ReplicaSet[], newRS: ReplicaSet): boolean {
  const spec = s.d.spec;
  if (newRS.replicas === spec.replicas) return false;
  if (newRS.replicas > spec.replicas) return s.scale(newRS, spec.replicas);
  return s.scale(newRS, newRSNewReplicas(spec, all, newRS.replicas));
}

function reconcileOldReplicaSets(
  s: Sync,
  all: ReplicaSet[],
  old: ReplicaSet[],
  newRS: ReplicaSet,
): boolean {
  const spec = s.d.spec;
  if (s.specReplicas(old) === 0) return false;
  const minAvailable =
    spec.replicas -
    maxUnavailable(spec.strategy, spec.maxSurge, spec.maxUnavailable, spec.replicas);
  const newUnavailable = newRS.replicas - s.observed(newRS.name).availableReplicas;
  const maxScaledDown = s.specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // cleanupUnhealthyReplicas: unhealthy old pods would otherwise block the rollout.
  let cleaned = 0;
  for (const rs of old) {
    if (cleaned >= maxScaledDown) break;
    const available = s.observed(rs.name).availableReplicas;
    if (rs.replicas === 0 || rs.replicas <= available) continue;
    const count = Math.min(maxScaledDown - cleaned, rs.replicas - available);
    s.scale(rs, rs.replicas - count);
    cleaned += count;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: oldest first, keeping minAvailable.
  const availableNow = s.available(all);
  let scaledDown = 0;
  if (availableNow > minAvailable) {
    const total = availableNow - minAvailable;
    for (const rs of old) {
      if (scaledDown >= total) break;
      if (rs.replicas === 0) continue;
      const count = Math.min(rs.replicas, total - scaledDown);
      s.scale(rs, rs.replicas - count);
      scaledDown += count;
    }
  }
  return cleaned + scaledDown > 0;
}

function rolloutRecreate(s: Sync): void {
  const spec = s.d.spec;
  let newRS = s.newReplicaSet(false, () => 0);
  let old = s.oldSets(newRS);
  // scaleDownOldReplicaSetsForRecreate.
  let scaledDown = false;
  for (const rs of old) if (rs.replicas > 0) scaledDown = s.scale(rs, 0) || scaledDown;
  if (scaledDown) return finish(s, newRS, old);
  // oldPodsRunning: terminating pods count until they are gone.
  if (old.some((rs) => s.observed(rs.name).pods > 0)) return finish(s, newRS, old);
  if (newRS === null) {
    newRS = s.newReplicaSet(true, () => spec.replicas) as ReplicaSet;
    old = s.oldSets(newRS);
  }
  // scaleUpNewReplicaSetForRecreate.
  s.scale(newRS, spec.replicas);
  finish(s, newRS, old, true);
}

/** calculateStatus, then syncRolloutStatus (progress.go), then cleanupDeployment when complete. */
function finish(s: Sync, newRS: ReplicaSet | null, old: ReplicaSet[], mayClean = false): void {
  const d = s.d;
  const prev = d.status;
  const sum = (f: (st: ReplicaSetStatus) => number): number =>
    d.replicaSets.reduce((n, rs) => n + f(s.observed(rs.name)), 0);
  const status: DeploymentStatus = {
    replicas: sum((st) => st.replicas),
    updatedReplicas: newRS ? s.observed(newRS.name).replicas : 0,
    readyReplicas: sum((st) => st.readyReplicas),
    availableReplicas: sum((st) => st.availableReplicas),
  };
  d.status = status;
  const replicas = d.spec.replicas;
  const complete =
    status.updatedReplicas === replicas &&
    status.replicas === replicas &&
    status.availableReplicas === replicas;
  const cond = d.progressing;
  const rsName = newRS?.name ?? d.spec.name;
  const settled =
    status.replicas === status.updatedReplicas && cond?.reason === 'NewReplicaSetAvailable';
  if (!settled) {
    if (complete) {
      if (cond?.reason !== 'NewReplicaSetAvailable') {
        const message = `ReplicaSet "${rsName}" has successfully progressed.`;
        s.setProgressing({ status: 'True', reason: 'NewReplicaSetAvailable', message });
      }
    } else if (progressed(prev, status)) {
      const message = `ReplicaSet "${rsName}" is progressing.`;
      s.setProgressing({ status: 'True', reason: 'ReplicaSetUpdated', message });
    } else if (
      // DeploymentTimedOut: a finished rollout never times out; a timed-out one is not re-reported.
      cond !== null &&
      cond.reason !== 'NewReplicaSetAvailable' &&
      cond.reason !== 'ProgressDeadlineExceeded' &&
      cond.lastUpdateMs + d.spec.progressDeadlineSeconds * 1000 < s.nowMs
    ) {
      const message = `ReplicaSet "${rsName}" has timed out progressing.`;
      s.setProgressing({ status: 'False', reason: 'ProgressDeadlineExceeded', message });
      const data = { replicaSet: rsName, progressDeadlineSeconds: d.spec.progressDeadlineSeconds };
      s.events.push(
        event(s.nowMs, 'Warning', 'ProgressDeadlineExceeded', d.spec.name, message, data),
      );
    }
  }
  if (mayClean && complete) cleanupDeployment(s, old);
}

/** deploymentutil.DeploymentProgressing. */
function progressed(prev: DeploymentStatus, next: DeploymentStatus): boolean {
  return (
    next.updatedReplicas > prev.updatedReplicas ||
    next.replicas - next.updatedReplicas < prev.replicas - prev.updatedReplicas ||
    next.readyReplicas > prev.readyReplicas ||
    next.availableReplicas > prev.availableReplicas
  );
}

/** cleanupDeployment: keep revisionHistoryLimit old sets, deleting the oldest empty ones. */
function cleanupDeployment(s: Sync, old: ReplicaSet[]): void {
  const diff = old.length - s.d.spec.revisionHistoryLimit;
  if (diff <= 0) return;
  const byRevision = [...old].sort((a, b) => a.revision - b.revision);
  let removed = 0;
  for (const rs of byRevision) {
    if (removed >= diff) break;
    if (rs.replicas !== 0 || s.observed(rs.name).pods !== 0) continue;
    s.d.replicaSets = s.d.replicaSets.filter((x) => x !== rs);
    s.deleted.push(rs.name);
    removed++;
  }
}

// A stand-in for the engine's ReplicaSet controller and kubelets, for rollout tests: pods are
// created the moment a set is scaled up and become available `availableAfter` syncs later; scaled
// down pods leave the set's status at once and stay as terminating pods for `terminatingSyncs`.
import {
  newDeployment,
  syncDeployment,
  type Deployment,
  type DeploymentSpec,
  type ReplicaSetStatus,
} from '../../../shared/engine/control/rollout';

export class Cluster {
  d: Deployment;
  sync = 0;
  /** Per replica set: the sync at which each live pod was created. */
  readonly pods = new Map<string, number[]>();
  /** Per replica set: syncs left for each terminating pod. */
  readonly terminating = new Map<string, number[]>();
  readonly log: string[] = [];
  /** Sets whose pods never become available (a broken version). */
  readonly broken = new Set<string>();
  maxPods = 0;
  minAvailable = Infinity;

  constructor(
    spec: DeploymentSpec,
    readonly availableAfter = 2,
    readonly terminatingSyncs = 0,
  ) {
    this.d = newDeployment(spec);
  }

  status(): Record<string, ReplicaSetStatus> {
    const out: Record<string, ReplicaSetStatus> = {};
    for (const rs of this.d.replicaSets) {
      const pods = this.pods.get(rs.name) ?? [];
      const available = this.broken.has(rs.name)
        ? 0
        : pods.filter((at) => this.sync - at >= this.availableAfter).length;
      out[rs.name] = {
        replicas: pods.length,
        readyReplicas: available,
        availableReplicas: available,
        pods: pods.length + (this.terminating.get(rs.name)?.length ?? 0),
      };
    }
    return out;
  }

  /** One controller sync at `sync × stepMs`; returns the scalings as "up name n" / "down name n". */
  step(stepMs = 1000): string[] {
    this.sync++;
    for (const [name, list] of this.terminating) {
      this.terminating.set(
        name,
        list.map((n) => n - 1).filter((n) => n > 0),
      );
    }
    const result = syncDeployment(this.d, this.status(), this.sync * stepMs);
    this.d = result.deployment;
    const out: string[] = [];
    for (const ev of result.events) {
      if (ev.reason === 'ScalingReplicaSet') out.push(ev.message);
    }
    for (const rs of this.d.replicaSets) {
      const pods = this.pods.get(rs.name) ?? [];
      while (pods.length < rs.replicas) pods.push(this.sync);
      while (pods.length > rs.replicas) {
        pods.pop();
        const t = this.terminating.get(rs.name) ?? [];
        if (this.terminatingSyncs > 0) t.push(this.terminatingSyncs);
        this.terminating.set(rs.name, t);
      }
      this.pods.set(rs.name, pods);
    }
    const all = this.d.replicaSets.reduce((n, rs) => n + (this.pods.get(rs.name)?.length ?? 0), 0);
    this.maxPods = Math.max(this.maxPods, all);
    const st = this.status();
    const available = Object.values(st).reduce((n, s) => n + s.availableReplicas, 0);
    if (this.d.replicaSets.length > 1) this.minAvailable = Math.min(this.minAvailable, available);
    this.log.push(...out);
    return out;
  }

  /** Sync until nothing changes for `quiet` syncs (or `max` syncs). */
  settle(quiet = 3, max = 100): string[] {
    const out: string[] = [];
    let still = 0;
    for (let i = 0; i < max && still < quiet; i++) {
      const step = this.step();
      out.push(...step);
      still = step.length === 0 ? still + 1 : 0;
    }
    return out;
  }

  /** Mark every pod as long available (the state before a rollout). */
  age(): void {
    for (const [name, list] of this.pods) {
      this.pods.set(
        name,
        list.map(() => -1000),
      );
    }
  }
}

export function spec(overrides: Partial<DeploymentSpec> = {}): DeploymentSpec {
  return {
    name: 'web',
    replicas: 10,
    strategy: 'RollingUpdate',
    maxSurge: '25%',
    maxUnavailable: '25%',
    minReadySeconds: 0,
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    template: { version: 'v1' },
    ...overrides,
  };
}

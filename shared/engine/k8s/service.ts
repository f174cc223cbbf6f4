// A service node as Kubernetes runs it: a Deployment (control/rollout.ts) owning ReplicaSets, each
// owning pods whose lifecycle the kubelet model drives (control/pod.ts: Pending → ContainerCreating
// → Running → Ready, probes, restarts with CrashLoopBackOff, Terminating with preStop and grace);
// the Service's endpoints follow the ready pods after a propagation delay (control/endpoints.ts),
// and the engine's `node.ready` is what kube-proxy currently routes to — a pod that just died
// stays there until the change lands, and requests to it fail with connection_refused.
//
// At t = 0 the Deployment is in steady state: revision 1 at full size, its pods Running and
// Ready (available whatever minReadySeconds), no events. Everything later goes through the
// controllers: a sync is deferred to a timer at the same instant, and repeated while it scales.
import {
  advancePod,
  createPod,
  deletePod,
  nextWakeMs,
  oomKilled,
  podDrained,
  type Pod as LifePod,
  type PodUpdate,
} from '../control/pod';
import { newProbeWorker, type ProbeKind } from '../control/probes';
import {
  isAvailable,
  newDeployment,
  rolloutUndo,
  setReplicas,
  setTemplate,
  syncDeployment,
  type Deployment,
  type ReplicaSetStatus,
} from '../control/rollout';
import type { ControlEvent } from '../control/events';
import { exitAfterMs } from '../control/behaviour';
import type { RNode } from '../graph';
import { Pod } from '../graph';
import { removePod } from '../pods';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';
import type { HpaLoop } from './hpaLoop';
import { ServiceNetwork } from './network';
import { applyPodFlags } from './podData';
import { cutRequests } from '../podCut';
import { podSpec, templateObject, templateOf, type ServiceProps, type Template } from './template';

const SYNC = 1;
const SYNC_LATER = 2;

/** Far enough in the past that a pod Ready at t = 0 counts as available. */
const LONG_AGO_MS = -1e12;

export class ReplicaSetRt {
  readonly pods: PodRt[] = [];
  constructor(
    readonly name: string,
    readonly template: Template,
  ) {}
}

/** One pod: the engine's data-plane Pod and the kubelet's view of it. */
export class PodRt implements Timer {
  token = 0;
  wakeAt = Infinity;
  /** SIGTERM sent: the process accepts no new connection. */
  sigterm = false;
  /** The phase the pod views last showed. */
  shown = '';
  constructor(
    readonly svc: K8sService,
    readonly pod: Pod,
    readonly life: LifePod,
    readonly rs: ReplicaSetRt,
  ) {}

  fire(_w: World, arg: number): void {
    if (arg !== this.token) return;
    this.wakeAt = Infinity;
    this.svc.advance(this);
  }

  drained(): void {
    this.svc.drained(this);
  }

  oomKilled(): void {
    this.svc.oomKilled(this);
  }
}

export class K8sService implements Timer {
  w!: World;
  d: Deployment;
  readonly sets = new Map<string, ReplicaSetRt>();
  net: ServiceNetwork;
  private syncPending = false;
  private syncLaterAt = Infinity;
  hpa: HpaLoop | null = null;
  /** Bumped on every change a view of the pods shows (for live chunks). */
  changes = 0;

  constructor(
    readonly node: RNode,
    readonly props: ServiceProps,
    readonly template: Template,
    spec: Deployment['spec'],
  ) {
    this.d = newDeployment(spec);
    this.net = new ServiceNetwork(node, props);
  }

  get now(): number {
    return this.w.k.now;
  }

  /** The run starts: adopt the pods compile made as revision 1, Running and Ready. */
  start(w: World): void {
    this.w = w;
    const node = this.node;
    const n = node.pods.length;
    const steady: ReplicaSetStatus = {
      replicas: n,
      readyReplicas: n,
      availableReplicas: n,
      pods: n,
    };
    const first = syncDeployment(this.d, {}, 0);
    const rsName = first.created[0] ?? '';
    this.d = syncDeployment(first.deployment, { [rsName]: steady }, 0).deployment;
    const rs = new ReplicaSetRt(rsName, this.template);
    this.sets.set(rsName, rs);
    const spec = podSpec(node.id, this.props, this.template);
    for (const pod of node.pods) {
      const life = createPod(pod.name, spec, 0);
      life.phase = 'Running';
      life.step = null;
      life.ready = true;
      life.readySinceMs = LONG_AGO_MS;
      life.containerStartedAtMs = 0;
      life.started = true;
      life.workers = (['startup', 'liveness', 'readiness'] as ProbeKind[])
        .filter((k) => spec.probes[k] !== undefined)
        .map((k) => {
          const worker = newProbeWorker(k, spec.probes[k]!, 0);
          if (k === 'readiness') worker.result = true;
          if (k === 'startup') worker.onHold = true;
          return worker;
        });
      const exit = exitAfterMs(spec.behaviour);
      if (exit !== Infinity) life.step = { atMs: exit, kind: 'exit' };
      const prt = new PodRt(this, pod, life, rs);
      pod.rt = prt;
      rs.pods.push(prt);
      applyPodFlags(prt);
      this.schedule(prt);
    }
    this.net.start();
    this.hpa?.start(w);
  }

  fire(_w: World, arg: number): void {
    if (arg === SYNC) {
      this.syncPending = false;
      this.sync();
    } else if (arg === SYNC_LATER) {
      if (this.now < this.syncLaterAt) return;
      this.syncLaterAt = Infinity;
      this.sync();
    }
  }

  log(e: ControlEvent, extra: Record<string, unknown> = {}): void {
    this.w.log.add(e.atMs, e.type, e.reason, e.object, e.message, { ...e.data, ...extra });
  }

  // ── The user's verbs (kubectl scale, set image, rollout undo / restart) ──────────────────────

  /** The template the Deployment now asks for. */
  get current(): Template {
    return templateOf(this.d.spec.template);
  }

  scale(replicas: number): void {
    this.d = setReplicas(this.d, replicas);
    this.requestSync();
  }

  setTemplate(t: Template): void {
    this.d = setTemplate(this.d, templateObject(t));
    this.requestSync();
  }

  /** `kubectl rollout undo`: false (with the reason logged) when there is no previous revision. */
  undo(source: Record<string, unknown>): boolean {
    const res = rolloutUndo(this.d, this.now);
    if (!res.ok) {
      this.w.log.add(
        this.now,
        'Warning',
        'DeploymentRollbackRevisionNotFound',
        this.node.id,
        res.message,
        source,
      );
      return false;
    }
    this.d = res.deployment;
    this.log(res.event, source);
    this.requestSync();
    return true;
  }

  /** Pods that are not terminating, in creation order of their sets. */
  livePods(): PodRt[] {
    const out: PodRt[] = [];
    for (const rs of this.sets.values())
      for (const p of rs.pods)
        if (p.life.phase !== 'Terminating' && p.life.phase !== 'Gone') out.push(p);
    return out;
  }

  // ── Deployment and ReplicaSet controllers ─────────────────────────────────────────────────

  /** The Deployment changed (spec or pod status): sync it at this instant, once. */
  requestSync(): void {
    if (this.syncPending) return;
    this.syncPending = true;
    this.w.k.at(this.now, EV_TIMER, this, SYNC);
  }

  private syncLater(atMs: number): void {
    if (atMs >= this.syncLaterAt && this.syncLaterAt > this.now) return;
    this.syncLaterAt = atMs;
    this.w.k.at(atMs, EV_TIMER, this, SYNC_LATER);
  }

  private observed(): Record<string, ReplicaSetStatus> {
    const out: Record<string, ReplicaSetStatus> = {};
    const minReady = this.d.spec.minReadySeconds;
    for (const [name, rs] of this.sets) {
      let replicas = 0;
      let ready = 0;
      let available = 0;
      for (const { life } of rs.pods) {
        if (life.phase === 'Terminating' || life.phase === 'Gone') continue;
        replicas++;
        if (!life.ready) continue;
        ready++;
        if (isAvailable(life.readySinceMs ?? 0, minReady, this.now)) available++;
      }
      out[name] = {
        replicas,
        readyReplicas: ready,
        availableReplicas: available,
        pods: rs.pods.length,
      };
    }
    return out;
  }

  sync(): void {
    const res = syncDeployment(this.d, this.observed(), this.now);
    this.d = res.deployment;
    for (const e of res.events) this.log(e);
    for (const rs of this.d.replicaSets) {
      let rt = this.sets.get(rs.name);
      if (rt === undefined)
        this.sets.set(rs.name, (rt = new ReplicaSetRt(rs.name, templateOf(rs.template))));
      this.reconcile(rt, rs.replicas);
    }
    for (const name of res.deleted) this.sets.delete(name);
    this.node.replicas = this.d.spec.replicas;
    this.changes++;
    if (res.scaled.length > 0) return this.requestSync();
    // Wake again when a Ready pod becomes available, or when the progress deadline passes.
    let next = Infinity;
    const minReadyMs = this.d.spec.minReadySeconds * 1000;
    for (const rs of this.sets.values()) {
      for (const { life } of rs.pods) {
        if (life.ready && life.phase !== 'Terminating' && life.readySinceMs !== null) {
          const at = life.readySinceMs + minReadyMs;
          if (at > this.now) next = Math.min(next, at);
        }
      }
    }
    const cond = this.d.progressing;
    if (
      cond !== null &&
      (cond.reason === 'NewReplicaSetCreated' ||
        cond.reason === 'ReplicaSetUpdated' ||
        cond.reason === 'FoundNewReplicaSet')
    ) {
      next = Math.min(next, cond.lastUpdateMs + this.d.spec.progressDeadlineSeconds * 1000 + 1);
    }
    if (next !== Infinity) this.syncLater(next);
  }

  /** The ReplicaSet controller: create or delete pods until the set has `want`. */
  private reconcile(rs: ReplicaSetRt, want: number): void {
    const active = rs.pods.filter((p) => p.life.phase !== 'Terminating' && p.life.phase !== 'Gone');
    for (let i = active.length; i < want; i++) this.createPod(rs);
    if (active.length <= want) return;
    // controller.ActivePods ranking: unscheduled < scheduled, pending < running, not ready <
    // ready, ready for less time, more restarts, newer first.
    const rank = (p: PodRt) =>
      p.life.phase === 'Pending' ? 0 : p.life.phase === 'Running' ? 2 : 1;
    const victims = active
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          rank(a.p) - rank(b.p) ||
          Number(a.p.life.ready) - Number(b.p.life.ready) ||
          (b.p.life.readySinceMs ?? 0) - (a.p.life.readySinceMs ?? 0) ||
          b.p.life.restartCount - a.p.life.restartCount ||
          b.i - a.i,
      )
      .slice(0, active.length - want);
    for (const { p } of victims) {
      this.w.log.add(
        this.now,
        'Normal',
        'SuccessfulDelete',
        rs.name,
        `Deleted pod: ${p.pod.name}`,
        {
          pod: p.pod.name,
          node: this.node.id,
        },
      );
      this.deletePod(p, false);
    }
  }

  private createPod(rs: ReplicaSetRt): void {
    const node = this.node;
    const name = `${rs.name}-${this.w.podNamesOf(node.id).suffix(5)}`;
    const pod = new Pod(node, name, node.concurrency);
    node.pods.push(pod);
    const life = createPod(name, podSpec(node.id, this.props, rs.template), this.now);
    const prt = new PodRt(this, pod, life, rs);
    pod.rt = prt;
    rs.pods.push(prt);
    this.net.add(pod);
    this.w.log.add(this.now, 'Normal', 'SuccessfulCreate', rs.name, `Created pod: ${name}`, {
      pod: name,
      node: node.id,
      version: rs.template.version,
    });
    applyPodFlags(prt);
    this.schedule(prt);
  }

  /** Delete a pod: Terminating, preStop, SIGTERM, SIGKILL at the grace; `force` = grace 0. */
  deletePod(prt: PodRt, force: boolean): void {
    const life = prt.life;
    const before = life.containerStartedAtMs;
    if (force) life.spec = { ...life.spec, terminationGracePeriodSeconds: 0, preStopSeconds: 0 };
    const upd = deletePod(life, this.now);
    prt.pod.terminating = true;
    this.handle(prt, upd, before);
    if (force && life.phase !== 'Gone') this.advance(prt);
  }

  // ── Pods ────────────────────────────────────────────────────────────────────────────────────

  advance(prt: PodRt): void {
    const before = prt.life.containerStartedAtMs;
    this.handle(prt, advancePod(prt.life, this.now), before);
  }

  /** The container passed its memory limit (cpu/oom.ts): OOMKilled, then restarted. */
  oomKilled(prt: PodRt): void {
    const before = prt.life.containerStartedAtMs;
    this.handle(prt, oomKilled(prt.life, this.now), before);
  }

  drained(prt: PodRt): void {
    if (!prt.sigterm || prt.life.phase === 'Gone') return;
    this.handle(prt, podDrained(prt.life, this.now), prt.life.containerStartedAtMs);
  }

  private handle(prt: PodRt, u: PodUpdate, startedBefore: number | null): void {
    const { pod, life } = prt;
    for (const e of u.events) this.log(e, { node: this.node.id, version: prt.rs.template.version });
    if (u.sigterm) prt.sigterm = true;
    if (u.gone) {
      pod.alive = false;
      removePod(pod);
      const i = prt.rs.pods.indexOf(prt);
      if (i >= 0) prt.rs.pods.splice(i, 1);
      prt.token++;
    }
    applyPodFlags(prt);
    // The container ended (crash, failed probe, SIGKILL): what it was serving is cut.
    if (u.gone || (startedBefore !== null && life.containerStartedAtMs !== startedBefore))
      cutRequests(this.w, prt.pod);
    if (u.readyChanged || u.gone || u.sigterm || u.events.length > 0 || life.phase !== prt.shown) {
      prt.shown = life.phase;
      this.changes++;
    }
    if (u.readyChanged || u.gone) {
      this.net.changed(this.w, this.endpointList());
      this.requestSync();
    }
    if (u.sigterm && pod.busy === 0 && pod.queue.length === 0) return this.drained(prt);
    if (!u.gone) this.schedule(prt);
  }

  private schedule(prt: PodRt): void {
    const t = nextWakeMs(prt.life);
    if (t === Infinity || t === prt.wakeAt) return;
    prt.wakeAt = t;
    this.w.k.at(Math.max(t, this.now), EV_TIMER, prt, ++prt.token);
  }

  private endpointList(): { name: string; ready: boolean; terminating: boolean }[] {
    const pods = [];
    for (const rs of this.sets.values()) {
      for (const { pod, life } of rs.pods) {
        pods.push({ name: pod.name, ready: life.ready, terminating: life.phase === 'Terminating' });
      }
    }
    return pods;
  }
}

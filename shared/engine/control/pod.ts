// A pod's lifecycle as the kubelet runs it: Pending (scheduling) → ContainerCreating (pull and
// start) → Running → Ready; probes (probes.ts) drive readiness and restarts; restarts back off as
// CrashLoopBackOff (kuberuntime_manager.go doBackOff with client-go flowcontrol.Backoff: 10 s
// doubling to 5 min, reset once the container ran 2 × 5 min); deletion runs preStop, then SIGTERM,
// then SIGKILL at terminationGracePeriodSeconds. The pod is plain data updated in place; the engine
// calls `advancePod` at `nextWakeMs` and reads the events and flags it returns.
import { event, type ControlEvent } from './events';
import { exitAfterMs, honoursSigterm, probeAnswer, type PodBehaviour } from './behaviour';
import {
  judge,
  landProbe,
  newProbeWorker,
  probeDueMs,
  skipProbe,
  startProbe,
  type ProbeKind,
  type ProbeSpec,
  type ProbeWorker,
} from './probes';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export type PodPhase =
  'Pending' | 'ContainerCreating' | 'Running' | 'CrashLoopBackOff' | 'Terminating' | 'Gone';

export interface PodSpec {
  /** Container name (events say "Started container <name>"). */
  container: string;
  nodeName: string;
  schedulingDelayMs: number;
  /** Image pull and container start. */
  containerStartMs: number;
  terminationGracePeriodSeconds: number;
  preStopSeconds: number;
  probes: Partial<Record<ProbeKind, ProbeSpec>>;
  behaviour: PodBehaviour;
}

type Step = 'scheduled' | 'started' | 'exit' | 'restart' | 'sigterm' | 'killed';

export interface Pod {
  name: string;
  spec: PodSpec;
  phase: PodPhase;
  ready: boolean;
  readySinceMs: number | null;
  restartCount: number;
  /** When the current container started running, or null. */
  containerStartedAtMs: number | null;
  /** The startup probe has succeeded (true when there is none). */
  started: boolean;
  workers: ProbeWorker[];
  step: { atMs: number; kind: Step } | null;
  backoff: { backoffMs: number; lastUpdateMs: number } | null;
  deletedAtMs: number | null;
}

export interface PodUpdate {
  events: ControlEvent[];
  /** Ready changed (the endpoints must follow, after their propagation delay). */
  readyChanged: boolean;
  /** SIGTERM was sent: the engine calls `podDrained` once no request is in flight. */
  sigterm: boolean;
  /** The pod is gone; `cut` when SIGKILL ended requests still in flight. */
  gone: boolean;
  cut: boolean;
}

export function createPod(name: string, spec: PodSpec, nowMs: number): Pod {
  return {
    name,
    spec,
    phase: 'Pending',
    ready: false,
    readySinceMs: null,
    restartCount: 0,
    containerStartedAtMs: null,
    started: false,
    workers: [],
    step: { atMs: nowMs + spec.schedulingDelayMs, kind: 'scheduled' },
    backoff: null,
    deletedAtMs: null,
  };
}

export function nextWakeMs(pod: Pod): number {
  let t = pod.step?.atMs ?? Infinity;
  for (const w of pod.workers) t = Math.min(t, probeDueMs(w));
  return t;
}

/** Age of the running container at `nowMs` (0 when none runs). */
export function containerAgeMs(pod: Pod, nowMs: number): number {
  return pod.containerStartedAtMs === null ? 0 : nowMs - pod.containerStartedAtMs;
}

class Run {
  readonly u: PodUpdate = {
    events: [],
    readyChanged: false,
    sigterm: false,
    gone: false,
    cut: false,
  };
  constructor(readonly pod: Pod) {}

  emit(atMs: number, type: 'Normal' | 'Warning', reason: string, message: string, data = {}): void {
    const pod = this.pod;
    this.u.events.push(
      event(atMs, type, reason, pod.name, message, { restartCount: pod.restartCount, ...data }),
    );
  }

  setReady(ready: boolean, nowMs: number): void {
    const pod = this.pod;
    if (pod.ready === ready) return;
    pod.ready = ready;
    pod.readySinceMs = ready ? nowMs : null;
    this.u.readyChanged = true;
  }
}

/** Process every step and probe due at or before `nowMs`, in time order. */
export function advancePod(pod: Pod, nowMs: number): PodUpdate {
  const run = new Run(pod);
  for (let guard = 0; guard < 10_000; guard++) {
    const stepAt = pod.step?.atMs ?? Infinity;
    let worker: ProbeWorker | null = null;
    let workerAt = Infinity;
    for (const w of pod.workers) {
      const due = probeDueMs(w);
      if (due < workerAt) [worker, workerAt] = [w, due];
    }
    if (Math.min(stepAt, workerAt) > nowMs) break;
    if (pod.step !== null && stepAt <= workerAt) {
      const step = pod.step;
      pod.step = null;
      doStep(run, step.kind, step.atMs);
    } else if (worker !== null) doProbe(run, worker, workerAt);
  }
  return run.u;
}

function startContainer(run: Run, atMs: number): void {
  const pod = run.pod;
  pod.phase = 'ContainerCreating';
  pod.step = { atMs: atMs + pod.spec.containerStartMs, kind: 'started' };
}

function doStep(run: Run, kind: Step, atMs: number): void {
  const pod = run.pod;
  const c = pod.spec.container;
  switch (kind) {
    case 'scheduled':
      run.emit(
        atMs,
        'Normal',
        'Scheduled',
        `Successfully assigned default/${pod.name} to ${pod.spec.nodeName}`,
      );
      startContainer(run, atMs);
      return;
    case 'started': {
      pod.phase = 'Running';
      pod.containerStartedAtMs = atMs;
      const probes = pod.spec.probes;
      pod.started = probes.startup === undefined;
      pod.workers = (['startup', 'liveness', 'readiness'] as const)
        .filter((k) => probes[k] !== undefined)
        .map((k) => newProbeWorker(k, probes[k] as ProbeSpec, atMs));
      run.emit(atMs, 'Normal', 'Started', `Started container ${c}`);
      // Without a readiness probe the pod is Ready once its container runs.
      if (probes.readiness === undefined) run.setReady(true, atMs);
      const exit = exitAfterMs(pod.spec.behaviour);
      if (exit !== Infinity) pod.step = { atMs: atMs + exit, kind: 'exit' };
      return;
    }
    case 'exit':
      containerExited(run, atMs);
      return;
    case 'restart':
      // flowcontrol.Backoff.Next: double the delay, up to the cap.
      pod.backoff = {
        backoffMs: Math.min(2 * (pod.backoff?.backoffMs ?? BACKOFF_INITIAL_MS), BACKOFF_MAX_MS),
        lastUpdateMs: atMs,
      };
      pod.restartCount++;
      startContainer(run, atMs);
      return;
    case 'sigterm':
      run.u.sigterm = true;
      pod.step = {
        atMs: (pod.deletedAtMs ?? atMs) + pod.spec.terminationGracePeriodSeconds * 1000,
        kind: 'killed',
      };
      return;
    case 'killed':
      gone(run, atMs, true);
      return;
  }
}

function gone(run: Run, atMs: number, cut: boolean): void {
  const pod = run.pod;
  pod.phase = 'Gone';
  pod.step = null;
  pod.workers = [];
  pod.containerStartedAtMs = null;
  run.setReady(false, atMs);
  run.u.gone = true;
  run.u.cut = cut;
}

/** The container ended (crashed, or stopped after a failed probe): restart it, maybe after a back-off. */
function containerExited(run: Run, atMs: number): void {
  const pod = run.pod;
  pod.workers = [];
  pod.containerStartedAtMs = null;
  run.setReady(false, atMs);
  const b = pod.backoff;
  // IsInBackOffSince / hasExpired: an entry older than 2 × the cap is forgotten.
  if (b === null || atMs - b.lastUpdateMs > 2 * BACKOFF_MAX_MS) {
    pod.backoff = { backoffMs: BACKOFF_INITIAL_MS, lastUpdateMs: atMs };
    pod.restartCount++;
    startContainer(run, atMs);
    return;
  }
  pod.phase = 'CrashLoopBackOff';
  pod.step = { atMs: atMs + b.backoffMs, kind: 'restart' };
  const message = `Back-off restarting failed container ${pod.spec.container} in pod ${pod.name}`;
  run.emit(atMs, 'Warning', 'BackOff', message, { backoffMs: b.backoffMs });
}

/**
 * The kernel's OOM killer ended the running container (memory past limits.memory): the kubelet
 * reports it terminated with reason OOMKilled and exit code 137, then restarts it under the
 * restart policy with its back-off, as for any other exit.
 */
export function oomKilled(pod: Pod, nowMs: number): PodUpdate {
  const run = new Run(pod);
  if (pod.phase !== 'Running') return run.u;
  const c = pod.spec.container;
  run.emit(nowMs, 'Warning', 'OOMKilled', `Container ${c} was OOMKilled (exit code 137)`, {
    exitCode: 137,
  });
  containerExited(run, nowMs);
  return run.u;
}

const TITLE: Record<ProbeKind, string> = {
  startup: 'Startup',
  liveness: 'Liveness',
  readiness: 'Readiness',
};

function doProbe(run: Run, w: ProbeWorker, atMs: number): void {
  const pod = run.pod;
  if (w.pending === null) {
    if (w.kind === 'startup' && pod.started) {
      w.onHold = true;
      return;
    }
    if (w.kind !== 'startup' && !pod.started) {
      skipProbe(w, atMs);
      return;
    }
    const answer = probeAnswer(pod.spec.behaviour, w.spec.handler, containerAgeMs(pod, atMs));
    startProbe(w, atMs, judge(w.spec.handler, answer, w.spec.timeoutSeconds));
    return;
  }
  const verdict = landProbe(w);
  if (!verdict.ok) {
    const message = `${TITLE[w.kind]} probe failed: ${verdict.output}`;
    run.emit(atMs, 'Warning', 'Unhealthy', message, { probe: w.kind, failures: verdict.inRow });
  }
  if (!verdict.changed) return;
  if (w.kind === 'readiness') run.setReady(verdict.ok, atMs);
  else if (w.kind === 'startup') pod.started = true;
  if (w.kind !== 'readiness' && !verdict.ok) killContainer(run, w.kind, atMs);
}

/** A liveness or startup probe failed: kill the container (preStop, SIGTERM, grace), then restart. */
function killContainer(run: Run, kind: ProbeKind, atMs: number): void {
  const pod = run.pod;
  for (const w of pod.workers) w.onHold = true;
  run.setReady(false, atMs);
  const c = pod.spec.container;
  run.emit(atMs, 'Normal', 'Killing', `Container ${c} failed ${kind} probe, will be restarted`);
  pod.step = { atMs: atMs + stopMs(pod, atMs), kind: 'exit' };
}

/** How long stopping the running container takes: preStop, then SIGTERM (or SIGKILL at the grace). */
function stopMs(pod: Pod, atMs: number): number {
  const grace = pod.spec.terminationGracePeriodSeconds * 1000;
  if (!honoursSigterm(pod.spec.behaviour, containerAgeMs(pod, atMs))) return grace;
  return Math.min(pod.spec.preStopSeconds * 1000, grace);
}

/**
 * Delete the pod (scale down, rollout, kill from the timeline): Terminating at once — out of the
 * endpoints, after their delay — preStop, SIGTERM, and SIGKILL at the end of the grace period.
 */
export function deletePod(pod: Pod, nowMs: number): PodUpdate {
  const run = new Run(pod);
  if (pod.phase === 'Gone' || pod.phase === 'Terminating') return run.u;
  const running = pod.phase === 'Running';
  pod.phase = 'Terminating';
  pod.deletedAtMs = nowMs;
  for (const w of pod.workers) w.onHold = true;
  run.setReady(false, nowMs);
  run.emit(nowMs, 'Normal', 'Killing', `Stopping container ${pod.spec.container}`);
  if (!running) {
    gone(run, nowMs, false);
    return run.u;
  }
  const grace = pod.spec.terminationGracePeriodSeconds * 1000;
  pod.step = { atMs: nowMs + Math.min(pod.spec.preStopSeconds * 1000, grace), kind: 'sigterm' };
  return run.u;
}

/**
 * After SIGTERM, the engine reports that no request is in flight: a process that honours SIGTERM
 * exits now; a hung one waits for SIGKILL.
 */
export function podDrained(pod: Pod, nowMs: number): PodUpdate {
  const run = new Run(pod);
  if (pod.phase !== 'Terminating' || pod.step?.kind !== 'killed') return run.u;
  if (!honoursSigterm(pod.spec.behaviour, containerAgeMs(pod, nowMs))) return run.u;
  gone(run, nowMs, false);
  return run.u;
}

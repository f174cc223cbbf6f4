// Pod lifecycle, probes and restarts against the kubelet (pkg/kubelet/prober/worker.go doProbe,
// prober.go runProbe; kuberuntime/kuberuntime_manager.go doBackOff; client-go util/flowcontrol
// backoff.go Next/IsInBackOffSince/hasExpired) and the docs "Configure Liveness, Readiness and
// Startup Probes" and "Pod Lifecycle" (container restart policy: 10 s, 20 s, 40 s … capped at
// five minutes, reset after 10 minutes running). Times worked by hand.
import { describe, expect, it } from 'vitest';
import type { PodBehaviour } from '../../../shared/engine/control/behaviour';
import type { ControlEvent } from '../../../shared/engine/control/events';
import {
  advancePod,
  createPod,
  deletePod,
  nextWakeMs,
  podDrained,
  type Pod,
  type PodSpec,
} from '../../../shared/engine/control/pod';
import type { ProbeSpec } from '../../../shared/engine/control/probes';

const probe = (p: Partial<ProbeSpec> = {}): ProbeSpec => ({
  handler: 'httpGet',
  initialDelaySeconds: 0,
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
  ...p,
});

const podSpec = (p: Partial<PodSpec> = {}): PodSpec => ({
  container: 'web',
  nodeName: 'node-1',
  schedulingDelayMs: 1000,
  containerStartMs: 2000,
  terminationGracePeriodSeconds: 30,
  preStopSeconds: 0,
  probes: {},
  behaviour: { kind: 'healthy' },
  ...p,
});

/** Drive the pod wake by wake up to `untilMs`; returns every event as "t reason message". */
function runUntil(pod: Pod, untilMs: number, log: ControlEvent[] = []): ControlEvent[] {
  for (let t = nextWakeMs(pod); t <= untilMs; t = nextWakeMs(pod)) {
    log.push(...advancePod(pod, t).events);
  }
  return log;
}
const lines = (events: ControlEvent[]) => events.map((e) => `${e.atMs} ${e.reason} ${e.message}`);

describe('lifecycle: Pending → ContainerCreating → Running → Ready', () => {
  it('is scheduled after the scheduling delay and runs after the start time', () => {
    const pod = createPod('web-abc-x2k4p', podSpec(), 0);
    expect(pod.phase).toBe('Pending');
    expect(lines(runUntil(pod, 5000))).toEqual([
      '1000 Scheduled Successfully assigned default/web-abc-x2k4p to node-1',
      '3000 Started Started container web',
    ]);
    expect(pod).toMatchObject({ phase: 'Running', ready: true, readySinceMs: 3000 });
  });

  it('with a readiness probe, is Ready only after the first successful probe', () => {
    const pod = createPod(
      'p',
      podSpec({ probes: { readiness: probe({ initialDelaySeconds: 5 }) } }),
      0,
    );
    runUntil(pod, 7999);
    expect(pod.ready).toBe(false);
    // Started at 3 s; first probe at 3 + 5 = 8 s, answered in 1 ms.
    runUntil(pod, 8001);
    expect(pod).toMatchObject({ ready: true, readySinceMs: 8001 });
  });
});

describe('probe timings (worker.go doProbe: thresholds in a row)', () => {
  it('liveness on a hung process: probes at initialDelay + k·period, killed after failureThreshold', () => {
    const spec = podSpec({
      behaviour: { kind: 'hang', afterS: 0 },
      probes: { liveness: probe({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1 }) },
    });
    const pod = createPod('p', spec, 0);
    const log = lines(runUntil(pod, 62_000)).filter((l) => !l.includes('Scheduled'));
    // Started 3 s; probes at 8, 18, 28 s each time out 1 s later. The third failure is at
    // start + initialDelay + (failureThreshold − 1)·period + timeout = 3 + 5 + 20 + 1 = 29 s.
    const timeout =
      'Liveness probe failed: Get "http://pod:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
    expect(log.slice(0, 5)).toEqual([
      '3000 Started Started container web',
      `9000 Unhealthy ${timeout}`,
      `19000 Unhealthy ${timeout}`,
      `29000 Unhealthy ${timeout}`,
      '29000 Killing Container web failed liveness probe, will be restarted',
    ]);
    // A hung process ignores SIGTERM: SIGKILL after the 30 s grace period (59 s). The first
    // restart is immediate (no back-off entry yet); the new container starts 2 s later.
    expect(log[5]).toBe('61000 Started Started container web');
    expect(pod.restartCount).toBe(1);
  });

  it('each Unhealthy event counts the failures in a row: 1, 2, 3 (the third kills)', () => {
    const spec = podSpec({
      behaviour: { kind: 'hang', afterS: 0 },
      probes: { liveness: probe({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1 }) },
    });
    const pod = createPod('p', spec, 0);
    const failures = runUntil(pod, 29_000)
      .filter((e) => e.reason === 'Unhealthy')
      .map((e) => e.data?.failures);
    expect(failures).toEqual([1, 2, 3]);
  });

  it('readiness failure takes the pod out of Ready without restarting it', () => {
    const spec = podSpec({
      behaviour: { kind: 'hang', afterS: 20 },
      probes: { readiness: probe({ periodSeconds: 5, failureThreshold: 2 }) },
    });
    const pod = createPod('p', spec, 0);
    runUntil(pod, 22_999);
    expect(pod.ready).toBe(true);
    // Hangs at age 20 s (23 s). Probes at 23, 28 s (age 20, 25) time out at 24, 29 s: 2 in a row.
    runUntil(pod, 28_999);
    expect(pod.ready).toBe(true);
    runUntil(pod, 29_000);
    expect(pod).toMatchObject({ ready: false, restartCount: 0, phase: 'Running' });
  });

  it('startup probe holds liveness back; slow warm-up passes without a restart', () => {
    const spec = podSpec({
      behaviour: { kind: 'slow-warmup', warmupS: 25 },
      probes: {
        startup: probe({ periodSeconds: 10, failureThreshold: 6 }),
        liveness: probe({ periodSeconds: 10, failureThreshold: 1 }),
      },
    });
    const pod = createPod('p', spec, 0);
    const log = runUntil(pod, 60_000);
    // Startup probes at 3, 13, 23 s (age 0, 10, 20: refused), 33 s (age 30: ok).
    expect(log.filter((e) => e.reason === 'Unhealthy').map((e) => e.atMs)).toEqual([
      3001, 13_001, 23_001,
    ]);
    expect(pod).toMatchObject({ started: true, restartCount: 0 });
  });

  it('without a startup probe the same warm-up is killed by liveness (why startup probes exist)', () => {
    const spec = podSpec({
      behaviour: { kind: 'slow-warmup', warmupS: 25 },
      probes: { liveness: probe({ periodSeconds: 10, failureThreshold: 1 }) },
    });
    const pod = createPod('p', spec, 0);
    const log = lines(runUntil(pod, 10_000));
    // Refused at 3 s → killed; restarted at once, started at 5 s, refused again → killed; now
    // the second exit backs off 10 s.
    expect(log.filter((l) => /Killing|BackOff/.test(l))).toEqual([
      '3001 Killing Container web failed liveness probe, will be restarted',
      '5002 Killing Container web failed liveness probe, will be restarted',
      '5002 BackOff Back-off restarting failed container web in pod p',
    ]);
  });

  it('a tcpSocket liveness probe does not notice a hang (the kernel still accepts)', () => {
    const spec = podSpec({
      behaviour: { kind: 'hang', afterS: 0 },
      probes: { liveness: probe({ handler: 'tcpSocket' }) },
    });
    const pod = createPod('p', spec, 0);
    expect(runUntil(pod, 120_000).filter((e) => e.reason === 'Unhealthy')).toEqual([]);
  });
});

describe('CrashLoopBackOff (doBackOff + flowcontrol.Backoff)', () => {
  const crash = (afterS: number): PodBehaviour => ({ kind: 'crash-on-start', afterS });

  it('restarts at once the first time, then backs off 10, 20, 40, 80, 160, 300, 300 s', () => {
    const pod = createPod(
      'web-abc-x2k4p',
      podSpec({ schedulingDelayMs: 0, containerStartMs: 0, behaviour: crash(1) }),
      0,
    );
    const log = runUntil(pod, 918_500);
    const backoffs = log.filter((e) => e.reason === 'BackOff');
    expect(backoffs.map((e) => (e.data['backoffMs'] as number) / 1000)).toEqual([
      10, 20, 40, 80, 160, 300, 300,
    ]);
    // Crash 1 at 1 s → restart at once; crash 2 at 2 s → restart at 12 s; crash 3 at 13 s → 33 s …
    expect(log.filter((e) => e.reason === 'Started').map((e) => e.atMs / 1000)).toEqual([
      0, 1, 12, 33, 74, 155, 316, 617, 918,
    ]);
    expect(backoffs[0]?.message).toBe(
      'Back-off restarting failed container web in pod web-abc-x2k4p',
    );
    expect(pod.restartCount).toBe(8);
  });

  it('resets the back-off once the container ran more than 10 minutes', () => {
    const longRun = createPod(
      'p',
      podSpec({ schedulingDelayMs: 0, containerStartMs: 0, behaviour: crash(660) }),
      0,
    );
    // Crashes at 660 s and 1 320 s, each after 11 min running: restarted at once both times.
    const log = runUntil(longRun, 1_400_000);
    expect(log.filter((e) => e.reason === 'BackOff')).toEqual([]);
    expect(longRun.restartCount).toBe(2);
    const shortRun = createPod(
      'p',
      podSpec({ schedulingDelayMs: 0, containerStartMs: 0, behaviour: crash(500) }),
      0,
    );
    // Crash at 500 s → at once; crash at 1 000 s, only 500 s after the last restart → 10 s.
    expect(
      runUntil(shortRun, 1_100_000)
        .filter((e) => e.reason === 'BackOff')
        .map((e) => e.atMs),
    ).toEqual([1_000_000]);
  });
});

describe('termination (preStop, SIGTERM, terminationGracePeriodSeconds)', () => {
  it('leaves Ready at once, sends SIGTERM after preStop, and is gone when drained', () => {
    const pod = createPod('p', podSpec({ preStopSeconds: 5 }), 0);
    runUntil(pod, 10_000);
    const del = deletePod(pod, 10_000);
    expect(del).toMatchObject({ readyChanged: true, gone: false });
    expect(lines(del.events)).toEqual(['10000 Killing Stopping container web']);
    expect(advancePod(pod, 15_000)).toMatchObject({ sigterm: true, gone: false });
    expect(podDrained(pod, 16_000)).toMatchObject({ gone: true, cut: false });
  });

  it('a pod still busy (or hung) at the end of the grace period is killed, cutting its requests', () => {
    const pod = createPod('p', podSpec({ preStopSeconds: 5 }), 0);
    runUntil(pod, 10_000);
    deletePod(pod, 10_000);
    advancePod(pod, 15_000);
    expect(nextWakeMs(pod)).toBe(40_000); // deletion + 30 s grace
    expect(advancePod(pod, 40_000)).toMatchObject({ gone: true, cut: true });
  });
});

// Pods, probes, restarts, endpoints and the HPA through the whole engine. Sources:
// docs/semantics.md §7–9; kubelet prober (pkg/kubelet/prober worker.go), kuberuntime doBackOff with
// flowcontrol.Backoff (10 s doubling to 5 min), EndpointSlice propagation and kube-proxy, the HPA
// algorithm (docs "Horizontal Pod Autoscaling — Algorithm details").
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc } from '../../fixtures/build';
import { webDoc } from './build';

describe('probes and restarts', () => {
  it('a hung process fails liveness, is killed at the end of its grace period (it ignores SIGTERM) and backs off 10 s, 20 s…', () => {
    const r = runToEnd(
      webDoc(
        {
          replicas: 1,
          behaviour: 'hang',
          behaviourAfterS: 5,
          livenessProbe: {
            httpGet: { path: '/healthz', port: 8080 },
            periodSeconds: 5,
            failureThreshold: 2,
          },
        },
        [],
        { durationS: 160 },
      ),
    );
    const pod = r.nodes['web']!.pods![0]!;
    const seq = r.events
      .filter((e) => e.object === pod.name)
      .map((e) => `${e.t} ${e.reason}${e.reason === 'BackOff' ? ` ${e.data['backoffMs']}` : ''}`);
    expect(seq).toEqual([
      // Hangs at 5 s; probes at 5 s and 10 s time out after timeoutSeconds 1.
      '6 Unhealthy',
      '11 Unhealthy',
      '11 Killing',
      // SIGTERM is ignored by a hung process: SIGKILL after terminationGracePeriodSeconds 30;
      // the first restart is immediate, then ContainerCreating (startupSeconds 1).
      '42 Started',
      '48 Unhealthy',
      '53 Unhealthy',
      '53 Killing',
      '83 BackOff 10000',
      '94 Started',
      '100 Unhealthy',
      '105 Unhealthy',
      '105 Killing',
      '135 BackOff 20000',
      '156 Started',
    ]);
    expect(r.events.find((e) => e.reason === 'Killing')!.message).toBe(
      'Container web failed liveness probe, will be restarted',
    );
    expect(pod.restarts).toBe(3);
    // Requests stalled on the hung container end when it is killed.
    expect(r.summary.errors['timeout']).toBeGreaterThan(0);
  });

  it('crash on start: restarts back off as CrashLoopBackOff and the pod never serves', () => {
    const r = runToEnd(
      webDoc(
        { replicas: 1, readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 } },
        [{ atS: 5, action: 'rollout', target: 'web', params: { crashOnStart: true } }],
        { durationS: 120 },
      ),
    );
    const backoffs = r.events.filter((e) => e.reason === 'BackOff').map((e) => e.data['backoffMs']);
    expect(backoffs.slice(0, 3)).toEqual([10_000, 20_000, 40_000]);
    const v2 = r.nodes['web']!.pods!.find((p) => p.version === 'v2')!;
    expect(v2.state).toBe('crashloop');
    // maxUnavailable ⌊25 % of 1⌋ = 0 and the readiness probe never passes (connection
    // refused): the v1 pod is kept and serves everything. (Without a readiness probe the crashing
    // pod would count as Ready between start and crash, and the rollout would go on.)
    expect(r.nodes['web']!.pods!.find((p) => p.version === 'v1')!.ready).toBe(true);
    expect(r.summary.ok).toBe(r.summary.requests);
  });

  it('readiness: a new pod joins the endpoints after initialDelaySeconds, one period grid, and the propagation delay', () => {
    const r = runToEnd(
      webDoc(
        {
          replicas: 1,
          readinessProbe: {
            httpGet: { path: '/', port: 80 },
            initialDelaySeconds: 3,
            periodSeconds: 2,
          },
        },
        [{ atS: 10, action: 'scale', target: 'web', params: { replicas: 2 } }],
        { durationS: 20, rps: 200 },
      ),
    );
    const created = r.events.find((e) => e.reason === 'SuccessfulCreate')!;
    expect(
      r.events.filter((e) => e.object === created.data['pod']).map((e) => [e.t, e.reason]),
    ).toEqual([
      [10, 'Scheduled'],
      [11, 'Started'],
    ]);
    // Ready at 11 + 3 + 0.001 s (the probe's answer), in the endpoints 1 s later.
    const newPod = r.nodes['web']!.pods!.find((p) => p.name === created.data['pod'])!;
    expect(newPod.ready).toBe(true);
    expect(r.nodes['web']!.series.utilisation[14]).toBeGreaterThan(
      r.nodes['web']!.series.utilisation[16]! * 1.5,
    );
  });
});

describe('endpoints and kube-proxy (docs/semantics.md §8)', () => {
  it('traffic to a pod that just died is refused until the endpoints catch up (endpointsDelayMs 2 s)', () => {
    const r = runToEnd(
      webDoc(
        { replicas: 3, endpointsDelayMs: 2000 },
        [{ atS: 10, action: 'kill-pod', target: 'web', params: { pod: 0 } }],
        { durationS: 20, rps: 300 },
      ),
    );
    const refused = r.nodes['users']!.series.errors['connection_refused']!;
    // One endpoint in three is dead for 2 s: ~100 requests/s refused in seconds 10 and 11 only.
    expect(refused.slice(0, 10).every((n) => n === 0)).toBe(true);
    expect(refused[10]).toBeGreaterThan(70);
    expect(refused[11]).toBeGreaterThan(70);
    expect(refused.slice(12).every((n) => n === 0)).toBe(true);
    expect(r.nodes['users']!.series.errors['connection_reset']![10]).toBeLessThanOrEqual(4);
  });

  it('IPVS least connection and ClientIP session affinity run through kube-proxy', () => {
    const lc = runToEnd(
      webDoc({ replicas: 3, proxyMode: 'ipvs-lc' }, [], { durationS: 5, rps: 300 }),
    );
    expect(lc.summary.ok).toBe(lc.summary.requests);
    const pinned = runToEnd(
      webDoc({ replicas: 3, sessionAffinity: 'ClientIP' }, [], { durationS: 5, rps: 300 }),
    );
    expect(pinned.summary.ok).toBe(pinned.summary.requests);
  });
});

describe('HorizontalPodAutoscaler (desired = ⌈current × utilisation / target⌉, tolerance 10 %)', () => {
  it('a load step from 100 to 400 rps doubles 2 pods to 4 at the next 15 s sync, then holds', () => {
    const doc = buildDoc()
      .client('users', { rps: 100, shapes: [{ shape: 'step', atS: 60, rps: 400 }] })
      .service('web', {
        replicas: 2,
        concurrency: 4,
        serviceTime: { dist: 'constant', meanMs: 20 },
        startupSeconds: 1,
        hpa: {
          minReplicas: 2,
          maxReplicas: 10,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
            },
          ],
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        },
      })
      .call('users', 'web', { latencyMs: 1, timeoutMs: 1000 })
      .scenario({ durationS: 200, seed: 1 })
      .build();
    const r = runToEnd(doc);
    const rescales = r.events.filter((e) => e.reason === 'SuccessfulRescale');
    // Before 60 s: 100 rps × 20 ms = 2 busy of 8 slots = 25 % → ⌈2 × 25/50⌉ = 1 < minReplicas 2.
    // 60–75 s: saturated, ~98 % (the Poisson draws decide the last percent) → ⌈2 × 98/50⌉ = 4.
    // After: 8 busy of 16 = 50 %, within tolerance.
    expect(rescales.map((e) => [e.t, e.message])).toEqual([
      [75, 'New size: 4; reason: cpu resource utilization (percentage of request) above target'],
    ]);
    expect(rescales[0]!.data['utilization']).toBeGreaterThanOrEqual(95);
    expect(r.events.find((e) => e.reason === 'ScalingReplicaSet')).toMatchObject({
      t: 75,
      data: { from: 2, to: 4 },
    });
    expect(r.nodes['web']!.deployment!.hpa).toMatchObject({ desired: 4 });
  });
});

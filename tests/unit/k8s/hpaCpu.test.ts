// The HPA on real CPU use (k8s/hpaMetric.ts): for pods that run the CPU model with a CPU request,
// utilisation = Σ ΔCPU-seconds / period / Σ requests.cpu over the Ready pods, as metrics-server
// and the replica calculator (GetResourceUtilizationRatio) compute it; it passes 100 % when the
// pods use more than they request. Without a request the busy share of the slots stays (of the
// loops, for an event loop).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

const cpuTarget = (averageUtilization: number) => [
  {
    type: 'Resource' as const,
    resource: {
      name: 'cpu' as const,
      target: { type: 'Utilization' as const, averageUtilization },
    },
  },
];

function run(
  resources: Record<string, unknown> | undefined,
  runtime: Record<string, unknown> = {},
  rps = 300,
) {
  const doc = buildDoc()
    .client('users', { rps })
    .service('api', {
      replicas: 1,
      concurrency: 8,
      ...(resources === undefined ? {} : { resources }),
      runtime: { cpuTime: { dist: 'constant', meanMs: 2 }, syscallsPerRequest: 0, ...runtime },
      hpa: { minReplicas: 1, maxReplicas: 10, metrics: cpuTarget(60), behavior: {} },
    })
    .call('users', 'api', direct)
    .scenario({ durationS: 120, seed: 1 })
    .build();
  const r = runToEnd(doc);
  return r.events.filter((e) => e.reason === 'SuccessfulRescale');
}

describe('HPA utilisation = CPU usage / requests.cpu', () => {
  it('reads 240 % on one pod using 0.6 cores of a 250m request and scales to ceil(1 × 240/60) = 4', () => {
    const rescales = run({ requests: { cpu: '250m' } });
    // 300 requests/s × 2 ms of CPU = 0.6 cores; 0.6 / 0.25 = 240 % (the Poisson arrivals of one
    // 15 s period move it by a few percent).
    expect(rescales[0]).toMatchObject({ t: 15, data: { from: 1, to: 4, target: 60 } });
    const utilization = rescales[0]!.data['utilization'] as number;
    expect(Math.abs(utilization - 240)).toBeLessThan(12);
    expect(rescales[0]!.message).toBe(
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
    );
    // Then 0.6 cores over 4 × 250m = 60 %: at target, no more changes.
    expect(rescales).toHaveLength(1);
  });

  it('keeps the busy share of the slots for pods without a CPU request', () => {
    // The same load holds 0.6 of one pod's 8 slots busy: 7.5 % < 60 %, nothing to add.
    const rescales = run(undefined);
    expect(rescales.every((e) => (e.data['to'] as number) <= 1)).toBe(true);
  });

  it('reads an event loop without a CPU request by its loop, not its million slots', () => {
    // One loop, 2 ms of CPU a request at 400/s: the loop is 80 % busy, above the 60 % target, so
    // ceil(1 × 80/60) = 2 pods; its slots would read 0.0001 % and never scale.
    const rescales = run(undefined, { model: 'eventLoop', workers: 1 }, 400);
    expect(rescales[0]).toMatchObject({ t: 15, data: { from: 1, to: 2, target: 60 } });
    expect(Math.abs((rescales[0]!.data['utilization'] as number) - 80)).toBeLessThan(6);
  });
});

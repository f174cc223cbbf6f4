// Timeline actions and live commands, read from the event log and the series at simulated times.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

const shop = (timeline: object[], replicas = 3) =>
  buildDoc()
    .client('users', { rps: 200 })
    .service('orders', {
      replicas,
      concurrency: 4,
      startupSeconds: 2,
      serviceTime: { dist: 'exponential', meanMs: 5 },
    })
    .database('db', { poolSize: 20 })
    .call('users', 'orders', { latencyMs: 1, timeoutMs: 1000 })
    .call('orders', 'db', { latencyMs: 1 })
    .scenario({ durationS: 20, seed: 4, timeline: timeline as never })
    .build();

describe('timeline', () => {
  it('kill-pod: the pod is killed, its requests reset, and the ReplicaSet replaces it', () => {
    const r = runToEnd(
      shop([{ atS: 5, action: 'kill-pod', target: 'orders', params: { pod: 0 } }]),
    );
    const reasons = r.events.map((e) => [e.t, e.reason]);
    // The replacement goes Pending → ContainerCreating (startupSeconds 2) → Running (k8s/).
    expect(reasons).toEqual([
      [5, 'Killing'],
      [5, 'SuccessfulCreate'],
      [5, 'Scheduled'],
      [7, 'Started'],
    ]);
    const killed = r.events[0]!.object;
    expect(r.events[1]!.message).toMatch(/^Created pod: orders-[a-z0-9]{1,10}-[a-z0-9]{5}$/);
    expect(r.nodes['orders']!.pods!.map((p) => p.name)).not.toContain(killed);
    expect(r.nodes['orders']!.pods).toHaveLength(3);
    expect(r.summary.errors['connection_reset']).toBeGreaterThan(0);
    expect(r.nodes['users']!.series.errors['connection_reset']![5]).toBe(
      r.summary.errors['connection_reset'],
    );
  });

  it('scale: ScalingReplicaSet events in Kubernetes wording, capacity follows', () => {
    const r = runToEnd(
      shop([
        { atS: 4, action: 'scale', target: 'orders', params: { replicas: 5 } },
        { atS: 12, action: 'scale', target: 'orders', params: { replicas: 1 } },
      ]),
    );
    const scaling = r.events.filter((e) => e.reason === 'ScalingReplicaSet');
    expect(scaling.map((e) => [e.t, e.message])).toEqual([
      [4, expect.stringMatching(/^Scaled up replica set orders-[a-z0-9]{10} to 5$/)],
      [12, expect.stringMatching(/^Scaled down replica set orders-[a-z0-9]{10} to 1$/)],
    ]);
    expect(scaling[0]!.data).toMatchObject({ from: 3, to: 5 });
    expect(r.events.filter((e) => e.reason === 'Started')).toHaveLength(2);
    expect(r.events.filter((e) => e.reason === 'Killing')).toHaveLength(4);
    expect(r.nodes['orders']!.pods).toHaveLength(1);
  });

  it('add-latency on an edge for forS shows in the series and is cleared', () => {
    const r = runToEnd(
      shop([
        { atS: 8, action: 'add-latency', target: 'users-orders', params: { ms: 100 }, forS: 4 },
      ]),
    );
    const p50 = r.nodes['users']!.series.p50Ms;
    expect(p50[5]!).toBeLessThan(30);
    expect(p50[9]!).toBeGreaterThan(200); // 100 ms each way
    expect(p50[15]!).toBeLessThan(30);
    expect(r.events.map((e) => [e.t, e.reason])).toEqual([
      [8, 'FaultInjected'],
      [12, 'FaultCleared'],
    ]);
  });

  it('fail-node rejects with unavailable for forS', () => {
    const r = runToEnd(shop([{ atS: 10, action: 'fail-node', target: 'db', forS: 5 }]));
    const errors = r.nodes['users']!.series.errors['unavailable']!;
    expect(errors.slice(0, 10).every((n) => n === 0)).toBe(true);
    expect(errors.slice(10, 15).every((n) => n > 150)).toBe(true);
    expect(errors.slice(16).every((n) => n === 0)).toBe(true);
  });

  it('a live command applies at the current simulated time and is recorded', () => {
    const sim = createRun(shop([]));
    sim.advanceTo(6000);
    sim.command({ action: 'fail-node', target: 'orders', params: {}, forS: 2 });
    sim.advanceTo(sim.durationMs);
    const r = sim.result();
    expect(r.commands).toEqual([
      { t: 6, action: 'fail-node', target: 'orders', params: {}, forS: 2 },
    ]);
    expect(r.events[0]).toMatchObject({
      t: 6,
      reason: 'FaultInjected',
      object: 'orders',
      data: { live: true },
    });
    expect(() => sim.command({ action: 'explode', params: {} })).toThrow(/unknown action/);
  });

  it('service with no ready pods answers unavailable', () => {
    const r = runToEnd(
      shop([{ atS: 5, action: 'scale', target: 'orders', params: { replicas: 0 } }], 1),
    );
    expect(r.nodes['users']!.series.errors['unavailable']![10]).toBeGreaterThan(150);
  });
});

describe('SLOs', () => {
  it('evaluates end-to-end and per-node SLOs after warm-up', () => {
    const doc = buildDoc()
      .client('users', { rps: 100 })
      .service('api', {
        replicas: 1,
        concurrency: 4,
        serviceTime: { dist: 'constant', meanMs: 10 },
      })
      .call('users', 'api', direct)
      .scenario({
        durationS: 10,
        slos: [
          { name: 'p99 < 50 ms', metric: 'p99', op: '<', value: 50 },
          { name: 'api p50 < 5 ms', metric: 'p50', target: 'api', op: '<', value: 5 },
          { name: 'availability ≥ 99.9 %', metric: 'availability', op: '>=', value: 0.999 },
        ],
      })
      .build();
    const r = runToEnd(doc);
    expect(r.slos.map((s) => [s.name, s.pass])).toEqual([
      ['p99 < 50 ms', true],
      ['api p50 < 5 ms', false],
      ['availability ≥ 99.9 %', true],
    ]);
    expect(Math.abs(r.slos[1]!.value - 10)).toBeLessThan(0.1);
  });
});

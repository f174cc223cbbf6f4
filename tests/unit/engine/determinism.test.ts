// Same document + scenario + seed ⇒ byte-identical result; seeds matter; streams are per node.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../../../shared/engine';
import { buildDoc } from '../../fixtures/build';

const shop = () =>
  buildDoc()
    .client('users', { rps: 300 })
    .gateway('edge', { overheadMs: 1, authFailureRate: 0.01 })
    .service('orders', { replicas: 3, concurrency: 2, errorRate: 0.01 })
    .database('db', { poolSize: 4, poolTimeoutMs: 50 })
    .cache('cache', { hitRatio: 0.7 })
    .call('users', 'edge', { latencyMs: 2, timeoutMs: 500, retries: 1 })
    .call('edge', 'orders', { latencyMs: 1, timeoutMs: 100, retries: 2 })
    .call('orders', 'cache', { latencyMs: 0.5 })
    .call('cache', 'db', { latencyMs: 0.5, timeoutMs: 80 });

describe('determinism', () => {
  it('same seed gives the same bytes', () => {
    const doc = shop()
      .scenario({
        durationS: 20,
        seed: 3,
        timeline: [{ atS: 5, action: 'kill-pod', target: 'orders' }],
      })
      .build();
    const a = JSON.stringify(runToEnd(doc, { traceEvery: 50 }));
    const b = JSON.stringify(runToEnd(doc, { traceEvery: 50 }));
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
  });

  it('advancing in slices gives the same bytes as one go', () => {
    const doc = shop().scenario({ durationS: 10, seed: 5 }).build();
    const whole = JSON.stringify(runToEnd(doc));
    const sim = createRun(doc);
    for (let t = 0; !sim.advanceTo(t); t += 333) sim.takeChunk();
    expect(JSON.stringify(sim.result())).toBe(whole);
  });

  it('different seeds give different results', () => {
    const doc = shop().scenario({ durationS: 10 }).build();
    const a = runToEnd(doc, { seed: 1 });
    const b = runToEnd(doc, { seed: 2 });
    expect(a.summary.requests).not.toBe(b.summary.requests);
    expect(JSON.stringify(a.nodes)).not.toBe(JSON.stringify(b.nodes));
  });

  it("adding an unrelated node does not change another client's arrival stream", () => {
    const base = buildDoc()
      .client('users', { rps: 50 })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 1 } })
      .call('users', 'api');
    const one = runToEnd(base.scenario({ durationS: 30, seed: 9 }).build());
    const withMore = buildDoc()
      .client('batch', { rps: 500 })
      .client('users', { rps: 50 })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 1 } })
      .service('reports', { replicas: 2 })
      .call('users', 'api')
      .call('batch', 'reports')
      .scenario({ durationS: 30, seed: 9 })
      .build();
    const two = runToEnd(withMore);
    expect(two.nodes['users']!.series.rps).toEqual(one.nodes['users']!.series.rps);
    expect(two.nodes['users']!.latencyMs).toEqual(one.nodes['users']!.latencyMs);
  });
});

// Zone outage, database failover, CPU stress, dependency slowdown, cache flush and clock skew on
// small topologies, with figures at simulated times.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { newLimiter, tryAcquire } from '../../../shared/engine/control/rateLimit';
import { createRun } from '../../../shared/engine';
import { clockOffsetMs, nodeClockMs } from '../../../shared/engine/faults/clock';
import type { Sim } from '../../../shared/engine/sim';
import { buildDoc, sum, withZones } from './build';

describe('zone outage', () => {
  it('takes exactly the nodes of that zone down, for its duration', () => {
    const doc = withZones(
      buildDoc()
        .client('users', { rps: 100, arrival: 'constant' })
        .service('web', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 1 } })
        .service('api', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 1 } })
        .external('psp', { latency: { dist: 'constant', meanMs: 1 } })
        .call('users', 'web', { latencyMs: 1, timeoutMs: 500 })
        .call('web', 'api', { latencyMs: 1, timeoutMs: 500 })
        .call('web', 'psp', { latencyMs: 1, timeoutMs: 500 })
        .scenario({
          durationS: 12,
          timeline: [{ atS: 4, action: 'zone-outage', target: 'b', params: {}, forS: 4 }],
        }),
      { a: ['web', 'psp'], b: ['api'] },
    );
    const r = runToEnd(doc);
    const injected = r.events.find((e) => e.reason === 'FaultInjected')!;
    expect(injected.data['nodes']).toEqual(['api']);
    expect(r.edges['web-api']!.failures).toEqual({ unavailable: 400 });
    expect(r.nodes['psp']!.errors).toEqual({});
    expect(r.nodes['web']!.series.rps.slice(1, 12)).toEqual(new Array(11).fill(100));
    expect(sum(r.nodes['api']!.series.ok, 4, 8)).toBe(0);
    expect(sum(r.nodes['api']!.series.ok, 8, 11)).toBe(300);
  });
});

describe('database failover', () => {
  const db = (replicas: number, timeline: object[]) =>
    buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .service('api', {
        replicas: 1,
        concurrency: 50,
        serviceTime: { dist: 'constant', meanMs: 1 },
      })
      .database('db', {
        replicas,
        failoverSeconds: 3,
        writeRatio: 1,
        poolSize: 20,
        writeLatency: { dist: 'constant', meanMs: 2 },
      })
      .call('users', 'api', { latencyMs: 1, timeoutMs: 500 })
      .call('api', 'db', { latencyMs: 1, timeoutMs: 500 })
      .scenario({ durationS: 15, timeline: timeline as never })
      .build();

  it('with a replica: errors only for failoverSeconds, then the promoted replica serves', () => {
    const r = runToEnd(db(1, [{ atS: 5, action: 'db-failover', target: 'db', params: {} }]));
    const errors = r.nodes['db']!.series.errors['unavailable']!;
    expect(sum(errors, 0, 5)).toBe(0);
    expect(errors.slice(5, 8)).toEqual([100, 100, 100]);
    expect(sum(errors, 8)).toBe(0);
    expect(r.events.map((e) => [e.t, e.reason])).toEqual([
      [5, 'FaultInjected'],
      [8, 'FailoverCompleted'],
    ]);
  });

  it('with no replica: a full outage for forS', () => {
    const r = runToEnd(
      db(0, [{ atS: 5, action: 'db-failover', target: 'db', params: {}, forS: 6 }]),
    );
    const errors = r.nodes['db']!.series.errors['unavailable']!;
    expect(errors.slice(4, 12)).toEqual([0, 100, 100, 100, 100, 100, 100, 0]);
  });
});

describe('CPU stress and dependency slowdown', () => {
  // M/M/1 (docs/semantics.md §3): λ = 20/s, μ = 100/s → W = 1/(μ − λ) = 12.5 ms. Stress ×2 halves
  // μ: W = 1/(50 − 20) = 33.3 ms.
  const mm1 = (timeline: object[]) =>
    buildDoc()
      .client('users', { rps: 20 })
      .service('api', {
        replicas: 1,
        concurrency: 1,
        queueCapacity: 100_000,
        serviceTime: { dist: 'exponential', meanMs: 10 },
      })
      .call('users', 'api', { latencyMs: 0, timeoutMs: 0, retries: 0 })
      .scenario({ durationS: 4000, seed: 5, timeline: timeline as never })
      .build();

  it('cpu-stress factor 2 gives the M/M/1 response time of a halved service rate', () => {
    const base = runToEnd(mm1([]), { traceEvery: 0 });
    const stressed = runToEnd(
      mm1([{ atS: 0, action: 'cpu-stress', target: 'api', params: { factor: 2 } }]),
      {
        traceEvery: 0,
      },
    );
    expect(base.nodes['api']!.latencyMs.mean).toBeGreaterThan(12.5 * 0.93);
    expect(base.nodes['api']!.latencyMs.mean).toBeLessThan(12.5 * 1.07);
    expect(stressed.nodes['api']!.latencyMs.mean).toBeGreaterThan(33.3 * 0.9);
    expect(stressed.nodes['api']!.latencyMs.mean).toBeLessThan(33.3 * 1.1);
  });

  it('dependency-slowdown multiplies a database’s query time, and ends exactly', () => {
    const doc = buildDoc()
      .client('users', { rps: 10, arrival: 'constant' })
      .database('db', { readLatency: { dist: 'constant', meanMs: 4 } })
      .call('users', 'db', { latencyMs: 0, timeoutMs: 0 })
      .scenario({
        durationS: 6,
        timeline: [
          { atS: 2, action: 'dependency-slowdown', target: 'db', params: { factor: 3 }, forS: 2 },
        ],
      })
      .build();
    const p50 = runToEnd(doc).nodes['db']!.series.p50Ms;
    expect(p50[1]).toBeCloseTo(4, 1);
    expect(p50[2]).toBeCloseTo(12, 0);
    expect(p50[4]).toBeCloseTo(4, 1);
  });
});

describe('cache flush', () => {
  it('the hit ratio drops to 0 and refills as h(1 − e^(−n/N)): a miss storm on the database', () => {
    const doc = buildDoc()
      .client('users', { rps: 1000, arrival: 'constant' })
      .cache('cache', { hitRatio: 0.9, hitLatency: { dist: 'constant', meanMs: 0.5 } })
      .database('db', { poolSize: 100, readLatency: { dist: 'constant', meanMs: 1 } })
      .call('users', 'cache', { latencyMs: 0, timeoutMs: 0 })
      .call('cache', 'db', { latencyMs: 0, timeoutMs: 0 })
      .scenario({
        durationS: 12,
        seed: 3,
        timeline: [{ atS: 4, action: 'cache-flush', target: 'cache', params: { keys: 1000 } }],
      })
      .build();
    const db = runToEnd(doc).nodes['db']!.series.rps;
    // Before: 10 % misses = ~100/s. Second 4 (n = 0…1000 lookups since the flush): misses
    // = Σ 1 − 0.9(1 − e^(−n/N)) ≈ 1000 − 900·(1 − (1 − e^(−1))) = 1000 − 900·0.368 ≈ 669.
    // Second 5 (n = 1000…2000): 1000 − 900·(1 − e^(−1)·(1 − e^(−1)))… ≈ 1000 − 900·0.767 ≈ 310.
    expect(db[3]).toBeGreaterThan(70);
    expect(db[3]).toBeLessThan(130);
    expect(db[4]).toBeGreaterThan(669 - 60);
    expect(db[4]).toBeLessThan(669 + 60);
    expect(db[5]).toBeGreaterThan(310 - 50);
    expect(db[5]).toBeLessThan(310 + 50);
    expect(db[10]).toBeLessThan(140);
  });
});

describe('clock skew', () => {
  it('shifts the time a token bucket on the node reads: a step ahead refills, a step back stalls', () => {
    const doc = buildDoc()
      .client('users', { rps: 1 })
      .gateway('edge')
      .call('users', 'edge')
      .scenario({
        durationS: 30,
        timeline: [
          { atS: 10, action: 'clock-skew', target: 'edge', params: { ms: -5000 }, forS: 10 },
        ],
      })
      .build();
    const sim = createRun(doc) as Sim;
    // A bucket of 10 tokens refilled at 1 token/s, emptied at t = 9 s.
    const bucket = newLimiter({
      algorithm: 'token-bucket',
      capacity: 10,
      ratePerS: 1,
      windowMs: 1000,
    });
    const take = (n: number) => {
      let ok = 0;
      for (let i = 0; i < n; i++) if (tryAcquire(bucket, nodeClockMs(sim.w, 'edge')).admitted) ok++;
      return ok;
    };
    sim.advanceTo(9000);
    expect(take(20)).toBe(10);
    sim.advanceTo(12_000);
    // The clock stepped back 5 s at 10 s: it reads 7 s, 2 s before the bucket's last read.
    expect(clockOffsetMs(sim.w, 'edge')).toBe(-5000);
    expect(take(5)).toBe(0);
    sim.advanceTo(16_000);
    // Reads 11 s: 2 s after the last read → 2 tokens.
    expect(take(5)).toBe(2);
    sim.advanceTo(21_000);
    // The skew ended at 20 s: the clock jumped ahead 5 s (reads 21 s): 10 s since 11 s → full.
    expect(clockOffsetMs(sim.w, 'edge')).toBe(0);
    expect(take(20)).toBe(10);
  });
});

// Network faults on small topologies, with figures at simulated times: partition, latency,
// abort and packet loss (faults/network.ts documents the models).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, sum, withZones } from './build';

/** users → api (zone a) → db (zone b), api → cache (zone a); 100 rps, constant everything. */
const shop = (timeline: object[], call: object = { latencyMs: 1, timeoutMs: 100 }) =>
  withZones(
    buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .service('api', {
        replicas: 2,
        concurrency: 50,
        serviceTime: { dist: 'constant', meanMs: 2 },
      })
      .database('db', { poolSize: 50, readLatency: { dist: 'constant', meanMs: 1 } })
      .cache('cache', { hitRatio: 1, hitLatency: { dist: 'constant', meanMs: 1 } })
      .call('users', 'api', { latencyMs: 1, timeoutMs: 1000 })
      .call('api', 'db', call)
      .call('api', 'cache', { latencyMs: 1, timeoutMs: 100 })
      .scenario({ durationS: 15, seed: 2, timeline: timeline as never }),
    { a: ['api', 'cache'], b: ['db'] },
  );

describe('partition', () => {
  it('between two zones: exactly the calls crossing it time out, per the edge timeout', () => {
    const r = runToEnd(
      shop([{ atS: 5, action: 'partition', params: { zones: ['a', 'b'] }, forS: 5 }]),
    );
    // 100 rps × 5 s of calls api → db, each times out after 100 ms; api → cache is untouched.
    expect(r.edges['api-db']!.failures).toEqual({ timeout: 500 });
    expect(r.edges['api-cache']!.failures).toEqual({});
    const db = r.nodes['db']!.series;
    expect(db.rps.slice(1, 5)).toEqual([100, 100, 100, 100]);
    expect(db.rps.slice(5, 10)).toEqual([0, 0, 0, 0, 0]);
    expect(db.rps.slice(10, 14)).toEqual([100, 100, 100, 100]);
    const timeouts = r.nodes['api']!.series.errors['timeout']!;
    expect(sum(timeouts, 0, 5)).toBe(0);
    // Each times out 100 ms after it was sent: the last ones (sent in 9.9–10 s) in second 10.
    expect(sum(timeouts, 5, 11)).toBe(500);
    expect(sum(timeouts, 11)).toBe(0);
    const injected = r.events
      .filter((e) => e.reason.startsWith('Fault'))
      .map((e) => [e.t, e.reason]);
    expect(injected).toEqual([
      [5, 'FaultInjected'],
      [10, 'FaultCleared'],
    ]);
  });

  it('mode reject fails the crossing calls at once with unavailable', () => {
    const r = runToEnd(
      shop([
        { atS: 5, action: 'partition', params: { zones: ['a', 'b'], mode: 'reject' }, forS: 5 },
      ]),
    );
    expect(r.edges['api-db']!.failures).toEqual({ unavailable: 500 });
  });

  it('between two sets of node ids, and on one edge', () => {
    const sets = runToEnd(
      shop([{ atS: 5, action: 'partition', params: { a: ['api'], b: ['cache'] }, forS: 2 }]),
    );
    expect(sets.edges['api-cache']!.failures).toEqual({ timeout: 200 });
    expect(sets.edges['api-db']!.failures).toEqual({});
    const edge = runToEnd(
      shop([{ atS: 5, action: 'partition', target: 'api-db', params: {}, forS: 1 }]),
    );
    expect(edge.edges['api-db']!.failures).toEqual({ timeout: 100 });
    expect(edge.edges['api-cache']!.failures).toEqual({});
  });

  it('names what is wrong: an unknown zone', () => {
    expect(() =>
      runToEnd(shop([{ atS: 1, action: 'partition', params: { zones: ['a', 'nope'] } }])),
    ).toThrow(/scenarios\[0\]\.timeline\[0\]\.params\.zones: unknown zone "nope"/);
  });
});

describe('latency', () => {
  it('adds exactly its ms to each call over the edge while it lasts', () => {
    const r = runToEnd(
      shop([{ atS: 4, action: 'latency', target: 'api-db', params: { ms: 40 }, forS: 3 }]),
    );
    const p50 = r.nodes['api']!.series.p50Ms;
    // api's own visit: 2 ms work + db (1 + 1 + 1) + cache (1 + 1 + 1) = 8 ms; +40 ms during.
    expect(p50[2]).toBeCloseTo(8, 0);
    expect(p50[5]! - p50[2]!).toBeGreaterThan(39.5);
    expect(p50[5]! - p50[2]!).toBeLessThan(40.5);
    expect(p50[9]).toBeCloseTo(8, 0);
  });
});

describe('abort', () => {
  it('answers its share of calls with injected_error, within binomial bounds', () => {
    const r = runToEnd(
      shop([
        { atS: 0, action: 'abort', target: 'db', params: { percent: 30, status: 503 }, forS: 10 },
      ]),
    );
    // 1000 calls, p = 0.3: mean 300, σ = √(1000·0.3·0.7) ≈ 14.5; ±4σ.
    const n = r.edges['api-db']!.failures['injected_error'] ?? 0;
    expect(n).toBeGreaterThan(300 - 58);
    expect(n).toBeLessThan(300 + 58);
    // The rest reach the database (one is still on its way at the end).
    expect(Math.abs(r.nodes['db']!.requests - (1500 - n))).toBeLessThanOrEqual(1);
  });
});

describe('packet loss', () => {
  it('a lost transmission waits for TCP’s retransmission (200 ms) and so passes a 100 ms timeout', () => {
    const r = runToEnd(
      shop([
        { atS: 0, action: 'packet-loss', target: 'api-db', params: { percent: 10 }, forS: 10 },
      ]),
    );
    // A call survives only if neither its request nor its answer is lost: 0.9² = 0.81.
    // 1000 calls: timeouts ≈ 190, σ ≈ 12.4; ±4σ.
    const n = r.edges['api-db']!.failures['timeout'] ?? 0;
    expect(n).toBeGreaterThan(190 - 50);
    expect(n).toBeLessThan(190 + 50);
    expect(Object.keys(r.edges['api-db']!.failures)).toEqual(['timeout']);
  });

  it('with a timeout longer than the RTO, a loss shows as 200 ms of added delay instead', () => {
    const r = runToEnd(
      shop(
        [{ atS: 0, action: 'packet-loss', target: 'api-db', params: { percent: 10 }, forS: 10 }],
        { latencyMs: 1, timeoutMs: 1000 },
      ),
    );
    // Only three losses in a row (200 + 400 + 800 ms) pass 1 s: p = 0.001 a leg.
    expect(Object.keys(r.edges['api-db']!.failures)).toEqual(['timeout']);
    expect(r.edges['api-db']!.failures['timeout']).toBeLessThan(10);
    const api = r.nodes['api']!;
    expect(api.latencyMs.p50).toBeLessThan(10);
    expect(api.latencyMs.p95).toBeGreaterThan(200);
  });
});

// Call patterns on an edge: a share of the caller's requests (probability), repeated calls one
// after another (calls), parallel calls the caller joins (mode), and optional calls.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

const instant = { dist: 'constant', meanMs: 0 } as const;
const wide = { replicas: 1, concurrency: 100_000, queueCapacity: 1_000_000 };

/** users → api (no work of its own) → a and b, both exponential with a 10 ms mean. */
function fanOut(mode: 'parallel' | 'sequential', bProps: object = {}, bErrorRate = 0) {
  return buildDoc()
    .client('users', { rps: 1000 })
    .service('api', { ...wide, serviceTime: instant })
    .service('a', { ...wide, serviceTime: { dist: 'exponential', meanMs: 10 } })
    .service('b', {
      ...wide,
      serviceTime: { dist: 'exponential', meanMs: 10 },
      errorRate: bErrorRate,
    })
    .call('users', 'api', direct)
    .call('api', 'a', { ...direct, mode })
    .call('api', 'b', { ...direct, mode, ...bProps })
    .scenario({ durationS: 100, warmupS: 0, seed: 11 })
    .build();
}

describe('parallel calls', () => {
  it('two parallel exponential callees: the caller waits for the max, mean 1.5/μ within 2 %', () => {
    const r = runToEnd(fanOut('parallel'), { traceEvery: 0 });
    expect(r.summary.requests).toBeGreaterThan(90_000);
    expect(r.summary.errors).toEqual({});
    expect(Math.abs(r.summary.latencyMs.mean / 15 - 1)).toBeLessThan(0.02);
  });

  it('the same two callees in sequence: the sum, mean 2/μ', () => {
    const r = runToEnd(fanOut('sequential'), { traceEvery: 0 });
    expect(Math.abs(r.summary.latencyMs.mean / 20 - 1)).toBeLessThan(0.02);
  });

  it('both calls start together and the caller goes on when the later answers', () => {
    const r = runToEnd(fanOut('parallel'), { traceEvery: 1, maxTraces: 50 });
    for (const t of r.traces) {
      const calls = t.spans.filter((s) => s.kind === 'client' && s.node !== 'api');
      expect(calls.map((s) => s.node).sort()).toEqual(['a', 'b']);
      expect(calls[0]!.startMs).toBe(calls[1]!.startMs);
      const api = t.spans.find((s) => s.kind === 'server' && s.node === 'api')!;
      expect(api.endMs).toBe(Math.max(...calls.map((s) => s.endMs)));
    }
  });

  it('a failing parallel call fails the request; an optional one does not', () => {
    const failing = runToEnd(fanOut('parallel', {}, 1), { traceEvery: 0 });
    expect(failing.summary.ok).toBe(0);
    expect(Object.keys(failing.summary.errors)).toEqual(['internal']);
    // Failing fast: the request ends when b fails, not when a answers (mean 10 ms, not 15).
    expect(failing.summary.latencyMs.mean).toBeLessThan(11);

    const optional = runToEnd(fanOut('parallel', { optional: true }, 1), { traceEvery: 0 });
    expect(optional.summary.errors).toEqual({});
    expect(optional.summary.ok).toBe(optional.summary.requests);
    expect(Math.abs(optional.summary.latencyMs.mean / 15 - 1)).toBeLessThan(0.02);
  });

  it('retries and timeouts work per branch', () => {
    // b always takes 50 ms behind a 20 ms timeout, 1 retry: the join fails on b's second timeout.
    const doc = buildDoc()
      .client('users', { rps: 1, arrival: 'constant' })
      .service('api', { ...wide, serviceTime: instant })
      .service('a', { ...wide, serviceTime: { dist: 'constant', meanMs: 5 } })
      .service('b', { ...wide, serviceTime: { dist: 'constant', meanMs: 50 } })
      .call('users', 'api', direct)
      .call('api', 'a', { ...direct, mode: 'parallel' })
      .call('api', 'b', {
        latencyMs: 0,
        timeoutMs: 20,
        retries: 1,
        backoffBaseMs: 10,
        jitter: false,
        mode: 'parallel',
      })
      .scenario({ durationS: 1.5 })
      .build();
    const r = runToEnd(doc, { traceEvery: 1 });
    const [t] = r.traces;
    expect(t!.status).toBe('timeout');
    expect(t!.endMs - t!.startMs).toBe(20 + 10 + 20);
    const toB = t!.spans.filter((s) => s.kind === 'client' && s.node === 'b');
    expect(toB.map((s) => [s.attempt, s.endMs - s.startMs, s.status])).toEqual([
      [1, 20, 'timeout'],
      [2, 20, 'timeout'],
    ]);
  });

  it('is deterministic: the same seed gives the same result', () => {
    const a = JSON.stringify(runToEnd(fanOut('parallel', { probability: 0.5 })));
    const b = JSON.stringify(runToEnd(fanOut('parallel', { probability: 0.5 })));
    expect(a).toBe(b);
  });
});

describe('probability and repeated calls', () => {
  it('probability p on an edge: the callee gets the binomial count within 4 standard errors', () => {
    const n = 20_000;
    const p = 0.3;
    const doc = buildDoc()
      .client('users', { rps: 1000, arrival: 'constant' })
      .service('api', { ...wide, serviceTime: instant })
      .service('ads', { ...wide, serviceTime: instant })
      .call('users', 'api', direct)
      .call('api', 'ads', { ...direct, probability: p })
      .scenario({ durationS: n / 1000, warmupS: 0, seed: 5 })
      .build();
    const r = runToEnd(doc, { traceEvery: 0 });
    const sent = r.edges['users-api']!.attempts;
    expect(sent).toBeGreaterThan(n - 2);
    const got = r.edges['api-ads']!.attempts;
    const se = Math.sqrt(sent * p * (1 - p));
    expect(Math.abs(got - sent * p)).toBeLessThanOrEqual(4 * se);
    // Not every request, not none: the draw is made.
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThan(sent);
  });

  it('calls: 3 makes three calls one after another', () => {
    const doc = buildDoc()
      .client('users', { rps: 1, arrival: 'constant' })
      .service('api', { ...wide, serviceTime: instant })
      .service('db', { ...wide, serviceTime: { dist: 'constant', meanMs: 10 } })
      .call('users', 'api', direct)
      .call('api', 'db', { ...direct, calls: 3 })
      .scenario({ durationS: 3.5 })
      .build();
    const r = runToEnd(doc, { traceEvery: 1 });
    expect(r.summary.latencyMs.mean).toBe(30);
    expect(r.edges['api-db']!.attempts).toBe(3 * r.edges['users-api']!.attempts);
    const toDb = r.traces[0]!.spans.filter((s) => s.kind === 'client' && s.node === 'db');
    expect(toDb.map((s) => [s.call, s.startMs - r.traces[0]!.startMs])).toEqual([
      [1, 0],
      [2, 10],
      [3, 20],
    ]);
  });
});

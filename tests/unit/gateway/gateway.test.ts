// Gateway policies and edge breakers through the whole engine. Sources: docs/semantics.md §11
// (token bucket: tokens = min(b, tokens + r·Δt), admit if ≥ 1; Resilience4j CircuitBreaker state
// machine with minimumNumberOfCalls, failureRateThreshold, waitDurationInOpenState,
// permittedNumberOfCallsInHalfOpenState; HTTP 429 on rejection).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc } from '../../fixtures/build';

describe('gateway rate limit (token bucket, docs/semantics.md §11.1)', () => {
  it('a burst of 100 constant arrivals in 1 s through a bucket of 10 refilled at 20/s admits 10 + 20·t', () => {
    // 100 rps, evenly spaced (10 ms); bucket b = 10, r = 20/s. The first 10 pass on the burst
    // allowance; after that one token comes every 50 ms, so 1 request in 5 passes.
    const doc = buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .gateway('edge', {
        overheadMs: 0,
        rateLimit: { algorithm: 'token-bucket', capacity: 10, ratePerS: 20, per: 'route' },
      })
      .service('api', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 1 } })
      .call('users', 'edge', { latencyMs: 0, timeoutMs: 1000 })
      .call('edge', 'api', { latencyMs: 0, timeoutMs: 1000 })
      .scenario({ durationS: 3, seed: 1 })
      .build();
    const r = runToEnd(doc);
    const ok = r.nodes['users']!.series.ok;
    const limited = r.nodes['users']!.series.errors['rate_limited']!;
    // Second 0: arrivals at 10, 20, … 990 ms (99 of them); tokens at t: 10 + 20·t − used.
    expect(ok[0]! + limited[0]!).toBe(99);
    expect(ok[0]).toBeGreaterThanOrEqual(28); // 10 burst + ~19 refilled
    expect(ok[0]).toBeLessThanOrEqual(30);
    expect(ok[1]).toBe(20); // steady state: exactly the refill rate
    expect(ok[2]).toBe(20);
    // Rejected requests never reach the service.
    expect(r.nodes['api']!.requests).toBe(r.summary.ok);
    expect(r.events.find((e) => e.reason === 'RateLimited')).toMatchObject({
      type: 'Warning',
      object: 'edge',
    });
  });
});

describe('gateway rate limit (leaky bucket as a queue, SEMANTICS.md §5)', () => {
  // 100 rps, evenly spaced, into a bucket of b = 10 leaking r = 20/s: admitted requests wait in
  // the bucket and leave one every 1/r = 50 ms; a request finding 10 waiting gets 429.
  const doc = buildDoc()
    .client('users', { rps: 100, arrival: 'constant' })
    .gateway('edge', {
      overheadMs: 0,
      rateLimit: { algorithm: 'leaky-bucket', capacity: 10, ratePerS: 20, per: 'client' },
    })
    .service('api', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 1 } })
    .call('users', 'edge', { latencyMs: 0, timeoutMs: 5000 })
    .call('edge', 'api', { latencyMs: 0, timeoutMs: 1000 })
    .scenario({ durationS: 4, seed: 1 })
    .build();

  it('lets requests out at the constant rate r, never a burst of b + r', () => {
    const r = runToEnd(doc);
    // What reaches the service per second: departures at 10, 60, 110 … ms, 20 a second.
    expect(r.nodes['api']!.series.rps.slice(0, 4)).toEqual([20, 20, 20, 20]);
    expect(r.nodes['users']!.series.errors['rate_limited']![1]).toBe(80);
  });

  it('delays a request admitted into a full bucket by b / r = 500 ms', () => {
    const r = runToEnd(doc);
    // In the steady state every admitted request finds 9 or 10 ahead of it: 450–500 ms of
    // queueing plus 1 ms of service.
    const ok = r.nodes['api']!.latencyMs;
    expect(ok.p50).toBe(1);
    const e2e = r.summary.latencyMs;
    expect(e2e.max).toBeGreaterThanOrEqual(500);
    expect(e2e.max).toBeLessThanOrEqual(502);
    expect(r.nodes['users']!.series.p99Ms[2]).toBeGreaterThanOrEqual(490);
  });
});

describe('rate-limit events', () => {
  it('a gateway without routes names what it limits, with no empty key', () => {
    const doc = buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .gateway('edge', {
        overheadMs: 0,
        rateLimit: { algorithm: 'token-bucket', capacity: 1, ratePerS: 1, per: 'route' },
      })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 1 } })
      .call('users', 'edge', { latencyMs: 0, timeoutMs: 1000 })
      .call('edge', 'api', { latencyMs: 0, timeoutMs: 1000 })
      .scenario({ durationS: 1, seed: 1 })
      .build();
    const e = runToEnd(doc).events.find((x) => x.reason === 'RateLimited');
    expect(e?.message).toBe(
      'Rate limit of edge (token-bucket, one limit for all routes: the gateway has none) rejects with 429',
    );
  });
});

describe('circuit breaker on a call edge (Resilience4j)', () => {
  const doc = (fallback: 'none' | 'static') =>
    buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .gateway('edge', { overheadMs: 0, fallback })
      .service('api', {
        replicas: 1,
        concurrency: 100,
        serviceTime: { dist: 'constant', meanMs: 1 },
      })
      .call('users', 'edge', { latencyMs: 0, timeoutMs: 1000 })
      .call('edge', 'api', {
        latencyMs: 0,
        timeoutMs: 1000,
        circuitBreaker: {
          slidingWindowType: 'COUNT_BASED',
          slidingWindowSize: 10,
          minimumNumberOfCalls: 10,
          failureRateThreshold: 50,
          waitDurationInOpenStateMs: 2000,
          permittedNumberOfCallsInHalfOpenState: 3,
        },
      })
      .scenario({
        durationS: 10,
        seed: 1,
        // The dependency fails from 2 s to 5 s.
        timeline: [{ atS: 2, action: 'fail-node', target: 'api', forS: 3 }],
      })
      .build();

  it('opens after the window fills with failures, refuses for waitDurationInOpenState, probes half-open, closes', () => {
    const r = runToEnd(doc('none'));
    const transitions = r.events
      .filter((e) => e.reason.startsWith('Circuit'))
      .map((e) => [e.t, e.reason, e.data['from'], e.data['to']]);
    // Arrivals every 10 ms; api fails from the call at 2.01 s (the action at 2 s comes after the
    // arrival due then). The window of 10 is at 50 % failures with the 5th (2.05 s) → OPEN; it
    // refuses until strictly after 2.05 + 2 s; the call at 4.06 s turns it HALF_OPEN, its 3
    // permitted calls fail (api down until 5 s) → OPEN at 4.08 s; at 6.09 s HALF_OPEN again, api
    // is back: the 3rd success (6.11 s + 1 ms of service) → CLOSED.
    expect(transitions).toEqual([
      [2.05, 'CircuitOpened', 'CLOSED', 'OPEN'],
      [4.06, 'CircuitHalfOpen', 'OPEN', 'HALF_OPEN'],
      [4.08, 'CircuitOpened', 'HALF_OPEN', 'OPEN'],
      [6.09, 'CircuitHalfOpen', 'OPEN', 'HALF_OPEN'],
      [6.111, 'CircuitClosed', 'HALF_OPEN', 'CLOSED'],
    ]);
    expect(r.edges['edge-api']!.breaker).toMatchObject({ state: 'CLOSED', transitions: 5 });
    expect(r.summary.errors['circuit_open']).toBeGreaterThan(300);
  });

  it('with a static fallback the gateway answers instead: the failures become fallbacks', () => {
    const r = runToEnd(doc('static'));
    expect(r.summary.errors).toEqual({});
    const b = r.edges['edge-api']!.breaker!;
    expect(b.fallbacks).toBeGreaterThan(300);
    expect(b.notPermittedCalls).toBeGreaterThan(300);
  });
});

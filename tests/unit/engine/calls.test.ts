// Timeouts, retries and error propagation, hand-computed and read back from traces at
// simulated times.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

describe('timeouts and retries', () => {
  // One request at t = 1 s (constant arrivals at 1 rps over a 1.5 s run).
  const slowCallee = (callProps: object) =>
    buildDoc()
      .client('users', { rps: 1, arrival: 'constant' })
      .service('slow', {
        replicas: 1,
        concurrency: 10,
        serviceTime: { dist: 'constant', meanMs: 300 },
      })
      .call('users', 'slow', callProps)
      .scenario({ durationS: 3 })
      .build();

  it('300 ms callee behind a 200 ms timeout with 2 retries: 3 attempts, timeout after 600 ms + backoff', () => {
    const doc = slowCallee({
      latencyMs: 0,
      timeoutMs: 200,
      retries: 2,
      backoffBaseMs: 25,
      backoffMaxMs: 250,
      jitter: false,
    });
    const r = runToEnd(doc, { traceEvery: 1 });
    expect(r.summary.requests).toBe(2);
    expect(r.summary.errors).toEqual({ timeout: 2 });
    // 200 + 25 + 200 + 50 + 200 = 675 ms
    expect(r.summary.latencyMs.mean).toBe(675);
    const [trace] = r.traces;
    expect(trace!.status).toBe('timeout');
    const attempts = trace!.spans.filter((s) => s.kind === 'client' && s.node === 'slow');
    expect(attempts.map((s) => [s.attempt, s.startMs, s.endMs, s.status])).toEqual([
      [1, 1000, 1200, 'timeout'],
      [2, 1225, 1425, 'timeout'],
      [3, 1475, 1675, 'timeout'],
    ]);
    // Each attempt's server span at the callee runs its 300 ms to the end, past the give-up,
    // and hangs under that attempt's client span.
    const visits = trace!.spans.filter((s) => s.kind === 'server' && s.node === 'slow');
    expect(visits.map((s) => [s.startMs, s.endMs, s.status])).toEqual([
      [1000, 1300, 'ok'],
      [1225, 1525, 'ok'],
      [1475, 1775, 'ok'],
    ]);
    expect(visits.map((s) => s.parentId)).toEqual(attempts.map((s) => s.id));
    // The callee's work goes on after the caller gives up: 3 visits per request, all wasted.
    expect(r.edges['users-slow']).toMatchObject({
      attempts: 6,
      retries: 4,
      failures: { timeout: 6 },
    });
    expect(r.nodes['slow']!.requests).toBe(6);
    expect(r.edges['users-slow']!.wasted).toBe(6);
  });

  it('full jitter keeps each backoff within [0, base·2^k]', () => {
    const doc = slowCallee({
      latencyMs: 0,
      timeoutMs: 200,
      retries: 2,
      backoffBaseMs: 25,
      backoffMaxMs: 250,
      jitter: true,
    });
    const r = runToEnd(doc, { traceEvery: 1 });
    const attempts = r.traces[0]!.spans.filter((s) => s.kind === 'client' && s.node === 'slow');
    const gap1 = attempts[1]!.startMs - attempts[0]!.endMs;
    const gap2 = attempts[2]!.startMs - attempts[1]!.endMs;
    expect(gap1).toBeGreaterThanOrEqual(0);
    expect(gap1).toBeLessThan(25);
    expect(gap2).toBeGreaterThanOrEqual(0);
    expect(gap2).toBeLessThan(50);
  });

  it('network latency counts both ways and inside the timeout', () => {
    const doc = buildDoc()
      .client('users', { rps: 1, arrival: 'constant' })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 10 } })
      .call('users', 'api', { latencyMs: 5, timeoutMs: 1000 })
      .scenario({ durationS: 1.5 })
      .build();
    expect(runToEnd(doc).summary.latencyMs.mean).toBe(20);
  });

  it('an error deep in the chain reaches the client with its cause', () => {
    const doc = buildDoc()
      .client('users', { rps: 50 })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 1 } })
      .external('payments', { latency: { dist: 'constant', meanMs: 5 }, errorRate: 1 })
      .call('users', 'api', direct)
      .call('api', 'payments', direct)
      .scenario({ durationS: 10 })
      .build();
    const r = runToEnd(doc);
    expect(r.summary.ok).toBe(0);
    expect(Object.keys(r.summary.errors)).toEqual(['upstream_error']);
    expect(r.nodes['api']!.errors).toEqual(r.summary.errors);
  });

  it('calls run in order and the visit answers after the last', () => {
    const doc = buildDoc()
      .client('users', { rps: 1, arrival: 'constant' })
      .service('api', { replicas: 1, serviceTime: { dist: 'constant', meanMs: 2 } })
      .external('a', { latency: { dist: 'constant', meanMs: 10 } })
      .external('b', { latency: { dist: 'constant', meanMs: 30 } })
      .call('users', 'api', direct)
      .call('api', 'a', direct)
      .call('api', 'b', direct)
      .scenario({ durationS: 1.5 })
      .build();
    const r = runToEnd(doc, { traceEvery: 1 });
    expect(r.summary.latencyMs.mean).toBe(42);
    const spans = r.traces[0]!.spans;
    expect(spans.map((s) => [s.kind, s.node, s.startMs, s.endMs])).toEqual([
      ['internal', 'users', 1000, 1042],
      ['client', 'api', 1000, 1042],
      ['server', 'api', 1000, 1042],
      ['client', 'a', 1002, 1012],
      ['server', 'a', 1002, 1012],
      ['client', 'b', 1012, 1042],
      ['server', 'b', 1012, 1042],
    ]);
    // Each server span hangs under the client span that brought it; calls under the caller's.
    const byId = new Map(spans.map((s) => [s.id, s]));
    const parentOf = (s: (typeof spans)[number]) => byId.get(s.parentId);
    const apiServer = spans[2]!;
    expect(parentOf(apiServer)).toBe(spans[1]);
    expect(parentOf(spans[3]!)).toBe(apiServer);
    expect(parentOf(spans[5]!)).toBe(apiServer);
    expect(parentOf(spans[6]!)).toBe(spans[5]);
  });

  it('unauthorized is not retried and never reaches the services', () => {
    const doc = buildDoc()
      .client('users', { rps: 100 })
      .gateway('edge', { authFailureRate: 1 })
      .service('api', { replicas: 1 })
      .call('users', 'edge', { latencyMs: 0, retries: 3 })
      .call('edge', 'api', direct)
      .scenario({ durationS: 5 })
      .build();
    const r = runToEnd(doc);
    expect(r.summary.errors).toEqual({ unauthorized: r.summary.requests });
    expect(r.edges['users-edge']!.retries).toBe(0);
    expect(r.nodes['api']!.requests).toBe(0);
  });
});

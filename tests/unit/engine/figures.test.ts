// The figures of the JSON result a user reads to judge a run: goodput beside the offered rate,
// the mean number of requests at each node (Little's law, L = λ·W) and retry amplification
// (attempts per user request and per call, per edge and overall). Worked by hand.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

describe('goodput', () => {
  it('is the ok answers per second of the measured span, beside the offered rate', () => {
    // 1 slot of 10 ms (100/s) and 3 waiting places, offered 300/s: two in three are turned away.
    const doc = buildDoc()
      .client('users', { rps: 300 })
      .service('api', {
        replicas: 1,
        concurrency: 1,
        queueCapacity: 3,
        serviceTime: { dist: 'constant', meanMs: 10 },
      })
      .call('users', 'api', direct)
      .scenario({ durationS: 60, warmupS: 5 })
      .build();
    const r = runToEnd(doc);
    const span = r.durationS - r.warmupS;
    expect(r.summary.goodputRps).toBeCloseTo(r.summary.ok / span, 2);
    expect(r.summary.goodputRps).toBeCloseTo(100, -1);
    expect(r.summary.throughputRps).toBeCloseTo(300, -1);
  });
});

describe("requests in flight at a node (Little's law)", () => {
  it('is λ·W: 50/s through a 10 ms constant service holds 0.5 requests on average', () => {
    const doc = buildDoc()
      .client('users', { rps: 50, arrival: 'constant' })
      .service('api', {
        replicas: 1,
        concurrency: 1,
        serviceTime: { dist: 'constant', meanMs: 10 },
      })
      .call('users', 'api', direct)
      .scenario({ durationS: 20 })
      .build();
    const r = runToEnd(doc);
    expect(r.nodes['api']!.inFlight.mean).toBeCloseTo(0.5, 2);
  });

  it('counts the waiting as well as the served: a queue behind one slot', () => {
    // Arrivals every 10 ms, 15 ms of service: the queue grows by one every 30 ms; in flight is
    // waiting + served, so it exceeds the one busy slot.
    const doc = buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .service('api', {
        replicas: 1,
        concurrency: 1,
        queueCapacity: 5,
        serviceTime: { dist: 'constant', meanMs: 15 },
      })
      .call('users', 'api', direct)
      .scenario({ durationS: 20 })
      .build();
    const api = runToEnd(doc).nodes['api']!;
    expect(api.inFlight.mean).toBeCloseTo(api.busy.mean + api.queueDepth.mean, 1);
    expect(api.inFlight.mean).toBeGreaterThan(5);
  });
});

describe('retry amplification', () => {
  it('counts attempts per call and per user request on each edge and overall', () => {
    // api fails half its requests; the gateway retries twice: 1 + 0.5 + 0.25 = 1.75 attempts per
    // call. Every user request crosses users → edge once, so that hop stays 1.
    const doc = buildDoc()
      .client('users', { rps: 200 })
      .gateway('edge', { overheadMs: 0 })
      .service('api', { replicas: 4, concurrency: 50, errorRate: 0.5 })
      .call('users', 'edge', direct)
      .call('edge', 'api', { latencyMs: 0, timeoutMs: 0, retries: 2, backoffBaseMs: 1 })
      .scenario({ durationS: 30 })
      .build();
    const r = runToEnd(doc);
    const front = r.edges['users-edge']!;
    const back = r.edges['edge-api']!;
    expect(front.attemptsPerUserRequest).toBeCloseTo(1, 2);
    expect(front.attemptsPerCall).toBe(1);
    expect(back.attemptsPerCall).toBeCloseTo(1.75, 1);
    expect(back.attemptsPerUserRequest).toBeCloseTo(1.75, 1);
    // Overall: every attempt on every call edge per user request (2 hops, 1 + 1.75), and per
    // call made (the attempts over the first attempts).
    expect(r.summary.retryAmplification.attemptsPerUserRequest).toBeCloseTo(2.75, 1);
    expect(r.summary.retryAmplification.attemptsPerCall).toBeCloseTo(2.75 / 2, 1);
  });
});

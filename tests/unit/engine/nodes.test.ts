// Behaviour of each node kind: bounded queues, connection pools, caches, message queues, load
// balancing.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

describe('service pods', () => {
  it('reject with queue_full when the FIFO queue is full', () => {
    // 1 slot, 10 ms each (100/s) and 3 waiting places, offered 300/s: most are turned away.
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
    const api = r.nodes['api']!;
    expect(api.queueDepth.max).toBe(3);
    expect(r.summary.errors['queue_full']).toBeGreaterThan(r.summary.requests * 0.6);
    expect(r.summary.ok / (r.durationS - r.warmupS)).toBeCloseTo(100, -1);
    expect(api.utilisation).toBeGreaterThan(0.97);
    // Waiting at most 3 × 10 ms plus 10 ms of service.
    expect(r.summary.latencyMs.max).toBeLessThanOrEqual(40);
  });

  it('spread requests evenly over pods round robin', () => {
    const doc = buildDoc()
      .client('users', { rps: 90, arrival: 'constant' })
      .service('api', { replicas: 3, concurrency: 1, serviceTime: { dist: 'constant', meanMs: 1 } })
      .call('users', 'api', direct)
      .scenario({ durationS: 10 })
      .build();
    const r = runToEnd(doc, { traceEvery: 1, maxTraces: 30 });
    const pods = r.traces.map(
      (t) => t.spans.find((s) => s.kind === 'server' && s.node === 'api')!.pod,
    );
    const counts = new Map<string, number>();
    for (const p of pods) counts.set(p!, (counts.get(p!) ?? 0) + 1);
    expect([...counts.values()]).toEqual([10, 10, 10]);
    expect(r.nodes['api']!.pods!.map((p) => p.name)).toEqual([...counts.keys()]);
    expect(r.nodes['api']!.pods![0]!.name).toMatch(/^api-[a-z0-9]{10}-[a-z0-9]{5}$/);
  });

  it('errorRate fails that share with cause internal', () => {
    const doc = buildDoc()
      .client('users', { rps: 1000 })
      .service('api', { replicas: 2, errorRate: 0.1, concurrency: 50 })
      .call('users', 'api', direct)
      .scenario({ durationS: 20 })
      .build();
    const r = runToEnd(doc);
    expect(r.summary.errors['internal']! / r.summary.requests).toBeCloseTo(0.1, 2);
  });
});

describe('database', () => {
  it('waits for a free connection and fails with pool_timeout after poolTimeoutMs', () => {
    // 2 connections × 50 ms = 40 queries/s, offered 100/s: the pool queue grows until waits pass 200 ms.
    const doc = buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .database('db', {
        poolSize: 2,
        poolTimeoutMs: 200,
        writeRatio: 0,
        readLatency: { dist: 'constant', meanMs: 50 },
      })
      .call('users', 'db', direct)
      .scenario({ durationS: 30, warmupS: 5 })
      .build();
    const r = runToEnd(doc);
    const db = r.nodes['db']!;
    expect(r.summary.errors['pool_timeout']).toBeGreaterThan(0);
    expect(r.summary.ok / (r.durationS - r.warmupS)).toBeCloseTo(40, 0);
    // A pool_timeout comes exactly at 200 ms; served ones waited at most that long.
    expect(r.summary.latencyMs.max).toBeLessThanOrEqual(250);
    expect(db.utilisation).toBeCloseTo(1, 2);
  });

  it('serves reads on replicas and writes on the primary', () => {
    const base = (replicas: number) =>
      buildDoc()
        .client('users', { rps: 150 })
        .database('db', {
          poolSize: 1,
          poolTimeoutMs: 10_000,
          replicas,
          writeRatio: 0.1,
          readLatency: { dist: 'exponential', meanMs: 10 },
          writeLatency: { dist: 'exponential', meanMs: 10 },
        })
        .call('users', 'db', direct)
        .scenario({ durationS: 60, warmupS: 5 })
        .build();
    // Alone the primary is overloaded (150/s > 100/s); with 2 read replicas the load spreads.
    const alone = runToEnd(base(0));
    const spread = runToEnd(base(2));
    expect(alone.summary.latencyMs.mean).toBeGreaterThan(1000);
    expect(spread.summary.latencyMs.mean).toBeLessThan(50);
  });
});

describe('cache', () => {
  it('answers hits itself and sends misses on', () => {
    const doc = buildDoc()
      .client('users', { rps: 500 })
      .cache('cache', { hitRatio: 0.8, hitLatency: { dist: 'constant', meanMs: 0.5 } })
      .database('db', {
        readLatency: { dist: 'constant', meanMs: 5 },
        writeRatio: 0,
        poolSize: 100,
      })
      .call('users', 'cache', direct)
      .call('cache', 'db', direct)
      .scenario({ durationS: 60 })
      .build();
    const r = runToEnd(doc);
    const hitShare = 1 - r.nodes['db']!.requests / r.nodes['cache']!.requests;
    expect(hitShare).toBeCloseTo(0.8, 2);
    // Percentiles come from the HDR histogram: within 1 % of the true value.
    expect(Math.abs(r.summary.latencyMs.p50 - 0.5) / 0.5).toBeLessThan(0.01);
    expect(Math.abs(r.summary.latencyMs.p99 - 5.5) / 5.5).toBeLessThan(0.01);
  });
});

describe('cache-aside (the caller reads the cache, then the database only on a miss)', () => {
  const doc = (onCacheMiss: boolean | undefined) =>
    buildDoc()
      .client('users', { rps: 500 })
      .service('orders', {
        replicas: 2,
        concurrency: 100,
        serviceTime: { dist: 'constant', meanMs: 1 },
      })
      .cache('cache', { hitRatio: 0.8 })
      .database('db', { writeRatio: 0, poolSize: 100 })
      .call('users', 'orders', direct)
      .call('orders', 'cache', direct)
      .call('orders', 'db', onCacheMiss === undefined ? direct : { ...direct, onCacheMiss })
      .scenario({ durationS: 60 })
      .build();

  it('an edge marked onCacheMiss is called only when the call to the cache before it missed', () => {
    const r = runToEnd(doc(true));
    // 80 % hits: the database sees the 20 % of orders' visits whose cache read missed.
    expect(r.nodes['db']!.requests / r.nodes['orders']!.requests).toBeCloseTo(0.2, 2);
    expect(r.nodes['db']!.requests / r.nodes['cache']!.requests).toBeCloseTo(0.2, 2);
  });

  it('unmarked, every visit calls both: the hit ratio takes no load off the database', () => {
    const r = runToEnd(doc(undefined));
    // (the same count but for the few still in flight at the end)
    expect(r.nodes['db']!.requests / r.nodes['cache']!.requests).toBeCloseTo(1, 3);
  });
});

describe('queue', () => {
  const pipeline = (consumerMs: number, capacity = 1_000_000) =>
    buildDoc()
      .client('users', { rps: 100, arrival: 'constant' })
      .service('api', {
        replicas: 1,
        concurrency: 10,
        serviceTime: { dist: 'constant', meanMs: 1 },
      })
      .queue('jobs', { capacity, publishLatency: { dist: 'constant', meanMs: 2 } })
      .service('worker', {
        replicas: 1,
        concurrency: 1,
        serviceTime: { dist: 'constant', meanMs: consumerMs },
      })
      .call('users', 'api', direct)
      .publish('api', 'jobs', { latencyMs: 0 })
      .call('jobs', 'worker', direct)
      .scenario({ durationS: 20 })
      .build();

  it('acks the publisher after publishLatency; consumers keep up with a fast worker', () => {
    const r = runToEnd(pipeline(5));
    expect(r.summary.latencyMs.max).toBe(3); // 1 ms work + 2 ms publish; not the consumer's time
    expect(r.queues['jobs-worker']!.backlog).toBe(0);
    expect(r.nodes['worker']!.requests).toBeGreaterThan(1990);
  });

  it('builds a backlog behind a slow consumer, visible in the series', () => {
    // 100 messages/s in, 50/s out: the backlog grows by ~50 per second.
    const r = runToEnd(pipeline(20));
    const q = r.queues['jobs-worker']!;
    expect(q.backlog).toBeGreaterThan(900);
    expect(q.backlog).toBeLessThan(1100);
    const depth = r.nodes['jobs']!.series.queueDepth;
    expect(depth[19]!).toBeGreaterThan(depth[10]! + 400);
    expect(r.summary.errors).toEqual({});
  });

  it('rejects publishes with queue_full at capacity', () => {
    const r = runToEnd(pipeline(20, 100));
    expect(r.summary.errors['queue_full']).toBeGreaterThan(500);
    expect(r.queues['jobs-worker']!.maxBacklog).toBe(100);
  });
});

// Golden results: a SHA-256 of the whole JSON result of a few documents, recorded from the engine
// before its kernel and hot paths were optimised. A speed-up must not change a single byte: the
// same events in the same order (ties broken by insertion sequence), the same random draws.
// A change that is meant to alter results (new semantics, a new result field) updates these
// hashes in its own commit and says why.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd, type EngineOptions } from '../../../shared/engine';
import { buildDoc, direct } from './build';

const root = join(__dirname, '../../..');
const load = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
const sha256 = (doc: unknown, options: EngineOptions = {}) =>
  createHash('sha256')
    .update(JSON.stringify(runToEnd(doc, options)))
    .digest('hex');

/** M/M/c of the benchmark (λ=180/s, μ=100/s, c=2), 20,000 customers. */
const mmc = () =>
  buildDoc()
    .client('users', { rps: 180 })
    .service('api', {
      replicas: 1,
      concurrency: 2,
      queueCapacity: 1_000_000,
      serviceTime: { dist: 'exponential', meanMs: 10 },
    })
    .call('users', 'api', direct)
    .scenario({ durationS: 20_000 / 180, seed: 1 })
    .build();

/** The chain of the benchmark (client → gateway → service, 3 pods → database), 50,000 requests. */
const chain = () =>
  buildDoc()
    .client('users', { rps: 20_000 })
    .gateway('edge', { overheadMs: 0.05, concurrency: 100_000 })
    .service('orders', {
      replicas: 3,
      concurrency: 64,
      serviceTime: { dist: 'exponential', meanMs: 1 },
    })
    .database('db', { poolSize: 50, readLatency: { dist: 'exponential', meanMs: 0.5 } })
    .call('users', 'edge', { latencyMs: 0.5, timeoutMs: 1000 })
    .call('edge', 'orders', { latencyMs: 0.5, timeoutMs: 1000, retries: 1 })
    .call('orders', 'db', { latencyMs: 0.5, timeoutMs: 1000 })
    .scenario({ durationS: 2.5, seed: 1 })
    .build();

/** Timeouts, retries with jitter, a cache, a small pool with waits and timeouts, a killed pod. */
const stressed = () =>
  buildDoc()
    .client('users', { rps: 300 })
    .gateway('edge', { overheadMs: 1, authFailureRate: 0.01 })
    .service('orders', { replicas: 3, concurrency: 2, errorRate: 0.01 })
    .database('db', { poolSize: 4, poolTimeoutMs: 50 })
    .cache('cache', { hitRatio: 0.7 })
    .call('users', 'edge', { latencyMs: 2, timeoutMs: 500, retries: 1 })
    .call('edge', 'orders', { latencyMs: 1, timeoutMs: 100, retries: 2 })
    .call('orders', 'cache', { latencyMs: 0.5 })
    .call('cache', 'db', { latencyMs: 0.5, timeoutMs: 80 })
    .scenario({
      durationS: 20,
      seed: 3,
      timeline: [{ atS: 5, action: 'kill-pod', target: 'orders' }],
    })
    .build();

/** Constant arrivals and constant times: many events at the same instant, so order is all ties. */
const ties = () =>
  buildDoc()
    .client('a', { rps: 1000, arrival: 'constant' })
    .client('b', { rps: 500, arrival: 'constant' })
    .gateway('edge', { overheadMs: 1 })
    .service('api', {
      replicas: 3,
      concurrency: 1,
      queueCapacity: 3,
      serviceTime: { dist: 'constant', meanMs: 1 },
    })
    .call('a', 'edge', { latencyMs: 1, timeoutMs: 6, retries: 1 })
    .call('b', 'edge', { latencyMs: 1, timeoutMs: 7, retries: 1 })
    .call('edge', 'api', { latencyMs: 1, timeoutMs: 4 })
    .scenario({ durationS: 5, seed: 7 })
    .build();

const GOLDEN: [name: string, run: () => string, hash: string][] = [
  [
    'shop fixture (baseline)',
    () => sha256(load('tests/fixtures/engine/shop.archlab.json')),
    '3ccc52a2cb3659b53febd0578cdcf2e4b2b97329a4431319c7fc3d9139b00bda',
  ],
  [
    'web-shop sample, 10 s',
    () => sha256(load('assets/samples/web-shop.archlab.json'), { durationS: 10 }),
    '590fbf6d70f91d49409ba45fbbb5746b12cea3ec347f54d2e2e7c48a298bcd41',
  ],
  [
    'payments sample, 10 s, traces',
    () => sha256(load('assets/samples/payments.archlab.json'), { durationS: 10, traceEvery: 20 }),
    '7995ff1f7922a96033d2071fdc91cec866663667eb910a0217c6fd05c02d35ac',
  ],
  [
    'M/M/c, 20,000 customers',
    () => sha256(mmc(), { traceEvery: 0 }),
    '73b8634af2728ae31a7adaa51ab50c8e00e48b63d92942aaf5f1bb3ec2e3eb3c',
  ],
  [
    'four-hop chain, 50,000 requests',
    () => sha256(chain(), { traceEvery: 0 }),
    '52f3359f507ff2a2f25df7c495a4457b621f5bc098a65185c6ef924c2ec7c8d7',
  ],
  [
    'timeouts, retries, pools, a killed pod',
    () => sha256(stressed(), { traceEvery: 50 }),
    'cb97d294d6b9079874547fb48e08608e3d67b00e7fbd9d81f4ee5346bd1d810f',
  ],
  [
    'simultaneous events',
    () => sha256(ties(), { traceEvery: 7 }),
    'd1753c548d4e2c8c1f7fd9c61357a10ea6a8d18f36b23ff28ba56229bf3eb64d',
  ],
];

describe('golden results', () => {
  for (const [name, run, hash] of GOLDEN) {
    it(`${name} is byte-identical`, () => {
      expect(run()).toBe(hash);
    });
  }
});

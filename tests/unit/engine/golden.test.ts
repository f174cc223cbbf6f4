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
    '83aad83425d8c626764d98ba249e946aed2d26001337ccdeb5dd135f07592987',
  ],
  [
    'web-shop sample, 10 s',
    () => sha256(load('assets/samples/web-shop.archlab.json'), { durationS: 10 }),
    '786fad3a08cbb4e9e3ba5a5bacf87f55621b9bd5722cd3ef074eff4d7b6668fc',
  ],
  [
    'payments sample, 10 s, traces',
    () => sha256(load('assets/samples/payments.archlab.json'), { durationS: 10, traceEvery: 20 }),
    'be26d8798bde0a89a275d50dd9fe3492a9a36c2eaca6c016c3abc828794acda9',
  ],
  [
    'M/M/c, 20,000 customers',
    () => sha256(mmc(), { traceEvery: 0 }),
    '1ba48d9cc19e0207feb8655a521b1b6667597ab31c7103618d5fc958ec17f306',
  ],
  [
    'four-hop chain, 50,000 requests',
    () => sha256(chain(), { traceEvery: 0 }),
    'a67c24935e23e5892715e19f2f035129383d11bde9f668378eba6053a1e4f70d',
  ],
  [
    'timeouts, retries, pools, a killed pod',
    () => sha256(stressed(), { traceEvery: 50 }),
    '4831ea2afe79bedeb5f341ed4fb4e814225ba718ff17faebe65164e029ad25b3',
  ],
  [
    'simultaneous events',
    () => sha256(ties(), { traceEvery: 7 }),
    'd186f7f6de14781b0b43b7f9c9cdd0b283afcb3bc2a84eeac72294298b146b8a',
  ],
];

describe('golden results', () => {
  for (const [name, run, hash] of GOLDEN) {
    it(`${name} is byte-identical`, () => {
      expect(run()).toBe(hash);
    });
  }
});

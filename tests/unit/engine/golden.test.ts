// Golden results: a SHA-256 of the whole JSON result of a few documents, recorded from the engine
// before its kernel and hot paths were optimised. A speed-up must not change a single byte: the
// same events in the same order (ties broken by insertion sequence), the same random draws.
// A change that is meant to alter results (new semantics, a new result field) updates these
// hashes in its own commit and says why.
//
// Beside the hashes, golden.md holds the key figures of each run (requests, ok, throughput,
// p50/p99, error rate, errors by cause, SLOs held), written from the same results. The test checks
// it too, so a changed hash comes with a diff that says what changed; when only the hash moved,
// the change is in what the table leaves out (events, per-second series, traces, pods).
// Regenerate it after a deliberate change with
//   GOLDEN_UPDATE=1 npx vitest run --project unit tests/unit/engine/golden.test.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd, type EngineOptions, type RunResult } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

const root = join(__dirname, '../../..');
const SUMMARY_FILE = join(__dirname, 'golden.md');
const UPDATE = process.env['GOLDEN_UPDATE'] === '1';
const load = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
const run = (doc: unknown, options: EngineOptions = {}) => runToEnd(doc, options);
const sha256 = (result: RunResult) =>
  createHash('sha256').update(JSON.stringify(result)).digest('hex');

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

const GOLDEN: [name: string, result: () => RunResult, hash: string][] = [
  [
    'shop fixture (baseline)',
    () => run(load('tests/fixtures/engine/shop.archlab.json')),
    'dd87dd5fd18dc16e951c5819ab9a52d623ffcc783372fc2bce79256cf55f4300',
  ],
  [
    'web-shop sample, 10 s',
    () => run(load('assets/samples/web-shop.archlab.json'), { durationS: 10 }),
    '0308a57ccba3f235d0f834772559c953e38e4861fad80b72f9ffad33648e731c',
  ],
  [
    'payments sample, 10 s, traces',
    () => run(load('assets/samples/payments.archlab.json'), { durationS: 10, traceEvery: 20 }),
    '7e06628f50a7f6675de1ee767e012fd92e6db931e15283585767da4a81c8be08',
  ],
  [
    'M/M/c, 20,000 customers',
    () => run(mmc(), { traceEvery: 0 }),
    '1ba48d9cc19e0207feb8655a521b1b6667597ab31c7103618d5fc958ec17f306',
  ],
  [
    'four-hop chain, 50,000 requests',
    () => run(chain(), { traceEvery: 0 }),
    'a67c24935e23e5892715e19f2f035129383d11bde9f668378eba6053a1e4f70d',
  ],
  [
    'timeouts, retries, pools, a killed pod',
    () => run(stressed(), { traceEvery: 50 }),
    '2c39a51261a0e2150dcc90323862bc54a66439e35e5d77d65c69dc85aeaadd6e',
  ],
  [
    'simultaneous events',
    () => run(ties(), { traceEvery: 7 }),
    'b37fd4ad4be21704d1ea30f78c05948b11b257bb6c44c0d07a58f33f3d97e1dc',
  ],
];

/** The figures of one run a reader checks first, as one table row and one line of causes. */
function keyFigures(name: string, r: RunResult, hash: string): { row: string; causes: string } {
  const s = r.summary;
  const rate = s.requests > 0 ? (s.requests - s.ok) / s.requests : 0;
  const held = r.slos.filter((x) => x.pass).length;
  const slos = r.slos.length === 0 ? '—' : `${held} of ${r.slos.length}`;
  const row = [
    name,
    String(s.requests),
    String(s.ok),
    String(s.throughputRps),
    String(s.latencyMs.p50),
    String(s.latencyMs.p99),
    `${(rate * 100).toFixed(3)} %`,
    slos,
    String(r.events.length),
    hash.slice(0, 12),
  ];
  const errors = Object.entries(s.errors)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${cause} ${n}`);
  return { row: `| ${row.join(' | ')} |`, causes: `- ${name}: ${errors.join(', ') || 'none'}` };
}

function summaryText(rows: { row: string; causes: string }[]): string {
  return [
    '# Golden runs: what the hashes pin',
    '',
    'Written by `tests/unit/engine/golden.test.ts` from the same results whose SHA-256 it checks,',
    'and checked by it: do not edit by hand. After a deliberate change of results, update the',
    'hashes in the test and regenerate this file with',
    '`GOLDEN_UPDATE=1 npx vitest run --project unit tests/unit/engine/golden.test.ts`;',
    'the diff of this file then says what changed. Latencies in ms, end to end (every client),',
    'after warm-up; rps is completed requests per second of the run.',
    '',
    '| run | requests | ok | rps | p50 ms | p99 ms | error rate | SLOs held | events | sha256 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
    ...rows.map((x) => x.row),
    '',
    '## Errors by cause',
    '',
    ...rows.map((x) => x.causes),
    '',
  ].join('\n');
}

describe('golden results', () => {
  const figures: { row: string; causes: string }[] = [];
  for (const [name, result, hash] of GOLDEN) {
    it(`${name} is byte-identical`, () => {
      const r = result();
      figures.push(keyFigures(name, r, hash));
      expect(sha256(r)).toBe(hash);
    });
  }

  it('has its key figures written in golden.md', () => {
    expect(figures).toHaveLength(GOLDEN.length);
    const text = summaryText(figures);
    if (UPDATE) writeFileSync(SUMMARY_FILE, text);
    expect(readFileSync(SUMMARY_FILE, 'utf8')).toBe(text);
  });
});

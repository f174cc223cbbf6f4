// M/M/c (λ=180/s, μ=100/s, c=2, 2 million customers): our engine next to the reference loop.
import { runToEnd } from '../../shared/engine';
import { buildDoc, direct } from '../fixtures/build';
import { referenceMmc } from './reference';

const LAMBDA = 180;
const MU = 100;
const C = 2;
const CUSTOMERS = 2_000_000;

export function mmcDocument(customers = CUSTOMERS) {
  return buildDoc()
    .client('users', { rps: LAMBDA })
    .service('api', {
      replicas: 1,
      concurrency: C,
      queueCapacity: 10_000_000,
      serviceTime: { dist: 'exponential', meanMs: 1000 / MU },
    })
    .call('users', 'api', direct)
    .scenario({ durationS: customers / LAMBDA, seed: 1 })
    .build();
}

export function benchMmc(): string[] {
  // Warm both up so the JIT has settled before timing.
  referenceMmc(LAMBDA, MU, C, 200_000);
  runToEnd(mmcDocument(200_000), { traceEvery: 0 });

  let t0 = performance.now();
  const ref = referenceMmc(LAMBDA, MU, C, CUSTOMERS);
  const refS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const r = runToEnd(mmcDocument(), { traceEvery: 0 });
  const ourS = (performance.now() - t0) / 1000;
  const ours = r.summary.requests + r.summary.inFlightAtEnd;
  const refRate = ref.customers / refS;
  const ourRate = ours / ourS;
  return [
    `M/M/c λ=${LAMBDA}/s μ=${MU}/s c=${C}, ${CUSTOMERS.toLocaleString('en-US')} customers (theory W = 52.63 ms)`,
    `  reference loop : ${fmt(refRate)} customers/s  (${refS.toFixed(2)} s, mean ${ref.meanMs.toFixed(2)} ms)`,
    `  engine         : ${fmt(ourRate)} customers/s  (${ourS.toFixed(2)} s, mean ${r.summary.latencyMs.mean.toFixed(2)} ms)`,
    `  ratio          : ${((ourRate / refRate) * 100).toFixed(1)} % of the reference (target ≥ 25 %)`,
  ];
}

export const fmt = (n: number) => `${(n / 1e6).toFixed(2)} M`;

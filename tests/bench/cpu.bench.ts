// The pod's inside at speed: the chain bench's topology, plain (slots and a service time) and with
// its service as a thread pool whose pods have a CPU limit (processor sharing, CFS quota, kernel
// costs; engine/cpu/), run alternately in one process so both see the same machine. Target: the
// CPU chain at least half the plain chain's requests per second.
import { createRun } from '../../shared/engine';
import { buildDoc } from '../fixtures/build';
import { CHAIN_RPS, chainDocument } from './chain.bench';
import { fmt } from './mmc.bench';

/** The chain, its service a 64-thread pool (0.1 ms CPU + 0.9 ms IO) limited to 1 core a pod. */
export function cpuChainDocument(requests: number) {
  return buildDoc()
    .client('users', { rps: CHAIN_RPS })
    .gateway('edge', { overheadMs: 0.05, concurrency: 100_000 })
    .service('orders', {
      replicas: 3,
      concurrency: 64,
      resources: { requests: { cpu: '500m' }, limits: { cpu: '1' } },
      runtime: {
        model: 'threadPool',
        cpuTime: { dist: 'exponential', meanMs: 0.1 },
        ioTime: { dist: 'exponential', meanMs: 0.9 },
      },
    })
    .database('db', { poolSize: 50, readLatency: { dist: 'exponential', meanMs: 0.5 } })
    .call('users', 'edge', { latencyMs: 0.5, timeoutMs: 1000 })
    .call('edge', 'orders', { latencyMs: 0.5, timeoutMs: 1000, retries: 1 })
    .call('orders', 'db', { latencyMs: 0.5, timeoutMs: 1000 })
    .scenario({ durationS: requests / CHAIN_RPS, seed: 1 })
    .build();
}

function once(doc: unknown): { rps: number; eps: number; p99: number } {
  const t0 = performance.now();
  const sim = createRun(doc, { traceEvery: 0 });
  sim.advanceTo(sim.durationMs);
  const r = sim.result();
  const s = (performance.now() - t0) / 1000;
  const total = r.summary.requests + r.summary.inFlightAtEnd;
  return { rps: total / s, eps: sim.w.k.scheduled / s, p99: r.summary.latencyMs.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export function benchCpu(requests = 500_000, rounds = 5): string[] {
  once(chainDocument(100_000));
  once(cpuChainDocument(100_000));
  const plain: ReturnType<typeof once>[] = [];
  const cpu: ReturnType<typeof once>[] = [];
  for (let i = 0; i < rounds; i++) {
    plain.push(once(chainDocument(requests)));
    cpu.push(once(cpuChainDocument(requests)));
  }
  const line = (name: string, xs: ReturnType<typeof once>[]) =>
    `  ${name}: ${fmt(median(xs.map((x) => x.rps)))} requests/s, ` +
    `${fmt(median(xs.map((x) => x.eps)))} events/s (p99 ${xs[0]?.p99} ms)`;
  const ratio = median(cpu.map((x) => x.rps)) / median(plain.map((x) => x.rps));
  return [
    `the chain, plain and with a CPU-limited thread pool, ${requests.toLocaleString('en-US')} requests, median of ${rounds} alternating runs`,
    line('plain chain    ', plain),
    line('thread pool+CPU', cpu),
    `  ratio          : ${ratio.toFixed(2)} (target ≥ 0.5)`,
  ];
}

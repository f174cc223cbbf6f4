// Requests per second through client → gateway → service (3 pods) → database, about ten events
// per request (arrival, three deliveries, three pieces of work, three answers).
import { createRun, runToEnd } from '../../shared/engine';
import { buildDoc } from '../fixtures/build';
import { fmt } from './mmc.bench';

export const CHAIN_RPS = 20_000;

export function chainDocument(requests: number) {
  return buildDoc()
    .client('users', { rps: CHAIN_RPS })
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
    .scenario({ durationS: requests / CHAIN_RPS, seed: 1 })
    .build();
}

export function benchChain(requests = 2_000_000): string[] {
  runToEnd(chainDocument(200_000), { traceEvery: 0 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sim = createRun(chainDocument(requests));
  sim.advanceTo(sim.durationMs);
  const r = sim.result();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process: on a shared, busy machine it moves less than the wall clock.
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const total = r.summary.requests + r.summary.inFlightAtEnd;
  const events = sim.w.k.scheduled;
  return [
    `client → gateway → service (3 pods) → database, ${requests.toLocaleString('en-US')} requests`,
    `  engine         : ${fmt(total / s)} requests/s  (${s.toFixed(2)} s; p99 ${r.summary.latencyMs.p99} ms; target ≥ 1 M/s)`,
    `  per CPU second : ${fmt(total / cpuS)} requests/s  (${cpuS.toFixed(2)} s of CPU)`,
    `  events         : ${(events / total).toFixed(1)} per request, ${fmt(events / s)} events/s`,
  ];
}

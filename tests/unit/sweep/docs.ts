// Documents for the sweep tests: an M/M/c queue (one pod with c slots, one FIFO queue) and a
// service whose replicas a sweep varies, with a p99 SLO and prices.
import { ArchDocument, type SweepInput } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

export const MU = 100;

export function mmcSweepDoc(lambda: number, sweep: SweepInput, durationS = 300): ArchDocument {
  const input = buildDoc()
    .client('users', { rps: lambda, arrival: 'poisson' })
    .service('api', {
      replicas: 1,
      concurrency: 1,
      queueCapacity: 10_000_000,
      serviceTime: { dist: 'exponential', meanMs: 1000 / MU },
    })
    .call('users', 'api', direct)
    .scenario({ name: 'mmc', durationS, warmupS: 20, seed: 11, sweep })
    .build();
  return ArchDocument.parse(input);
}

export function replicasDoc(sweep: SweepInput): ArchDocument {
  const input = buildDoc()
    .client('users', { rps: 150, arrival: 'poisson' })
    .service('orders', {
      replicas: 1,
      concurrency: 1,
      loadBalancing: 'least-connection',
      queueCapacity: 100_000,
      serviceTime: { dist: 'exponential', meanMs: 10 },
    })
    .call('users', 'orders', direct)
    .scenario({
      name: 'black friday',
      durationS: 40,
      warmupS: 5,
      seed: 3,
      slos: [{ name: 'p99 under 60 ms', metric: 'p99', op: '<', value: 60 }],
      sweep,
    })
    .build();
  return ArchDocument.parse({
    ...input,
    prices: { coreHour: 0.04, gibHour: 0.005, requests: { cpu: 0.5, memoryGiB: 1 } },
  });
}

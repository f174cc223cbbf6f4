// Small documents for the SLO tests: constant arrivals and constant service times, direct edges
// (no network latency, no timeout, no retries), so every figure can be worked by hand.
import type { ArchDocumentInput } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

type ScenarioInput = NonNullable<ArchDocumentInput['scenarios']>[number];
type SloInput = NonNullable<ScenarioInput['slos']>[number];
type EntryInput = NonNullable<ScenarioInput['timeline']>[number];

export const constant = (meanMs: number) => ({ dist: 'constant' as const, meanMs });

/**
 * users (100 req/s, every 10 ms) → api (2 pods, 10 ms) → db (5 ms). A request end to end takes
 * 15 ms; it is api's visit that takes 15 ms too (it waits for db), db's own 5 ms.
 */
export function shop(slos: SloInput[], timeline: EntryInput[] = [], durationS = 30) {
  return buildDoc()
    .client('users', { rps: 100, arrival: 'constant' })
    .service('api', { replicas: 2, serviceTime: constant(10) })
    .database('db', { readLatency: constant(5), writeLatency: constant(5) })
    .call('users', 'api', direct)
    .call('api', 'db', direct)
    .scenario({ name: 'drill', durationS, timeline, slos })
    .build();
}

/** users (100 req/s) → api (2 pods, 10 ms): 10 ms end to end, 210 ms with 100 ms added each way. */
export function pair(slos: SloInput[], timeline: EntryInput[] = [], durationS = 30) {
  return buildDoc()
    .client('users', { rps: 100, arrival: 'constant' })
    .service('api', { replicas: 2, serviceTime: constant(10) })
    .call('users', 'api', direct)
    .scenario({ name: 'drill', durationS, timeline, slos })
    .build();
}

/**
 * users (80 req/s, every 12.5 ms) → api (`replicas` pods serving one request at a time, 10 ms):
 * 100 req/s per pod. A CPU stress of load 50 % doubles the service time (50 req/s per pod).
 */
export function stressed(replicas: number, slos: SloInput[], durationS = 40) {
  return buildDoc()
    .client('users', { rps: 80, arrival: 'constant' })
    .service('api', { replicas, concurrency: 1, serviceTime: constant(10) })
    .call('users', 'api', direct)
    .scenario({
      name: 'drill',
      durationS,
      timeline: [{ atS: 10, action: 'cpu-stress', target: 'api', params: { load: 50 }, forS: 5 }],
      slos,
    })
    .build();
}

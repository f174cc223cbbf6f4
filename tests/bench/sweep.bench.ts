// A sweep on 1 and on 2 worker threads (tinypool), the same runs: the ratio of their wall times.
// Each run is an M/M/c queue of ~50,000 customers, so pool start-up is small next to the work.
// `node tests/bench/sweep.bench.ts FILE` (under tsx) writes the bench's document, for timing the
// whole CLI from outside: archlab sweep FILE --jobs 1 / --jobs 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArchDocument } from '../../shared/model';
import { planSweep } from '../../shared/sweep/plan';
import { poolExecutor } from '../../electron/node/sweep/pool';
import { runSweep, toNdjson } from '../../shared/sweep/schedule';
import { buildDoc, direct } from '../fixtures/build';

export function sweepBenchDocument(): ArchDocument {
  const input = buildDoc()
    .client('users', { rps: 180, arrival: 'poisson' })
    .service('api', {
      replicas: 1,
      concurrency: 2,
      queueCapacity: 10_000_000,
      serviceTime: { dist: 'exponential', meanMs: 10 },
    })
    .call('users', 'api', direct)
    .scenario({
      name: 'capacity',
      durationS: 600,
      seed: 1,
      sweep: {
        parameters: [{ path: 'nodes.api.props.concurrency', values: [2, 3, 4, 5] }],
        seeds: 8,
      },
    })
    .build();
  return ArchDocument.parse({ ...input, name: 'sweep bench' });
}

/** The worker as the CLI ships it (bundled), not the TypeScript source that tsx compiles per thread. */
function bundledWorker(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'archlab-bench-cli-'));
  spawnSync(process.execPath, ['scripts/build-cli.mjs', dir], { stdio: 'ignore' });
  return path.join(dir, 'sweepWorker.mjs');
}

async function timed(jobs: number, worker: string): Promise<{ s: number; text: string }> {
  const doc = sweepBenchDocument();
  const plan = planSweep(doc);
  const t0 = performance.now();
  const pool = poolExecutor(jobs, worker);
  try {
    const lines = await runSweep(doc, plan, { executor: pool });
    return { s: (performance.now() - t0) / 1000, text: toNdjson(lines) };
  } finally {
    await pool.close();
  }
}

export async function benchSweep(): Promise<string[]> {
  const worker = bundledWorker();
  await timed(2, worker); // warm-up
  const one: number[] = [];
  const two: number[] = [];
  let same = true;
  for (let i = 0; i < 3; i++) {
    const a = await timed(1, worker);
    const b = await timed(2, worker);
    one.push(a.s);
    two.push(b.s);
    same &&= a.text === b.text;
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const ratios = one.map((s, i) => s / two[i]!);
  return [
    'sweep: 4 cells × 8 seeds of M/M/c (λ=180/s, ~108,000 customers a run), bundled worker, pool start-up included',
    `  --jobs 1 : median ${median(one).toFixed(2)} s  (${one.map((s) => s.toFixed(2)).join(', ')})`,
    `  --jobs 2 : median ${median(two).toFixed(2)} s  (${two.map((s) => s.toFixed(2)).join(', ')})`,
    `  speed-up : median ${median(ratios).toFixed(2)}× (pairs ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 1.7× on 2 free cores)`,
    `  results  : ${same ? 'identical bytes' : 'DIFFERENT'} on 1 and 2 jobs`,
  ];
}

const file = process.argv[2];
if (file !== undefined && import.meta.url.endsWith(process.argv[1] ?? '-'))
  writeFileSync(file, JSON.stringify(sweepBenchDocument(), null, 2));

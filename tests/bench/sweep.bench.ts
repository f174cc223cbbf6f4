// Sweeps on 1 and on 2 worker threads (tinypool), the same runs: the ratio of their wall times,
// pool start-up included, five pairs alternating. Sweeps a user would run:
//  - the M/M/c sweep of the sweep tests: c = 1…4 servers × 30 seeds, 300 s at λ = 80/s
//    (120 runs of ~8 ms, about a second in all);
//  - the same grid with 240 seeds (960 runs, several seconds);
//  - the web shop sample as a ten-minute drill: orders' replicas 1…4 × 8 seeds of its baseline
//    run for 600 s (32 runs of ~0.25 s: the size of sweep a user waits for).
// Each worker pays a fixed cost the other cannot share: its thread and engine start (~0.1 s) and
// V8 compiling the engine's hot code for that thread (~0.1 s of runs at interpreter speed plus
// ~0.5 s of compiler time, which at --jobs 1 runs on the idle core). A one-second sweep cannot
// reach 1.7× for that reason (Amdahl); the speed-up grows with the sweep's length.
// `node --import tsx tests/bench/sweep.bench.ts DIR` writes both documents into DIR, for timing
// the whole CLI from outside: archlab sweep FILE --jobs 1 / --jobs 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ArchDocument } from '../../shared/model';
import { loadDocument } from '../../shared/model/validate';
import { planSweep } from '../../shared/sweep/plan';
import { poolExecutor } from '../../electron/node/sweep/pool';
import { runSweep, toNdjson } from '../../shared/sweep/schedule';
import { mmcSweepDoc } from '../unit/sweep/docs';

export function mmcBenchDocument(seeds = 30): ArchDocument {
  const doc = mmcSweepDoc(80, {
    parameters: [{ path: 'nodes.api.props.concurrency', values: { from: 1, to: 4, step: 1 } }],
    seeds,
  });
  return { ...doc, name: 'sweep bench: M/M/c' };
}

export function webShopBenchDocument(): ArchDocument {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('the web shop sample does not load');
  const doc = loaded.doc;
  const [first, ...rest] = doc.scenarios;
  const drill = { ...first!, durationS: 600 };
  const sweep = {
    parameters: [{ path: 'nodes.orders.props.replicas', values: [1, 2, 3, 4] }],
    seeds: 8,
  };
  return ArchDocument.parse({
    ...doc,
    name: 'sweep bench: web shop',
    scenarios: [{ ...drill, sweep }, ...rest],
  });
}

/** The worker as the CLI ships it (bundled, with its code cache), not the TypeScript source. */
function bundledWorker(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'archlab-bench-cli-'));
  spawnSync(process.execPath, ['scripts/build-cli.mjs', dir], { stdio: 'ignore' });
  return path.join(dir, 'sweepWorker.mjs');
}

async function timed(
  doc: ArchDocument,
  jobs: number,
  worker: string,
): Promise<{ s: number; text: string }> {
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

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const list = (xs: number[], unit: string) => xs.map((x) => x.toFixed(2) + unit).join(', ');

async function pairs(title: string, doc: ArchDocument, worker: string): Promise<string[]> {
  await timed(doc, 2, worker); // warm-up
  const one: number[] = [];
  const two: number[] = [];
  let same = true;
  for (let i = 0; i < 5; i++) {
    const a = await timed(doc, 1, worker);
    const b = await timed(doc, 2, worker);
    one.push(a.s);
    two.push(b.s);
    same &&= a.text === b.text;
  }
  const ratios = one.map((s, i) => s / two[i]!);
  return [
    `sweep: ${title} (${planSweep(doc).runs} runs), bundled worker, pool start-up included`,
    `  --jobs 1 : median ${median(one).toFixed(2)} s  (${list(one, '')})`,
    `  --jobs 2 : median ${median(two).toFixed(2)} s  (${list(two, '')})`,
    `  speed-up : median ${median(ratios).toFixed(2)}× (pairs ${list(ratios, '')}; target ≥ 1.7× on 2 free cores)`,
    `  results  : ${same ? 'identical bytes' : 'DIFFERENT'} on 1 and 2 jobs`,
  ];
}

export async function benchSweep(): Promise<string[]> {
  const worker = bundledWorker();
  return [
    ...(await pairs('M/M/c, c = 1…4 × 30 seeds', mmcBenchDocument(), worker)),
    ...(await pairs('M/M/c, c = 1…4 × 240 seeds', mmcBenchDocument(240), worker)),
    ...(await pairs(
      'web shop sample for 600 s, replicas 1…4 × 8 seeds',
      webShopBenchDocument(),
      worker,
    )),
  ];
}

const dir = process.argv[2];
if (dir !== undefined && import.meta.url.endsWith(process.argv[1] ?? '-')) {
  writeFileSync(path.join(dir, 'mmc.archlab.json'), JSON.stringify(mmcBenchDocument(), null, 2));
  writeFileSync(
    path.join(dir, 'web-shop.archlab.json'),
    JSON.stringify(webShopBenchDocument(), null, 2),
  );
}

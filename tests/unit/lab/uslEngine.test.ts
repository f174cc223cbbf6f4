// The USL fitted to a curve the engine makes: a thread pool whose requests take a pod-wide mutex
// for a fifth of their CPU time, behind 5 ms of IO, swept from 1 to 24 threads at an offered
// load it cannot carry. Throughput rises almost linearly, bends as the lock queues, and flattens
// near 1 / (0.2 × 2 ms) = 2 500 req/s or the 4 cores' 2 000 req/s, whichever comes first; the
// USL explains that curve with R² ≥ 0.95.
import { describe, expect, it } from 'vitest';
import { ArchDocument } from '../../../shared/model';
import { runLab } from '../../../shared/lab/concurrency';
import { labVerdict, podCpuOf } from '../../../shared/lab/verdict';
import { inlineExecutor } from '../../../electron/node/sweep/pool';
import { buildDoc, direct } from '../../fixtures/build';

function lockedDoc(kind: 'mutex' | 'spin'): ArchDocument {
  return ArchDocument.parse(
    buildDoc()
      .client('users', { rps: 3000, arrival: 'poisson' })
      .service('api', {
        replicas: 1,
        concurrency: 4,
        queueCapacity: 200,
        runtime: {
          model: 'threadPool',
          cpuTime: { dist: 'exponential', meanMs: 2 },
          ioTime: { dist: 'constant', meanMs: 5 },
          lock: { kind, criticalShare: 0.2 },
        },
      })
      .call('users', 'api', direct)
      .scenario({ name: 'load', durationS: 20, warmupS: 3, seed: 4 })
      .build(),
  );
}

describe('the USL on an engine-made curve', () => {
  it('explains a thread pool with a mutex with R² ≥ 0.95', async () => {
    const doc = lockedDoc('mutex');
    const [curve] = await runLab(
      doc,
      { nodeId: 'api', scenario: 'load', models: ['mutex'], maxN: 24, seeds: 1 },
      { executor: inlineExecutor() },
    );
    const fit = curve!.usl!;
    expect(fit.r2).toBeGreaterThanOrEqual(0.95);
    // One thread: a request holds it for 2 ms CPU + 5 ms IO, so 1000 / 7 ≈ 143 req/s, and the
    // fit's λ (its slope at the origin) lands near it.
    const one = curve!.points[0]!;
    expect(one.n).toBe(1);
    expect(Math.abs(one.throughputRps - 1000 / 7) / (1000 / 7)).toBeLessThan(0.03);
    expect(Math.abs(fit.lambda - 1000 / 7) / (1000 / 7)).toBeLessThan(0.1);
    // The curve flattens below the lock's and the cores' ceilings, so the fit peaks there too.
    expect(fit.peak).toBeLessThan(2000);
    expect(fit.nStar).toBeGreaterThan(8);
    // At its own 4 threads nothing but the threads holds it back: they wait on IO.
    const verdict = labVerdict([curve!], { model: 'mutex', n: 4 }, podCpuOf(doc, 'api'));
    expect(verdict?.limit).toBe('threads');
  });

  it('names the lock once spinning threads outnumber the cores', async () => {
    const doc = lockedDoc('spin');
    const [curve] = await runLab(
      doc,
      { nodeId: 'api', scenario: 'load', models: ['spin'], maxN: 24, seeds: 1 },
      { executor: inlineExecutor() },
    );
    const best = curve!.points.reduce((a, p) => (p.throughputRps > a.throughputRps ? p : a));
    const last = curve!.points.at(-1)!;
    // Spinning waiters burn the cores the holder needs: past the peak throughput falls.
    expect(last.throughputRps).toBeLessThan(0.6 * best.throughputRps);
    const verdict = labVerdict([curve!], { model: 'spin', n: 24 }, podCpuOf(doc, 'api'));
    expect(verdict?.limit).toBe('lock');
    expect(verdict?.sentence).toMatch(/spinning on it/);
  });
});

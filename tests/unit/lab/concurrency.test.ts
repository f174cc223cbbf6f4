// The concurrency lab's runner through the sweep's own executor: a service of N slots, each
// serving a constant 10 ms request, answers min(100·N, offered) requests per second; progress
// counts every run; a cancel ends the lab early with the points it has.
import { describe, expect, it } from 'vitest';
import { ArchDocument } from '../../../shared/model';
import {
  currentSetting,
  labModelsFor,
  labValues,
  runLab,
  type LabRequest,
} from '../../../shared/lab/concurrency';
import { inlineExecutor } from '../../../electron/node/sweep/pool';
import { labVerdict, podCpuOf } from '../../../shared/lab/verdict';
import { buildDoc, direct } from '../../fixtures/build';

const OFFERED = 450;

function slotsDoc(offered = OFFERED): ArchDocument {
  return ArchDocument.parse(
    buildDoc()
      .client('users', { rps: offered, arrival: 'poisson' })
      .service('api', {
        replicas: 1,
        concurrency: 2,
        queueCapacity: 1_000_000,
        serviceTime: { dist: 'constant', meanMs: 10 },
      })
      .call('users', 'api', direct)
      .scenario({ name: 'load', durationS: 30, warmupS: 5, seed: 4 })
      .build(),
  );
}

const req: LabRequest = { nodeId: 'api', scenario: 'load', models: ['slots'], maxN: 8, seeds: 1 };

describe('the concurrency lab', () => {
  it('sweeps every N from 1 to 8 and measures min(100·N, offered)', async () => {
    const doc = slotsDoc();
    expect(labModelsFor(doc, 'api')).toEqual(['slots']);
    expect(currentSetting(doc, 'api')).toEqual({ model: 'slots', n: 2 });
    const seen: number[] = [];
    const curves = await runLab(doc, req, {
      executor: inlineExecutor(),
      onProgress: (done, total) => seen.push(done / total),
    });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toHaveLength(8);
    const [curve] = curves;
    expect(curve!.points.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const p of curve!.points) {
      const expected = Math.min(100 * p.n, OFFERED);
      expect(Math.abs(p.throughputRps - expected) / expected, `N=${p.n}`).toBeLessThan(0.04);
    }
    // Saturated slots queue without bound; past the offered load p99 is a few service times.
    expect(curve!.points[0]!.p99Ms).toBeGreaterThan(1000);
    expect(curve!.points[7]!.p99Ms).toBeLessThan(100);
    // From N = 5 (capacity 500/s) the slots serve all 450/s offered: those points show the load.
    expect(curve!.points.map((p) => p.loadBound)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
    ]);
    for (const p of curve!.points)
      expect(Math.abs(p.offeredRps - OFFERED) / OFFERED, `N=${p.n}`).toBeLessThan(0.04);
    // The USL is fitted to N = 1…4 only: 100/s a slot, no contention, no peak. Fitted to all
    // eight points it would bend over the plateau and invent a peak above anything measured.
    expect(curve!.fitMaxN).toBe(4);
    const usl = curve!.usl!;
    expect(Math.abs(usl.lambda - 100)).toBeLessThan(4);
    expect(usl.sigma).toBeLessThan(0.02);
    expect(usl.nStar).toBeGreaterThan(20);
    expect(usl.r2).toBeGreaterThan(0.99);
  });

  it('fits nothing when the service keeps up with its load at every N, and says why', async () => {
    const [curve] = await runLab(slotsDoc(50), { ...req, maxN: 4 }, { executor: inlineExecutor() });
    expect(curve!.points.every((p) => p.loadBound)).toBe(true);
    expect(curve!.usl).toBeNull();
    expect(curve!.fitMaxN).toBeNull();
    expect(curve!.uslError).toMatch(/served all of its offered load \(\d+ req\/s\) at every N/);
    expect(curve!.uslError).toMatch(/raise the load \(Load ×\)/);
  });

  it('raises the load: at 2× the same slots serve min(100·N, 900) and the fit takes N = 1…8', async () => {
    const [curve] = await runLab(slotsDoc(), { ...req, load: 2 }, { executor: inlineExecutor() });
    for (const p of curve!.points) {
      const expected = Math.min(100 * p.n, 2 * OFFERED);
      expect(Math.abs(p.throughputRps - expected) / expected, `N=${p.n}`).toBeLessThan(0.04);
    }
    expect(curve!.points.every((p) => !p.loadBound)).toBe(true);
    expect(curve!.fitMaxN).toBe(8);
    expect(Math.abs(curve!.usl!.lambda - 100)).toBeLessThan(4);
  });

  it('a cancel ends the lab with the points run so far', async () => {
    let runs = 0;
    const curves = await runLab(
      slotsDoc(),
      { ...req, maxN: 6 },
      {
        executor: inlineExecutor(),
        onProgress: (done) => (runs = done),
        cancelled: () => runs >= 2,
      },
    );
    expect(curves[0]!.points.length).toBeLessThan(6);
    expect(curves[0]!.points.length).toBeGreaterThanOrEqual(2);
  });

  it('spreads many N on a log scale and always includes the current one', () => {
    expect(labValues(5)).toEqual([1, 2, 3, 4, 5]);
    const v = labValues(200, 37);
    expect(v[0]).toBe(1);
    expect(v.at(-1)).toBe(200);
    expect(v).toContain(37);
    expect(v.length).toBeLessThanOrEqual(18);
    expect(labValues(4, 16)).toEqual([1, 2, 3, 4, 16]);
  });
});

describe('an event loop at its limit', () => {
  it('reads its loop as busy, not its million slots, and says the loop limits it', async () => {
    // One loop on four cores, 5 ms of CPU a request, 190 requests/s: ρ = 0.95 on one core while
    // the pod uses under a quarter of its cores, which Node.js users know as the single thread.
    const doc = ArchDocument.parse(
      buildDoc()
        .client('users', { rps: 190, arrival: 'poisson' })
        .service('api', {
          replicas: 1,
          runtime: {
            model: 'eventLoop',
            workers: 1,
            cpuTime: { dist: 'exponential', meanMs: 5 },
            syscallsPerRequest: 0,
            contextSwitchUs: 0,
          },
        })
        .call('users', 'api', direct)
        .scenario({ name: 'load', durationS: 120, warmupS: 10, seed: 4 })
        .build(),
    );
    const curves = await runLab(
      doc,
      { nodeId: 'api', scenario: 'load', models: ['eventLoop'], maxN: 1, seeds: 1 },
      { executor: inlineExecutor() },
    );
    const point = curves[0]!.points[0]!;
    expect(point.runs[0]!.utilisation).toBeGreaterThan(0.9);
    expect(point.runs[0]!.busyMean).toBeGreaterThan(0.9);
    const verdict = labVerdict(curves, currentSetting(doc, 'api'), podCpuOf(doc, 'api'));
    expect(verdict?.limit).toBe('threads');
    expect(verdict?.sentence).toMatch(/^The loops limit it: the 1 per pod are busy 9\d %/);
  });
});

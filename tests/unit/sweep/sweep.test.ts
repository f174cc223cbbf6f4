// Sweeps through the engine: intervals that contain queueing theory's answer, the cheapest design
// a brute-force check picks, early stopping, and the same bytes whatever the jobs or shards.
import { describe, expect, it } from 'vitest';
import { cheapestDesign } from '../../../shared/sweep/objective';
import { planSweep } from '../../../shared/sweep/plan';
import type { RunLine } from '../../../shared/sweep/runOne';
import { summarise } from '../../../shared/sweep/summary';
import { tInterval } from '../../../shared/sweep/stats';
import { mergeParts } from '../../../electron/node/sweep/merge';
import { inlineExecutor, poolExecutor } from '../../../electron/node/sweep/pool';
import { parseShard, runSweep, toNdjson } from '../../../shared/sweep/schedule';
import { mmcResponseMs } from '../engine/queueing';
import { MU, mmcSweepDoc, replicasDoc } from './docs';

const LAMBDA = 80;

describe('an M/M/c sweep: c = 1…4 servers × 30 seeds', () => {
  // One pod whose c slots share one FIFO queue is M/M/c. Four 99 % intervals all contain the
  // truth with probability ≈ 0.96 (four 95 % ones only ≈ 0.81), so the test asks 99 %.
  const doc = mmcSweepDoc(LAMBDA, {
    parameters: [{ path: 'nodes.api.props.concurrency', values: { from: 1, to: 4, step: 1 } }],
    seeds: 30,
    confidence: 0.99,
  });
  it("every cell's mean response time interval contains the Erlang C value", async () => {
    const plan = planSweep(doc);
    const lines = await runSweep(doc, plan, { executor: inlineExecutor() });
    expect(lines).toHaveLength(120);
    const cells = summarise(lines, plan.sweep.confidence);
    for (const cell of cells) {
      const c = cell.params['nodes.api.props.concurrency'] as number;
      const w = mmcResponseMs(LAMBDA, MU, c);
      const i = cell.metrics.mean;
      expect(i.method).toBe('t');
      expect(i.lo, `c=${c}: W=${w.toFixed(3)} in [${i.lo}, ${i.hi}]`).toBeLessThanOrEqual(w);
      expect(i.hi, `c=${c}: W=${w.toFixed(3)} in [${i.lo}, ${i.hi}]`).toBeGreaterThanOrEqual(w);
      // And the interval is narrow enough to tell the cells apart (c=1: W = 50 ms; c=2: 10.99).
      expect(i.hi - i.lo).toBeLessThan(0.2 * w);
    }
    // Common random numbers: the same seeds in every cell.
    const seedsOf = (c: number) => lines.filter((l) => l.cell === c).map((l) => l.seed);
    expect(seedsOf(3)).toEqual(seedsOf(0));
  });
});

describe('the cheapest design that meets a p99 SLO with probability 0.95', () => {
  const sweep = (minimize: 'replicas' | 'cost') => ({
    parameters: [
      { path: 'nodes.orders.props.replicas', values: [5, 1, 2, 3, 4] },
      { path: 'clients.rps', values: [150] },
    ],
    seeds: 30,
    objective: { minimize, probability: 0.95 },
  });

  it('is the one a brute-force check over the runs picks, and says its cost and SLO probability', async () => {
    const doc = replicasDoc(sweep('cost'));
    const plan = planSweep(doc);
    const lines = await runSweep(doc, plan, { executor: inlineExecutor() });
    const answer = cheapestDesign(doc, plan, summarise(lines, 0.95));
    // Brute force: per replica count, the share of runs with every SLO held; the cheapest
    // count whose share is at least 0.95 (cost grows with replicas at these prices).
    const share = new Map<number, number>();
    for (const r of [1, 2, 3, 4, 5]) {
      const runs = lines.filter((l) => l.params['nodes.orders.props.replicas'] === r);
      const ok = runs.filter((l) => Object.values(l.metrics.sloPass).every(Boolean)).length;
      share.set(r, ok / runs.length);
    }
    const feasible = [...share].filter(([, s]) => s >= 0.95).map(([r]) => r);
    const best = Math.min(...feasible);
    // The sweep has to be interesting: some counts fail, some pass.
    expect(feasible.length).toBeGreaterThan(0);
    expect(feasible.length).toBeLessThan(5);
    expect(answer?.found).toBe(true);
    if (answer?.found !== true) return;
    expect(answer.best.params['nodes.orders.props.replicas']).toBe(best);
    expect(answer.best.footprint.costPerHour).toBeCloseTo(best * (0.5 * 0.04 + 1 * 0.005), 9);
    expect(answer.best.allSlos.mean).toBe(share.get(best));
    expect(answer.best.allSlos.lo).toBeLessThan(answer.best.allSlos.mean);
    expect(Object.keys(answer.best.slos)).toEqual(['p99 under 60 ms']);
  });

  it('says there is none when no cell is good enough', async () => {
    const doc = replicasDoc({
      parameters: [{ path: 'nodes.orders.props.replicas', values: [1] }],
      seeds: 3,
      objective: { minimize: 'replicas' },
    });
    const plan = planSweep(doc);
    const lines = await runSweep(doc, plan, { executor: inlineExecutor() });
    expect(cheapestDesign(doc, plan, summarise(lines, 0.95))).toEqual({
      found: false,
      probability: 0.95,
      reason: 'no cell met every SLO in at least 95 % of its runs',
    });
  });
});

describe('early stopping', () => {
  const doc = replicasDoc({
    parameters: [{ path: 'nodes.orders.props.replicas', values: [2, 3, 4] }],
    seeds: 40,
    stop: { metric: 'mean', relHalfWidth: 0.02, minRuns: 4 },
  });
  const plan = planSweep(doc);

  it('keeps, per cell, the fewest runs (in seed order) whose interval is narrow enough', async () => {
    const all = await runSweep(doc, plan, { executor: inlineExecutor() });
    const stopped = await runSweep(doc, plan, { executor: inlineExecutor(), stop: true });
    expect(stopped.length).toBeLessThan(all.length);
    for (const cell of [0, 1, 2]) {
      const kept = stopped.filter((l) => l.cell === cell);
      const full = all.filter((l) => l.cell === cell);
      // The kept runs are the first k of the full sweep, figure for figure.
      expect(kept).toEqual(full.slice(0, kept.length));
      const narrow = (k: number) => {
        const i = tInterval(
          full.slice(0, k).map((l) => l.metrics.mean),
          0.95,
        );
        return (i.hi - i.lo) / 2 <= 0.02 * i.mean;
      };
      const k = kept.length;
      if (k < 40) expect(narrow(k)).toBe(true);
      for (let j = 4; j < k; j++) expect(narrow(j), `cell ${cell} k=${j}`).toBe(false);
    }
  });

  it('stops the same way on 2 worker threads as on one', async () => {
    const one = await runSweep(doc, plan, { executor: inlineExecutor(), stop: true });
    const pool = poolExecutor(2);
    try {
      const two = await runSweep(doc, plan, { executor: pool, stop: true });
      expect(toNdjson(two)).toBe(toNdjson(one));
    } finally {
      await pool.close();
    }
  });
});

describe('the same bytes whatever the jobs or shards', () => {
  const doc = replicasDoc({
    parameters: [
      { path: 'nodes.orders.props.replicas', values: [2, 3] },
      { path: 'clients.rps', values: [100, 140] },
    ],
    seeds: 5,
  });
  const plan = planSweep(doc);

  it('1 or 2 worker threads give the results of the inline run', async () => {
    const inline = toNdjson(await runSweep(doc, plan, { executor: inlineExecutor() }));
    for (const jobs of [1, 2]) {
      const pool = poolExecutor(jobs);
      try {
        expect(toNdjson(await runSweep(doc, plan, { executor: pool }))).toBe(inline);
      } finally {
        await pool.close();
      }
    }
  });

  it('merging the shards gives byte for byte the one-machine results', async () => {
    const whole = toNdjson(await runSweep(doc, plan, { executor: inlineExecutor() }));
    for (const stop of [false, true]) {
      const parts: { name: string; text: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const shard = { index: i, count: 3 };
        const lines = await runSweep(doc, plan, { executor: inlineExecutor(), shard, stop });
        parts.push({ name: `part-${i}.ndjson`, text: toNdjson(lines) });
      }
      // Parts arrive in any order (kubectl logs), one of them twice (a retried shard).
      const merged = mergeParts([parts[2]!, parts[0]!, parts[1]!, parts[0]!]);
      const expected = stop
        ? toNdjson(await runSweep(doc, plan, { executor: inlineExecutor(), stop: true }))
        : whole;
      expect(toNdjson(merged)).toBe(expected);
    }
  });

  it('refuses parts of two different sweeps, a run that disagrees, a shard out of range', async () => {
    const other = replicasDoc({ parameters: [{ path: 'clients.rps', values: [100] }], seeds: 1 });
    const a = toNdjson(
      await runSweep(doc, plan, { executor: inlineExecutor(), shard: { index: 0, count: 20 } }),
    );
    const b = toNdjson(await runSweep(other, planSweep(other), { executor: inlineExecutor() }));
    expect(() =>
      mergeParts([
        { name: 'a.ndjson', text: a },
        { name: 'b.ndjson', text: b },
      ]),
    ).toThrow(
      /^b\.ndjson:1: belongs to sweep [0-9a-f]{16}, but a\.ndjson:1 to sweep [0-9a-f]{16}: parts of two different sweeps/,
    );
    const line = JSON.parse(a.split('\n')[0]!) as RunLine;
    const changed = JSON.stringify({ ...line, metrics: { ...line.metrics, p99: 1 } });
    expect(() =>
      mergeParts([
        { name: 'a.ndjson', text: a },
        { name: 'c.ndjson', text: changed },
      ]),
    ).toThrow('c.ndjson:1: run 0 differs from the same run at a.ndjson:1');
    expect(() => mergeParts([{ name: 'x', text: 'hello\n' }])).toThrow(/^x:1: not JSON/);
    expect(parseShard('3/3')).toBe('--shard 3/3: index 3 is out of range 0…2');
    expect(parseShard('1-3')).toMatch(/must be I\/N/);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });
});

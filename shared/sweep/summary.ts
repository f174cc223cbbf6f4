// Per-cell summaries of a sweep: each metric's mean with its interval (t for means, seeded
// bootstrap for percentiles) and each SLO's pass probability with its Wilson interval.
import { SWEEP_METRICS, type SweepMetric } from '../model';
import type { ParamValue } from './plan';
import type { RunLine } from './runOne';
import { bootstrapInterval, tInterval, wilsonInterval, type Interval } from './stats';

export const PERCENTILE_METRICS: readonly SweepMetric[] = ['p50', 'p95', 'p99'];

export interface CellSummary {
  cell: number;
  params: Record<string, ParamValue>;
  runs: number;
  metrics: Record<SweepMetric, Interval & { method: 't' | 'bootstrap' }>;
  /** Each SLO's pass probability. */
  slos: Record<string, Interval>;
  /** The probability that every SLO held in a run. */
  allSlos: Interval;
}

const r6 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x);
const rounded = (i: Interval): Interval => ({
  mean: r6(i.mean),
  lo: r6(i.lo),
  hi: r6(i.hi),
  n: i.n,
});

/** The interval of one metric over runs, by the method the metric takes. */
export function metricInterval(
  metric: SweepMetric,
  xs: readonly number[],
  confidence: number,
  cell: number,
): Interval & { method: 't' | 'bootstrap' } {
  if (PERCENTILE_METRICS.includes(metric))
    return {
      ...rounded(bootstrapInterval(xs, confidence, 0x5eed + cell * 7919)),
      method: 'bootstrap',
    };
  return { ...rounded(tInterval(xs, confidence)), method: 't' };
}

/** Summaries of every cell that has runs, in cell order. */
export function summarise(lines: readonly RunLine[], confidence: number): CellSummary[] {
  const byCell = new Map<number, RunLine[]>();
  for (const l of lines) {
    const list = byCell.get(l.cell);
    if (list === undefined) byCell.set(l.cell, [l]);
    else list.push(l);
  }
  const out: CellSummary[] = [];
  for (const cell of [...byCell.keys()].sort((a, b) => a - b)) {
    const runs = byCell.get(cell)!;
    const metrics = {} as CellSummary['metrics'];
    for (const m of SWEEP_METRICS)
      metrics[m] = metricInterval(
        m,
        runs.map((l) => l.metrics[m]),
        confidence,
        cell,
      );
    const names = [...new Set(runs.flatMap((l) => Object.keys(l.metrics.sloPass)))];
    const slos: Record<string, Interval> = {};
    for (const name of names) {
      const passes = runs.filter((l) => l.metrics.sloPass[name] === true).length;
      slos[name] = rounded(wilsonInterval(passes, runs.length, confidence));
    }
    const all = runs.filter((l) => Object.values(l.metrics.sloPass).every((p) => p)).length;
    out.push({
      cell,
      params: runs[0]!.params,
      runs: runs.length,
      metrics,
      slos,
      allSlos: rounded(wilsonInterval(all, runs.length, confidence)),
    });
  }
  return out;
}

/**
 * How many of a cell's runs (taken in seed order) to keep under early stopping: the first k ≥
 * minRuns whose t interval of the metric has a half-width at most relHalfWidth × |mean|, or all.
 */
export function stopAfter(
  values: readonly number[],
  stop: { relHalfWidth: number; minRuns: number },
  confidence: number,
): number | null {
  for (let k = Math.max(2, stop.minRuns); k <= values.length; k++) {
    const i = tInterval(values.slice(0, k), confidence);
    const half = (i.hi - i.lo) / 2;
    if (half <= stop.relHalfWidth * Math.abs(i.mean)) return k;
  }
  return null;
}

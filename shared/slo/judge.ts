// The one SLO judge every reader of a run uses (the drill verdict, the HTML and Markdown reports,
// the CLI, the app): whether a figure holds (the engine's own comparison, engine/slo.ts), each
// SLO's per-second figure and the seconds it broke, what a run's outcome is (passed, failed, no
// SLOs to judge), and how much of the scenario a run covered. Pure: no DOM, no Node. The io
// modules only render what this module decides.
import type { RunResult } from '../engine/result';
import { holdsOp, type SloResult } from '../engine/slo';

/** Whether `v op threshold` holds: the engine's comparison, the only one. */
export const holds = holdsOp;

/** Actions that happen at a moment; any other action without forS lasts to the end of the run. */
const MOMENTS = new Set([
  'kill-pod',
  'container-kill',
  'scale',
  'rollout',
  'rollback',
  'cache-flush',
  'set-error-rate',
  'set-rps',
  'set-latency',
]);

/** Whether a timeline action happens at a moment (else, without forS, it lasts to the end). */
export const isMoment = (action: string) => MOMENTS.has(action);

export const isPercentMetric = (metric: string) =>
  metric === 'error-rate' || metric === 'availability';

export const isLatencyMetric = (metric: string) =>
  metric === 'p50' || metric === 'p95' || metric === 'p99';

export interface PerSecond {
  t: number[];
  rps: number[];
  ok: number[];
  errors: number[];
  p50Ms: (number | null)[];
  p95Ms: (number | null)[];
  p99Ms: (number | null)[];
}

const sumInto = (into: number[], from: readonly number[]) =>
  from.forEach((v, i) => (into[i] = (into[i] ?? 0) + v));

/** Per-second figures of one node, or end to end (all clients; latency of the worst client). */
export function perSecond(result: RunResult, target: string | null): PerSecond {
  const ids =
    target !== null
      ? [target]
      : Object.keys(result.nodes).filter((id) => result.nodes[id]?.kind === 'client');
  const series = ids.flatMap((id) => {
    const s = result.nodes[id]?.series;
    return s ? [s] : [];
  });
  const n = Math.max(0, ...series.map((s) => s.t.length));
  const t = Array.from(
    { length: n },
    (_, i) => series.find((s) => s.t[i] !== undefined)?.t[i] ?? i,
  );
  const rps: number[] = new Array<number>(n).fill(0);
  const ok: number[] = new Array<number>(n).fill(0);
  const errors: number[] = new Array<number>(n).fill(0);
  for (const s of series) {
    sumInto(rps, s.rps);
    sumInto(ok, s.ok);
    for (const list of Object.values(s.errors)) sumInto(errors, list);
  }
  const worst = (key: 'p50Ms' | 'p95Ms' | 'p99Ms') =>
    t.map((_, i) => {
      if ((ok[i] ?? 0) + (errors[i] ?? 0) === 0) return null;
      let m: number | null = null;
      for (const s of series) {
        const v = s[key][i];
        if (v !== undefined && (m === null || v > m)) m = v;
      }
      return m;
    });
  return {
    t,
    rps,
    ok,
    errors,
    p50Ms: worst('p50Ms'),
    p95Ms: worst('p95Ms'),
    p99Ms: worst('p99Ms'),
  };
}

/** A per-second figure of an SLO's metric in display units (ms, or % for rates). */
export function metricPerSecond(metric: string, s: PerSecond): (number | null)[] | null {
  const done = (i: number) => (s.ok[i] ?? 0) + (s.errors[i] ?? 0);
  switch (metric) {
    case 'p50':
      return s.p50Ms;
    case 'p95':
      return s.p95Ms;
    case 'p99':
      return s.p99Ms;
    case 'error-rate':
      return s.t.map((_, i) => (done(i) > 0 ? ((s.errors[i] ?? 0) / done(i)) * 100 : null));
    case 'availability':
      return s.t.map((_, i) => (done(i) > 0 ? ((s.ok[i] ?? 0) / done(i)) * 100 : null));
    default:
      return null;
  }
}

/** An SLO's threshold in the display units of its per-second figure (% for rates). */
export const displayThreshold = (slo: SloResult) =>
  isPercentMetric(slo.metric) ? slo.threshold * 100 : slo.threshold;

export interface SloSeconds {
  slo: SloResult;
  series: PerSecond;
  /** Per-second figure in display units, null where nothing finished; null for recovery. */
  values: (number | null)[] | null;
  /** Whether the SLO's own per-second figure broke in each bucket. */
  broken: boolean[];
  /** First simulated second whose own figure broke the threshold, and how many seconds did. */
  firstBrokeS: number | null;
  secondsBroken: number;
}

/** Each SLO of the run with its per-second figure and the seconds it broke. */
export function sloSeconds(result: RunResult): SloSeconds[] {
  return result.slos.map((slo) => {
    const series = perSecond(result, slo.target);
    const values = metricPerSecond(slo.metric, series);
    const threshold = displayThreshold(slo);
    const broken = (values ?? []).map((v) => v !== null && !holds(slo.op, v, threshold));
    let firstBrokeS: number | null = null;
    let secondsBroken = 0;
    broken.forEach((b, i) => {
      if (!b) return;
      secondsBroken++;
      if (firstBrokeS === null) firstBrokeS = series.t[i] ?? i;
    });
    return { slo, series, values, broken, firstBrokeS, secondsBroken };
  });
}

/** How far a run got: the simulated seconds run of the scenario's, and whether it was cut. */
export function coverage(result: RunResult): { ranS: number; durationS: number; early: boolean } {
  const ranS = Math.min(result.ranS, result.durationS);
  return { ranS, durationS: result.durationS, early: ranS < result.durationS };
}

/**
 * A run's outcome: FAILED when an SLO broke, PASSED when every SLO held, NO SLOS when the
 * scenario has none (nothing was judged, whatever the figures).
 */
export type Outcome = 'PASSED' | 'FAILED' | 'NO SLOS';

export function outcomeOf(result: RunResult): Outcome {
  if (result.slos.length === 0) return 'NO SLOS';
  return result.slos.every((s) => s.pass) ? 'PASSED' : 'FAILED';
}

/**
 * The figures that matter whether or not there are SLOs: the end-to-end error rate (0…1) after
 * warm-up, and the worst second's end-to-end p99 (ms; null when nothing finished).
 */
export function headline(result: RunResult): { errorRate: number; worstP99Ms: number | null } {
  const s = result.summary;
  const e2e = perSecond(result, null);
  let worst: number | null = null;
  e2e.p99Ms.forEach((v, i) => {
    const t = e2e.t[i] ?? i;
    if (v !== null && t >= result.warmupS && (worst === null || v > worst)) worst = v;
  });
  return { errorRate: s.requests > 0 ? (s.requests - s.ok) / s.requests : 0, worstP99Ms: worst };
}

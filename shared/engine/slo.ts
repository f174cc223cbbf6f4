// SLOs of the scenario: latency percentiles (ms), error rate and availability (fractions 0…1),
// end to end (all clients) or at one node, and recovery after faults (s).
//  - Without a window a figure is over the whole run after warm-up (requests that arrived after it).
//  - With `windowS` every rolling window of that many seconds must meet it; `value` is the worst
//    window's figure and `worstWindow` where it was (sloWindow.ts).
//  - recovery ("recovers within N s after the fault ends"): for every fault with a duration — the
//    timeline's entries with forS and the live commands with forS — the time from the fault's end
//    to the start of the first of RECOVER_FOR_S consecutive healthy seconds (not before the end),
//    read from the per-second series (bucket [t, t + 1 s), from the one the fault ends in). A
//    second is healthy when something finished in it, its error rate is ≤ the SLO's `threshold`
//    (default 1 %), and its p99 is ≤ P99_SLACK × the baseline p99 — the median per-second p99 of
//    the seconds after warm-up and before the run's first fault (no such second: latency is not
//    judged). End to end: the clients' seconds summed, p99 of the worst client (as reportData.ts).
//    `value` is the worst recovery time, Infinity (null in JSON) when a fault never recovered
//    before the run ended; a fault that lasts to the end of the run is not judged. With no fault
//    to judge the SLO holds with value 0. The op compares the worst time with `value` (N s).
import type { Scenario } from '../model';
import { K_CLIENT, type FaultWindow, type RNode, type SloSpec } from './graph';
import type { Histogram } from './histogram';
import type { Series } from './metrics';
import type { Sim } from './sim';

export const DEFAULT_RECOVERY_ERROR_RATE = 0.01;
export const RECOVER_FOR_S = 3;
export const P99_SLACK = 1.5;

export interface FaultRecovery {
  label: string;
  fromS: number;
  toS: number;
  /** Start of the first of RECOVER_FOR_S healthy seconds (≥ toS); null = not by the run's end. */
  recoveredAtS: number | null;
  /** recoveredAtS − toS, null when it never recovered. */
  recoveryS: number | null;
}

export interface SloResult {
  name: string;
  metric: string;
  target: string | null;
  op: string;
  threshold: number;
  /** The figure judged: the whole run's, the worst window's, or the worst recovery time. */
  value: number;
  pass: boolean;
  /** Requests the figure is computed from (the worst window's; recovery: 0). */
  requests: number;
  /** Windowed SLOs: the window (s) and where the worst one was (null when none had a figure). */
  windowS?: number;
  worstWindow?: { fromS: number; toS: number } | null;
  /** Recovery SLOs: per fault, and what "recovered" meant. */
  recoveries?: FaultRecovery[];
  recoveryRule?: {
    errorRate: number;
    baselineP99Ms: number | null;
    p99Ms: number | null;
    forS: number;
  };
  /** One sentence on the outcome (recovery SLOs). */
  message?: string;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function holdsOp(op: string, v: number, threshold: number): boolean {
  return op === '<'
    ? v < threshold
    : op === '<='
      ? v <= threshold
      : op === '>'
        ? v > threshold
        : v >= threshold;
}

/** The scenario's timeline entries with a duration, cut at the run's end (compile.ts). */
export function timelineFaults(scenario: Scenario, durationS: number): FaultWindow[] {
  return scenario.timeline.flatMap((e) =>
    e.forS !== undefined && e.forS > 0 && e.atS <= durationS
      ? [
          {
            fromS: e.atS,
            toS: Math.min(e.atS + e.forS, durationS),
            label: e.target ? `${e.action} ${e.target}` : e.action,
          },
        ]
      : [],
  );
}

function wholeRun(sim: Sim, slo: SloSpec): { value: number; requests: number } {
  let requests: number;
  let ok: number;
  let latency: Histogram;
  if (slo.target === null) ({ requests, ok, latency } = sim.w.e2e);
  else ({ requests, ok, latency } = slo.target.stats);
  let value: number;
  switch (slo.metric) {
    case 'p50':
      value = latency.quantile(0.5);
      break;
    case 'p95':
      value = latency.quantile(0.95);
      break;
    case 'p99':
      value = latency.quantile(0.99);
      break;
    case 'error-rate':
      value = requests > 0 ? (requests - ok) / requests : 0;
      break;
    default:
      value = requests > 0 ? ok / requests : 1;
      break;
  }
  return { value, requests };
}

export function evaluateSlos(sim: Sim): SloResult[] {
  const windows = sim.sloWindows;
  // A run stopped early is judged on what it has (a run shorter than the window: one window).
  if (windows !== null) for (const sw of windows) sw.end(sim.w.k.now);
  return sim.g.slos.map((slo) => {
    const base = {
      name: slo.name,
      metric: slo.metric,
      target: slo.target?.id ?? null,
      op: slo.op,
      threshold: slo.value,
    };
    if (slo.metric === 'recovery') return { ...base, ...recovery(sim, slo) };
    let { value, requests } = wholeRun(sim, slo);
    const sw = windows?.find((x) => x.slo === slo);
    let worstWindow: SloResult['worstWindow'];
    if (sw !== undefined) {
      const w = sw.worst;
      if (w !== null) ({ value, requests } = w);
      else requests = 0;
      worstWindow = w === null ? null : { fromS: w.fromS, toS: w.toS };
    }
    value = slo.metric.startsWith('p') ? r3(value) : r6(value);
    // An SLO with no request to judge has no evidence that it held: it does not pass.
    const pass = requests > 0 && holdsOp(slo.op, value, slo.value);
    const out: SloResult = { ...base, value, pass, requests };
    if (slo.windowS !== null) {
      out.windowS = slo.windowS;
      out.worstWindow = worstWindow ?? null;
    }
    if (requests === 0) {
      out.message =
        `no request was measured ${slo.target === null ? 'end to end' : `at "${slo.target.name}"`}` +
        ' after the warm-up, so the SLO cannot be judged';
    }
    return out;
  });
}

interface Seconds {
  t: number[];
  done: number[];
  errors: number[];
  /** Worst p99 of the series summed (ms); null where nothing finished. */
  p99: (number | null)[];
}

function secondsOf(series: readonly Series[]): Seconds {
  const n = Math.max(0, ...series.map((s) => s.t.length));
  const out: Seconds = { t: [], done: [], errors: [], p99: [] };
  for (let i = 0; i < n; i++) {
    let done = 0;
    let errors = 0;
    let p99: number | null = null;
    let t = i;
    for (const s of series) {
      if (s.t[i] === undefined) continue;
      t = s.t[i] as number;
      let e = 0;
      for (const name in s.errors) e += (s.errors[name] as number[])[i] ?? 0;
      const d = (s.ok[i] ?? 0) + e;
      done += d;
      errors += e;
      if (d > 0 && (p99 === null || (s.p99Ms[i] ?? 0) > p99)) p99 = s.p99Ms[i] ?? 0;
    }
    out.t.push(t);
    out.done.push(done);
    out.errors.push(errors);
    out.p99.push(p99);
  }
  return out;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function recovery(
  sim: Sim,
  slo: SloSpec,
): Omit<SloResult, 'name' | 'metric' | 'target' | 'op' | 'threshold'> {
  const g = sim.g;
  const endS = Math.round(sim.w.k.now) / 1000;
  const nodes: RNode[] =
    slo.target !== null ? [slo.target] : g.nodes.filter((n) => n.kind === K_CLIENT);
  const sec = secondsOf(nodes.map((n) => n.stats.series));
  const live: FaultWindow[] = [];
  let firstFault = slo.firstFaultS;
  for (const c of sim.commands) {
    if (firstFault === null || c.t < firstFault) firstFault = c.t;
    if (c.forS !== null && c.forS > 0)
      live.push({
        fromS: c.t,
        toS: Math.min(c.t + c.forS, g.durationMs / 1000),
        label: c.target !== null ? `${c.action} ${c.target}` : c.action,
      });
  }
  const warmS = g.warmupMs / 1000;
  const before: number[] = [];
  sec.t.forEach((t, i) => {
    const p = sec.p99[i];
    if (t >= warmS && (firstFault === null || t + 1 <= firstFault) && p !== null && p !== undefined)
      before.push(p);
  });
  const baseline = median(before);
  const p99Limit = baseline === null ? null : r3(baseline * P99_SLACK);
  const healthy = (i: number) => {
    const d = sec.done[i] ?? 0;
    if (d === 0) return false;
    if ((sec.errors[i] ?? 0) / d > slo.errorThreshold) return false;
    const p = sec.p99[i];
    return p99Limit === null || p === null || p === undefined || p <= p99Limit;
  };
  const spans = [...slo.faults, ...live].sort((a, b) => a.fromS - b.fromS);
  const judged = spans.filter((f) => f.toS < g.durationMs / 1000);
  const recoveries = judged.map((f): FaultRecovery => {
    let run = 0;
    for (let i = 0; i < sec.t.length; i++) {
      const t = sec.t[i] as number;
      if (t + 1 <= f.toS) continue;
      run = healthy(i) ? run + 1 : 0;
      if (run === RECOVER_FOR_S) {
        const at = r3(Math.max(f.toS, sec.t[i - RECOVER_FOR_S + 1] as number));
        return { ...f, recoveredAtS: at, recoveryS: r3(at - f.toS) };
      }
    }
    return { ...f, recoveredAtS: null, recoveryS: null };
  });
  let value = 0;
  let worst: FaultRecovery | null = null;
  for (const r of recoveries) {
    const v = r.recoveryS ?? Infinity;
    if (worst === null || v > value) {
      value = v;
      worst = r;
    }
  }
  const pass = Number.isFinite(value) && holdsOp(slo.op, value, slo.value);
  const skipped = spans.length - judged.length;
  const tail = skipped > 0 ? ` (${skipped} fault(s) lasting to the end of the run not judged)` : '';
  let message: string;
  if (worst === null) message = `no fault with a duration ended during the run${tail}`;
  else if (worst.recoveredAtS === null)
    message = `${worst.label} ended at ${worst.toS} s and had not recovered by the end of the run (${endS} s)${tail}`;
  else
    message = `worst: ${worst.label} ended at ${worst.toS} s, recovered at ${worst.recoveredAtS} s (${worst.recoveryS} s)${tail}`;
  return {
    value,
    pass,
    requests: 0,
    recoveries,
    recoveryRule: {
      errorRate: slo.errorThreshold,
      baselineP99Ms: baseline === null ? null : r3(baseline),
      p99Ms: p99Limit,
      forS: RECOVER_FOR_S,
    },
    message,
  };
}

// The verdict of a drill run, from the document, the scenario and the result: every SLO with its
// value and the moment it broke, and per fault (timeline entries and live commands) the time to
// detect, the time to recover, the blast radius traced along the call graph, and the events that
// explain it; plus retry amplification per hop. Pure: no DOM, no Node. SLOs are judged by
// slo/judge.ts, the judge the reports use too.
//
// A run stopped early is judged on the part it ran (result.ranS): faults that start after it are
// listed as not reached, with no detection, recovery or blast radius.
// Without SLOs the outcome is NO SLOS (never PASSED); the headline figures (error rate, worst
// per-second p99, the nodes in any blast radius) say what happened either way.
//
// Time is read at the resolution of the result's per-second series (bucket t covers [t, t+1)):
//  detected   at the end of the first second, from the one the fault starts in, in which an SLO's
//             per-second figure broke or an affected node's error rate rose more than
//             DETECT_MARGIN above its baseline; TTD = detected − fault start.
//  recovered  at the start of the first of N (recoverForS) consecutive seconds, from the one the
//             fault ends in, with no such signal (not before the fault's end); TTR = recovered − end.
//  baseline   a node's error rate over the seconds after warm-up and before the first fault.
//  blast      the target (an edge stands for its caller; a zone for its nodes) and every node that
//             calls it, directly or not, whose error rate over the effect window (fault start to
//             recovery) is above its baseline by more than BLAST_MARGIN.
//  already failing
//             a fault that starts while an earlier one is detected and not yet recovered is judged
//             against the seconds just before it (up to PRIOR_S, from the earlier fault's start),
//             not the calm baseline: its detection and blast radius count only what changed after
//             it, so a collapse is attributed to the fault that started it.
//  retry storm
//             a hop whose retries brought its attempts per user request above RETRY_STORM_AT.
import type { RunResult } from '../engine/result';
import type { ArchDocument, Scenario } from '../model';
import { thingName } from '../model/names';
import { nodeLabel } from '../io/look';
import { coverage, headline, isMoment, outcomeOf, sloSeconds, type SloSeconds } from '../slo/judge';
import { scopeName, sloDetail, sloFigure, thresholdText } from '../slo/text';
import { hopFigures, pathFigures, targetNodes, traceCallers, type HopFigure } from './callGraph';

import type {
  BlastNode,
  DrillVerdict,
  FaultSpan,
  FaultVerdict,
  RetryStorm,
  SloVerdict,
  VerdictOptions,
} from './verdictTypes';

export { type HopFigure, type PathFigure } from './callGraph';
export type {
  BlastNode,
  DrillVerdict,
  FaultSpan,
  FaultVerdict,
  RetryStorm,
  SloVerdict,
  VerdictOptions,
} from './verdictTypes';

export const DETECT_MARGIN = 0.01;
export const BLAST_MARGIN = 0.001;
/** Seconds before a fault that tell what an already failing system was doing. */
export const PRIOR_S = 5;
/** Attempts per user request on a retried hop above which the verdict names a retry storm. */
export const RETRY_STORM_AT = 2;
const MAX_EVENTS = 40;

/** Reasons that explain a drill even when logged as Normal. */
export const EXPLAINING_REASONS = new Set([
  'Killing',
  'Unhealthy',
  'BackOff',
  'CircuitOpened',
  'CircuitHalfOpen',
  'RateLimited',
  'FaultInjected',
  'FaultCleared',
  'FaultSkipped',
  'PoolExhausted',
  'TransactionRolledBack',
  'TransactionInDoubt',
  'ScalingReplicaSet',
  'SuccessfulCreate',
  'Started',
]);

/** The hops whose retries took them past RETRY_STORM_AT attempts per user request, worst first. */
export function retryStorms(hops: readonly HopFigure[]): RetryStorm[] {
  return hops
    .filter((h) => h.kind === 'call' && h.retries > 0 && h.perUserRequest > RETRY_STORM_AT)
    .map(({ edge, from, to, perUserRequest, perCall, retries }) => ({
      edge,
      from,
      to,
      perUserRequest,
      perCall,
      retries,
    }))
    .sort((a, b) => b.perUserRequest - a.perUserRequest);
}

/** Fault spans of a run: the scenario's timeline, then the live commands, in time order. */
export function faultSpans(
  scenario: Scenario | undefined,
  result: RunResult,
  doc?: ArchDocument,
): FaultSpan[] {
  const { ranS: end, durationS } = coverage(result);
  const span = (
    source: FaultSpan['source'],
    index: number,
    atS: number,
    action: string,
    target: string | null,
    params: Record<string, unknown>,
    forS: number | null | undefined,
  ): FaultSpan => {
    const toS = forS !== null && forS !== undefined ? atS + forS : isMoment(action) ? atS : end;
    const label = target ? `${action} ${doc ? thingName(doc, target) : target}` : action;
    const reached = atS <= end;
    const cut = Math.min(toS, reached ? end : durationS);
    return { source, index, action, target, params, fromS: atS, toS: cut, label, reached };
  };
  const out = [
    ...(scenario?.timeline ?? []).map((e, i) =>
      span('timeline', i, e.atS, e.action, e.target ?? null, e.params, e.forS),
    ),
    ...result.commands.map((c, i) => span('live', i, c.t, c.action, c.target, c.params, c.forS)),
  ];
  return out.filter((f) => f.fromS <= durationS).sort((a, b) => a.fromS - b.fromS);
}

interface NodeSeconds {
  t: number[];
  errors: number[];
  done: number[];
  causes: Record<string, number[]>;
}

function nodeSeconds(result: RunResult, id: string): NodeSeconds | null {
  const s = result.nodes[id]?.series;
  if (!s) return null;
  const errors = s.t.map((_, i) => {
    let n = 0;
    for (const list of Object.values(s.errors)) n += list[i] ?? 0;
    return n;
  });
  return {
    t: s.t,
    errors,
    done: s.t.map((_, i) => (s.ok[i] ?? 0) + (errors[i] ?? 0)),
    causes: s.errors,
  };
}

const rate = (errors: number, done: number) => (done > 0 ? errors / done : 0);

function baselineOf(n: NodeSeconds, fromS: number, toS: number): number {
  let e = 0;
  let d = 0;
  n.t.forEach((t, i) => {
    if (t >= fromS && t + 1 <= toS) {
      e += n.errors[i] ?? 0;
      d += n.done[i] ?? 0;
    }
  });
  return rate(e, d);
}

function sloVerdicts(doc: ArchDocument, judged: readonly SloSeconds[]): SloVerdict[] {
  return judged.map(({ slo, firstBrokeS, secondsBroken }) => ({
    name: slo.name,
    metric: slo.metric,
    target: slo.target,
    scope: scopeName(doc, slo.target),
    pass: slo.pass,
    value: slo.value,
    valueText: sloFigure(slo.metric, slo.value),
    thresholdText: thresholdText(slo),
    firstBrokeS,
    secondsBroken,
    detail: sloDetail(slo),
  }));
}

/** Whether any SLO's own per-second figure broke in bucket i. */
const sloBrokenAt = (judged: readonly SloSeconds[], i: number): boolean =>
  judged.some((j) => j.broken[i] === true);

export function drillVerdict(
  doc: ArchDocument,
  scenario: Scenario | undefined,
  result: RunResult,
  options: VerdictOptions = {},
): DrillVerdict {
  const recoverFor = Math.max(1, options.recoverForS ?? 5);
  const judged = sloSeconds(result);
  const cover = coverage(result);
  const end = cover.ranS;
  const spans = faultSpans(scenario, result, doc);
  const firstFault = spans[0]?.fromS ?? end;
  const seconds = new Map<string, NodeSeconds>();
  const baseline = new Map<string, number>();
  for (const n of doc.nodes) {
    const s = nodeSeconds(result, n.id);
    if (!s) continue;
    seconds.set(n.id, s);
    baseline.set(n.id, baselineOf(s, result.warmupS, firstFault));
  }
  const ticks = [...seconds.values()][0]?.t ?? [];
  const hops = hopFigures(doc, result);

  const faults: FaultVerdict[] = [];
  spans.forEach((f, k) => {
    if (!f.reached) {
      faults.push({
        ...f,
        detectedAtS: null,
        ttdS: null,
        recoveredAtS: null,
        ttrS: null,
        windowFromS: f.fromS,
        windowToS: f.fromS,
        blastRadius: [],
        events: [],
        alreadyFailing: null,
      });
      return;
    }
    const earlier = failingAt(faults, f.fromS);
    // What each node is compared with: its calm baseline, or what it did just before this fault
    // if an earlier one already had the system failing.
    const compared = new Map<string, number>();
    // The whole seconds before this fault, from the earlier fault's start (at least one).
    const priorTo = Math.floor(f.fromS);
    const priorFrom = earlier
      ? Math.min(priorTo - 1, Math.max(Math.floor(earlier.fromS), priorTo - PRIOR_S))
      : 0;
    for (const [id, sec] of seconds)
      compared.set(id, earlier ? baselineOf(sec, priorFrom, priorTo) : (baseline.get(id) ?? 0));
    const traced = traceCallers(doc, targetNodes(doc, f.target));
    const nodeSignal = (i: number) =>
      traced.some(({ id }) => {
        const s = seconds.get(id);
        const e = s?.errors[i] ?? 0;
        return e > 0 && rate(e, s?.done[i] ?? 0) > (compared.get(id) ?? 0) + DETECT_MARGIN;
      });
    // SLOs broken before the fault say nothing about it.
    const signal = (i: number) => (!earlier && sloBrokenAt(judged, i)) || nodeSignal(i);
    const nextStart = spans.slice(k + 1).find((g) => g.fromS > f.fromS)?.fromS ?? Infinity;
    let detectedAtS: number | null = null;
    for (let i = 0; i < ticks.length; i++) {
      const t = ticks[i] as number;
      if (t + 1 <= f.fromS) continue;
      if (t >= nextStart) break;
      if (signal(i)) {
        detectedAtS = t + 1;
        break;
      }
    }
    let recoveredAtS: number | null = null;
    let run = 0;
    for (let i = 0; i < ticks.length; i++) {
      const t = ticks[i] as number;
      if (t + 1 <= f.toS) continue;
      run = signal(i) ? 0 : run + 1;
      if (run === recoverFor) {
        recoveredAtS = Math.max(f.toS, (ticks[i - recoverFor + 1] as number) ?? t);
        break;
      }
    }
    const windowFromS = f.fromS;
    const windowToS = Math.max(Math.min(recoveredAtS ?? end, end), Math.min(f.fromS + 1, end));
    const blastRadius = traced.flatMap(({ id, hops: h, via }): BlastNode[] => {
      const s = seconds.get(id);
      if (!s) return [];
      let errors = 0;
      let done = 0;
      const causes: Record<string, number> = {};
      s.t.forEach((t, i) => {
        if (t + 1 <= windowFromS || t >= windowToS) return;
        errors += s.errors[i] ?? 0;
        done += s.done[i] ?? 0;
        for (const [cause, list] of Object.entries(s.causes))
          if ((list[i] ?? 0) > 0) causes[cause] = (causes[cause] ?? 0) + (list[i] ?? 0);
      });
      const errorRate = rate(errors, done);
      const baselineRate = compared.get(id) ?? 0;
      if (errors === 0 || errorRate <= baselineRate + BLAST_MARGIN) return [];
      const node = doc.nodes.find((n) => n.id === id);
      return [
        {
          id,
          label: node ? nodeLabel(node) : id,
          hops: h,
          via,
          errors,
          completed: done,
          errorRate: Math.round(errorRate * 1e6) / 1e6,
          baselineRate: Math.round(baselineRate * 1e6) / 1e6,
          causes,
        },
      ];
    });
    const events = result.events
      .filter(
        (e) =>
          e.t >= windowFromS &&
          e.t <= windowToS &&
          (e.type === 'Warning' || EXPLAINING_REASONS.has(e.reason)),
      )
      .slice(0, MAX_EVENTS);
    faults.push({
      ...f,
      detectedAtS,
      ttdS: detectedAtS === null ? null : round3(detectedAtS - f.fromS),
      recoveredAtS,
      ttrS: recoveredAtS === null ? null : round3(recoveredAtS - f.toS),
      windowFromS,
      windowToS,
      blastRadius,
      events,
      alreadyFailing: earlier
        ? { index: earlier.k, label: earlier.label, sinceS: earlier.fromS }
        : null,
    });
  });

  const outcome = outcomeOf(result);
  const blast = new Set<string>();
  for (const f of faults) for (const b of f.blastRadius) blast.add(b.id);
  return {
    pass: outcome === 'PASSED',
    outcome,
    headline: { ...headline(result), blastRadius: [...blast] },
    coverage: cover,
    scenario: result.scenario,
    slos: sloVerdicts(doc, judged),
    faults,
    hops,
    paths: pathFigures(doc, hops),
    retryStorms: retryStorms(hops),
  };
}

/** The earliest fault, among those judged so far, that was detected and not yet recovered at `t`. */
function failingAt(
  judged: readonly FaultVerdict[],
  t: number,
): (FaultVerdict & { k: number }) | undefined {
  for (let k = 0; k < judged.length; k++) {
    const g = judged[k] as FaultVerdict;
    if (!g.reached || g.fromS >= t || g.detectedAtS === null || g.detectedAtS > t) continue;
    if (g.recoveredAtS === null || g.recoveredAtS > t) return { ...g, k };
  }
  return undefined;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The node ids in any fault's blast radius (for the canvas outline). */
export function blastNodeIds(verdict: DrillVerdict): string[] {
  const ids = new Set<string>();
  for (const f of verdict.faults) for (const b of f.blastRadius) ids.add(b.id);
  return [...ids];
}

// The concurrency lab: one service's threads (thread pool) or event loops (event loop) swept from
// 1 to N at the scenario's load, once per model side by side (thread pool, event loop, and the
// thread pool with each kind of lock), through the sweep's own runner and executors. Each point is
// the mean over the seeds of the service's served throughput and p99; the USL is fitted to each
// model's throughput curve where the service was short of its offered load (elsewhere the curve
// shows the load, not the capacity), and the document's own setting gets a verdict of what limits
// it.
import { fmt } from '../format';
import { PROPS_SCHEMAS, type ArchDocument } from '../model';
import { fitUsl, type UslFit } from '../analysis/usl';
import { runSweep, type Executor } from '../sweep/schedule';
import { planSweep } from '../sweep/plan';
import type { RunLine } from '../sweep/runOne';
import { scaleLoad } from './load';
import type { ProbeFigures } from './probe';

export type LabModelId = 'slots' | 'threadPool' | 'eventLoop' | 'spin' | 'mutex' | 'adaptive';

export interface LabModel {
  id: LabModelId;
  label: string;
}

export const LAB_MODELS: Record<LabModelId, LabModel> = {
  slots: { id: 'slots', label: 'Slots (concurrency)' },
  threadPool: { id: 'threadPool', label: 'Thread pool' },
  eventLoop: { id: 'eventLoop', label: 'Event loop' },
  spin: { id: 'spin', label: 'Thread pool, spin lock' },
  mutex: { id: 'mutex', label: 'Thread pool, mutex' },
  adaptive: { id: 'adaptive', label: 'Thread pool, adaptive lock' },
};

export interface LabRequest {
  nodeId: string;
  scenario: string;
  models: LabModelId[];
  /** The largest threads (or loops) tried. */
  maxN: number;
  seeds: number;
  /** The scenario's client load times this (lab/load.ts); default 1. */
  load?: number | undefined;
}

export interface LabPoint {
  n: number;
  throughputRps: number;
  /** Requests offered to the service per second (arrivals, mean over the seeds). */
  offeredRps: number;
  /**
   * The service served (nearly) all it was offered here, so this point's throughput is the load,
   * not what N threads or loops can do: the USL fit leaves it out.
   */
  loadBound: boolean;
  p99Ms: number;
  /** The runs' figures, one per seed. */
  runs: ProbeFigures[];
}

export interface LabCurve {
  model: LabModelId;
  /** The field swept, as the sweep names it. */
  path: string;
  points: LabPoint[];
  /**
   * The USL fitted to the throughput of the points short of their offered load; null when it
   * cannot be (fewer than three such points: uslError says why).
   */
  usl: UslFit | null;
  uslError: string | null;
  /** The largest N the fit used: the chart draws the fitted curve up to there, no further. */
  fitMaxN: number | null;
}

/**
 * Served at least this share of the arrivals: the service kept up. Below it requests piled up
 * or were refused, and the throughput measures what the service can do.
 */
export const KEPT_UP = 0.98;

export class LabError extends Error {}

type Props = Record<string, unknown>;

function serviceOf(doc: ArchDocument, nodeId: string) {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw new LabError(`no node "${nodeId}"`);
  if (node.kind !== 'service' && node.kind !== 'pod')
    throw new LabError(`"${nodeId}" is a ${node.kind}; the concurrency lab takes a service or pod`);
  return node;
}

const runtimeOf = (props: Props) =>
  typeof props.runtime === 'object' && props.runtime !== null
    ? (props.runtime as Props)
    : undefined;

/** The models this service can be tried as: its runtime's, or its plain slots without one. */
export function labModelsFor(doc: ArchDocument, nodeId: string): LabModelId[] {
  const runtime = runtimeOf(serviceOf(doc, nodeId).props as Props);
  if (runtime === undefined) return ['slots'];
  const lock = runtime.lock as Props | undefined;
  const locked = lock !== undefined && Number(lock.criticalShare ?? 0) > 0;
  return locked ? ['threadPool', 'spin', 'mutex', 'adaptive'] : ['threadPool', 'eventLoop'];
}

/** The service's current model and its current threads (or loops). */
export function currentSetting(
  doc: ArchDocument,
  nodeId: string,
): { model: LabModelId; n: number } {
  const props = serviceOf(doc, nodeId).props as Props;
  const runtime = runtimeOf(props);
  const concurrency = Number(props.concurrency ?? 1);
  if (runtime === undefined) return { model: 'slots', n: concurrency };
  if (runtime.model === 'eventLoop') return { model: 'eventLoop', n: Number(runtime.workers ?? 1) };
  const kind = (runtime.lock as Props | undefined)?.kind;
  const locked = Number((runtime.lock as Props | undefined)?.criticalShare ?? 0) > 0;
  return {
    model:
      locked && (kind === 'spin' || kind === 'mutex' || kind === 'adaptive') ? kind : 'threadPool',
    n: concurrency,
  };
}

/**
 * 1…maxN, every value up to 12, then spread roughly evenly on a log scale (at most 17 values),
 * and the document's own N.
 */
export function labValues(maxN: number, include?: number): number[] {
  const top = Math.max(1, Math.floor(maxN));
  const set = new Set<number>();
  if (top <= 12) for (let n = 1; n <= top; n++) set.add(n);
  else {
    for (let n = 1; n <= 6; n++) set.add(n);
    const steps = 10;
    for (let k = 0; k <= steps; k++) set.add(Math.round(6 * (top / 6) ** (k / steps)));
  }
  // The document's own N, even past maxN: the verdict speaks of the service as it is set.
  if (include !== undefined && include >= 1) set.add(Math.floor(include));
  return [...set].sort((a, b) => a - b);
}

/**
 * The document with the service set to a model: its runtime's model and lock kind (the plain
 * thread pool without its lock, so the lock kinds have a baseline to be compared with).
 */
export function modelDocument(doc: ArchDocument, nodeId: string, model: LabModelId): ArchDocument {
  if (model === 'slots') return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const props = n.props as Props;
      const runtime = { ...(runtimeOf(props) ?? {}) };
      runtime.model = model === 'eventLoop' ? 'eventLoop' : 'threadPool';
      if (model === 'spin' || model === 'mutex' || model === 'adaptive')
        runtime.lock = { ...((runtime.lock as Props | undefined) ?? {}), kind: model };
      else if (model === 'threadPool' && runtime.lock !== undefined)
        runtime.lock = { ...(runtime.lock as Props), kind: 'none' };
      const parsed = PROPS_SCHEMAS[n.kind].safeParse({ ...props, runtime });
      if (!parsed.success)
        throw new LabError(`"${nodeId}" cannot run as ${LAB_MODELS[model].label.toLowerCase()}`);
      return { ...n, props: parsed.data } as typeof n;
    }),
  };
}

/** The field a model sweeps: loops per pod for an event loop, threads (concurrency) otherwise. */
export function axisPath(nodeId: string, model: LabModelId): string {
  return model === 'eventLoop'
    ? `nodes.${nodeId}.props.runtime.workers`
    : `nodes.${nodeId}.props.concurrency`;
}

/** The model's document with the scenario's sweep replaced by the lab's one axis. */
export function labDocument(
  doc: ArchDocument,
  req: LabRequest,
  model: LabModelId,
  values: number[],
): ArchDocument {
  const base = modelDocument(scaleLoad(doc, req.scenario, req.load ?? 1), req.nodeId, model);
  const at = base.scenarios.findIndex((s) => s.name === req.scenario);
  if (at < 0) throw new LabError(`no scenario "${req.scenario}"`);
  return {
    ...base,
    scenarios: base.scenarios.map((s, i) =>
      i === at
        ? {
            ...s,
            sweep: {
              parameters: [{ path: axisPath(req.nodeId, model), values }],
              seeds: req.seeds,
              confidence: 0.95,
            },
          }
        : s,
    ),
  };
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** One model's points from its sweep's lines (the mean over seeds), and its USL fit. */
export function curveOf(model: LabModelId, path: string, lines: readonly RunLine[]): LabCurve {
  const byN = new Map<number, ProbeFigures[]>();
  for (const l of lines) {
    const n = Number(l.params[path]);
    if (l.probe === undefined) continue;
    const list = byN.get(n) ?? [];
    list.push(l.probe);
    byN.set(n, list);
  }
  const points: LabPoint[] = [...byN.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, runs]) => {
      const throughputRps = mean(runs.map((r) => r.throughputRps));
      const offeredRps = mean(runs.map((r) => r.offeredRps));
      return {
        n,
        throughputRps,
        offeredRps,
        loadBound: offeredRps > 0 && throughputRps >= KEPT_UP * offeredRps,
        p99Ms: mean(runs.map((r) => r.p99Ms)),
        runs,
      };
    });
  const short = points.filter((p) => !p.loadBound);
  let usl: UslFit | null = null;
  let uslError: string | null = null;
  try {
    usl = fitUsl(short.map((p) => ({ n: p.n, throughput: p.throughputRps })));
  } catch (e) {
    uslError = e instanceof Error ? e.message : String(e);
    if (short.length < points.length) uslError = keptUpReason(points);
  }
  return { model, path, points, usl, uslError, fitMaxN: usl === null ? null : short.at(-1)!.n };
}

/** Why there is no fit when the service kept up with its load at most N. */
function keptUpReason(points: readonly LabPoint[]): string {
  const kept = points.filter((p) => p.loadBound);
  const load = `${fmt(mean(kept.map((p) => p.offeredRps)), 0)} req/s`;
  const raise = 'raise the load (Load ×) to see how it scales';
  if (kept.length === points.length)
    return `it served all of its offered load (${load}) at every N: the curve shows the load, not its capacity; ${raise}`;
  const first = kept[0]!.n;
  return `from N = ${first} on it served all of its offered load (${load}), which leaves too few points below it to fit; ${raise}`;
}

export interface LabRunOptions {
  executor: Executor;
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  /** Each model's curve as soon as its sweep ends. */
  onCurve?: (curve: LabCurve) => void;
}

/**
 * Runs the lab: each model's sweep in turn on the executor. A cancel ends it early with the
 * curves so far (a partly swept model keeps the points it has).
 */
export async function runLab(
  doc: ArchDocument,
  req: LabRequest,
  opts: LabRunOptions,
): Promise<LabCurve[]> {
  serviceOf(doc, req.nodeId);
  const current = currentSetting(doc, req.nodeId);
  const values = labValues(req.maxN, current.n);
  const total = req.models.length * values.length * req.seeds;
  let before = 0;
  const curves: LabCurve[] = [];
  for (const model of req.models) {
    if (opts.cancelled?.() === true) break;
    const mdoc = labDocument(doc, req, model, values);
    const plan = planSweep(mdoc, req.scenario);
    const lines = await runSweep(mdoc, plan, {
      executor: opts.executor,
      probe: req.nodeId,
      ...(opts.cancelled !== undefined ? { cancelled: opts.cancelled } : {}),
      onProgress: (done) => opts.onProgress?.(before + done, total),
    });
    before += plan.runs;
    const curve = curveOf(model, axisPath(req.nodeId, model), lines);
    curves.push(curve);
    opts.onCurve?.(curve);
  }
  return curves;
}

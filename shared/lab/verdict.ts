// The lab's verdict: what limits the service as the document sets it (its model at its current
// threads or loops), from that point's runs, per pod.
import { limitingFactor, type LimitFigures, type LimitVerdict } from '../analysis/limits';
import type { ArchDocument } from '../model';
import { parseQuantity } from '../model/quantity';
import type { LabCurve, LabModelId } from './concurrency';
import type { ProbeFigures } from './probe';

export interface PodCpu {
  /** Cores of the node the pod runs on. */
  nodeCores: number;
  /** The pod's CPU limit (cores), when it has one. */
  limitCores?: number | undefined;
  replicas: number;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The figures of one point's runs, per pod, as the verdict reads them. */
export function pointFigures(curve: LabCurve, n: number, pod: PodCpu): LimitFigures | null {
  const point = curve.points.find((p) => p.n === n);
  if (point === undefined || point.runs.length === 0) return null;
  return runsFigures(point.runs, curve.model, n, pod);
}

/** The figures of runs of a service at N threads (or loops) of a model, per pod. */
export function runsFigures(
  runs: readonly ProbeFigures[],
  model: LabModelId,
  n: number,
  pod: PodCpu,
): LimitFigures {
  const pods = Math.max(1, pod.replicas);
  const cpu = (f: (c: NonNullable<(typeof runs)[number]['cpu']>) => number) =>
    mean(runs.map((r) => (r.cpu === null ? 0 : f(r.cpu))));
  const coresAvailable =
    pod.limitCores !== undefined ? Math.min(pod.limitCores, pod.nodeCores) : pod.nodeCores;
  return {
    usageCores: cpu((c) => c.usageCores) / pods,
    coresAvailable,
    limitCores: pod.limitCores,
    throttledPeriods: cpu((c) => c.throttledPeriods),
    periods: cpu((c) => c.periods),
    lockWaitSeconds: cpu((c) => c.lockWaitSeconds),
    spinSeconds: cpu((c) => c.spinSeconds),
    busyThreadSeconds: mean(runs.map((r) => r.busyMean * r.spanS)),
    threadUtilisation: mean(runs.map((r) => r.utilisation)),
    queued: mean(runs.map((r) => r.queueMean)) / pods,
    threads: n,
    model: model === 'eventLoop' ? 'eventLoop' : 'threadPool',
    lockKind: model === 'spin' || model === 'mutex' || model === 'adaptive' ? model : undefined,
    oomKilled: Math.max(...runs.map((r) => r.oomKilled)),
  };
}

/** The verdict at the document's own setting; null when that point was not run. */
export function labVerdict(
  curves: readonly LabCurve[],
  setting: { model: string; n: number },
  pod: PodCpu,
): LimitVerdict | null {
  const curve = curves.find((c) => c.model === setting.model);
  if (curve === undefined) return null;
  const figures = pointFigures(curve, setting.n, pod);
  return figures === null ? null : limitingFactor(figures);
}

/** Cores of a node when its zone does not say (the default: 4). */
export const DEFAULT_NODE_CORES = 4;

/** The service's pods as the verdict needs them: its zone's cores, CPU limit, replicas. */
export function podCpuOf(doc: ArchDocument, nodeId: string): PodCpu {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const props = (node?.props ?? {}) as {
    replicas?: number;
    resources?: { limits?: { cpu?: string | number } };
  };
  let nodeCores = DEFAULT_NODE_CORES;
  for (let at = node?.parentId, hops = 0; at !== undefined && hops < 64; hops++) {
    const group = doc.groups.find((g) => g.id === at);
    if (group === undefined) break;
    if (group.kind === 'zone' && group.cores !== undefined) {
      nodeCores = group.cores;
      break;
    }
    at = group.parentId;
  }
  const limit = props.resources?.limits?.cpu;
  const limitCores = limit === undefined ? null : parseQuantity(limit);
  return {
    nodeCores,
    ...(limitCores !== null ? { limitCores } : {}),
    replicas: Math.max(1, props.replicas ?? 1),
  };
}

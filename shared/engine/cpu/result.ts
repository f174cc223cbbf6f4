// The `cpu` figures of a node with a runtime (after warm-up), as cAdvisor and `top` would show
// them summed over its pods, and the per-second series of cores used and throttled share.
import type { RNode } from '../graph';
import { cpuWarm } from './attach';
import { MODEL_EVENT_LOOP } from './spec';

export interface CpuResult {
  /** Mean cores used over the measured span, all pods together. */
  usageCores: number;
  userSeconds: number;
  systemSeconds: number;
  /** CFS periods that ran out of quota, of the periods in which the pods had work. */
  throttledPeriods: number;
  periods: number;
  /** Time the pods' threads waited for the next period with work to do (s). */
  throttledSeconds: number;
  contextSwitches: number;
  /** Time requests waited for the pod-wide lock (s, summed over requests). */
  lockWaitSeconds: number;
  /** CPU time spent spinning on the lock (s). */
  spinSeconds: number;
  /** Event loop only: loop-seconds held (on CPU or blocking), all pods. */
  loopBusySeconds?: number;
  /** Event loop only: request-seconds spent waiting for a free loop. */
  loopWaitSeconds?: number;
  /** Event loop only: the most requests ever waiting for a loop at once. */
  loopWaitingMax?: number;
  /** Containers ended by the OOM killer (left out when none). */
  oomKills?: number;
  /** Per second: cores used, and throttled periods / periods (0 when none). */
  series: { usageCores: number[]; throttled: number[] };
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function cpuResult(node: RNode, nowMs: number, warmupMs: number): CpuResult | null {
  const nc = node.cpu;
  if (nc === null) return null;
  // Bring every pod to now (the counters live on the node, the clocks on the pods).
  const warm = Array.from(nc.warm);
  cpuWarm([node], nowMs);
  const end = nc.counters();
  nc.warm.set(warm);
  const d = (i: number) => (end[i] as number) - (warm[i] as number);
  const spanMs = Math.max(1e-9, nowMs - warmupMs);
  const usage = d(0);
  const system = Math.min(usage, d(1));
  const out: CpuResult = {
    usageCores: r6(usage / spanMs),
    userSeconds: r6((usage - system) / 1000),
    systemSeconds: r6(system / 1000),
    throttledPeriods: d(6),
    periods: d(5),
    throttledSeconds: r6(d(4) / 1000),
    contextSwitches: Math.round(d(7)),
    lockWaitSeconds: r6(d(3) / 1000),
    spinSeconds: r6(d(2) / 1000),
    series: { usageCores: nc.usageSeries, throttled: nc.throttledSeries },
  };
  if (nc.spec.model === MODEL_EVENT_LOOP) {
    out.loopBusySeconds = r6(d(8) / 1000);
    out.loopWaitSeconds = r6(d(9) / 1000);
    out.loopWaitingMax = nc.loopWaitingMax;
  }
  if (nc.oomKills > 0) out.oomKills = nc.oomKills;
  return out;
}

// The one metric the HPA reads: the CPU utilisation of a service's pods over the last sync
// period, in % of their CPU request, as metrics-server and the replica calculator give it:
// Σ usage / Σ requests.cpu over the pods that count (GetResourceUtilizationRatio); it can pass
// 100 %, since a pod may use more than it requests up to its limit or its node's cores.
//
// - A service whose pods run the CPU model (a `runtime`) with `resources.requests.cpu` (or only a
//   limit, which Kubernetes then takes as the request): each pod's usage is the growth of its
//   CPU-seconds counter (cAdvisor's container_cpu_usage_seconds_total, cpu/usage.ts) over the
//   period, and the replica calculator (control/hpaPods.ts) treats the pods it sets aside as the
//   controller does: a pod being deleted is ignored, one not Ready is unready, one seen for the
//   first time has no rate yet (one sample) and is missing.
// - Any other service has no CPU to measure; there the lab takes the busy share of the pods'
//   slots (a pod serving `concurrency` requests at once counts as 100 % of its request), its
//   measure of load without a CPU model, kept so documents without requests give the results
//   they always gave; for an event loop, the busy share of its loops.
import type { PodMetrics } from '../control/hpa';
import type { Pod } from '../graph';
import { hasCpu, podCpuRequestCores, podCpuSeconds } from '../cpu/usage';
import { EVENT_LOOP_SLOTS, MODEL_EVENT_LOOP } from '../cpu/spec';
import type { K8sService } from './service';

/** What the metric remembers between syncs. */
export interface HpaMeter {
  /** The slots' busy and capacity areas at the previous sync. */
  busy: number;
  cap: number;
  /** Each pod's CPU-seconds at the previous sync. */
  cpuSeconds: Map<Pod, number>;
  atMs: number;
}

export function newHpaMeter(): HpaMeter {
  return { busy: 0, cap: 0, cpuSeconds: new Map(), atMs: 0 };
}

function measuresCpu(svc: K8sService): boolean {
  const first = svc.node.pods[0];
  return first !== undefined && hasCpu(first) && podCpuRequestCores(first) > 0;
}

/** The HPA starts watching: the pods' counters now are the first samples. */
export function startHpaMeter(svc: K8sService, meter: HpaMeter, nowMs: number): void {
  if (measuresCpu(svc)) cpuUtilization(svc, meter, nowMs);
}

/**
 * Over the time since the previous call (the sync period): the pods one by one when they run the
 * CPU model with a request, else the busy share of the slots in % (0 without pods).
 */
export function hpaUtilization(
  svc: K8sService,
  meter: HpaMeter,
  nowMs: number,
): number | PodMetrics {
  return measuresCpu(svc) ? cpuUtilization(svc, meter, nowMs) : busyShare(svc, meter, nowMs);
}

function cpuUtilization(svc: K8sService, meter: HpaMeter, nowMs: number): PodMetrics {
  const seconds = (nowMs - meter.atMs) / 1000;
  const seen = new Map<Pod, number>();
  const metrics: PodMetrics = { ready: [], missing: [], unready: [] };
  for (const rs of svc.sets.values())
    for (const prt of rs.pods) {
      const used = podCpuSeconds(prt.pod, nowMs);
      seen.set(prt.pod, used);
      // groupPods: a pod being deleted is ignored, one not Ready is unready, one without a
      // sample (first seen) is missing.
      if (prt.life.deletedAtMs !== null) continue;
      const request = podCpuRequestCores(prt.pod);
      const before = meter.cpuSeconds.get(prt.pod);
      if (!prt.life.ready) metrics.unready.push(request);
      else if (before === undefined || seconds <= 0) metrics.missing.push(request);
      else metrics.ready.push({ usage: (used - before) / seconds, request });
    }
  meter.cpuSeconds = seen;
  meter.atMs = nowMs;
  return metrics;
}

function busyShare(svc: K8sService, meter: HpaMeter, nowMs: number): number {
  const node = svc.node;
  const stats = node.stats;
  stats.level(nowMs);
  let busyNow = stats.busyArea;
  let capNow = stats.capArea;
  const nc = node.cpu;
  if (nc !== null && nc.spec.model === MODEL_EVENT_LOOP) {
    // An event loop's million slots never fill: its busy share is its loops' (§16).
    for (const pod of node.pods) pod.cpu?.advance(nowMs);
    busyNow = nc.loopHeldMs;
    capNow = (stats.capArea / EVENT_LOOP_SLOTS) * nc.spec.workers;
  }
  const busy = busyNow - meter.busy;
  const cap = capNow - meter.cap;
  meter.busy = busyNow;
  meter.cap = capNow;
  return cap > 0 ? (100 * busy) / cap : 0;
}

// The one metric the HPA reads: the CPU utilisation of a service's pods over the last sync
// period, in % of their CPU request, as metrics-server and the replica calculator give it (the sum
// of the pods' usage over the sum of their requests; it can pass 100 %).
//
// A service without `resources.requests.cpu` has no CPU to measure; there the lab takes the busy
// share of the pods' slots (a pod serving `concurrency` requests at once counts as 100 % of its
// request). That is the engine's measure of load without a CPU model, kept as it was so documents
// without requests give the results they always gave.
import type { K8sService } from './service';

/** What the metric remembers between syncs: the areas at the previous one. */
export interface HpaMeter {
  busy: number;
  cap: number;
}

export function newHpaMeter(): HpaMeter {
  return { busy: 0, cap: 0 };
}

/** Utilisation in % over the time since the previous call (the sync period); 0 without pods. */
export function hpaUtilization(svc: K8sService, meter: HpaMeter, nowMs: number): number {
  const stats = svc.node.stats;
  stats.level(nowMs);
  const busy = stats.busyArea - meter.busy;
  const cap = stats.capArea - meter.cap;
  meter.busy = stats.busyArea;
  meter.cap = stats.capArea;
  return cap > 0 ? (100 * busy) / cap : 0;
}

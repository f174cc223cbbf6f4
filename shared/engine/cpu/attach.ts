// Compile and run-time glue of the pod's inside: a node's runtime and resources into its NodeCpu
// (with its zone's cores), the warm-up mark and the per-second close of its CPU figures.
import type { Group, Node } from '../../model';
import type { RNode } from '../graph';
import type { ZoneIndex } from '../faults/zones';
import { oomKill } from './oom';
import { CpuSpec, DEFAULT_CORES, EVENT_LOOP_SLOTS, MODEL_EVENT_LOOP, NodeCpu } from './spec';

/** A service's or bare pod's runtime, before its pods are made (an event loop's slot count). */
export function configureCpu(node: RNode, n: Node): void {
  if (n.kind !== 'service' && n.kind !== 'pod') return;
  const rt = n.props.runtime;
  if (rt === undefined) return;
  const nc = new NodeCpu(new CpuSpec(rt, n.props.resources));
  nc.oom = oomKill;
  node.cpu = nc;
  if (nc.spec.model === MODEL_EVENT_LOOP) node.concurrency = EVENT_LOOP_SLOTS;
}

/** The cores of the machine each node's pods run on: its innermost zone's `cores`, else 4. */
export function attachCores(nodes: readonly RNode[], groups: readonly Group[], zones: ZoneIndex) {
  const cores = new Map(groups.map((g) => [g.id, g.cores]));
  for (const node of nodes) {
    if (node.cpu === null) continue;
    let c: number | undefined;
    for (const z of zones.zonesOfNode.get(node.id) ?? []) {
      c = cores.get(z);
      if (c !== undefined) break;
    }
    node.cpu.spec.cores = c ?? DEFAULT_CORES;
  }
}

export function cpuWarm(nodes: readonly RNode[], now: number): void {
  for (const node of nodes) {
    if (node.cpu === null) continue;
    syncPods(node, now);
    node.cpu.markWarm();
  }
}

/** Close the second that ends now, after the nodes' own stats closed it (NodeStats.flush). */
export function cpuSecond(nodes: readonly RNode[], now: number, spanMs: number): void {
  for (const node of nodes) {
    if (node.cpu === null) continue;
    syncPods(node, now);
    node.cpu.second(spanMs);
    if (node.cpu.spec.model === MODEL_EVENT_LOOP) loopSecond(node, spanMs);
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * An event loop's per-second utilisation and queue are its loops': held loop-ms over the loops
 * of its running pods, and requests waiting for a loop (its 1,000,000 slots never fill, so the
 * slots' figures would read 0 however busy the loop is).
 */
function loopSecond(node: RNode, spanMs: number): void {
  const nc = node.cpu!;
  const { heldMs, waitMs } = nc.loopSecond();
  const s = node.stats;
  const series = s.series;
  const last = series.t.length - 1;
  if (last < 0) return;
  const loopCap = (s.secCap / EVENT_LOOP_SLOTS) * nc.spec.workers;
  series.utilisation[last] = loopCap > 0 ? round3(heldMs / loopCap) : 0;
  series.queueDepth[last] = round3(
    (series.queueDepth[last] as number) + (spanMs > 0 ? waitMs / spanMs : 0),
  );
}

/**
 * Bring every pod's counters to now. Only the counters move: the pod's timer already waits for
 * the next change (a period's end included), so reading never adds an event.
 */
function syncPods(node: RNode, now: number): void {
  for (const pod of node.pods) pod.cpu?.advance(now);
}

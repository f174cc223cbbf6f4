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

export function cpuSecond(nodes: readonly RNode[], now: number, spanMs: number): void {
  for (const node of nodes) {
    if (node.cpu === null) continue;
    syncPods(node, now);
    node.cpu.second(spanMs);
  }
}

/**
 * Bring every pod's counters to now. Only the counters move: the pod's timer already waits for
 * the next change (a period's end included), so reading never adds an event.
 */
function syncPods(node: RNode, now: number): void {
  for (const pod of node.pods) pod.cpu?.advance(now);
}

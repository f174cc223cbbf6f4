// The figures of one service in one run that the concurrency lab plots and judges: its served
// throughput and the load it was offered, its p99, how busy its threads were, and its CPU counters when it has a runtime.
import type { RunResult } from '../engine';
import type { CpuResult } from '../engine/cpu/result';

/** A service's CPU counters over the measured span, all pods together (engine/cpu/result.ts). */
export type CpuCounters = Omit<CpuResult, 'series' | 'oomKills'>;

export interface ProbeFigures {
  /** Requests the service answered ok per second, after warm-up (its per-second series). */
  throughputRps: number;
  /** Requests that arrived at the service per second, after warm-up: the load it was offered. */
  offeredRps: number;
  /** The service's own p99 (ms), queueing included. */
  p99Ms: number;
  /** Busy threads (or held loops) over all of them, 0…1. */
  utilisation: number;
  /** Mean requests waiting for a thread (or a loop) over the measured span (all pods). */
  queueMean: number;
  /** Mean busy threads (or held loops) over the measured span. */
  busyMean: number;
  /** Seconds measured (after warm-up). */
  spanS: number;
  cpu: CpuCounters | null;
  oomKilled: number;
}

export function probeFigures(result: RunResult, nodeId: string): ProbeFigures {
  const node = result.nodes[nodeId];
  if (node === undefined) throw new Error(`the run has no node "${nodeId}"`);
  const s = node.series;
  let sum = 0;
  let arrived = 0;
  let count = 0;
  for (let i = 0; i < s.t.length; i++) {
    if (s.t[i]! <= result.warmupS) continue;
    sum += s.ok[i]!;
    arrived += s.rps[i]!;
    count++;
  }
  let cpu: CpuCounters | null = null;
  if (node.cpu !== undefined) {
    const { series: _series, oomKills: _oom, ...counters } = node.cpu;
    cpu = counters;
  }
  const oomKilled = node.cpu?.oomKills ?? 0;
  return {
    throughputRps: count > 0 ? sum / count : 0,
    offeredRps: count > 0 ? arrived / count : 0,
    p99Ms: node.latencyMs.p99,
    utilisation: node.utilisation,
    queueMean: node.queueDepth.mean,
    // An event loop's busy workers are its held loops, not its requests in service.
    busyMean:
      node.cpu?.loopBusySeconds !== undefined && result.ranS > result.warmupS
        ? node.cpu.loopBusySeconds / (result.ranS - result.warmupS)
        : node.busy.mean,
    spanS: Math.max(0, result.ranS - result.warmupS),
    cpu,
    oomKilled,
  };
}

// The JSON result of a run (DESIGN.md "The JSON result of a run") and the chunks streamed while
// it goes. Times are simulated seconds; latencies milliseconds; figures rounded to 1 µs.
import { dict } from './dict';
import { causeCounts } from './causes';
import type { RunEvent } from './events';
import type { RNode } from './graph';
import type { Series } from './metrics';
import { KIND_NAMES } from './graph';
import type { Histogram } from './histogram';
import type { Sim, Command } from './sim';
import { evaluateSlos, type SloResult } from './slo';
import { txResult, type TxFlowResult } from './txrun';
import type { Trace } from './traces';
import { ENGINE_VERSION } from './version';
import { cpuResult, type CpuResult } from './cpu/result';
import { EVENT_LOOP_SLOTS, type NodeCpu } from './cpu/spec';
import {
  changedPods,
  deploymentView,
  podViews,
  type DeploymentView,
  type PodView,
} from './k8s/view';
import { balancerOf, breakerOf, changedBreakers, retriesDeniedOf } from './gateway/attach';
import type { BalancerView } from './gateway/balancer';
import type { BreakerView } from './gateway/guard';
import {
  edgeAmplification,
  retryAmplification,
  type EdgeAmplification,
  type RetryAmplification,
} from './amplification';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(h: Histogram): LatencySummary {
  return {
    mean: r3(h.mean),
    p50: r3(h.quantile(0.5)),
    p95: r3(h.quantile(0.95)),
    p99: r3(h.quantile(0.99)),
    max: r3(h.max),
  };
}

export interface NodeResult {
  kind: string;
  requests: number;
  ok: number;
  errors: Record<string, number>;
  latencyMs: LatencySummary;
  /** Busy slots / available slots (pods, gateway slots, database connections), after warm-up. */
  utilisation: number;
  /** Time-averaged requests waiting (pod queues, connection pool, queue backlog), after warm-up. */
  queueDepth: { mean: number; max: number };
  /** Time-averaged requests being served (busy slots), after warm-up. */
  busy: { mean: number };
  /**
   * Mean requests at the node, waiting and served (Little's law L = λ·W: the visits finished
   * after warm-up times their mean time at the node, over the measured span).
   */
  inFlight: { mean: number };
  queueWaitMs: { mean: number };
  /** Pods with their ReplicaSet, version, phase and restarts (k8s/view.ts). */
  pods?: PodView[];
  /** A service's Deployment: status, Progressing condition, replica sets. */
  deployment?: DeploymentView;
  /** A node with a runtime: its pods' CPU, throttling, lock and switches (cpu/result.ts). */
  cpu?: CpuResult;
  series: Series;
}

export interface RunResult {
  engine: string;
  scenario: string;
  seed: number;
  /** The scenario's length (s). */
  durationS: number;
  /** Simulated seconds the run reached: durationS, or less for a run stopped early. */
  ranS: number;
  warmupS: number;
  summary: {
    requests: number;
    ok: number;
    errors: Record<string, number>;
    /** Offered: user requests per second of the measured span (after warm-up). */
    throughputRps: number;
    /** Answered ok per second of the measured span. */
    goodputRps: number;
    /** Attempts per user request and per call over every call edge (amplification.ts). */
    retryAmplification: RetryAmplification;
    latencyMs: LatencySummary;
    inFlightAtEnd: number;
  };
  nodes: Record<string, NodeResult>;
  edges: Record<
    string,
    EdgeAmplification & {
      attempts: number;
      retries: number;
      wasted: number;
      failures: Record<string, number>;
      /** Circuit breaker state and gateway fallbacks (gateway/guard.ts), when configured. */
      breaker?: BreakerView;
      /** The caller's own pod choice and outlier detection (gateway/balancer.ts), when set. */
      lb?: BalancerView;
      /** Retries the gateway's retry budget refused (left out when none). */
      retriesDenied?: number;
    }
  >;
  queues: Record<
    string,
    {
      consumer: string;
      delivered: number;
      ok: number;
      failed: number;
      backlog: number;
      maxBacklog: number;
      meanWaitMs: number;
    }
  >;
  events: RunEvent[];
  eventsDropped: number;
  commands: Command[];
  traces: Trace[];
  /** One entry per transaction flow that ran (txrun/report.ts); [] when the document has none. */
  transactions: TxFlowResult[];
  slos: SloResult[];
}

export function nodeResult(sim: Sim, node: RNode): NodeResult {
  const s = node.stats;
  const g = sim.g;
  s.level(sim.w.k.now);
  const span = Math.max(1e-9, sim.w.k.now - g.warmupMs);
  const busyArea = s.busyArea - s.warmBusy;
  const capArea = s.capArea - s.warmCap;
  const out: NodeResult = {
    kind: KIND_NAMES[node.kind] as string,
    requests: s.requests,
    ok: s.ok,
    errors: causeCounts(s.errors),
    latencyMs: latencyOf(s.latency),
    utilisation: capArea > 0 ? r3(busyArea / capArea) : 0,
    queueDepth: { mean: r3((s.queueArea - s.warmQueue) / span), max: s.maxQueued },
    busy: { mean: r3(busyArea / span) },
    inFlight: { mean: r3(s.latency.sum / span) },
    queueWaitMs: { mean: r3(s.queueWaitCount > 0 ? s.queueWaitSum / s.queueWaitCount : 0) },
    series: s.series,
  };
  const pods = podViews(node);
  if (pods.length > 0) out.pods = pods;
  const deployment = deploymentView(node);
  if (deployment !== null) out.deployment = deployment;
  const cpu = cpuResult(node, sim.w.k.now, g.warmupMs);
  if (cpu !== null) {
    out.cpu = cpu;
    if (cpu.loopBusySeconds !== undefined) loopFigures(out, cpu, capArea, span, node);
  }
  return out;
}

/**
 * An event loop's utilisation and queue are its loops' (docs/semantics.md §16): loop-ms held over
 * the loop-ms of its running pods, and requests waiting for a loop. Its slots (1,000,000 a pod)
 * never fill, so theirs would read 0 however busy the loops are.
 */
function loopFigures(out: NodeResult, cpu: CpuResult, capArea: number, span: number, node: RNode) {
  const loopCapMs = (capArea / EVENT_LOOP_SLOTS) * (node.cpu as NodeCpu).spec.workers;
  out.utilisation = loopCapMs > 0 ? r3(((cpu.loopBusySeconds ?? 0) * 1000) / loopCapMs) : 0;
  out.queueDepth = {
    mean: r3(out.queueDepth.mean + ((cpu.loopWaitSeconds ?? 0) * 1000) / span),
    max: Math.max(out.queueDepth.max, cpu.loopWaitingMax ?? 0),
  };
}

export function buildResult(sim: Sim): RunResult {
  const g = sim.g;
  const w = sim.w;
  const e2e = w.e2e;
  const span = Math.max(1e-9, (w.k.now - g.warmupMs) / 1000);
  const nodes = dict<NodeResult>();
  for (const node of g.nodes) nodes[node.id] = nodeResult(sim, node);
  const edges: RunResult['edges'] = dict();
  const amplification = edgeAmplification(g);
  for (const e of g.edges) {
    edges[e.id] = {
      attempts: e.stats.attempts,
      retries: e.stats.retries,
      ...(amplification.get(e) as EdgeAmplification),
      wasted: e.stats.wasted,
      failures: causeCounts(e.stats.failures),
    };
    const breaker = breakerOf(e);
    if (breaker !== null) (edges[e.id] as { breaker?: BreakerView }).breaker = breaker;
    const lb = balancerOf(e);
    if (lb !== null) (edges[e.id] as { lb?: BalancerView }).lb = lb;
    const denied = retriesDeniedOf(e);
    if (denied > 0) (edges[e.id] as { retriesDenied?: number }).retriesDenied = denied;
  }
  const queues: RunResult['queues'] = dict();
  for (const node of g.nodes) {
    for (const sub of node.subs) {
      if (sub.queue !== node) continue;
      queues[sub.edge.id] = {
        consumer: sub.consumer.id,
        delivered: sub.delivered,
        ok: sub.ok,
        failed: sub.failed,
        backlog: sub.backlog.length,
        maxBacklog: sub.maxBacklog,
        meanWaitMs: r3(sub.delivered > 0 ? sub.waitSum / sub.delivered : 0),
      };
    }
  }
  return {
    engine: ENGINE_VERSION,
    scenario: g.scenario,
    seed: g.seed,
    durationS: g.durationMs / 1000,
    ranS: w.k.now / 1000,
    warmupS: g.warmupMs / 1000,
    summary: {
      requests: e2e.requests,
      ok: e2e.ok,
      errors: causeCounts(e2e.errors),
      throughputRps: r3(e2e.requests / span),
      goodputRps: r3(e2e.ok / span),
      retryAmplification: retryAmplification(g),
      latencyMs: latencyOf(e2e.latency),
      inFlightAtEnd: e2e.inFlight,
    },
    nodes,
    edges,
    queues,
    events: w.log.events,
    eventsDropped: w.log.dropped,
    commands: sim.commands,
    traces: w.traces.done,
    transactions: txResult(w),
    slos: evaluateSlos(sim),
  };
}

export interface ChunkCursor {
  series: number;
  events: number;
  traces: number;
}

export interface Chunk {
  /** Simulated time reached (s). */
  tS: number;
  /** New per-second points of every node since the last chunk (same fields as result series). */
  series: Record<string, Series>;
  events: RunEvent[];
  traces: Trace[];
  /** Running end-to-end figures so far (after warm-up). */
  summary: { requests: number; ok: number; errors: Record<string, number> };
  /** The whole pod list of each service whose pods changed since the last chunk. */
  pods?: Record<string, PodView[]>;
  /** Circuit breaker states (CLOSED, OPEN, HALF_OPEN…) by edge id, those that changed. */
  breakers?: Record<string, string>;
  /** New per-second CPU points of each node with a runtime (CpuResult.series). */
  cpu?: Record<string, CpuResult['series']>;
}

export function takeChunk(sim: Sim, cursor: ChunkCursor): Chunk | null {
  const w = sim.w;
  const first = sim.g.nodes[0];
  const points = first ? first.stats.series.t.length : 0;
  const pods = changedPods(sim.g.nodes, cursor);
  const breakers = changedBreakers(sim.g.edges, cursor);
  if (
    pods === null &&
    breakers === null &&
    points === cursor.series &&
    w.log.events.length === cursor.events &&
    w.traces.done.length === cursor.traces
  )
    return null;
  const series = dict<Series>();
  const from = cursor.series;
  for (const node of sim.g.nodes) series[node.id] = sliceSeries(node.stats.series, from);
  const chunk: Chunk = {
    tS: w.k.now / 1000,
    series,
    events: w.log.events.slice(cursor.events),
    traces: w.traces.done.slice(cursor.traces),
    summary: { requests: w.e2e.requests, ok: w.e2e.ok, errors: causeCounts(w.e2e.errors) },
  };
  if (pods !== null) chunk.pods = pods;
  if (breakers !== null) chunk.breakers = breakers;
  for (const node of sim.g.nodes) {
    if (node.cpu === null) continue;
    (chunk.cpu ??= dict())[node.id] = {
      usageCores: node.cpu.usageSeries.slice(from),
      throttled: node.cpu.throttledSeries.slice(from),
    };
  }
  cursor.series = points;
  cursor.events = w.log.events.length;
  cursor.traces = w.traces.done.length;
  return chunk;
}

function sliceSeries(s: Series, from: number): Series {
  const errors: Record<string, number[]> = {};
  for (const name in s.errors) errors[name] = (s.errors[name] as number[]).slice(from);
  return {
    t: s.t.slice(from),
    rps: s.rps.slice(from),
    ok: s.ok.slice(from),
    errors,
    p50Ms: s.p50Ms.slice(from),
    p95Ms: s.p95Ms.slice(from),
    p99Ms: s.p99Ms.slice(from),
    queueDepth: s.queueDepth.slice(from),
    utilisation: s.utilisation.slice(from),
  };
}

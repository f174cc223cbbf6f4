// What a run streams while it goes: per-node series, the latest figures of each node (for the
// canvas overlay), and the event log. A store of its own, apart from the document, so a live frame
// never touches the document or re-renders the whole canvas: each node subscribes to its own entry.
import { create } from 'zustand';
import type { Chunk, PodView, RunEvent, RunResult } from '../../../shared/engine';

export type Series = Chunk['series'][string];
/** A runtime node's CPU per second: cores used by its pods, throttled periods / periods. */
export type CpuSeries = NonNullable<Chunk['cpu']>[string];
export type Health = 'ok' | 'warn' | 'bad' | 'idle';

export interface NodeLive {
  rps: number;
  /** Answered ok in the last second (goodput). */
  okPerS: number;
  p99Ms: number;
  /** Errors / completions in the last second, 0…1. */
  errorRate: number;
  utilisation: number;
  queueDepth: number;
  health: Health;
}

export interface LiveState {
  tS: number;
  series: Record<string, Series>;
  latest: Record<string, NodeLive>;
  events: RunEvent[];
  /** Each service's pods as the run last reported them (absent until a run reports them). */
  pods: Record<string, PodView[]>;
  /** Circuit breaker state by edge id (CLOSED, OPEN, HALF_OPEN), for edges that have one. */
  breakers: Record<string, string>;
  /** Per second CPU of the nodes with a runtime, aligned with their series. */
  cpu: Record<string, CpuSeries>;
  /** Bumped on every append, so charts redraw once per chunk. */
  version: number;
  reset(): void;
  append(chunk: Chunk): void;
  /** A finished run: take the complete series and events from its result. */
  complete(result: RunResult): void;
}

const EVENT_LIMIT = 5000;

export function healthOf(errorRate: number, utilisation: number, rps: number): Health {
  if (rps === 0 && errorRate === 0) return 'idle';
  if (errorRate >= 0.05) return 'bad';
  if (errorRate >= 0.01 || utilisation >= 0.9) return 'warn';
  return 'ok';
}

function lastOf(a: number[]): number {
  return a.length > 0 ? (a[a.length - 1] as number) : 0;
}

export function latestOf(s: Series): NodeLive {
  let errors = 0;
  for (const cause in s.errors) errors += lastOf(s.errors[cause] as number[]);
  const ok = lastOf(s.ok);
  const done = ok + errors;
  const errorRate = done > 0 ? errors / done : 0;
  const rps = lastOf(s.rps);
  const utilisation = lastOf(s.utilisation);
  return {
    rps,
    okPerS: ok,
    p99Ms: lastOf(s.p99Ms),
    errorRate,
    utilisation,
    queueDepth: lastOf(s.queueDepth),
    health: healthOf(errorRate, utilisation, rps),
  };
}

function concatSeries(a: Series | undefined, b: Series): Series {
  if (!a) return b;
  const errors: Record<string, number[]> = {};
  const causes = new Set([...Object.keys(a.errors), ...Object.keys(b.errors)]);
  for (const cause of causes) {
    const left = a.errors[cause] ?? new Array<number>(a.t.length).fill(0);
    const right = b.errors[cause] ?? new Array<number>(b.t.length).fill(0);
    errors[cause] = left.concat(right);
  }
  return {
    t: a.t.concat(b.t),
    rps: a.rps.concat(b.rps),
    ok: a.ok.concat(b.ok),
    errors,
    p50Ms: a.p50Ms.concat(b.p50Ms),
    p95Ms: a.p95Ms.concat(b.p95Ms),
    p99Ms: a.p99Ms.concat(b.p99Ms),
    queueDepth: a.queueDepth.concat(b.queueDepth),
    utilisation: a.utilisation.concat(b.utilisation),
  };
}

function sameLive(a: NodeLive | undefined, b: NodeLive): boolean {
  return (
    !!a &&
    a.rps === b.rps &&
    a.okPerS === b.okPerS &&
    a.p99Ms === b.p99Ms &&
    a.errorRate === b.errorRate &&
    a.utilisation === b.utilisation &&
    a.queueDepth === b.queueDepth
  );
}

/** No run yet: what a new window and reset() start from. */
const empty = () => ({
  tS: 0,
  series: {},
  latest: {},
  events: [],
  pods: {},
  breakers: {},
  cpu: {},
  version: 0,
});

export const useLive = create<LiveState>()((set) => ({
  ...empty(),
  reset: () => set(empty()),
  append: (chunk) =>
    set((s) => {
      const series = { ...s.series };
      let latest = s.latest;
      for (const id in chunk.series) {
        const add = chunk.series[id] as Series;
        if (add.t.length === 0) continue;
        series[id] = concatSeries(s.series[id], add);
        const now = latestOf(add);
        // Only a node whose figures changed gets a new object, so only it re-renders.
        if (!sameLive(latest[id], now)) {
          if (latest === s.latest) latest = { ...s.latest };
          latest[id] = now;
        }
      }
      const events =
        chunk.events.length === 0 ? s.events : s.events.concat(chunk.events).slice(-EVENT_LIMIT);
      // A chunk carries the whole pod list of the services whose pods changed, nothing else.
      const pods = chunk.pods ? { ...s.pods, ...chunk.pods } : s.pods;
      const breakers = chunk.breakers ? { ...s.breakers, ...chunk.breakers } : s.breakers;
      let cpu = s.cpu;
      if (chunk.cpu) {
        cpu = { ...s.cpu };
        for (const id in chunk.cpu) {
          const add = chunk.cpu[id] as CpuSeries;
          const had = s.cpu[id];
          cpu[id] = had
            ? {
                usageCores: had.usageCores.concat(add.usageCores),
                throttled: had.throttled.concat(add.throttled),
              }
            : add;
        }
      }
      return { tS: chunk.tS, series, latest, events, pods, breakers, cpu, version: s.version + 1 };
    }),
  complete: (result) =>
    set((s) => {
      const series: Record<string, Series> = {};
      const latest: Record<string, NodeLive> = {};
      const pods: Record<string, PodView[]> = {};
      const cpu: Record<string, CpuSeries> = {};
      for (const [id, node] of Object.entries(result.nodes)) {
        series[id] = node.series;
        if (node.cpu) cpu[id] = node.cpu.series;
        latest[id] = s.latest[id] ?? latestOf(node.series);
        if (node.deployment && node.pods) pods[id] = node.pods;
      }
      const breakers: Record<string, string> = {};
      for (const [id, edge] of Object.entries(result.edges))
        if (edge.breaker && edge.breaker.state !== 'NONE') breakers[id] = edge.breaker.state;
      return {
        tS: result.durationS,
        series,
        latest,
        events: result.events.slice(-EVENT_LIMIT),
        pods,
        breakers,
        cpu,
        version: s.version + 1,
      };
    }),
}));

/** An edge's circuit breaker state during or after a run, or undefined. */
export function useEdgeBreaker(id: string): string | undefined {
  return useLive((s) => s.breakers[id]);
}

/** A service's pods as the run reports them, or undefined when no run has. */
export function useNodePods(id: string): PodView[] | undefined {
  return useLive((s) => s.pods[id]);
}

/** The live figures of one node, or undefined when no run has reached it. */
export function useNodeLive(id: string): NodeLive | undefined {
  return useLive((s) => s.latest[id]);
}

// One run of a sweep: a pure function of (cell document, scenario, seed). It goes through the
// engine's public runToEnd and keeps the figures a sweep summarises.
import type { ArchDocument } from '../model';
import { runToEnd } from '../engine';
import { probeFigures, type ProbeFigures } from '../lab/probe';
import type { ParamValue } from './plan';

export interface RunMetrics {
  throughputRps: number;
  /** Mean response time (ms), end to end. */
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of requests that failed (0…1). */
  errorRate: number;
  sloPass: Record<string, boolean>;
}

/** One NDJSON line of a sweep's results. */
export interface RunLine {
  /** The sweep's id: lines of two different sweeps are never merged. */
  sweep: string;
  run: number;
  cell: number;
  params: Record<string, ParamValue>;
  seed: number;
  metrics: RunMetrics;
  /** The probed node's own figures, when the task names one (the concurrency lab). */
  probe?: ProbeFigures;
  engine: string;
}

export interface RunTask {
  sweep: string;
  run: number;
  cell: number;
  params: Record<string, ParamValue>;
  seed: number;
  scenario: string;
  doc: ArchDocument;
  /** A node whose own figures the line carries too. */
  probe?: string;
}

export function runOne(task: RunTask): RunLine {
  const r = runToEnd(task.doc, { scenario: task.scenario, seed: task.seed, traceEvery: 0 });
  const s = r.summary;
  const sloPass: Record<string, boolean> = {};
  for (const slo of r.slos) sloPass[slo.name] = slo.pass;
  return {
    sweep: task.sweep,
    run: task.run,
    cell: task.cell,
    params: task.params,
    seed: task.seed,
    metrics: {
      throughputRps: s.throughputRps,
      mean: s.latencyMs.mean,
      p50: s.latencyMs.p50,
      p95: s.latencyMs.p95,
      p99: s.latencyMs.p99,
      errorRate: s.requests > 0 ? Math.round(((s.requests - s.ok) / s.requests) * 1e6) / 1e6 : 0,
      sloPass,
    },
    ...(task.probe !== undefined ? { probe: probeFigures(r, task.probe) } : {}),
    engine: r.engine,
  };
}

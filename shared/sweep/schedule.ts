// Runs a sweep's share of runs on an executor and returns its lines in run order, whatever the
// number of jobs: results are placed by run index, and early stopping keeps, per cell, exactly
// the first k runs in seed order (the smallest k whose interval is narrow enough), so runs that
// finished out of order past k are dropped.
import { CompileError, createRun } from '../engine';
import type { ArchDocument } from '../model';
import { SweepError } from './paths';
import { cellDocument, type SweepPlan } from './plan';
import type { RunLine, RunTask } from './runOne';
import { stopAfter } from './summary';

/** Where runs execute: inline, worker threads (CLI) or Web Workers (the app). */
export interface Executor {
  /** Runs that may be in flight at once. */
  readonly width: number;
  run(task: RunTask): Promise<RunLine>;
  close(): Promise<void>;
}

export interface Shard {
  index: number;
  count: number;
}

export interface SweepRunOptions {
  executor: Executor;
  shard?: Shard | undefined;
  /** Apply the sweep's stop rule (cells end once their interval is narrow enough). */
  stop?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Checked between runs: true ends the sweep early (the lines so far are returned). */
  cancelled?: () => boolean;
  /** A node whose own figures every line carries (see RunTask.probe). */
  probe?: string;
}

/** Parses "I/N" (0 ≤ I < N). */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return `--shard must be I/N, e.g. 0/4 (got "${text}")`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard ${text}: N must be at least 1`;
  if (index >= count) return `--shard ${text}: index ${index} is out of range 0…${count - 1}`;
  return { index, count };
}

/**
 * The runs this shard owns: every Nth run; under early stopping every Nth cell, since a cell's
 * stopping point depends on all of its runs.
 */
export function shardRuns(plan: SweepPlan, shard: Shard | undefined, byCell: boolean): number[] {
  const out: number[] = [];
  const seeds = plan.seeds.length;
  for (let r = 0; r < plan.runs; r++) {
    const key = byCell ? Math.floor(r / seeds) : r;
    if (shard === undefined || key % shard.count === shard.index) out.push(r);
  }
  return out;
}

export async function runSweep(
  doc: ArchDocument,
  plan: SweepPlan,
  opts: SweepRunOptions,
): Promise<RunLine[]> {
  const stop = opts.stop === true ? plan.sweep.stop : undefined;
  const runs = shardRuns(plan, opts.shard, stop !== undefined);
  const seeds = plan.seeds.length;
  const cellDocs = new Map<number, ArchDocument>();
  const docOf = (cell: number) => {
    let d = cellDocs.get(cell);
    if (d === undefined) {
      d = cellDocument(doc, plan, plan.cells[cell]!);
      checkCell(d, plan, cell);
      cellDocs.set(cell, d);
    }
    return d;
  };
  const results = new Map<number, RunLine>();
  /** Per cell: runs kept once its stop rule fired. */
  const keep = new Map<number, number>();
  const prefix = new Map<number, number>();

  const settle = (line: RunLine) => {
    results.set(line.run, line);
    if (stop === undefined || keep.has(line.cell)) return;
    const first = line.cell * seeds;
    let k = prefix.get(line.cell) ?? 0;
    while (k < seeds && results.has(first + k)) k++;
    prefix.set(line.cell, k);
    const values: number[] = [];
    for (let i = 0; i < k; i++) values.push(results.get(first + i)!.metrics[stop.metric]);
    const at = stopAfter(values, stop, plan.sweep.confidence);
    if (at !== null) keep.set(line.cell, at);
  };

  let next = 0;
  let done = 0;
  const inFlight = new Set<Promise<void>>();
  const width = Math.max(1, opts.executor.width * 2);
  let failure: unknown = null;
  const skip = (r: number) => {
    const cell = Math.floor(r / seeds);
    const k = keep.get(cell);
    return k !== undefined && r - cell * seeds >= k;
  };
  while (next < runs.length || inFlight.size > 0) {
    while (
      next < runs.length &&
      inFlight.size < width &&
      failure === null &&
      opts.cancelled?.() !== true
    ) {
      const r = runs[next++]!;
      if (skip(r)) continue;
      const cell = Math.floor(r / seeds);
      const task: RunTask = {
        sweep: plan.id,
        run: r,
        cell,
        params: plan.cells[cell]!.params,
        seed: plan.seeds[r - cell * seeds]!,
        scenario: plan.scenario,
        doc: docOf(cell),
        ...(opts.probe !== undefined ? { probe: opts.probe } : {}),
      };
      const p: Promise<void> = opts.executor.run(task).then(
        (line) => {
          inFlight.delete(p);
          settle(line);
          opts.onProgress?.(++done, runs.length);
        },
        (e: unknown) => {
          inFlight.delete(p);
          failure ??= e;
        },
      );
      inFlight.add(p);
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (failure !== null) throw failure;
  return [...results.values()].filter((l) => !skip(l.run)).sort((a, b) => a.run - b.run);
}

/** A cell whose document cannot run is refused here, naming the cell, before any run starts. */
function checkCell(doc: ArchDocument, plan: SweepPlan, cell: number): void {
  try {
    createRun(doc, { scenario: plan.scenario, traceEvery: 0 });
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    const params = Object.entries(plan.cells[cell]!.params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    throw new SweepError(
      e.problems.map((p) => ({
        path: p.path,
        message: `${p.message} (in cell ${cell}: ${params})`,
      })),
    );
  }
}

/** Lines as NDJSON text (one JSON object per line). */
export function toNdjson(lines: readonly RunLine[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join('');
}

// Where a sweep's runs execute: inline (one at a time, on this thread) or on a tinypool pool of
// worker threads, one per job. Either way each run is the same pure function of its task.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { runOne, type RunLine } from '../../../shared/sweep/runOne';
import type { Executor } from '../../../shared/sweep/schedule';

export type { Executor };

export function inlineExecutor(): Executor {
  return {
    width: 1,
    run: (task) => Promise.resolve(runOne(task)),
    close: () => Promise.resolve(),
  };
}

export const defaultJobs = (): number => availableParallelism();

/** The worker script: bundled beside the CLI, or the TypeScript source under tsx. */
function workerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(
    here.endsWith('.ts') ? new URL('./worker.dev.mjs', here) : new URL('./sweepWorker.mjs', here),
  );
}

/** `file`: another worker script (a bench uses the bundled one under tsx). */
export function poolExecutor(jobs: number, file: string = workerFile()): Executor {
  const pool = new Tinypool({
    filename: file,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 60_000,
  });
  return {
    width: jobs,
    run: (task) => pool.run(task) as Promise<RunLine>,
    close: () => pool.destroy(),
  };
}

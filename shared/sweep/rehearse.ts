// A worker's first run is rehearsed: a couple of simulated seconds of that run's own document,
// result thrown away, before the real run starts.
//
// Why: in its first simulated seconds the engine settles the shapes of its objects (a clock or a
// latency sum that started at 0 becomes a fraction, an empty series gets its first numbers). When
// that happens after V8 has optimised the hot functions, the second run's new objects no longer
// match what the optimised code assumed, and V8 throws away and recompiles some twenty of them.
// Each worker thread compiles the engine on its own, so on a machine whose cores all run workers
// that compiling comes out of the sweep's time. Rehearsing first lets the optimiser see the final
// shapes: measured on the web shop sample, about 10 % fewer compilations and a quarter less
// compiler time per worker (tests/bench/sweep.bench.ts measures the sweep).
//
// Results do not change: the rehearsal is a separate run, and a run depends only on its task.
import type { ArchDocument } from '../model';
import { runToEnd } from '../engine';
import { runOne, type RunLine, type RunTask } from './runOne';

/** Simulated seconds of the rehearsal: a millisecond or two of engine time. */
export const REHEARSAL_S = 2;

/** The task's document with its scenario cut to its first REHEARSAL_S seconds, no warm-up. */
export function rehearsalDocument(task: RunTask): ArchDocument {
  return {
    ...task.doc,
    scenarios: task.doc.scenarios.map((s) =>
      s.name === task.scenario
        ? { ...s, durationS: Math.min(s.durationS, REHEARSAL_S), warmupS: 0 }
        : s,
    ),
  };
}

/** Run the first REHEARSAL_S seconds of the task's scenario, result discarded. */
export function rehearse(task: RunTask): void {
  try {
    runToEnd(rehearsalDocument(task), { scenario: task.scenario, seed: task.seed, traceEvery: 0 });
  } catch {
    // Only a warm-up: a document the short run cannot take fails, if at all, in the real run.
  }
}

/** A worker's run function: runOne, with the worker's first task rehearsed. */
export function workerRunner(): (task: RunTask) => RunLine {
  let rehearsed = false;
  return (task) => {
    if (!rehearsed) {
      rehearsed = true;
      rehearse(task);
    }
    return runOne(task);
  };
}

// A sweep's Web Worker: each message is one run's task; the answer is its result line.
import type { RunTask } from '../../../shared/sweep/runOne';
import { workerRunner } from '../../../shared/sweep/rehearse';

// The worker's first task is rehearsed first (shared/sweep/rehearse.ts).
const runOne = workerRunner();

self.onmessage = (e: MessageEvent<{ id: number; task: RunTask }>) => {
  try {
    self.postMessage({ id: e.data.id, line: runOne(e.data.task) });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) });
  }
};

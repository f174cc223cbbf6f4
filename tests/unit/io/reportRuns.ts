// Real runs for the report tests: the drill fixture (a kill-pod, 900 ms added on orders → payments
// for 15 s, inventory failing for 6 s; four SLOs, all broken; a hostile node label) and its calm
// scenario (no faults, one SLO that holds).
import type { RunResult } from '../../../shared/engine';
import { runToEnd } from '../../../shared/engine';
import type { ArchDocument } from '../../../shared/model';
import { loadFile } from './samples';

export const DRILL_FILE = 'tests/fixtures/io/drill.archlab.json';
export const HOSTILE_LABEL = '<script>alert("x")</script> catalog';

export const runOf = (doc: ArchDocument, scenario: string | undefined): RunResult =>
  runToEnd(doc, { scenario });

let cache: { doc: ArchDocument; drill: RunResult; calm: RunResult } | undefined;

export function drillRuns() {
  if (!cache) {
    const doc = loadFile(DRILL_FILE);
    cache = { doc, drill: runOf(doc, 'payments slow'), calm: runOf(doc, 'calm') };
  }
  return cache;
}

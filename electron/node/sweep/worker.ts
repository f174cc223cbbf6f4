// A sweep worker thread's task: one run, a pure function of its task (tinypool calls the default
// export with each task). The thread's first task is rehearsed first (shared/sweep/rehearse.ts).
import { loadDocument } from '../../../shared/model/validate';
import { runOne, type RunLine, type RunTask } from '../../../shared/sweep/runOne';
import { workerRunner } from '../../../shared/sweep/rehearse';

const runner = workerRunner();

export default function run(task: RunTask): RunLine {
  return runner(task);
}

/**
 * One short run of a document's first scenario, so that the functions a run calls are compiled
 * before the build saves V8's code cache of this bundle (sweepEngine.cjs.cache).
 */
export function warmUp(text: string): void {
  const loaded = loadDocument(text);
  if (!loaded.ok) throw new Error(`warm-up document: ${loaded.problems[0]?.message ?? 'invalid'}`);
  const doc = loaded.doc;
  const scenario = doc.scenarios[0];
  if (scenario === undefined) throw new Error('warm-up document: no scenario');
  const short = { ...doc, scenarios: [{ ...scenario, durationS: 5, warmupS: 0 }] };
  runOne({
    sweep: 'warm-up',
    run: 0,
    cell: 0,
    params: {},
    seed: 1,
    scenario: scenario.name,
    doc: short,
  });
}

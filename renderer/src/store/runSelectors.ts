// What the run panel shows, derived from the run slice: the loaded document's own runs, the run on
// screen (none while a new run goes), its verdict and blast radius. Derived values are cached per
// finished run, so selecting them returns the same object until the runs change.
import { blastNodeIds, drillVerdict, type DrillVerdict } from '../../../shared/drills/verdict';
import type { RunState, FinishedRun } from './runSlice';
import type { Store } from './index';

type RunView = Pick<Store, 'run' | 'runs' | 'docKey'>;

export const isActive = (status: RunState['status']) =>
  status === 'starting' || status === 'running' || status === 'paused';

let lastRuns: FinishedRun[] | null = null;
let lastKey = '';
let lastDocRuns: FinishedRun[] = [];

/** The finished runs of the loaded document, newest first (the same array until they change). */
export function docRuns(s: RunView): FinishedRun[] {
  if (s.runs !== lastRuns || s.docKey !== lastKey) {
    lastRuns = s.runs;
    lastKey = s.docKey;
    lastDocRuns = s.runs.filter((r) => r.docKey === s.docKey);
  }
  return lastDocRuns;
}

/** The run whose figures are on screen: the loaded document's last, or none while a run goes. */
export function shownRun(s: RunView): FinishedRun | undefined {
  return isActive(s.run.status) ? undefined : docRuns(s)[0];
}

const verdicts = new WeakMap<FinishedRun, DrillVerdict | null>();

/** A finished run's drill verdict, judged against the scenario as it ran; null if it cannot be. */
export function verdictOf(run: FinishedRun | undefined): DrillVerdict | null {
  if (!run) return null;
  let v = verdicts.get(run);
  if (v === undefined) {
    try {
      const scenario = run.doc.scenarios.find((x) => x.name === run.scenario);
      v = drillVerdict(run.doc, scenario, run.result);
    } catch (e) {
      console.error('verdict failed', e);
      v = null;
    }
    verdicts.set(run, v);
  }
  return v;
}

const blasts = new WeakMap<FinishedRun, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The nodes in the blast radius of the run on screen (outlined on the canvas). */
export function shownBlast(s: RunView): ReadonlySet<string> {
  const run = shownRun(s);
  if (!run) return NONE;
  let b = blasts.get(run);
  if (!b) {
    const v = verdictOf(run);
    b = v ? new Set(blastNodeIds(v)) : NONE;
    blasts.set(run, b);
  }
  return b;
}

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/** A run as Compare and the report list it: document, scenario, seed, edit and time. */
export const runLabel = (r: FinishedRun) =>
  `#${r.key} ${r.docName} · ${r.scenario} · seed ${r.seed} · v${r.docVersion} · ${clock(
    r.finishedAt,
  )}${r.stopped ? ' (stopped)' : ''}`;

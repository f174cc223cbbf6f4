// The run slice: the run in progress (status, pace, the document it started with) and the finished
// runs, each kept with the document it ran, as the one owner of every run result in the renderer.
// Views derive what they show from here (runSelectors.ts): a finished run shows beside its own
// document only, and the verdict is computed from the run, never stored beside it.
import type { StateCreator } from 'zustand';
import type { RunResult } from '../../../shared/engine';
import type { ArchDocument } from '../../../shared/model';
import type { Problem } from '../../../shared/protocol';
import type { Store } from './index';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'failed';

export interface RunState {
  id?: string;
  status: RunStatus;
  scenario?: string;
  seed?: number;
  durationS?: number;
  /** Simulated seconds reached. */
  tS: number;
  fraction: number;
  stopped?: boolean;
  error?: { message: string; problems: Problem[] };
  /** The document as the run started with it, and which edit of it that was. */
  doc?: ArchDocument;
  docVersion?: number;
}

export interface FinishedRun {
  key: number;
  /** Which loaded document ran: its path, a sample's id, or one untitled load. */
  docKey: string;
  docName: string;
  /** Counts document edits since it was opened: which version of the document ran. */
  docVersion: number;
  doc: ArchDocument;
  scenario: string;
  seed: number;
  /** Wall-clock time the run finished (ms since 1970), to tell runs apart. */
  finishedAt: number;
  result: RunResult;
  stopped: boolean;
}

export interface RunSlice {
  run: RunState;
  /** Finished runs of every document opened in this window, newest first. */
  runs: FinishedRun[];
  /** The loaded document's identity, set by each load (see documentSlice.loadDocument). */
  docKey: string;
  /** Edits of the loaded document since it was loaded. */
  docVersion: number;
  setRun(patch: Partial<RunState>): void;
  resetRun(patch?: Partial<RunState>): void;
  /** The run in progress has finished with this result: keep it with the document it ran. */
  finishRun(result: RunResult, stopped: boolean): void;
}

export const MAX_RUNS = 12;
let runKey = 0;

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set) => ({
  run: { status: 'idle', tS: 0, fraction: 0 },
  runs: [],
  docKey: 'untitled-0',
  docVersion: 0,
  setRun: (patch) => set((s) => ({ run: { ...s.run, ...patch } })),
  resetRun: (patch = {}) => set({ run: { status: 'idle', tS: 0, fraction: 0, ...patch } }),
  finishRun: (result, stopped) =>
    set((s) => {
      const doc = s.run.doc ?? s.doc;
      const entry: FinishedRun = {
        key: ++runKey,
        docKey: s.docKey,
        docName: doc.name,
        docVersion: s.run.docVersion ?? s.docVersion,
        doc,
        scenario: result.scenario,
        seed: result.seed,
        finishedAt: Date.now(),
        result,
        stopped,
      };
      return {
        run: { ...s.run, status: 'done', stopped, fraction: stopped ? s.run.fraction : 1 },
        runs: [entry, ...s.runs].slice(0, MAX_RUNS),
      };
    }),
});

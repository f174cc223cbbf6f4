// Drill state beside the document: the last few finished runs (for the verdict and Compare), the
// canvas's live context menu, the blast radius outlined on the canvas, and the bottom panel's tab.
import { create } from 'zustand';
import type { RunResult } from '../../../shared/engine';
import { blastNodeIds, drillVerdict, type DrillVerdict } from '../../../shared/drills/verdict';
import type { ArchDocument } from '../../../shared/model';
import { useStore } from '../store';

export type BottomTab =
  | 'summary'
  | 'charts'
  | 'events'
  | 'drill'
  | 'verdict'
  | 'compare'
  | 'problems'
  | 'transactions'
  | 'sweep';

export interface FinishedRun {
  key: number;
  scenario: string;
  /** Counts document edits since it was opened: which version of the document ran. */
  docVersion: number;
  docName: string;
  doc: ArchDocument;
  result: RunResult;
  verdict: DrillVerdict;
  stopped: boolean;
}

export interface ContextMenu {
  x: number;
  y: number;
  kind: 'node' | 'edge';
  id: string;
  /** A pod dot right-clicked inside a service. */
  pod?: number | undefined;
  /** The live pod right-clicked (its Kubernetes name), during a run. */
  podName?: string | undefined;
}

interface DrillState {
  runs: FinishedRun[];
  menu: ContextMenu | null;
  blast: ReadonlySet<string>;
  tab: BottomTab;
  setMenu(menu: ContextMenu | null): void;
  setTab(tab: BottomTab): void;
}

export const MAX_RUNS = 6;

export const useDrill = create<DrillState>()((set) => ({
  runs: [],
  menu: null,
  blast: new Set(),
  tab: 'summary',
  setMenu: (menu) => set({ menu }),
  setTab: (tab) => set({ tab }),
}));

let installed = false;
let runKey = 0;

/** Keep the run history in step with the run slice: the document a run started with, its result. */
export function installRunHistory() {
  if (installed) return;
  installed = true;
  let docVersion = 0;
  let started: { doc: ArchDocument; version: number } | null = null;
  useStore.subscribe((s, prev) => {
    if (s.epoch !== prev.epoch) docVersion = 0;
    else if (s.doc !== prev.doc) docVersion++;
    if (s.run.status === 'starting' && prev.run.status !== 'starting') {
      started = { doc: s.doc, version: docVersion };
      useDrill.setState({ blast: new Set() });
    }
    if (s.run.status === 'done' && prev.run.status !== 'done' && s.run.result && started) {
      const result = s.run.result as RunResult;
      const doc = started.doc;
      const scenario = doc.scenarios.find((x) => x.name === result.scenario);
      let verdict: DrillVerdict;
      try {
        verdict = drillVerdict(doc, scenario, result);
      } catch (e) {
        console.error('verdict failed', e);
        return;
      }
      const entry: FinishedRun = {
        key: ++runKey,
        scenario: result.scenario,
        docVersion: started.version,
        docName: doc.name,
        doc,
        result,
        verdict,
        stopped: s.run.stopped === true,
      };
      useDrill.setState((d) => ({
        runs: [entry, ...d.runs].slice(0, MAX_RUNS),
        blast: new Set(blastNodeIds(verdict)),
      }));
    }
  });
}

export const runLabel = (r: FinishedRun) =>
  `#${r.key} ${r.scenario} · v${r.docVersion}${r.stopped ? ' (stopped)' : ''}`;

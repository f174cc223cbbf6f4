// Drill state beside the document: the canvas's live context menu and the bottom panel's tab. The
// finished runs, their verdicts and blast radius live in the run slice (store/runSlice.ts).
import { create } from 'zustand';

export type BottomTab =
  | 'summary'
  | 'charts'
  | 'events'
  | 'drill'
  | 'verdict'
  | 'compare'
  | 'problems'
  | 'transactions'
  | 'sweep'
  | 'concurrency';

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
  menu: ContextMenu | null;
  tab: BottomTab;
  setMenu(menu: ContextMenu | null): void;
  setTab(tab: BottomTab): void;
}

export const useDrill = create<DrillState>()((set) => ({
  menu: null,
  tab: 'summary',
  setMenu: (menu) => set({ menu }),
  setTab: (tab) => set({ tab }),
}));

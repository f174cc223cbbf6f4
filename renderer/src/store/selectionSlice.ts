import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** Selection lives apart from the document: selecting is not an edit and is never undone. */
export interface SelectionSlice {
  /** Selected nodes and groups (they share one id space). */
  selectedNodes: string[];
  selectedEdges: string[];
  select(nodes: string[], edges?: string[]): void;
  clearSelection(): void;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set, get) => ({
  selectedNodes: [],
  selectedEdges: [],
  select: (nodes, edges = []) => {
    const s = get();
    if (same(s.selectedNodes, nodes) && same(s.selectedEdges, edges)) return;
    set({ selectedNodes: nodes, selectedEdges: edges });
  },
  clearSelection: () => get().select([], []),
});

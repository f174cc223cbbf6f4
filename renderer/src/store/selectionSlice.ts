import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** Selection lives apart from the document: selecting is not an edit and is never undone. */
export interface SelectionSlice {
  selectedNodes: string[];
  selectedEdges: string[];
  select(nodes: string[], edges?: string[]): void;
  clearSelection(): void;
}

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set) => ({
  selectedNodes: [],
  selectedEdges: [],
  select: (nodes, edges = []) => set({ selectedNodes: nodes, selectedEdges: edges }),
  clearSelection: () => set({ selectedNodes: [], selectedEdges: [] }),
});

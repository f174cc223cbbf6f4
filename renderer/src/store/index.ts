// One store of typed slices (STYLE.md habit 7). Components select single values, never the store.
// The document slice is undoable (zundo): only `doc` is recorded, and only when it changes, so one
// `apply` call — one user gesture — is one undo step; selection and UI state are never undone.
import { create } from 'zustand';
import { temporal } from 'zundo';
import { createDocumentSlice, setHistoryClearer, type DocumentSlice } from './documentSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type Store = DocumentSlice & SelectionSlice & RunSlice & UiSlice;

export const useStore = create<Store>()(
  temporal(
    (...a) => ({
      ...createDocumentSlice(...a),
      ...createSelectionSlice(...a),
      ...createRunSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      partialize: (s) => ({ doc: s.doc }),
      equality: (past, current) => past.doc === current.doc,
      limit: 500,
    },
  ),
);

setHistoryClearer(() => useStore.temporal.getState().clear());

// Derived state kept in step with the document, whatever changed it (an edit, undo or redo):
// the dirty flag, and a selection that only names things that still exist.
useStore.subscribe((s, prev) => {
  if (s.doc === prev.doc) return;
  const patch: Partial<Store> = {};
  if (s.epoch === prev.epoch) patch.docVersion = s.docVersion + 1;
  const dirty = s.doc !== s.savedDoc;
  const ids = new Set<string>();
  for (const n of s.doc.nodes) ids.add(n.id);
  for (const g of s.doc.groups) ids.add(g.id);
  for (const n of s.doc.notes ?? []) ids.add(n.id);
  const edgeIds = new Set(s.doc.edges.map((e) => e.id));
  const nodes = s.selectedNodes.filter((id) => ids.has(id));
  const edges = s.selectedEdges.filter((id) => edgeIds.has(id));
  if (dirty !== s.file.dirty) patch.file = { ...s.file, dirty };
  if (nodes.length !== s.selectedNodes.length) patch.selectedNodes = nodes;
  if (edges.length !== s.selectedEdges.length) patch.selectedEdges = edges;
  if (Object.keys(patch).length > 0) useStore.setState(patch);
});

export const undo = () => useStore.temporal.getState().undo();
export const redo = () => useStore.temporal.getState().redo();
export const canUndo = () => useStore.temporal.getState().pastStates.length > 0;
export const canRedo = () => useStore.temporal.getState().futureStates.length > 0;

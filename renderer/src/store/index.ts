// One store of typed slices (STYLE.md habit 7). Components select single values, never the store.
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './documentSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type Store = DocumentSlice & SelectionSlice & RunSlice & UiSlice;

export const useStore = create<Store>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createSelectionSlice(...a),
  ...createRunSlice(...a),
  ...createUiSlice(...a),
}));

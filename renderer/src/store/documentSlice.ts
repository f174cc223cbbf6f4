import type { StateCreator } from 'zustand';
import {
  applyOps,
  emptyDocument,
  type ApplyResult,
  type ArchDocument,
  type Op,
} from '../../../shared/model';
import type { Store } from './index';

export interface FileInfo {
  /** Where it lives: a path (desktop) or a handle key (web); absent until first saved. */
  path?: string | undefined;
  name: string;
  /** Derived: the document differs from the one last opened or saved. */
  dirty: boolean;
}

export interface DocumentSlice {
  doc: ArchDocument;
  file: FileInfo;
  /** The document as last opened or saved; `null` when it never was (a restored copy). */
  savedDoc: ArchDocument | null;
  /** Counts whole-document replacements (new, open, restore), so views can re-fit. */
  epoch: number;
  /**
   * The one way the editor changes the document: operations checked and applied by the model.
   * One call is one undo step. Nothing changes when an operation is refused.
   */
  apply(ops: readonly Op[]): ApplyResult;
  /** Replace the whole document (new, open, restore); the undo history starts afresh. */
  loadDocument(
    doc: ArchDocument,
    file: { path?: string | undefined; name: string; dirty?: boolean },
  ): void;
  markSaved(file: { path: string; name: string }): void;
}

/** Set by the store once it is built, so loading can clear the undo history. */
let clearHistory: () => void = () => undefined;
export function setHistoryClearer(fn: () => void) {
  clearHistory = fn;
}

export const createDocumentSlice: StateCreator<Store, [], [], DocumentSlice> = (set, get) => {
  const initial = emptyDocument();
  return {
    doc: initial,
    savedDoc: initial,
    epoch: 0,
    file: { name: 'Untitled.archlab.json', dirty: false },
    apply: (ops) => {
      const { doc } = get();
      if (ops.length === 0) return { ok: true, doc, inverse: [] };
      const result = applyOps(doc, ops);
      if (result.ok && result.doc !== doc) set({ doc: result.doc });
      return result;
    },
    loadDocument: (doc, { path, name, dirty = false }) => {
      set((s) => ({
        epoch: s.epoch + 1,
        doc,
        savedDoc: dirty ? null : doc,
        file: { path, name, dirty },
        selectedNodes: [],
        selectedEdges: [],
        layoutDone: false,
      }));
      clearHistory();
    },
    markSaved: ({ path, name }) =>
      set((s) => ({ savedDoc: s.doc, file: { path, name, dirty: false } })),
  };
};

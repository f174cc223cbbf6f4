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

export interface LoadedFile {
  path?: string | undefined;
  name: string;
  dirty?: boolean;
  /** What makes two loads the same document, for its runs; the path when absent. */
  key?: string | undefined;
}

/** Told after the document was replaced, with the run that was in progress (to stop it). */
export type ReplacedListener = (previous: { runId?: string | undefined; active: boolean }) => void;

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
  /**
   * Replace the whole document: the one path every load takes (New, Open, Open Recent, Open
   * Sample, Import, restore). The undo history starts afresh, and the run panel shows the new
   * document's own runs: none, or those of an earlier load with the same key (the file's path, or
   * `key` when given, as a sample's id). A run in progress belongs to the old document and ends.
   */
  loadDocument(doc: ArchDocument, file: LoadedFile): void;
  markSaved(file: { path: string; name: string }): void;
}

/** Set by the store once it is built, so loading can clear the undo history. */
let clearHistory: () => void = () => undefined;
export function setHistoryClearer(fn: () => void) {
  clearHistory = fn;
}

const replacedListeners = new Set<ReplacedListener>();
/** Be told whenever the document is replaced (the live run view and the engine use this). */
export function onDocumentReplaced(fn: ReplacedListener): () => void {
  replacedListeners.add(fn);
  return () => replacedListeners.delete(fn);
}
const active = (status: string) =>
  status === 'starting' || status === 'running' || status === 'paused';

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
    loadDocument: (doc, { path, name, dirty = false, key }) => {
      const previous = get().run;
      set((s) => ({
        epoch: s.epoch + 1,
        doc,
        savedDoc: dirty ? null : doc,
        file: { path, name, dirty },
        selectedNodes: [],
        selectedEdges: [],
        layoutDone: false,
        docKey: key ?? path ?? `untitled-${s.epoch + 1}`,
        docVersion: 0,
        run: { status: 'idle', tS: 0, fraction: 0 },
      }));
      clearHistory();
      for (const fn of replacedListeners)
        fn({ runId: previous.id, active: active(previous.status) });
    },
    markSaved: ({ path, name }) =>
      set((s) => ({ savedDoc: s.doc, file: { path, name, dirty: false } })),
  };
};

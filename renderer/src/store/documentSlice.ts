import type { StateCreator } from 'zustand';
import { ArchDocument } from '../../../shared/model';
import type { Store } from './index';

export interface FileInfo {
  /** Where it lives: a path (desktop) or a handle key (web); absent until first saved. */
  path?: string | undefined;
  name: string;
  dirty: boolean;
}

export interface DocumentSlice {
  doc: ArchDocument;
  file: FileInfo;
  /** Replace the whole document (open, new, restore). */
  loadDocument(doc: ArchDocument, file: FileInfo): void;
  markSaved(file: { path: string; name: string }): void;
}

export function emptyDoc(name = 'Untitled'): ArchDocument {
  return ArchDocument.parse({
    format: 'archlab',
    version: 1,
    name,
    scenarios: [{ name: 'baseline', durationS: 60, seed: 1 }],
  });
}

export const createDocumentSlice: StateCreator<Store, [], [], DocumentSlice> = (set) => ({
  doc: emptyDoc(),
  file: { name: 'Untitled.archlab.json', dirty: false },
  loadDocument: (doc, file) => set({ doc, file }),
  markSaved: ({ path, name }) => set({ file: { path, name, dirty: false } }),
});

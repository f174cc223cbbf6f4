// New, Open, Save, Save As: the platform does the file I/O, the model checks what comes in.
import { ArchDocument } from '../../../shared/model';
import { problemsOf, type Problem } from '../../../shared/protocol';
import { platform } from '../platform';
import { emptyDoc } from '../store/documentSlice';
import { useStore } from '../store';

export interface LoadOutcome {
  ok: boolean;
  problems: Problem[];
}

/** Parse a document's text; nothing is replaced unless it is entirely valid. */
export function parseDocumentText(text: string): { ok: true; doc: ArchDocument } | { ok: false; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: `not JSON: ${(e as Error).message}` }] };
  }
  const r = ArchDocument.safeParse(raw);
  return r.success ? { ok: true, doc: r.data } : { ok: false, problems: problemsOf(r.error) };
}

export function serialize(doc: ArchDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function newDocument() {
  useStore.getState().loadDocument(emptyDoc(), { name: 'Untitled.archlab.json', dirty: false });
}

export async function openDocument(): Promise<LoadOutcome | null> {
  const file = await platform().files.open();
  if (!file) return null;
  return loadText(file.text, { path: file.path || undefined, name: file.name });
}

export function loadText(text: string, where: { path?: string | undefined; name: string }): LoadOutcome {
  const r = parseDocumentText(text);
  if (!r.ok) {
    useStore.getState().setLoadError({ file: where.name, problems: r.problems });
    return { ok: false, problems: r.problems };
  }
  useStore.getState().loadDocument(r.doc, { ...where, dirty: false });
  return { ok: true, problems: [] };
}

export async function saveDocument(as = false) {
  const { doc, file, markSaved } = useStore.getState();
  const text = serialize(doc);
  const saved = as || !file.path ? await platform().files.saveAs(text, file.name) : await platform().files.save(text, file);
  if (saved) markSaved(saved);
}

// New, Open, Open Recent, Open Sample, Save, Save As, and the recovery copy. The platform does the
// file I/O; the model checks what comes in (a file that fails replaces nothing).
import { emptyDocument, serializeDocument } from '../../../shared/model';
import type { Problem } from '../../../shared/protocol';
import { platform } from '../platform';
import { useStore } from '../store';
import type { LoadedFile } from '../store/documentSlice';
import type { ParsedText } from './parseOpened';
import { parseInWorker } from './parseInWorker';
import { samples } from './samples';

export interface LoadOutcome {
  ok: boolean;
  problems: Problem[];
}

const store = () => useStore.getState();

/** Ask a question with buttons; resolves with the chosen button's id. */
export function ask(
  title: string,
  message: string,
  buttons: { id: string; label: string; tone?: 'primary' | 'danger' }[],
  cancelId: string,
): Promise<string> {
  return new Promise((resolve) => {
    store().setPrompt({
      title,
      message,
      buttons,
      cancelId,
      resolve: (id) => {
        store().setPrompt(null);
        resolve(id);
      },
    });
  });
}

/** Before the document is replaced or closed: true when it is fine to go on. */
export async function confirmDiscard(): Promise<boolean> {
  const { file } = store();
  if (!file.dirty) return true;
  const choice = await ask(
    `Save changes to ${file.name}?`,
    'Your changes will be lost if you don’t save them.',
    [
      { id: 'save', label: 'Save', tone: 'primary' },
      { id: 'discard', label: 'Don’t Save', tone: 'danger' },
      { id: 'cancel', label: 'Cancel' },
    ],
    'cancel',
  );
  if (choice === 'cancel') return false;
  if (choice === 'discard') return true;
  return saveDocument(false);
}

export async function newDocument() {
  if (!(await confirmDiscard())) return;
  await clearRecovery();
  store().loadDocument(emptyDocument(), { name: 'Untitled.archlab.json' });
}

/** Texts longer than this show "Opening …" while the worker parses them. */
const LARGE_TEXT = 1_000_000;
let latestLoad = 0;

/**
 * Open a document from text (JSON, YAML, or an exported SVG/PNG picture): the open path every
 * file, sample, import and restore takes. The text is parsed and checked in a worker, so a large
 * or hostile file never freezes the window; then the document is replaced through the store's
 * `loadDocument`, which also swaps the run panel to the new document's own runs. When two opens
 * overlap, the later one wins; an edit made while the file was read is not dropped unasked.
 */
export async function loadText(text: string, where: LoadedFile): Promise<LoadOutcome> {
  const ticket = ++latestLoad;
  const before = store().doc;
  if (text.length > LARGE_TEXT) store().showToast(`Opening ${where.name}…`);
  const opening = text.length > LARGE_TEXT ? store().toast : null;
  let parsed: ParsedText;
  try {
    parsed = await parseInWorker(text);
  } catch (e) {
    parsed = {
      picture: false,
      result: { ok: false, problems: [{ path: '(document)', message: (e as Error).message }] },
    };
  } finally {
    // "Opening …" goes when the file has been read, unless another message replaced it.
    if (opening && store().toast?.id === opening.id) useStore.setState({ toast: null });
  }
  const superseded = { ok: false, problems: [] };
  if (ticket !== latestLoad) return superseded;
  const { picture, result: r } = parsed;
  if (!r.ok) {
    store().setLoadError({ file: where.name, problems: r.problems });
    return { ok: false, problems: r.problems };
  }
  if (store().doc !== before && !(await confirmDiscard())) return superseded;
  if (ticket !== latestLoad) return superseded;
  // A document opened from an exported picture is saved as a document, never over the picture.
  const name = where.name.replace(/\.(svg|png)$/i, '.archlab.json');
  store().loadDocument(
    r.doc,
    picture || name !== where.name ? { name, dirty: true, key: where.key } : where,
  );
  if (r.migratedFrom !== undefined) {
    store().showToast(`Opened a version ${r.migratedFrom} file; saving writes the current version`);
  }
  return { ok: true, problems: [] };
}

/** A document an import made: opened the way File › Open opens one, as a new unsaved document. */
export async function openImportedText(text: string, name: string): Promise<LoadOutcome> {
  await clearRecovery();
  return loadText(text, { name, dirty: true });
}

export async function openDocument(): Promise<LoadOutcome | null> {
  if (!(await confirmDiscard())) return null;
  const file = await platform().files.open();
  if (!file) return null;
  await clearRecovery();
  return await loadText(file.text, { path: file.path || undefined, name: file.name });
}

export async function openRecentFile(path: string): Promise<LoadOutcome | null> {
  if (!(await confirmDiscard())) return null;
  try {
    const file = await platform().files.openPath(path);
    await clearRecovery();
    return await loadText(file.text, { path: file.path || undefined, name: file.name });
  } catch (e) {
    // A web edition's recent path is a key ("web:…:NAME"): the user knows the file by its name.
    const shown = path.startsWith('web:') ? path.split(':').slice(3).join(':') : path;
    store().showToast(`Could not open ${shown}: ${(e as Error).message}`, 'error');
    return null;
  }
}

export async function openSample(id: string): Promise<LoadOutcome | null> {
  const sample = samples.find((s) => s.id === id);
  if (!sample || !(await confirmDiscard())) return null;
  await clearRecovery();
  // A sample opens as a new, unsaved document: Save asks where to keep a copy.
  return loadText(sample.text, { name: sample.fileName, key: `sample:${sample.id}` });
}

/** Save (or Save As); true when the document was written. */
export async function saveDocument(as = false): Promise<boolean> {
  const { doc, file, markSaved, showToast } = store();
  const text = serializeDocument(doc);
  const oldKey = recoveryKey();
  try {
    const saved =
      as || !file.path
        ? await platform().files.saveAs(text, file.name)
        : await platform().files.save(text, file);
    if (!saved) return false;
    markSaved(saved);
    lastWritten = null;
    await platform()
      .recovery.clear(oldKey)
      .catch(() => undefined);
    return true;
  } catch (e) {
    showToast(`Could not save: ${(e as Error).message}`, 'error');
    return false;
  }
}

// ---- The recovery copy: written every few seconds while there are unsaved changes ----

const UNTITLED = 'untitled:';
let lastWritten: unknown = null;

function recoveryKey(): string {
  const { file } = store();
  return file.path ?? `${UNTITLED}${file.name}`;
}

async function clearRecovery() {
  lastWritten = null;
  await platform()
    .recovery.clear(recoveryKey())
    .catch(() => undefined);
}

export async function writeRecoveryNow(): Promise<void> {
  const { doc, file } = store();
  if (!file.dirty || doc === lastWritten) return;
  lastWritten = doc;
  await platform().recovery.write(recoveryKey(), serializeDocument(doc));
}

export function startAutosave(everyMs = 3000): () => void {
  const t = setInterval(() => {
    void writeRecoveryNow().catch((e: unknown) => console.warn('recovery copy failed', e));
  }, everyMs);
  return () => clearInterval(t);
}

/** On start: offer to restore a recovery copy left by a session that did not save. */
export async function offerRecovery(): Promise<void> {
  let copies;
  try {
    copies = await platform().recovery.read();
  } catch {
    return;
  }
  const copy = copies[0];
  if (!copy) return;
  const name = copy.key.startsWith(UNTITLED)
    ? copy.key.slice(UNTITLED.length)
    : (copy.key.split(/[\\/]/).pop() ?? copy.key);
  const when = new Date(copy.savedAt).toLocaleString();
  const choice = await ask(
    'Restore unsaved work?',
    `ArchLab closed without saving ${name}. A recovery copy from ${when} is available.`,
    [
      { id: 'restore', label: 'Restore', tone: 'primary' },
      { id: 'discard', label: 'Discard' },
    ],
    'later',
  );
  if (choice === 'restore') {
    const path = copy.key.startsWith(UNTITLED) ? undefined : copy.key;
    const r = await loadText(copy.text, { path, name, dirty: true });
    if (r.ok) lastWritten = store().doc;
  } else if (choice === 'discard') {
    for (const c of copies)
      await platform()
        .recovery.clear(c.key)
        .catch(() => undefined);
  }
}

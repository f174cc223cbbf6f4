// File › Import and YAML dropped on the canvas: the files go through the pure importer, ELK lays
// the result out, and it opens through the same path as File › Open, as a new unsaved document.
// A problem anywhere stops the import with its file, document, line and path; nothing changes.
import { serializeDocument } from '../../../shared/model';
import { ImportError, importFiles, layoutImported, placeText } from '../../../shared/io/import';
import type { OpenedFile } from '../../../shared/protocol';
import { confirmDiscard, openImportedText } from '../app/fileActions';
import { layoutAll, layoutInWorker } from '../canvas/layout';
import { measured, zoomToFit } from '../canvas/flowApi';
import { platform } from '../platform';
import { useStore } from '../store';
import { showImportReport } from './ImportReportDialog';

const store = () => useStore.getState();

/** Import these files' texts; true when a document was opened. */
export async function importTexts(files: OpenedFile[]): Promise<boolean> {
  const label = files.map((f) => f.name).join(', ');
  let result;
  try {
    result = importFiles(files.map((f) => ({ name: f.name, text: f.text })));
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    store().setLoadError({
      file: label,
      problems: e.problems.map((p) => ({ path: placeText(p), message: p.message })),
    });
    return false;
  }
  let doc = result.doc;
  try {
    doc = await layoutImported(doc, { layout: layoutInWorker });
  } catch {
    // The importer's own columns stand when ELK is unavailable.
  }
  const name = `${doc.name || 'Imported'}.archlab.json`;
  const opened = await openImportedText(serializeDocument(doc), name);
  if (!opened.ok) return false;
  showImportReport(doc, result.report);
  await relayoutWhenDrawn(doc.nodes.map((n) => n.id));
  return true;
}

/** Lay out again with the sizes the nodes are drawn at (a service with its pods is taller than
 * the importer's estimate), once the canvas has measured them; then fit the view. */
async function relayoutWhenDrawn(ids: string[]): Promise<void> {
  for (let i = 0; i < 40 && !measured(ids); i++) await new Promise((r) => setTimeout(r, 50));
  if (!measured(ids)) return;
  await layoutAll();
  await new Promise((r) => setTimeout(r, 50));
  zoomToFit();
}

export async function importDocument(): Promise<void> {
  if (!(await confirmDiscard())) return;
  let files: OpenedFile[] | null;
  try {
    files = await platform().files.importFiles();
  } catch (e) {
    store().setLoadError({
      file: 'import',
      problems: [{ path: '', message: (e as Error).message }],
    });
    return;
  }
  if (files && files.length > 0) await importTexts(files);
}

/** YAML files dropped on the canvas. */
export async function importDropped(files: File[]): Promise<void> {
  const yaml = files.filter((f) => /\.(ya?ml)$/i.test(f.name));
  if (yaml.length === 0 || !(await confirmDiscard())) return;
  const { readAll } = await import('../platform/web/importFiles');
  try {
    await importTexts(await readAll(yaml));
  } catch (e) {
    store().setLoadError({
      file: yaml[0]?.name ?? 'import',
      problems: [{ path: '', message: (e as Error).message }],
    });
  }
}

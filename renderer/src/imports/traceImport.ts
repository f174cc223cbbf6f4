// File › Import Traces: OTLP or Jaeger JSON files read as streams (never whole in memory), the
// pure calibration draws a document, ELK lays it out, and it opens as a new unsaved document
// with the calibration report beside it. A problem stops the import with the file and where.
import { serializeDocument } from '../../../shared/model';
import { layoutImported } from '../../../shared/io/import';
import { calibrate, TraceInputError, type TraceSource } from '../../../shared/traces/in';
import { confirmDiscard, openImportedText } from '../app/fileActions';
import { layoutAll, layoutInWorker } from '../canvas/layout';
import { measured, zoomToFit } from '../canvas/flowApi';
import { useStore } from '../store';
import { showCalibrationReport } from './CalibrationReportDialog';

const store = () => useStore.getState();

/** A file's text in chunks, decoded as it streams. */
async function* textChunks(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

function pickTraceFiles(): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.json,.ndjson,.jsonl,application/json';
    input.onchange = () => resolve([...(input.files ?? [])]);
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Calibrate from these files and open the result; true when a document was opened. */
export async function importTraceFiles(files: File[]): Promise<boolean> {
  const sources: TraceSource[] = files.map((f) => ({ name: f.name, chunks: textChunks(f) }));
  let result;
  try {
    result = await calibrate(sources);
  } catch (e) {
    store().setLoadError({
      file: files.map((f) => f.name).join(', '),
      problems: [{ path: '', message: e instanceof TraceInputError ? e.message : String(e) }],
    });
    return false;
  }
  let doc = result.doc;
  try {
    doc = await layoutImported(doc, { layout: layoutInWorker });
  } catch {
    // The calibration's own columns stand when ELK is unavailable.
  }
  const opened = await openImportedText(serializeDocument(doc), `${doc.name}.archlab.json`);
  if (!opened.ok) return false;
  showCalibrationReport(doc.name, result.summary, result.markdown);
  const ids = doc.nodes.map((n) => n.id);
  for (let i = 0; i < 40 && !measured(ids); i++) await new Promise((r) => setTimeout(r, 50));
  if (measured(ids)) {
    await layoutAll();
    await new Promise((r) => setTimeout(r, 50));
    zoomToFit();
  }
  return true;
}

export async function importTraces(): Promise<void> {
  if (!(await confirmDiscard())) return;
  const files = await pickTraceFiles();
  if (files && files.length > 0) await importTraceFiles(files);
}

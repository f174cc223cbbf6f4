// File › Import Traces: OTLP or Jaeger JSON files read as streams (never whole in memory) by a
// Web Worker that runs the pure calibration (traceImport.worker.ts), ELK lays the document out,
// and it opens as a new unsaved document with the calibration report beside it. A problem stops
// the import with the file and where.
import { serializeDocument } from '../../../shared/model';
import { layoutImported } from '../../../shared/io/import';
import type { CalibrationResult } from '../../../shared/traces/in';
import { confirmDiscard, openImportedText } from '../app/fileActions';
import { layoutAll, layoutInWorker } from '../canvas/layout';
import { measured, zoomToFit } from '../canvas/flowApi';
import { useStore } from '../store';
import { showCalibrationReport } from './CalibrationReportDialog';
import type { TraceImportReply } from './traceImport.worker';

const store = () => useStore.getState();

/** The calibration of these files, made in a worker of its own (ended once it answers). */
function calibrateInWorker(files: File[]): Promise<TraceImportReply> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./traceImport.worker.ts', import.meta.url), {
      type: 'module',
    });
    const done = (reply: TraceImportReply) => {
      worker.terminate();
      resolve(reply);
    };
    worker.onmessage = (e: MessageEvent<TraceImportReply>) => done(e.data);
    worker.onerror = (e) =>
      done({ ok: false, inputError: false, message: e.message || 'the import worker failed' });
    worker.postMessage(files);
  });
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
  const mb = files.reduce((n, f) => n + f.size, 0) / 2 ** 20;
  store().showToast(
    `Reading ${files.length === 1 ? files[0]!.name : `${files.length} trace files`} (${mb < 1 ? '< 1' : Math.round(mb)} MB)…`,
    'info',
  );
  const reply = await calibrateInWorker(files);
  if (!reply.ok) {
    store().setLoadError({
      file: files.map((f) => f.name).join(', '),
      problems: [
        { path: '', message: reply.inputError ? reply.message : `Error: ${reply.message}` },
      ],
    });
    return false;
  }
  const result: CalibrationResult = reply.result;
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

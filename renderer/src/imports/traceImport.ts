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
import type {
  TraceImportProgress as TraceImportProgressMessage,
  TraceImportReply,
} from './traceImport.worker';
import { useTraceProgress } from './traceProgress';

const store = () => useStore.getState();

/**
 * The calibration of these files, made in a worker of its own (ended once it answers), its
 * reading shown with Cancel; null when the user cancels.
 */
function calibrateInWorker(files: File[]): Promise<TraceImportReply | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./traceImport.worker.ts', import.meta.url), {
      type: 'module',
    });
    const done = (reply: TraceImportReply | null) => {
      worker.terminate();
      useTraceProgress.setState({ progress: null });
      resolve(reply);
    };
    const label = files.length === 1 ? files[0]!.name : `${files.length} trace files`;
    const totalBytes = files.reduce((n, f) => n + f.size, 0);
    const show = (readBytes: number) =>
      useTraceProgress.setState({
        progress: { label, readBytes, totalBytes, cancel: () => done(null) },
      });
    show(0);
    worker.onmessage = (e: MessageEvent<TraceImportReply | TraceImportProgressMessage>) => {
      if ('readBytes' in e.data) show(e.data.readBytes);
      else done(e.data);
    };
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
  const reply = await calibrateInWorker(files);
  if (reply === null) {
    store().showToast('Import cancelled: nothing changed.', 'info');
    return false;
  }
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

// Calibration from traces: read OTLP or Jaeger JSON as text chunks (streamed by the host),
// infer the service graph and its figures, and write them into a new or an existing document.
import type { ArchDocument } from '../../model';
import { figures, newDocument } from './build';
import type { FitChoice } from './fit';
import { infer } from './infer';
import { calibrateInto } from './into';
import { readTraceChunks, TraceInputError, type FileTally } from './reader';
import { calibrationMarkdown, type CalibrationSummary } from './report';
import { SpanStore } from './store';

export { TraceInputError } from './reader';
export { calibrationMarkdown, THIN_SPANS, type CalibrationSummary } from './report';
export type { FitChoice } from './fit';

export interface TraceSource {
  name: string;
  chunks: AsyncIterable<string> | Iterable<string>;
}

export interface CalibrateOptions {
  /** Update this document instead of drawing a new one. */
  into?: ArchDocument | undefined;
  name?: string | undefined;
  dist?: FitChoice | undefined;
}

export interface CalibrationResult {
  doc: ArchDocument;
  summary: CalibrationSummary;
  markdown: string;
}

/** Throws TraceInputError for input it cannot read (naming the file and where). */
export async function calibrate(
  sources: TraceSource[],
  options: CalibrateOptions = {},
): Promise<CalibrationResult> {
  if (sources.length === 0) throw new TraceInputError('no trace files given');
  const store = new SpanStore();
  const files: FileTally[] = [];
  for (const s of sources) files.push(await readTraceChunks(store, s.name, s.chunks));
  if (store.size === 0)
    throw new TraceInputError(
      `no usable spans in ${sources.map((s) => s.name).join(', ')}${describeSkipped(files)}`,
    );
  const inf = infer(store);
  const f = figures(inf, options.dist ?? 'auto');
  const summary: CalibrationSummary = {
    files,
    counts: inf.counts,
    samplingSeen: inf.samplingSeen,
    figures: f,
  };
  let doc: ArchDocument;
  if (options.into !== undefined) {
    const r = calibrateInto(options.into, f);
    doc = r.doc;
    summary.into = {
      name: options.into.name,
      updatedNodes: r.updatedNodes,
      updatedEdges: r.updatedEdges,
      unmatched: r.unmatched,
    };
  } else {
    const first = sources[0]?.name ?? 'traces';
    const name =
      options.name ?? first.replace(/^.*[\\/]/, '').replace(/\.(nd)?json(l)?$/i, '') ?? 'traces';
    doc = newDocument(f, name);
  }
  return { doc, summary, markdown: calibrationMarkdown(summary) };
}

function describeSkipped(files: FileTally[]): string {
  const parts: string[] = [];
  for (const f of files)
    for (const [why, n] of Object.entries(f.skipped)) parts.push(`${n} ${why}`);
  return parts.length === 0 ? '' : ` (skipped: ${parts.join(', ')})`;
}

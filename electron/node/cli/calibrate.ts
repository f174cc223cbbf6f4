// `archlab calibrate`: trace files streamed from disk into the pure calibration, the document
// and the report written atomically.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import ELK from 'elkjs/lib/elk.bundled.js';
import { loadDocument, serializeDocument, type ArchDocument } from '../../../shared/model';
import { layoutImported } from '../../../shared/io/import';
import { calibrate, TraceInputError, type FitChoice } from '../../../shared/traces/in';
import { writeFileAtomic } from '../atomicFile';
import { EXIT, type Output } from './commands';

export interface CalibrateArgs {
  out: string;
  into?: string | undefined;
  report?: string | undefined;
  dist?: string | undefined;
  name?: string | undefined;
}

const DISTS: readonly FitChoice[] = ['auto', 'lognormal', 'empirical'];

/** A file's text in chunks of about 1 MB, never the whole file at once. */
export async function* fileChunks(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) yield chunk as string;
}

export async function calibrateCommand(
  files: string[],
  args: CalibrateArgs,
  io: Output,
): Promise<number> {
  const dist = (args.dist ?? 'auto') as FitChoice;
  if (!DISTS.includes(dist)) {
    io.err(`--dist: must be one of ${DISTS.join(', ')}, not "${args.dist}"\n`);
    return EXIT.badInput;
  }
  for (const f of files) {
    const s = await stat(f).catch((e: Error) => e);
    if (s instanceof Error || !s.isFile()) {
      io.err(`${f}: cannot read: ${s instanceof Error ? s.message : 'not a file'}\n`);
      return EXIT.badInput;
    }
  }
  let into: ArchDocument | undefined;
  if (args.into !== undefined) {
    const text = await readFile(args.into, 'utf8').catch((e: Error) => e);
    if (text instanceof Error) {
      io.err(`--into ${args.into}: cannot read: ${text.message}\n`);
      return EXIT.badInput;
    }
    const loaded = loadDocument(text);
    if (!loaded.ok) {
      for (const p of loaded.problems) io.err(`--into ${args.into}: ${p.path}: ${p.message}\n`);
      return EXIT.badInput;
    }
    into = loaded.doc;
  }
  let result;
  try {
    result = await calibrate(
      files.map((f) => ({ name: f, chunks: fileChunks(f) })),
      { into, dist, name: args.name },
    );
  } catch (e) {
    if (e instanceof TraceInputError) {
      io.err(`${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
  const doc = into === undefined ? await layoutImported(result.doc, new ELK()) : result.doc;
  try {
    await writeFileAtomic(args.out, serializeDocument(doc));
    if (args.report !== undefined) await writeFileAtomic(args.report, result.markdown);
  } catch (e) {
    io.err(`cannot write: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
  const s = result.summary;
  const c = s.counts;
  io.out(
    `${args.out}: ${s.figures.nodes.length} services, ${s.figures.edges.length} calls from ` +
      `${c.spans.toLocaleString('en-US')} spans in ${c.traces.toLocaleString('en-US')} traces` +
      `${args.report === undefined ? ' (--report FILE.md gives the figures)' : `; report in ${args.report}`}\n`,
  );
  if (s.into !== undefined)
    io.out(
      `updated ${s.into.updatedNodes.length} node(s) and ${s.into.updatedEdges.length} edge(s) of ${args.into}` +
        `${s.into.unmatched.length > 0 ? `; not in the document: ${s.into.unmatched.join('; ')}` : ''}\n`,
    );
  const notes: string[] = [];
  if (c.orphans > 0) notes.push(`${c.orphans} orphan span(s)`);
  if (c.serverLongerThanClient > 0)
    notes.push(`${c.serverLongerThanClient} server span(s) longer than their client span`);
  if (c.callOutsideParent > 0) notes.push(`${c.callOutsideParent} call(s) outside their parent`);
  if (c.unansweredCalls > 0) notes.push(`${c.unansweredCalls} call(s) with no known callee`);
  const skipped = s.files.reduce(
    (n, f) => n + Object.values(f.skipped).reduce((a, b) => a + b, 0),
    0,
  );
  if (skipped > 0) notes.push(`${skipped} span(s) skipped`);
  if (notes.length > 0) io.err(`note: ${notes.join(', ')} (the report lists them)\n`);
  return EXIT.ok;
}

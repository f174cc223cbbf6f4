// `archlab import` and `archlab export`: files in and out around the pure importer and exporters.
import { readFile, stat, writeFile } from 'node:fs/promises';
import ELK from 'elkjs/lib/elk.bundled.js';
import { serializeDocument, loadDocument } from '../../../shared/model';
import {
  ImportError,
  MAX_IMPORT_BYTES,
  importFiles,
  importReportMarkdown,
  layoutImported,
  placeText,
  type SourceFile,
} from '../../../shared/io/import';
import { EXPORT_TARGETS, exportTo, type ExportTarget } from '../../../shared/io/export';
import { checkCompose } from '../composeCheck';
import type { Output } from './commands';

export interface ImportArgs {
  out: string;
  report?: string | undefined;
}

async function readInput(file: string): Promise<SourceFile> {
  const size = (await stat(file)).size;
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError([
      {
        file,
        doc: 0,
        path: '',
        message: `the file is ${(size / 1024 / 1024).toFixed(1)} MB; an import reads files of up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      },
    ]);
  }
  return { name: file, text: await readFile(file, 'utf8') };
}

export async function importCommand(
  files: string[],
  args: ImportArgs,
  io: Output,
): Promise<number> {
  let sources: SourceFile[];
  try {
    sources = await Promise.all(files.map(readInput));
  } catch (e) {
    if (e instanceof ImportError) {
      for (const p of e.problems) io.err(`${placeText(p)}\n`);
      return 2;
    }
    io.err(`cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  let result;
  try {
    result = importFiles(sources, { checkCompose });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    for (const p of e.problems) io.err(`${placeText(p)}\n`);
    return 2;
  }
  const doc = await layoutImported(result.doc, new ELK());
  await writeFile(args.out, serializeDocument(doc));
  if (args.report !== undefined)
    await writeFile(args.report, importReportMarkdown(doc, result.report));
  const r = result.report;
  io.out(
    `${args.out}: ${doc.nodes.length} nodes, ${doc.edges.length} edges; ` +
      `${r.dangling.length} dangling reference(s), ${r.ignored.length} ignored, ${r.unmapped.length} field(s) not mapped` +
      `${args.report === undefined ? ' (--report FILE.md lists them)' : `; report in ${args.report}`}\n`,
  );
  for (const d of r.dangling)
    io.err(`dangling: ${d.from} names ${d.reference} (${placeText(d.place)})\n`);
  return 0;
}

export interface ExportArgs {
  to: string;
  out: string;
  scenario?: string | undefined;
}

export async function exportCommand(file: string, args: ExportArgs, io: Output): Promise<number> {
  if (!(EXPORT_TARGETS as readonly string[]).includes(args.to)) {
    io.err(`--to: must be one of ${EXPORT_TARGETS.join(', ')}, not "${args.to}"\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const loaded = loadDocument(text);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.err(`${p.path}: ${p.message}\n`);
    return 2;
  }
  const doc = loaded.doc;
  if (args.scenario !== undefined && !doc.scenarios.some((s) => s.name === args.scenario)) {
    io.err(
      `--scenario: no scenario "${args.scenario}" (has ${doc.scenarios.map((s) => `"${s.name}"`).join(', ') || 'none'})\n`,
    );
    return 2;
  }
  const out = exportTo(doc, args.to as ExportTarget, args.scenario);
  await writeFile(args.out, out.text);
  io.out(`${args.out}: ${args.to} export written\n`);
  for (const n of out.notes) io.err(`note: ${n}\n`);
  return 0;
}

// Import Kubernetes manifests (multi-document, Lists, several files), Istio objects and Compose
// files into a new document and a report of what was read, defaulted, ignored and inferred.
// Pure: the host reads the files and may add a full Compose Specification check.
import type { ArchDocument } from '../../model';
import { ImportContext } from './context';
import { buildDocument } from './build';
import { importCompose } from './compose';
import { importKubernetes } from './k8sImport';
import { ImportError, type ImportProblem, type ImportReport, type SourceFile } from './types';
import { readObjects, type SourceObject } from './yamlDocs';

export * from './types';
export { MAX_IMPORT_BYTES } from './yamlDocs';
export { importReportMarkdown } from './reportMarkdown';
export { layoutImported, type ElkLike } from './layout';

export interface ImportOptions {
  /** Document name; default from the first file. */
  name?: string;
  /** A full check of a Compose file (the host's JSON Schema validator): problems by path. */
  checkCompose?: (value: unknown) => { path: (string | number)[]; message: string }[];
}

export interface Imported {
  doc: ArchDocument;
  report: ImportReport;
}

const isKubernetes = (o: SourceObject) =>
  typeof o.value['apiVersion'] === 'string' && typeof o.value['kind'] === 'string';
const isCompose = (o: SourceObject) =>
  o.value['services'] !== undefined && o.value['kind'] === undefined;

/** Throws ImportError naming file, document, line and path of every problem; no partial result. */
export function importFiles(files: SourceFile[], options: ImportOptions = {}): Imported {
  if (files.length === 0)
    throw new ImportError([{ file: '', doc: 0, path: '', message: 'no files to import' }]);
  const objects = readObjects(files);
  const ctx = new ImportContext(files.map((f) => f.name));
  const kube: SourceObject[] = [];
  const compose: SourceObject[] = [];
  for (const o of objects) {
    if (isKubernetes(o)) kube.push(o);
    else if (isCompose(o)) compose.push(o);
    else
      ctx.fail(
        o.at([]),
        'neither a Kubernetes object (no apiVersion and kind) nor a Compose file (no services)',
      );
  }
  if (kube.length === 0 && compose.length === 0 && ctx.problems.length === 0)
    ctx.fail(
      { file: files[0]?.name ?? '', doc: 0, path: '' },
      'no Kubernetes objects or Compose services in the input',
    );
  for (const c of compose)
    for (const p of options.checkCompose?.(c.value) ?? [])
      ctx.fail(c.at(p.path), `Compose Specification: ${p.message}`);
  if (ctx.problems.length > 0) throw new ImportError(ctx.problems);
  ctx.report.format =
    kube.length > 0 && compose.length > 0 ? 'mixed' : kube.length > 0 ? 'kubernetes' : 'compose';
  if (kube.length > 0) importKubernetes(ctx, kube);
  if (compose.length > 0) importCompose(ctx, compose);
  if (ctx.problems.length > 0) throw new ImportError(ctx.problems);
  if (ctx.nodes.length === 0)
    throw new ImportError([
      {
        file: files[0]?.name ?? '',
        doc: 0,
        path: '',
        message: 'nothing to draw: no workload in the input became a node',
      } satisfies ImportProblem,
    ]);
  const name =
    options.name ??
    (files[0]?.name ?? 'Imported').replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
  return { doc: buildDocument(ctx, name), report: ctx.report };
}

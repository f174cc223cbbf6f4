// YAML files into documents that remember where each value came from. Multi-document streams
// (`---`) and Kubernetes `List` objects come apart here; a file that does not parse stops the import
// with the parser's own line and column.
import {
  LineCounter,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
} from 'yaml';
import { ImportError, type ImportProblem, type Place, type SourceFile } from './types';

/** Larger files are refused before parsing: an import holds a handful of megabytes at most. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
const MAX_DOCUMENTS = 5000;

export type PathPart = string | number;

/** One object of a file: a YAML document, or an item of a `List` in one. */
export interface SourceObject {
  file: string;
  doc: number;
  /** Where the object sits inside its YAML document (`items[3]` for a List item). */
  base: PathPart[];
  value: Record<string, unknown>;
  /** The place of a field of this object. */
  at(path: PathPart[]): Place;
}

export function pathText(parts: PathPart[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

function placer(file: string, index: number, doc: Document, lines: LineCounter) {
  const at = (node: unknown, path: PathPart[]): Place | undefined => {
    if (!isNode(node) || !node.range) return undefined;
    const pos = lines.linePos(node.range[0]);
    return { file, doc: index, line: pos.line, column: pos.col, path: pathText(path) };
  };
  return (path: PathPart[]): Place => {
    // The field's own key (or list item) names the line; for a missing field, its parent's.
    for (let n = path.length; n >= 1; n--) {
      const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
      const last = path[n - 1];
      let place: Place | undefined;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        place = at(pair?.key, path);
      } else if (isSeq(parent) && typeof last === 'number') place = at(parent.items[last], path);
      if (place) return place;
    }
    return at(doc.contents, path) ?? { file, doc: index, path: pathText(path) };
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every object of the files, in order; throws ImportError naming the first unreadable place. */
export function readObjects(files: SourceFile[]): SourceObject[] {
  const problems: ImportProblem[] = [];
  const out: SourceObject[] = [];
  for (const f of files) {
    if (f.text.length > MAX_IMPORT_BYTES) {
      problems.push({
        file: f.name,
        doc: 0,
        path: '',
        message: `the file is ${(f.text.length / 1024 / 1024).toFixed(1)} MB; an import reads files of up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
      });
      continue;
    }
    const lines = new LineCounter();
    const docs = parseAllDocuments(f.text, { lineCounter: lines, uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [];
    if (list.length > MAX_DOCUMENTS) {
      problems.push({
        file: f.name,
        doc: MAX_DOCUMENTS,
        path: '',
        message: `more than ${MAX_DOCUMENTS} YAML documents in one file`,
      });
      continue;
    }
    list.forEach((doc, index) => {
      const error = doc.errors[0];
      if (error) {
        const pos = error.linePos?.[0];
        problems.push({
          file: f.name,
          doc: index,
          line: pos?.line,
          column: pos?.col,
          path: '',
          message: `not valid YAML: ${error.message.split('\n')[0] ?? ''}`,
        });
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        problems.push({ file: f.name, doc: index, path: '', message: (e as Error).message });
        return;
      }
      if (value === null || value === undefined) return; // an empty document between `---`
      const at = placer(f.name, index, doc, lines);
      if (!isRecord(value)) {
        problems.push({
          ...at([]),
          message:
            'expected a mapping (a Kubernetes object or a Compose file), not a list or scalar',
        });
        return;
      }
      const kind = value['kind'];
      if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items'])) {
        value['items'].forEach((item: unknown, i) => {
          const base = ['items', i];
          if (!isRecord(item)) {
            problems.push({ ...at(base), message: 'a List item must be an object' });
            return;
          }
          out.push({
            file: f.name,
            doc: index,
            base,
            value: item,
            at: (p) => at([...base, ...p]),
          });
        });
        return;
      }
      out.push({ file: f.name, doc: index, base: [], value, at });
    });
  }
  if (problems.length > 0) throw new ImportError(problems);
  return out;
}

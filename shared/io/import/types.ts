// What an import reads, makes and reports. Every place names the file, the YAML document's index
// in it (from 0), the line and column, and the field path inside the object.

export interface SourceFile {
  name: string;
  text: string;
}

export interface Place {
  file: string;
  /** The YAML document's index in its file, from 0. */
  doc: number;
  line?: number | undefined;
  column?: number | undefined;
  /** The field's path inside the document, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
}

export interface ImportProblem extends Place {
  message: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface ReadItem {
  place: Place;
  /** `Deployment frontend`, `compose service web`. */
  what: string;
  /** What it became: `service frontend (3 replicas)`. */
  as: string;
}

export interface DefaultedItem {
  place: Place;
  field: string;
  value: string;
  why: string;
}

export interface IgnoredItem {
  place: Place;
  what: string;
  why: string;
}

export interface InferredEdge {
  from: string;
  to: string;
  kind: 'call' | 'publish';
  confidence: Confidence;
  evidence: { text: string; place: Place }[];
  /** Call props read from a mesh (timeoutMs, retries, outlierDetection). */
  policy?: Record<string, unknown>;
}

export interface DanglingReference {
  from: string;
  reference: string;
  place: Place;
}

export interface ImportReport {
  files: string[];
  format: 'kubernetes' | 'compose' | 'mixed';
  read: ReadItem[];
  defaulted: DefaultedItem[];
  ignored: IgnoredItem[];
  /** Fields that were read but the lab has no counterpart for: listed, never dropped silently. */
  unmapped: { place: Place; why: string }[];
  edges: InferredEdge[];
  dangling: DanglingReference[];
}

export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map(placeText).join('\n'));
    this.name = 'ImportError';
  }
}

/** `file.yaml, document 2, line 14, column 7, spec.selector`. */
export function placeText(p: Place & { message?: string }): string {
  const where = [p.file, `document ${p.doc}`];
  if (p.line !== undefined) where.push(`line ${p.line}`);
  if (p.column !== undefined) where.push(`column ${p.column}`);
  if (p.path !== '') where.push(p.path);
  return p.message === undefined ? where.join(', ') : `${where.join(', ')}: ${p.message}`;
}

// The state of one import: the nodes made so far, the names callers may use for them, the edges
// with their evidence, the report, and the problems that stop the import.
import type { NodeKind } from '../../model';
import type { Confidence, ImportProblem, ImportReport, InferredEdge, Place } from './types';
import { pathText, type PathPart, type SourceObject } from './yamlDocs';

export interface EnvRef {
  name: string;
  value: string;
  place: Place;
}

export interface ImportedNode {
  id: string;
  name: string;
  /** Namespace or Compose network: the group it is drawn in. */
  group: string;
  kind: NodeKind;
  props: Record<string, unknown>;
  labels: Record<string, string>;
  env: EnvRef[];
  place: Place;
  what: string;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export class ImportContext {
  readonly problems: ImportProblem[] = [];
  readonly nodes: ImportedNode[] = [];
  /** DNS names (Service names, with their namespace forms; Compose names and aliases) → node id. */
  readonly hosts = new Map<string, string>();
  readonly edges = new Map<string, InferredEdge>();
  readonly report: ImportReport;

  constructor(files: string[]) {
    this.report = {
      files,
      format: 'kubernetes',
      read: [],
      defaulted: [],
      ignored: [],
      unmapped: [],
      edges: [],
      dangling: [],
    };
  }

  fail(place: Place, message: string): void {
    this.problems.push({ ...place, message });
  }

  unmapped(src: SourceObject, path: PathPart[], why: string): void {
    this.report.unmapped.push({ place: src.at(path), why });
  }

  defaulted(place: Place, field: string, value: string, why: string): void {
    this.report.defaulted.push({ place, field, value, why });
  }

  node(id: string): ImportedNode | undefined {
    return this.nodes.find((n) => n.id === id);
  }

  /** A node id that is free: the name, else namespace.name, else with a number. */
  freeId(name: string, group: string): string {
    const clean = (s: string) => s.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 120) || 'node';
    const taken = (id: string) => this.nodes.some((n) => n.id === id);
    let id = clean(name);
    if (taken(id)) id = clean(`${group}.${name}`);
    for (let i = 2; taken(id); i++) id = clean(`${name}-${i}`);
    return id;
  }

  addEdge(
    from: string,
    to: string,
    text: string,
    place: Place,
    confidence: Confidence,
    kind: 'call' | 'publish' = 'call',
  ): void {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const edge = this.edges.get(key);
    if (!edge) {
      this.edges.set(key, { from, to, kind, confidence, evidence: [{ text, place }] });
      return;
    }
    if (!edge.evidence.some((e) => e.text === text)) edge.evidence.push({ text, place });
    if (RANK[confidence] > RANK[edge.confidence]) edge.confidence = confidence;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export { pathText };

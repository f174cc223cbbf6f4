// What a fault can be aimed at in a document, as options for a target picker.
import type { TargetKind } from '../../../shared/drills/faults';
import type { ArchDocument } from '../../../shared/model';

export interface TargetOption {
  id: string;
  label: string;
}

const nodeName = (doc: ArchDocument, id: string) => {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.label ?? id;
};

export function targetOptions(doc: ArchDocument, kinds: readonly TargetKind[]): TargetOption[] {
  const out: TargetOption[] = [];
  const seen = new Set<string>();
  const push = (id: string, label: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, label });
  };
  for (const kind of kinds) {
    if (kind === 'edge') {
      for (const e of doc.edges)
        push(e.id, `${nodeName(doc, e.from)} → ${nodeName(doc, e.to)} (edge)`);
    } else if (kind === 'zone') {
      for (const g of doc.groups) if (g.kind === 'zone') push(g.id, `${g.label ?? g.id} (zone)`);
    } else {
      for (const n of doc.nodes) {
        const fits = kind === 'node' ? n.kind !== 'client' : n.kind === kind;
        if (fits) push(n.id, `${n.label ?? n.id} (${n.kind})`);
      }
    }
  }
  return out;
}

/** A timeline target's display name: a node's label, an edge as "a → b", a zone's label. */
export function targetName(doc: ArchDocument, id: string | undefined | null): string {
  if (id === undefined || id === null || id === '') return '(everything)';
  const n = doc.nodes.find((x) => x.id === id);
  if (n) return n.label ?? n.id;
  const e = doc.edges.find((x) => x.id === id);
  if (e) return `${nodeName(doc, e.from)} → ${nodeName(doc, e.to)}`;
  const g = doc.groups.find((x) => x.id === id);
  if (g) return g.label ?? g.id;
  return id;
}

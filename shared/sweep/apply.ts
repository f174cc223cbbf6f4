// A sweep's answer applied to the document: the edits (one updateNode / updateEdge per node or
// edge a parameter sets) that turn the document into a cell's, for the store to apply as one step.
import type { ArchDocument, Op } from '../model';
import { cellDocument, type SweepPlan } from './plan';

export function cellOps(doc: ArchDocument, plan: SweepPlan, cell: number): Op[] {
  const target = plan.cells[cell];
  if (target === undefined) return [];
  const next = cellDocument(doc, plan, target);
  const ops: Op[] = [];
  const changed = (a: object, b: object) => {
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b))
      if (JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify(v)) patch[k] = v;
    return Object.keys(patch).length > 0 ? patch : null;
  };
  doc.nodes.forEach((n, i) => {
    const patch = changed(n.props, next.nodes[i]!.props);
    if (patch !== null) ops.push({ type: 'updateNode', id: n.id, props: patch });
  });
  doc.edges.forEach((e, i) => {
    const patch = changed(e.props, next.edges[i]!.props);
    if (patch !== null) ops.push({ type: 'updateEdge', id: e.id, props: patch });
  });
  return ops;
}

/** A starting list of values around a field's current value, for "sweep this". */
export function valuesAround(current: unknown, integer: boolean): number[] {
  const v = typeof current === 'number' && Number.isFinite(current) ? current : 1;
  if (integer) {
    const from = Math.max(v > 0 ? 1 : 0, v - 2);
    return Array.from({ length: 5 }, (_, k) => from + k);
  }
  if (v === 0) return [0, 0.25, 0.5, 1];
  return [0.5, 0.75, 1, 1.5, 2].map((f) => Number((v * f).toPrecision(6)));
}

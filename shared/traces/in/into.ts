// Calibrating an existing document: nodes matched by label (or id) to service names, edges by
// their two ends. Only the fields traces measure change; replicas, probes, limits, timeouts and
// retries stay as they were. What traces show but the document lacks is listed, not added.
import type { ArchDocument } from '../../model';
import { checked, edgeProps, mark, nodeProps, type Figures } from './build';
import { clientOf } from './infer';

export interface IntoResult {
  doc: ArchDocument;
  updatedNodes: string[];
  updatedEdges: string[];
  /** Services and calls in the traces with no node or edge in the document. */
  unmatched: string[];
}

export function calibrateInto(doc: ArchDocument, f: Figures): IntoResult {
  const byName = new Map<string, string>();
  for (const n of doc.nodes) byName.set(n.id, n.id);
  for (const n of doc.nodes) if (n.label !== undefined) byName.set(n.label, n.id);
  // A client made up for a root service matches the document's client that calls it.
  for (const n of f.nodes) {
    if (n.role !== 'client' || byName.has(n.name)) continue;
    const entry = f.edges.find((e) => e.from === n.name)?.to;
    const entryId = entry === undefined ? undefined : byName.get(entry);
    const c = doc.edges.find(
      (e) => e.to === entryId && doc.nodes.find((x) => x.id === e.from)?.kind === 'client',
    );
    if (c !== undefined && n.name === clientOf(entry ?? '')) byName.set(n.name, c.from);
  }
  const figuresOf = new Map(f.nodes.map((n) => [n.name, n]));
  const updatedNodes: string[] = [];
  const updatedEdges: string[] = [];
  const unmatched: string[] = [];
  const nodeFig = new Map<string, (typeof f.nodes)[number]>();
  for (const n of f.nodes) {
    const id = byName.get(n.name);
    if (id === undefined) unmatched.push(`service ${n.name}`);
    else nodeFig.set(id, n);
  }
  const nodes = doc.nodes.map((node) => {
    const n = nodeFig.get(node.id);
    if (n === undefined) return node;
    const role = node.kind === 'gateway' || node.kind === 'pod' ? 'service' : node.kind;
    if (role !== n.role && !(role === 'service' && n.role !== 'client')) {
      unmatched.push(`service ${n.name}: the traces show a ${n.role}, the document a ${node.kind}`);
      return node;
    }
    const { props, fields } = nodeProps({ ...n, role: role as typeof n.role }, false);
    const known = Object.keys(node.props);
    const keep = fields.filter((k) => known.includes(k));
    if (keep.length === 0) return node;
    updatedNodes.push(node.id);
    const next: Record<string, unknown> = { ...node.props };
    for (const k of keep) next[k] = props[k];
    return { ...node, props: next, calibrated: mark(n.spans, f.at, keep) };
  });
  const edgeFig = new Map<string, (typeof f.edges)[number]>();
  for (const e of f.edges) {
    const from = byName.get(e.from);
    const to = byName.get(e.to);
    if (from !== undefined && to !== undefined) edgeFig.set(`${from}\u0000${to}`, e);
  }
  const seen = new Set<string>();
  const edges = doc.edges.map((edge) => {
    const key = `${edge.from}\u0000${edge.to}`;
    const e = edgeFig.get(key);
    if (e === undefined || edge.kind !== 'call') return edge;
    seen.add(key);
    const leaf = (figuresOf.get(e.to)?.self ?? null) === null;
    const { props, fields } = edgeProps(e, leaf, false);
    updatedEdges.push(edge.id);
    return {
      ...edge,
      props: { ...edge.props, ...props },
      calibrated: mark(e.attempts, f.at, fields),
    };
  });
  for (const [key, e] of edgeFig) if (!seen.has(key)) unmatched.push(`call ${e.from} → ${e.to}`);
  for (const e of f.edges)
    if (!byName.has(e.from) || !byName.has(e.to)) unmatched.push(`call ${e.from} → ${e.to}`);
  return {
    doc: checked({ ...doc, nodes, edges }),
    updatedNodes,
    updatedEdges,
    unmatched: [...new Set(unmatched)],
  };
}

// Sweep parameters address a field as the inspector names it: `nodes.ID.props.FIELD`,
// `edges.ID.props.FIELD`, or `clients.FIELD` for that field of every client. FIELD is the
// inspector's dotted path inside props (`serviceTime.meanMs`).
import {
  EDGE_PROPS_SCHEMAS,
  PROPS_SCHEMAS,
  edgeFieldsOf,
  fieldsOf,
  propsPatchFor,
  schemaProblems,
  type ArchDocument,
  type FieldMeta,
} from '../model';

/** A bad sweep: every problem names the JSON path of what is wrong. */
export class SweepError extends Error {
  readonly problems: { path: string; message: string }[];
  constructor(problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'SweepError';
    this.problems = problems;
  }
}

export interface FieldTarget {
  where: 'node' | 'edge';
  id: string;
  field: string;
  meta: FieldMeta;
}

type Resolved = { ok: true; targets: FieldTarget[] } | { ok: false; message: string };

function byId<T extends { id: string }>(items: readonly T[], rest: string): [T, string] | null {
  // Ids may hold dots: take the longest id followed by `.props.`.
  let best: [T, string] | null = null;
  for (const item of items) {
    const prefix = `${item.id}.props.`;
    if (rest.startsWith(prefix) && (best === null || item.id.length > best[0].id.length))
      best = [item, rest.slice(prefix.length)];
  }
  return best;
}

function fieldOf(fields: readonly FieldMeta[], field: string, what: string): FieldMeta | string {
  const meta = fields.find((f) => f.path === field);
  if (meta !== undefined) return meta;
  const known = fields
    .filter((f) => f.type === 'number' || f.type === 'integer')
    .map((f) => f.path);
  return `${what} has no field "${field}" (numeric fields: ${known.join(', ')})`;
}

/** The nodes and edges a parameter path sets, or why it names nothing. */
export function resolvePath(doc: ArchDocument, path: string): Resolved {
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  const rest = dot < 0 ? '' : path.slice(dot + 1);
  if (head === 'clients') {
    const clients = doc.nodes.filter((n) => n.kind === 'client');
    if (clients.length === 0) return { ok: false, message: 'the document has no client' };
    const meta = fieldOf(fieldsOf('client'), rest, 'a client');
    if (typeof meta === 'string') return { ok: false, message: meta };
    return {
      ok: true,
      targets: clients.map((c) => ({ where: 'node', id: c.id, field: rest, meta })),
    };
  }
  if (head === 'nodes' || head === 'edges') {
    const items: readonly { id: string; kind: string }[] = head === 'nodes' ? doc.nodes : doc.edges;
    const hit = byId(items, rest);
    if (hit === null) {
      const ids = items.map((i) => i.id).join(', ') || 'none';
      return {
        ok: false,
        message: `names no ${head === 'nodes' ? 'node' : 'edge'} (write ${head}.ID.props.FIELD; ids: ${ids})`,
      };
    }
    const [item, field] = hit;
    const fields =
      head === 'nodes'
        ? fieldsOf(item.kind as ArchDocument['nodes'][number]['kind'])
        : edgeFieldsOf(item.kind as ArchDocument['edges'][number]['kind']);
    const meta = fieldOf(fields, field, `${item.kind} "${item.id}"`);
    if (typeof meta === 'string') return { ok: false, message: meta };
    return {
      ok: true,
      targets: [{ where: head === 'nodes' ? 'node' : 'edge', id: item.id, field, meta }],
    };
  }
  return {
    ok: false,
    message: 'must start with nodes., edges. or clients. (e.g. nodes.orders.props.replicas)',
  };
}

/** The document with every target set to value; a value the schema refuses gives its reason. */
export function applyValue(
  doc: ArchDocument,
  targets: readonly FieldTarget[],
  value: unknown,
): ArchDocument | string {
  let nodes = doc.nodes;
  let edges = doc.edges;
  for (const t of targets) {
    if (t.where === 'node') {
      const next = nodes.map((n) => {
        if (n.id !== t.id) return n;
        const props = { ...n.props, ...propsPatchFor(n.props, t.field, value) };
        const parsed = PROPS_SCHEMAS[n.kind].safeParse(props);
        if (!parsed.success) return schemaProblems(parsed.error, props)[0]?.message ?? 'invalid';
        return { ...n, props: parsed.data } as typeof n;
      });
      const bad = next.find((n) => typeof n === 'string');
      if (bad !== undefined) return `${String(value)} for ${t.field}: ${bad}`;
      nodes = next as typeof nodes;
    } else {
      const next = edges.map((e) => {
        if (e.id !== t.id) return e;
        const props = { ...e.props, ...propsPatchFor(e.props, t.field, value) };
        const parsed = EDGE_PROPS_SCHEMAS[e.kind].safeParse(props);
        if (!parsed.success) return schemaProblems(parsed.error, props)[0]?.message ?? 'invalid';
        return { ...e, props: parsed.data } as typeof e;
      });
      const bad = next.find((e) => typeof e === 'string');
      if (bad !== undefined) return `${String(value)} for ${t.field}: ${bad}`;
      edges = next as typeof edges;
    }
  }
  return { ...doc, nodes, edges };
}

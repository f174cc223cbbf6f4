// The inspector's forms: nodes (one or many, of one kind or of several), edges and groups. Every
// write goes through the model: a value it refuses is shown on the field and never written.
import {
  applyOps,
  edgeFieldsOf,
  fieldsOf,
  getAt,
  propsPatchFor,
  validateField,
  type Edge,
  type FieldMeta,
  type Group,
  type Node,
  type Op,
} from '../../../shared/model';
import type { Problem } from '../../../shared/protocol';
import { useStore } from '../store';
import { FieldList } from './FieldList';
import { sweepField } from '../sweep/sweepEdit';
import { grouped } from './sections';
import { MIXED } from './fieldValue';

const store = () => useStore.getState();

function sharedValue<T>(items: readonly T[], read: (item: T) => unknown): unknown {
  const first = items[0];
  if (first === undefined) return undefined;
  const v = read(first);
  const key = JSON.stringify(v);
  return items.every((x) => JSON.stringify(read(x)) === key) ? v : MIXED;
}

const reason = (p: Problem | undefined) => p?.message ?? 'is not allowed';

/** Apply ops, or say why not (the first problem), writing nothing. */
function tryApply(ops: Op[]): string | null {
  if (ops.length === 0) return null;
  const r = store().apply(ops);
  return r.ok ? null : reason(r.problems[0]);
}

/** Fields every one of the kinds has, with the same type (multi-select of several kinds). */
function sharedFields(kinds: readonly Node['kind'][]): FieldMeta[] {
  const [first, ...rest] = kinds;
  if (first === undefined) return [];
  const others = rest.map((k) => fieldsOf(k));
  return fieldsOf(first).filter((f) =>
    others.every((list) => list.some((g) => g.path === f.path && g.type === f.type)),
  );
}

const LABEL: FieldMeta = { path: 'label', label: 'Name', type: 'string', optional: true };

/** "from traces, 12,400 spans, 2026-05-28" beside the props a calibration set. */
function calibratedNote(
  items: readonly (Node | Edge)[],
): ((prop: string) => string | undefined) | undefined {
  const c = items.length === 1 ? items[0]?.calibrated : undefined;
  if (c === undefined) return undefined;
  const text = `from traces, ${c.spans.toLocaleString('en-US')} spans, ${c.at.slice(0, 10)}`;
  return (prop) => (c.fields.includes(prop) ? text : undefined);
}

export function NodeForm({ nodes }: { nodes: readonly Node[] }) {
  const kinds = [...new Set(nodes.map((n) => n.kind))];
  const fields = grouped(
    kinds.length === 1 ? kinds[0] : undefined,
    kinds.length === 1 ? fieldsOf(kinds[0] as Node['kind']) : sharedFields(kinds),
  );
  const commit = (path: string, value: unknown): string | null => {
    const ops: Op[] = [];
    for (const n of nodes) {
      const r = validateField(n.kind, n.props, path, value);
      if (!r.ok) return reason(r.problems[0]);
      ops.push({ type: 'updateNode', id: n.id, props: r.patch });
    }
    return tryApply(ops);
  };
  return (
    <>
      <FieldList
        fields={[LABEL]}
        valueAt={() => sharedValue(nodes, (n) => n.label)}
        commit={(_p, v) =>
          tryApply(
            nodes.map((n): Op => ({ type: 'updateNode', id: n.id, label: v ? String(v) : null })),
          )
        }
      />
      {kinds.length > 1 && <p className="muted small">Fields shared by {kinds.join(', ')}.</p>}
      <FieldList
        fields={fields}
        valueAt={(path) => sharedValue(nodes, (n) => getAt(n.props, path))}
        commit={commit}
        note={calibratedNote(nodes)}
        sweep={
          nodes.length === 1
            ? (path, value, integer) =>
                sweepField(`nodes.${nodes[0]!.id}.props.${path}`, value, integer)
            : undefined
        }
      />
    </>
  );
}

export function EdgeForm({ edges }: { edges: readonly Edge[] }) {
  const kinds = [...new Set(edges.map((e) => e.kind))];
  const fields =
    kinds.length === 1
      ? edgeFieldsOf(kinds[0] as Edge['kind'])
      : edgeFieldsOf('publish').filter((f) => edgeFieldsOf('call').some((g) => g.path === f.path));
  const commit = (path: string, value: unknown): string | null => {
    const ops = edges.map((e): Op => ({
      type: 'updateEdge',
      id: e.id,
      props: propsPatchFor(e.props, path, value),
    }));
    const dry = applyOps(store().doc, ops);
    return dry.ok ? tryApply(ops) : reason(dry.problems[0]);
  };
  return (
    <>
      <FieldList
        fields={[LABEL]}
        valueAt={() => sharedValue(edges, (e) => e.label)}
        commit={(_p, v) =>
          tryApply(
            edges.map((e): Op => ({ type: 'updateEdge', id: e.id, label: v ? String(v) : null })),
          )
        }
      />
      <FieldList
        fields={fields}
        valueAt={(path) => sharedValue(edges, (e) => getAt(e.props, path))}
        commit={commit}
        note={calibratedNote(edges)}
        sweep={
          edges.length === 1
            ? (path, value, integer) =>
                sweepField(`edges.${edges[0]!.id}.props.${path}`, value, integer)
            : undefined
        }
      />
    </>
  );
}

const GROUP_FIELDS: FieldMeta[] = [
  LABEL,
  { path: 'kind', label: 'Kind', type: 'enum', options: ['zone', 'team'] },
  { path: 'size.width', label: 'Width', type: 'number', min: 40, section: 'Size' },
  { path: 'size.height', label: 'Height', type: 'number', min: 40, section: 'Size' },
];

export function GroupForm({ groups }: { groups: readonly Group[] }) {
  const commit = (path: string, value: unknown): string | null => {
    const ops = groups.map((g): Op => {
      if (path === 'label')
        return { type: 'updateGroup', id: g.id, label: value ? String(value) : null };
      if (path === 'kind') return { type: 'updateGroup', id: g.id, kind: value as Group['kind'] };
      const size = { ...g.size, [path === 'size.width' ? 'width' : 'height']: value as number };
      return { type: 'updateGroup', id: g.id, size };
    });
    const dry = applyOps(store().doc, ops);
    return dry.ok ? tryApply(ops) : reason(dry.problems[0]);
  };
  return (
    <FieldList
      fields={GROUP_FIELDS}
      valueAt={(path) => sharedValue(groups, (g) => getAt(g, path))}
      commit={commit}
    />
  );
}

// Operations on nodes and edges.
import { hasId, indexOf, parentProblem, routeProblems } from './checks';
import { Edge, Node, type ArchDocument } from './document';
import {
  done,
  fail,
  insertAt,
  parseAs,
  patchObject,
  previousValues,
  removeAt,
  replaceAt,
  withLabel,
  withMark,
} from './opHelpers';
import type { Op, OpOf, Step } from './opTypes';
import { dropReferences } from './references';
import { canConnect, isBounded } from './rules';

export function addNode(doc: ArchDocument, op: OpOf<'addNode'>): Step {
  const at = op.index ?? doc.nodes.length;
  const parsed = parseAs(Node, op.node, ['nodes', at]);
  if (!parsed.ok) return parsed;
  const node = parsed.value;
  const index = indexOf(doc);
  if (hasId(index, node.id)) return fail(`nodes[${at}].id`, `id "${node.id}" is already used`);
  const parent = parentProblem(index, node.parentId);
  if (parent !== null) return fail(`nodes[${at}].parentId`, parent);
  const routes = routeProblems(index, node, `nodes[${at}]`);
  if (routes.length > 0) return { ok: false, problems: routes };
  return done({ ...doc, nodes: insertAt(doc.nodes, node, op.index) }, [
    { type: 'removeNode', id: node.id },
  ]);
}

export function removeNode(doc: ArchDocument, op: OpOf<'removeNode'>): Step {
  const at = doc.nodes.findIndex((n) => n.id === op.id);
  const node = doc.nodes[at];
  if (!node) return fail(op.id, `there is no node "${op.id}"`);
  const removed: Op[] = [];
  const goneIds = new Set([op.id]);
  const edges = doc.edges.filter((e, i) => {
    if (e.from !== op.id && e.to !== op.id) return true;
    removed.push({ type: 'addEdge', edge: e, index: i });
    goneIds.add(e.id);
    return false;
  });
  const cut = dropReferences({ ...doc, nodes: removeAt(doc.nodes, at), edges }, goneIds);
  return done(cut.doc, [{ type: 'addNode', node, index: at }, ...removed, ...cut.inverse]);
}

export function moveNodes(doc: ArchDocument, op: OpOf<'moveNodes'>): Step {
  let nodes = doc.nodes;
  let groups = doc.groups;
  let notes = doc.notes ?? [];
  let notesMoved = false;
  const back: { id: string; position: { x: number; y: number } }[] = [];
  for (const move of op.moves) {
    const position = { x: move.position.x, y: move.position.y };
    if (!Number.isFinite(position.x) || !Number.isFinite(position.y)) {
      return fail(move.id, 'a position must be finite numbers');
    }
    const n = nodes.findIndex((x) => x.id === move.id);
    const node = nodes[n];
    if (node) {
      back.unshift({ id: move.id, position: node.position });
      nodes = replaceAt(nodes, n, { ...node, position });
      continue;
    }
    const k = notes.findIndex((x) => x.id === move.id);
    const note = notes[k];
    if (note) {
      back.unshift({ id: move.id, position: note.position });
      notes = replaceAt(notes, k, { ...note, position });
      notesMoved = true;
      continue;
    }
    const g = groups.findIndex((x) => x.id === move.id);
    const group = groups[g];
    if (!group) return fail(move.id, `there is no node, group or note "${move.id}"`);
    back.unshift({ id: move.id, position: group.position });
    groups = replaceAt(groups, g, { ...group, position });
  }
  const moved = !notesMoved ? { ...doc, nodes, groups } : { ...doc, nodes, groups, notes };
  return done(moved, [{ type: 'moveNodes', moves: back }]);
}

export function updateNode(doc: ArchDocument, op: OpOf<'updateNode'>): Step {
  const at = doc.nodes.findIndex((n) => n.id === op.id);
  const node = doc.nodes[at];
  if (!node) return fail(op.id, `there is no node "${op.id}"`);
  const props = op.props === undefined ? node.props : patchObject(node.props, op.props);
  const candidate = {
    ...withMark(withLabel(node, op.label), op.calibrated, Object.keys(op.props ?? {})),
    props,
  };
  const parsed = parseAs(Node, candidate, ['nodes', at]);
  if (!parsed.ok) return parsed;
  const routes = routeProblems(indexOf(doc), parsed.value, `nodes[${at}]`);
  if (routes.length > 0) return { ok: false, problems: routes };
  const inverse: Op = {
    type: 'updateNode',
    id: op.id,
    ...(op.label === undefined ? {} : { label: node.label ?? null }),
    ...(op.props === undefined ? {} : { props: previousValues(node.props, op.props) }),
    ...(node.calibrated === candidate.calibrated ? {} : { calibrated: node.calibrated ?? null }),
  };
  return done({ ...doc, nodes: replaceAt(doc.nodes, at, parsed.value) }, [inverse]);
}

export function addEdge(doc: ArchDocument, op: OpOf<'addEdge'>): Step {
  const at = op.index ?? doc.edges.length;
  const parsed = parseAs(Edge, op.edge, ['edges', at]);
  if (!parsed.ok) return parsed;
  const edge = parsed.value;
  if (hasId(indexOf(doc), edge.id))
    return fail(`edges[${at}].id`, `id "${edge.id}" is already used`);
  const verdict = canConnect(doc, edge.from, edge.to, edge.kind, isBounded(edge));
  if (!verdict.ok) return fail(`edges[${at}]`, `invalid link: ${verdict.reason}`);
  return done({ ...doc, edges: insertAt(doc.edges, edge, op.index) }, [
    { type: 'removeEdge', id: edge.id },
  ]);
}

export function removeEdge(doc: ArchDocument, op: OpOf<'removeEdge'>): Step {
  const at = doc.edges.findIndex((e) => e.id === op.id);
  const edge = doc.edges[at];
  if (!edge) return fail(op.id, `there is no edge "${op.id}"`);
  const cut = dropReferences({ ...doc, edges: removeAt(doc.edges, at) }, new Set([op.id]));
  return done(cut.doc, [{ type: 'addEdge', edge, index: at }, ...cut.inverse]);
}

export function updateEdge(doc: ArchDocument, op: OpOf<'updateEdge'>): Step {
  const at = doc.edges.findIndex((e) => e.id === op.id);
  const edge = doc.edges[at];
  if (!edge) return fail(op.id, `there is no edge "${op.id}"`);
  const props = op.props === undefined ? edge.props : patchObject(edge.props, op.props);
  const marked = withMark(withLabel(edge, op.label), op.calibrated, Object.keys(op.props ?? {}));
  const parsed = parseAs(Edge, { ...marked, props }, ['edges', at]);
  if (!parsed.ok) return parsed;
  if (isBounded(edge) && !isBounded(parsed.value)) {
    const others = { nodes: doc.nodes, edges: removeAt(doc.edges, at) };
    const verdict = canConnect(others, edge.from, edge.to, edge.kind);
    if (!verdict.ok) return fail(`edges[${at}].props.maxDepth`, `is needed: ${verdict.reason}`);
  }
  const inverse: Op = {
    type: 'updateEdge',
    id: op.id,
    ...(op.label === undefined ? {} : { label: edge.label ?? null }),
    ...(op.props === undefined ? {} : { props: previousValues(edge.props, op.props) }),
    ...(edge.calibrated === marked.calibrated ? {} : { calibrated: edge.calibrated ?? null }),
  };
  return done({ ...doc, edges: replaceAt(doc.edges, at, parsed.value) }, [inverse]);
}

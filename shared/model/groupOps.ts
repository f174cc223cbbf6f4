// Operations on zones and teams, and on which group a node or group is drawn in.
import { hasId, indexOf, parentProblem } from './checks';
import { Group, type ArchDocument } from './document';
import { done, fail, insertAt, parseAs, removeAt, replaceAt, withLabel } from './opHelpers';
import type { Op, OpOf, Position, Step } from './opTypes';
import { dropReferences } from './references';

export function addGroup(doc: ArchDocument, op: OpOf<'addGroup'>): Step {
  const at = op.index ?? doc.groups.length;
  const parsed = parseAs(Group, op.group, ['groups', at]);
  if (!parsed.ok) return parsed;
  const group = parsed.value;
  const index = indexOf(doc);
  if (hasId(index, group.id)) return fail(`groups[${at}].id`, `id "${group.id}" is already used`);
  const parent = parentProblem(index, group.parentId);
  if (parent !== null) return fail(`groups[${at}].parentId`, parent);
  return done({ ...doc, groups: insertAt(doc.groups, group, op.index) }, [
    { type: 'removeGroup', id: group.id },
  ]);
}

/** Where a group's top-left corner is on the canvas, adding up its parents' positions. */
export function absolutePosition(doc: ArchDocument, groupId: string | undefined): Position {
  let x = 0;
  let y = 0;
  const seen = new Set<string>();
  for (let id = groupId; id !== undefined && !seen.has(id);) {
    seen.add(id);
    const g = doc.groups.find((gr) => gr.id === id);
    if (!g) break;
    x += g.position.x;
    y += g.position.y;
    id = g.parentId;
  }
  return { x, y };
}

function withParent<T extends { parentId?: string | undefined; position: Position }>(
  item: T,
  parentId: string | undefined,
  position: Position,
): T {
  const { parentId: _old, ...rest } = item;
  return (parentId === undefined ? { ...rest, position } : { ...rest, parentId, position }) as T;
}

export function removeGroup(doc: ArchDocument, op: OpOf<'removeGroup'>): Step {
  const at = doc.groups.findIndex((g) => g.id === op.id);
  const group = doc.groups[at];
  if (!group) return fail(op.id, `there is no group "${op.id}"`);
  const back: Op[] = [];
  const shift = (p: Position) => ({ x: p.x + group.position.x, y: p.y + group.position.y });
  const nodes = doc.nodes.map((n) => {
    if (n.parentId !== op.id) return n;
    back.push({ type: 'setParent', id: n.id, parentId: op.id, position: n.position });
    return withParent(n, group.parentId, shift(n.position));
  });
  const groups = removeAt(doc.groups, at).map((g) => {
    if (g.parentId !== op.id) return g;
    back.push({ type: 'setParent', id: g.id, parentId: op.id, position: g.position });
    return withParent(g, group.parentId, shift(g.position));
  });
  const cut = dropReferences({ ...doc, nodes, groups }, new Set([op.id]));
  return done(cut.doc, [{ type: 'addGroup', group, index: at }, ...back, ...cut.inverse]);
}

export function updateGroup(doc: ArchDocument, op: OpOf<'updateGroup'>): Step {
  const at = doc.groups.findIndex((g) => g.id === op.id);
  const group = doc.groups[at];
  if (!group) return fail(op.id, `there is no group "${op.id}"`);
  const candidate = {
    ...withLabel(group, op.label),
    ...(op.kind === undefined ? {} : { kind: op.kind }),
    ...(op.size === undefined ? {} : { size: { ...op.size } }),
  };
  const parsed = parseAs(Group, candidate, ['groups', at]);
  if (!parsed.ok) return parsed;
  const inverse: Op = {
    type: 'updateGroup',
    id: op.id,
    ...(op.label === undefined ? {} : { label: group.label ?? null }),
    ...(op.kind === undefined ? {} : { kind: group.kind }),
    ...(op.size === undefined ? {} : { size: group.size }),
  };
  return done({ ...doc, groups: replaceAt(doc.groups, at, parsed.value) }, [inverse]);
}

export function setParent(doc: ArchDocument, op: OpOf<'setParent'>): Step {
  const parentId = op.parentId ?? undefined;
  const problem = parentProblem(indexOf(doc), parentId);
  if (problem !== null) return fail(op.id, problem);
  const n = doc.nodes.findIndex((x) => x.id === op.id);
  const g = doc.groups.findIndex((x) => x.id === op.id);
  const item = doc.nodes[n] ?? doc.groups[g];
  if (!item) return fail(op.id, `there is no node or group "${op.id}"`);
  if (g >= 0 && parentId !== undefined) {
    for (let p: string | undefined = parentId; p !== undefined;) {
      if (p === op.id) return fail(op.id, `group "${op.id}" cannot be put inside itself`);
      p = doc.groups.find((x) => x.id === p)?.parentId;
    }
  }
  let position = op.position;
  if (position === undefined) {
    const from = absolutePosition(doc, item.parentId);
    const to = absolutePosition(doc, parentId);
    position = { x: item.position.x + from.x - to.x, y: item.position.y + from.y - to.y };
  }
  const inverse: Op = {
    type: 'setParent',
    id: op.id,
    parentId: item.parentId ?? null,
    position: item.position,
  };
  const next = { x: position.x, y: position.y };
  if (!Number.isFinite(next.x) || !Number.isFinite(next.y)) {
    return fail(op.id, 'a position must be finite numbers');
  }
  const node = doc.nodes[n];
  if (node) {
    return done({ ...doc, nodes: replaceAt(doc.nodes, n, withParent(node, parentId, next)) }, [
      inverse,
    ]);
  }
  const group = doc.groups[g] as Group;
  return done({ ...doc, groups: replaceAt(doc.groups, g, withParent(group, parentId, next)) }, [
    inverse,
  ]);
}

// Copy and paste as JSON text with a recognisable envelope, so a selection travels between
// windows (and apps) through the system clipboard. Pasting gives operations, so it is one undo step.
import { z } from 'zod';
import { nextId, usedIds } from './defaults';
import { Edge, Group, Node, Note, type ArchDocument } from './document';
import { absolutePosition } from './groupOps';
import type { Op, Position } from './opTypes';

export const CLIPBOARD_FORMAT = 'archlab-clipboard';

const Clip = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(1),
  nodes: z.array(Node),
  edges: z.array(Edge),
  groups: z.array(Group),
  notes: z.array(Note).optional(),
});
export type ClipboardContent = z.infer<typeof Clip>;

/**
 * The selection as clipboard content: selected nodes and groups, everything inside the selected
 * groups, and the edges whose both ends are copied. Items whose group is not copied carry their
 * canvas position and no parent.
 */
export function copySelection(doc: ArchDocument, ids: Iterable<string>): ClipboardContent {
  const picked = new Set(ids);
  const groupIds = new Set<string>();
  const inside = (parentId: string | undefined) => parentId !== undefined && groupIds.has(parentId);
  for (const g of doc.groups) if (picked.has(g.id)) groupIds.add(g.id);
  for (let grew = true; grew;) {
    grew = false;
    for (const g of doc.groups) {
      if (!groupIds.has(g.id) && inside(g.parentId)) {
        groupIds.add(g.id);
        grew = true;
      }
    }
  }
  const detach = <T extends { parentId?: string | undefined; position: Position }>(item: T): T => {
    if (inside(item.parentId)) return item;
    const base = absolutePosition(doc, item.parentId);
    const { parentId: _outside, ...rest } = item;
    return { ...rest, position: { x: item.position.x + base.x, y: item.position.y + base.y } } as T;
  };
  const groups = doc.groups.filter((g) => groupIds.has(g.id)).map(detach);
  const nodes = doc.nodes.filter((n) => picked.has(n.id) || inside(n.parentId)).map(detach);
  const nodeIds = new Set(nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
  const notes = (doc.notes ?? []).filter((n) => picked.has(n.id));
  return {
    format: CLIPBOARD_FORMAT,
    version: 1,
    nodes,
    edges,
    groups,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** The text to put on the system clipboard. */
export function copyToText(doc: ArchDocument, ids: Iterable<string>): string {
  return JSON.stringify(copySelection(doc, ids), null, 2);
}

/** Read clipboard text; anything that is not ArchLab content is refused with a reason. */
export function readClipboard(
  text: string,
): { ok: true; content: ClipboardContent } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The clipboard does not hold ArchLab content' };
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== CLIPBOARD_FORMAT) {
    const reason =
      format === 'archlab'
        ? 'The clipboard holds a whole ArchLab document; open it as a file instead'
        : 'The clipboard does not hold ArchLab content';
    return { ok: false, reason };
  }
  const parsed = Clip.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'The copied ArchLab content is damaged' };
  return { ok: true, content: parsed.data };
}

export interface PasteOptions {
  /** Added to every top-level pasted position (default 40, 40). */
  offset?: Position;
}

/**
 * The operations that paste clipboard text into `doc`: ids kept where free, otherwise fresh
 * (`orders` → `orders-1`), positions offset, groups before their members. `ids` lists the new ids,
 * for the selection after pasting.
 */
export function pasteOps(
  doc: ArchDocument,
  text: string,
  options: PasteOptions = {},
): { ok: true; ops: Op[]; ids: string[] } | { ok: false; reason: string } {
  const read = readClipboard(text);
  if (!read.ok) return read;
  const { nodes, edges, groups } = read.content;
  const notes = read.content.notes ?? [];
  const offset = options.offset ?? { x: 40, y: 40 };
  const taken = usedIds(doc);
  const rename = new Map<string, string>();
  for (const item of [...groups, ...nodes, ...edges, ...notes]) {
    const fresh = taken.has(item.id) ? nextId(doc, item.id.replace(/-\d+$/, ''), taken) : item.id;
    taken.add(fresh);
    rename.set(item.id, fresh);
  }
  const id = (old: string) => rename.get(old) ?? old;
  const place = <T extends { id: string; parentId?: string | undefined; position: Position }>(
    item: T,
  ): T => {
    const copied = item.parentId !== undefined && rename.has(item.parentId);
    const position = copied
      ? item.position
      : { x: item.position.x + offset.x, y: item.position.y + offset.y };
    const { parentId, ...rest } = item;
    return (
      copied && parentId !== undefined
        ? { ...rest, id: id(item.id), parentId: id(parentId), position }
        : { ...rest, id: id(item.id), position }
    ) as T;
  };
  const ops: Op[] = [
    ...parentsFirst(groups).map((g): Op => ({ type: 'addGroup', group: place(g) })),
    ...nodes.map((n): Op => ({ type: 'addNode', node: place(n) })),
    ...edges.map((e): Op => ({
      type: 'addEdge',
      edge: { ...e, id: id(e.id), from: id(e.from), to: id(e.to) },
    })),
    ...notes.map((n): Op => ({ type: 'addNote', note: place(n) })),
  ];
  return { ok: true, ops, ids: [...rename.values()] };
}

/** Groups ordered so that each comes after the group it is in. */
function parentsFirst(groups: readonly Group[]): Group[] {
  const ids = new Set(groups.map((g) => g.id));
  const out: Group[] = [];
  const placed = new Set<string>();
  let rest = groups.slice();
  while (rest.length > 0) {
    const ready = rest.filter(
      (g) => g.parentId === undefined || !ids.has(g.parentId) || placed.has(g.parentId),
    );
    if (ready.length === 0) return [...out, ...rest];
    for (const g of ready) placed.add(g.id);
    for (const g of ready) out.push(g);
    rest = rest.filter((g) => !placed.has(g.id));
  }
  return out;
}

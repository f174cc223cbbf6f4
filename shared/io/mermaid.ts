// The document as a Mermaid flowchart: one node per document node, shaped by kind, call edges as
// solid arrows with their timeout and retries, asynchronous edges (publish, queue deliveries) as
// dotted arrows, and one subgraph per zone or team (nested as the groups nest).
import type { ArchDocument, Group, Node, NodeKind } from '../model';
import { KIND_COLORS, edgeCaption, groupLabel, isAsync, keyFigure, nodeLabel } from './look';

/** Opening and closing brackets of each kind's shape (labels always go in quotes between). */
const SHAPES: Record<NodeKind, readonly [string, string]> = {
  client: ['([', '])'], // stadium
  gateway: ['{{', '}}'], // hexagon
  service: ['(', ')'], // rounded rectangle
  pod: ['[', ']'], // rectangle
  database: ['[(', ')]'], // cylinder
  cache: ['[[', ']]'], // subroutine (double-sided box)
  queue: ['>', ']'], // asymmetric (a flag)
  external: ['[/', '/]'], // parallelogram
};

/**
 * Text that is safe inside a quoted Mermaid label: quotes, `#`, `%` (a `%%{…}%%` would be read as a
 * directive), angle brackets, `&`, `|`, `\` and backticks become Mermaid entity codes (`#34;`,
 * `#35;`, …); line breaks become spaces and other control characters go.
 */
export function mermaidText(text: string): string {
  return (
    text
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/[#"<>&`|\\%]/g, (c) => `#${c.codePointAt(0)};`)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F]/g, '')
  );
}

/** Ids Mermaid reads as plain ids: letters, digits and `_`, prefixed so none is a keyword. */
function idMaker(): (prefix: string, id: string) => string {
  const used = new Set<string>();
  return (prefix, id) => {
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let out = base;
    for (let n = 2; used.has(out); n++) out = `${base}_${n}`;
    used.add(out);
    return out;
  };
}

export function toMermaid(doc: ArchDocument): string {
  const makeId = idMaker();
  const nodeIds = new Map(doc.nodes.map((n) => [n.id, makeId('n', n.id)] as const));
  const groupIds = new Map(doc.groups.map((g) => [g.id, makeId('g', g.id)] as const));
  const groupsById = new Map(doc.groups.map((g) => [g.id, g] as const));
  const parentOf = (parentId: string | undefined) =>
    parentId !== undefined && groupsById.has(parentId) ? parentId : undefined;

  const childGroups = new Map<string | undefined, Group[]>();
  const childNodes = new Map<string | undefined, Node[]>();
  for (const g of doc.groups) push(childGroups, parentOf(g.parentId), g);
  for (const n of doc.nodes) push(childNodes, parentOf(n.parentId), n);

  const lines = ['flowchart LR'];
  const title = doc.name.replace(/[^\p{L}\p{N} _.,:()'-]+/gu, ' ').trim();
  if (title !== '') lines.unshift(`%% ${title}`);
  const nodeLine = (n: Node, indent: string) => {
    const [open, close] = SHAPES[n.kind];
    const text = `${mermaidText(nodeLabel(n))}<br/>${mermaidText(keyFigure(n))}`;
    lines.push(`${indent}${nodeIds.get(n.id)}${open}"${text}"${close}`);
  };
  const visited = new Set<string>();
  const emit = (parent: string | undefined, indent: string) => {
    for (const n of childNodes.get(parent) ?? []) nodeLine(n, indent);
    for (const g of childGroups.get(parent) ?? []) {
      if (visited.has(g.id)) continue; // a cycle of groups: draw each once
      visited.add(g.id);
      lines.push(`${indent}subgraph ${groupIds.get(g.id)}["${mermaidText(groupLabel(g))}"]`);
      emit(g.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit(undefined, '  ');
  // Groups caught in a parent cycle are nobody's child: draw them at the top level.
  for (const g of doc.groups) {
    if (visited.has(g.id)) continue;
    childGroups.set(`\0${g.id}`, [g]);
    emit(`\0${g.id}`, '  ');
  }

  for (const e of doc.edges) {
    const from = nodeIds.get(e.from);
    const to = nodeIds.get(e.to);
    if (from === undefined || to === undefined) continue;
    const arrow = isAsync(doc, e) ? '-.->' : '-->';
    lines.push(`  ${from} ${arrow}|"${mermaidText(edgeCaption(doc, e))}"| ${to}`);
  }

  const colors = KIND_COLORS.light;
  for (const kind of Object.keys(SHAPES) as NodeKind[]) {
    const ids = doc.nodes.filter((n) => n.kind === kind).map((n) => nodeIds.get(n.id));
    if (ids.length === 0) continue;
    lines.push(`  classDef ${kind} stroke:${colors[kind]},stroke-width:2px`);
    lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  for (const g of doc.groups) {
    const dash = g.kind === 'zone' ? '6 4' : '2 3';
    lines.push(`  style ${groupIds.get(g.id)} fill:none,stroke-dasharray:${dash}`);
  }
  // Mermaid flowcharts have no notes: each note rides along as a comment, one per line of text.
  for (const note of doc.notes ?? []) {
    // eslint-disable-next-line no-control-regex
    const text = note.text.split(/\r?\n/).map((l) => l.replace(/[\u0000-\u001F\u007F]/g, ''));
    lines.push(`  %% ${note.kind === 'sticky' ? 'note' : 'text'}: ${text[0] ?? ''}`);
    for (const l of text.slice(1)) lines.push(`  %%   ${l}`);
  }
  return `${lines.join('\n')}\n`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

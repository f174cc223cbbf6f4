// The document as draw.io (mxGraph) XML: one vertex per node with a built-in shape by kind, groups
// as container cells whose children are parented to them with geometry relative to the group (as
// the document stores it), and edges with their source and target cells.
import { NOTE_FILLS, noteRect } from './notesDraw';
import type { ArchDocument, Group, Node, NodeKind } from '../model';
import {
  KIND_COLORS,
  NODE_SIZES,
  edgeCaption,
  groupLabel,
  groupRect,
  groupsParentsFirst,
  isAsync,
  keyFigure,
  nodeLabel,
  nodeRect,
} from './look';
import { escapeAttr, num } from './xml';

/** draw.io's built-in shapes for each kind (General and Flowchart palettes). */
const SHAPES: Record<NodeKind, string> = {
  client: 'rounded=1;arcSize=50;',
  gateway: 'shape=hexagon;perimeter=hexagonPerimeter2;size=0.12;fixedSize=0;',
  service: 'rounded=1;arcSize=12;',
  pod: 'rounded=0;',
  database: 'shape=cylinder3;boundedLbl=1;backgroundOutline=1;size=10;',
  cache: 'shape=dataStorage;fixedSize=1;size=10;',
  queue: 'shape=process;backgroundOutline=1;size=0.08;',
  external: 'ellipse;shape=cloud;',
};

const GROUP_STYLES: Record<Group['kind'], string> = {
  zone: 'dashed=1;dashPattern=8 4;',
  team: 'dashed=1;dashPattern=2 3;',
};

/** Cell ids: the document's ids, prefixed so none can be draw.io's root cells "0" and "1". */
const cellId = {
  node: (id: string) => `node-${id}`,
  group: (id: string) => `group-${id}`,
  edge: (id: string) => `edge-${id}`,
  note: (id: string) => `note-${id}`,
};

export function toDrawio(doc: ArchDocument): string {
  const colors = KIND_COLORS.light;
  const groupIds = new Set(doc.groups.map((g) => g.id));
  const parentCell = (parentId: string | undefined) =>
    parentId !== undefined && groupIds.has(parentId) ? cellId.group(parentId) : '1';
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];

  for (const g of groupsParentsFirst(doc.groups)) {
    const style =
      `rounded=1;arcSize=3;container=1;collapsible=0;fillColor=none;strokeColor=#9aa3b5;` +
      `${GROUP_STYLES[g.kind]}verticalAlign=top;align=left;spacingLeft=8;spacingTop=4;` +
      `fontStyle=1;fontColor=#677085;html=0;whiteSpace=wrap;archlabKind=${g.kind};`;
    const geometry = { ...g.position, ...g.size };
    cells.push(vertex(cellId.group(g.id), groupLabel(g), style, parentCell(g.parentId), geometry));
  }
  for (const n of doc.nodes) {
    const color = colors[n.kind];
    const style =
      `${SHAPES[n.kind]}whiteSpace=wrap;html=0;strokeColor=${color};strokeWidth=2;` +
      `fillColor=${tint(color)};fontColor=#1d2330;archlabKind=${n.kind};`;
    const geometry = { ...n.position, ...NODE_SIZES[n.kind] };
    cells.push(vertex(cellId.node(n.id), nodeText(n), style, parentCell(n.parentId), geometry));
  }
  // Notes as draw.io's own note shape (sticky) or a text cell (free text), text wrapped in the box.
  for (const note of doc.notes ?? []) {
    const style =
      note.kind === 'sticky'
        ? `shape=note;size=12;whiteSpace=wrap;html=0;align=left;verticalAlign=top;spacing=8;` +
          `fillColor=${NOTE_FILLS[note.color]};strokeColor=#d6c36a;fontColor=#2b2b2b;archlabKind=note;`
        : `text;whiteSpace=wrap;html=0;align=left;verticalAlign=top;spacing=8;fontColor=#1d2330;` +
          `archlabKind=text;`;
    cells.push(vertex(cellId.note(note.id), note.text, style, '1', noteRect(note)));
  }
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  for (const e of doc.edges) {
    if (!nodeIds.has(e.from) || !nodeIds.has(e.to)) continue;
    const style = isAsync(doc, e)
      ? 'dashed=1;endArrow=open;endFill=0;'
      : 'endArrow=block;endFill=1;';
    cells.push(
      `<mxCell id="${escapeAttr(cellId.edge(e.id))}" value="${escapeAttr(edgeCaption(doc, e))}" ` +
        `style="${style}edgeStyle=orthogonalEdgeStyle;rounded=1;html=0;strokeColor=#7a8396;` +
        `fontColor=#677085;fontSize=10;labelBackgroundColor=#ffffff;" edge="1" parent="1" ` +
        `source="${escapeAttr(cellId.node(e.from))}" target="${escapeAttr(cellId.node(e.to))}">` +
        `<mxGeometry relative="1" as="geometry"/></mxCell>`,
    );
  }

  const page = pageSize(doc);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<mxfile host="ArchLab" agent="ArchLab" version="24.0.0" type="device">',
    `  <diagram id="archlab" name="${escapeAttr(doc.name === '' ? 'Page-1' : doc.name)}">`,
    `    <mxGraphModel dx="${page.width}" dy="${page.height}" grid="1" gridSize="10" guides="1" ` +
      `tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" ` +
      `pageWidth="${page.width}" pageHeight="${page.height}" math="0" shadow="0">`,
    '      <root>',
    ...cells.map((c) => `        ${c}`),
    '      </root>',
    '    </mxGraphModel>',
    '  </diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}

/** A node's text: its label, and its key figure on a second line. */
export function nodeText(node: Node): string {
  return `${nodeLabel(node)}\n${keyFigure(node)}`;
}

function vertex(
  id: string,
  value: string,
  style: string,
  parent: string,
  geometry: { x: number; y: number; width: number; height: number },
): string {
  const { x, y, width, height } = geometry;
  return (
    `<mxCell id="${escapeAttr(id)}" value="${escapeAttr(value)}" style="${escapeAttr(style)}" ` +
    `vertex="1" parent="${escapeAttr(parent)}"><mxGeometry x="${num(x)}" y="${num(y)}" ` +
    `width="${num(width)}" height="${num(height)}" as="geometry"/></mxCell>`
  );
}

/** A light tint of a `#rrggbb` colour (12 % of it over white), for fills draw.io shows well. */
function tint(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(255 - (255 - c) * 0.12)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** A page big enough for the whole drawing (draw.io's default is 850 × 1100). */
function pageSize(doc: ArchDocument): { width: number; height: number } {
  let width = 850;
  let height = 1100;
  for (const r of [
    ...doc.nodes.map((n) => nodeRect(doc, n)),
    ...doc.groups.map((g) => groupRect(doc, g)),
    ...(doc.notes ?? []).map(noteRect),
  ]) {
    width = Math.max(width, Math.ceil(r.x + r.width + 40));
    height = Math.max(height, Math.ceil(r.y + r.height + 40));
  }
  return { width, height };
}

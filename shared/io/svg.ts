// The document as a standalone SVG picture, drawn from the document itself: a box per node in its
// kind's shape and colour with its label and key figure as real <text>, edges as lines with
// arrowheads, groups as labelled dashed containers. The document rides along in <metadata>, so
// `fromSvg` can open the picture again for editing (as draw.io and Excalidraw do).
import type { ArchDocument, Node, NodeKind } from '../model';
import { parseDocument, type LoadResult } from '../model';
import {
  KIND_COLORS,
  THEME_COLORS,
  edgeCaption,
  groupLabel,
  groupRect,
  groupsParentsFirst,
  isAsync,
  keyFigure,
  nodeLabel,
  nodeRect,
  type Rect,
  type Theme,
} from './look';
import { escapeAttr, escapeXml, num, unescapeXml } from './xml';

export interface SvgOptions {
  theme: Theme;
  /** Leave the background out (for slides and pages of another colour). */
  transparent?: boolean | undefined;
  /** Pixels per document unit in the width and height (the viewBox stays the same); default 1. */
  scale?: number | undefined;
}

const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif";
const PAD = 24;
/** Rough width of one character of a 13 px bold label, to widen boxes for long labels. */
const CHAR_WIDTH = 7.4;
const MAX_NODE_WIDTH = 360;
const METADATA_ID = 'archlab-document';

export function toSvg(doc: ArchDocument, options: SvgOptions = { theme: 'light' }): string {
  const theme = THEME_COLORS[options.theme];
  const kinds = KIND_COLORS[options.theme];
  const scale = options.scale !== undefined && options.scale > 0 ? options.scale : 1;
  const rects = new Map(doc.nodes.map((n) => [n.id, drawnRect(doc, n)] as const));
  const box = bounds([...rects.values(), ...doc.groups.map((g) => groupRect(doc, g))]);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(box.width * scale)}" ` +
      `height="${num(box.height * scale)}" viewBox="${num(box.x)} ${num(box.y)} ${num(box.width)} ` +
      `${num(box.height)}" font-family="${escapeAttr(FONT)}">`,
  );
  out.push(`<title>${escapeXml(doc.name)}</title>`);
  out.push(
    `<metadata id="${METADATA_ID}" data-format="archlab" data-version="${doc.version}">` +
      `${escapeXml(documentJson(doc))}</metadata>`,
  );
  out.push(
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" ` +
      `orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.edge}"/></marker>`,
    `<marker id="arrow-open" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" ` +
      `markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" ` +
      `stroke="${theme.edge}" stroke-width="1.5"/></marker>`,
    '</defs>',
  );
  if (options.transparent !== true) {
    out.push(
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" ` +
        `height="${num(box.height)}" fill="${theme.background}"/>`,
    );
  }

  out.push('<g class="groups">');
  for (const g of groupsParentsFirst(doc.groups)) {
    const r = groupRect(doc, g);
    out.push(
      `<g data-id="${escapeAttr(g.id)}" data-kind="${g.kind}">` +
        `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" ` +
        `rx="8" fill="none" stroke="${theme.group}" stroke-width="1.5" ` +
        `stroke-dasharray="${g.kind === 'zone' ? '8 4' : '2 3'}"/>` +
        `<text x="${num(r.x + 10)}" y="${num(r.y + 18)}" font-size="12" font-weight="600" ` +
        `fill="${theme.muted}">${escapeXml(groupLabel(g))}</text></g>`,
    );
  }
  out.push('</g>', '<g class="edges">');
  for (const e of doc.edges) {
    const from = rects.get(e.from);
    const to = rects.get(e.to);
    if (!from || !to) continue;
    const a = borderPoint(from, centre(to));
    const b = borderPoint(to, centre(from));
    const dashed = isAsync(doc, e);
    const caption = edgeCaption(doc, e);
    out.push(
      `<g data-id="${escapeAttr(e.id)}" data-kind="${e.kind}">` +
        `<path d="M${num(a.x)},${num(a.y)} L${num(b.x)},${num(b.y)}" fill="none" ` +
        `stroke="${theme.edge}" stroke-width="1.5"${dashed ? ' stroke-dasharray="6 4"' : ''} ` +
        `marker-end="url(#${dashed ? 'arrow-open' : 'arrow'})"/>` +
        `<text x="${num((a.x + b.x) / 2)}" y="${num((a.y + b.y) / 2 - 4)}" font-size="10" ` +
        `text-anchor="middle" fill="${theme.muted}" stroke="${theme.background}" ` +
        `stroke-width="3" paint-order="stroke">${escapeXml(caption)}</text></g>`,
    );
  }
  out.push('</g>', '<g class="nodes">');
  for (const n of doc.nodes) {
    const r = rects.get(n.id);
    if (r) out.push(nodeSvg(n, r, kinds[n.kind], theme));
  }
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

const OUR_ID = new RegExp(`\\sid=["']${METADATA_ID}["']`);

/**
 * The text inside the first `<metadata … id="archlab-document" …>…</metadata>`, or null; in one
 * pass over the text (a pattern with `[^>]*` around the id took quadratic time on a text of many
 * unclosed `<metadata` tags: 58 s for 640 KB).
 */
function metadataBody(text: string): string | null {
  let from = 0;
  for (;;) {
    const start = text.indexOf('<metadata', from);
    if (start < 0) return null;
    const after = text.charCodeAt(start + 9);
    const end = text.indexOf('>', start);
    // No '>' left: no later tag can close either.
    if (end < 0) return null;
    from = end + 1;
    // `<metadata` followed by a space, '/' or '>' (not `<metadataX`).
    if (!(after === 0x3e || after === 0x2f || after <= 0x20)) continue;
    if (!OUR_ID.test(text.slice(start + 9, end))) continue;
    const close = text.indexOf('</metadata>', from);
    return close < 0 ? null : text.slice(from, close);
  }
}

/** The document inside an exported picture, checked and migrated like a file. Never throws. */
export function fromSvg(text: string): LoadResult {
  const found = metadataBody(text);
  if (found === null) {
    return {
      ok: false,
      problems: [
        {
          path: '(document)',
          message:
            'has no ArchLab document in it: the picture was not exported by ArchLab, ' +
            'or an editor removed its metadata',
        },
      ],
    };
  }
  const body = found;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(body);
  const json = cdata ? (cdata[1] ?? '') : unescapeXml(body);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      ok: false,
      problems: [{ path: '(document)', message: 'the ArchLab document in the picture is damaged' }],
    };
  }
  return parseDocument(raw);
}

/** JSON of the document with U+FFFE/U+FFFF written as escapes (XML cannot carry them raw). */
function documentJson(doc: ArchDocument): string {
  return JSON.stringify(doc).replace(
    /[\uFFFE\uFFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

/** A node's box: its kind's size, wider for a long label (up to a limit). */
function drawnRect(doc: ArchDocument, node: Node): Rect {
  const r = nodeRect(doc, node);
  const wanted = Math.ceil(nodeLabel(node).length * CHAR_WIDTH + 24);
  return { ...r, width: Math.max(r.width, Math.min(MAX_NODE_WIDTH, wanted)) };
}

function nodeSvg(node: Node, r: Rect, color: string, theme: (typeof THEME_COLORS)[Theme]): string {
  const label = nodeLabel(node).replace(/[\r\n\t]+/g, ' ');
  const fits = Math.floor((r.width - 16) / CHAR_WIDTH);
  const shown = label.length > fits ? `${label.slice(0, Math.max(1, fits - 1))}…` : label;
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2 + (node.kind === 'database' ? 4 : 0);
  const outline = shape(node.kind, r);
  return (
    `<g data-id="${escapeAttr(node.id)}" data-kind="${node.kind}">` +
    `<title>${escapeXml(label)}</title>` +
    outline.replace('/>', ` fill="${theme.fill}"/>`) +
    outline.replace(
      '/>',
      ` fill="${color}" fill-opacity="0.14" stroke="${color}" stroke-width="2"/>`,
    ) +
    decoration(node.kind, r, color) +
    `<text x="${num(cx)}" y="${num(cy - 3)}" font-size="13" font-weight="600" ` +
    `text-anchor="middle" fill="${theme.text}">${escapeXml(shown)}</text>` +
    `<text x="${num(cx)}" y="${num(cy + 14)}" font-size="11" text-anchor="middle" ` +
    `fill="${theme.muted}">${escapeXml(keyFigure(node))}</text></g>`
  );
}

/** The outline of a kind's shape as one self-closing element (attributes added by the caller). */
function shape(kind: NodeKind, r: Rect): string {
  const { x, y, width: w, height: h } = r;
  const rect = (rx: number, extra = '') =>
    `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="${num(rx)}"${extra}/>`;
  switch (kind) {
    case 'client':
      return rect(h / 2);
    case 'gateway': {
      const i = 16;
      const points = [
        [x + i, y],
        [x + w - i, y],
        [x + w, y + h / 2],
        [x + w - i, y + h],
        [x + i, y + h],
        [x, y + h / 2],
      ];
      return `<polygon points="${points.map(([px, py]) => `${num(px ?? 0)},${num(py ?? 0)}`).join(' ')}"/>`;
    }
    case 'service':
      return rect(10);
    case 'pod':
      return rect(2);
    case 'database': {
      const ry = 9;
      return (
        `<path d="M${num(x)},${num(y + ry)} a${num(w / 2)},${ry} 0 0 1 ${num(w)},0 ` +
        `v${num(h - 2 * ry)} a${num(w / 2)},${ry} 0 0 1 ${num(-w)},0 z"/>`
      );
    }
    case 'cache':
      return rect(6);
    case 'queue':
      return rect(4);
    case 'external':
      return rect(12, ' stroke-dasharray="6 3"');
  }
}

/** Lines that finish a kind's look: a cylinder's rim, a cache's sides, a queue's slots. */
function decoration(kind: NodeKind, r: Rect, color: string): string {
  const { x, y, width: w, height: h } = r;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    `<path d="M${num(x1)},${num(y1)} L${num(x2)},${num(y2)}" stroke="${color}" stroke-width="1.5"/>`;
  switch (kind) {
    case 'database':
      return (
        `<path d="M${num(x)},${num(y + 9)} a${num(w / 2)},9 0 0 0 ${num(w)},0" fill="none" ` +
        `stroke="${color}" stroke-width="2"/>`
      );
    case 'cache':
      return line(x + 10, y, x + 10, y + h) + line(x + w - 10, y, x + w - 10, y + h);
    case 'queue':
      return [24, 16, 8].map((d) => line(x + w - d, y + 4, x + w - d, y + h - 4)).join('');
    default:
      return '';
  }
}

function centre(r: Rect): { x: number; y: number } {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** Where the line from the centre of `r` towards `toward` leaves the box. */
function borderPoint(r: Rect, toward: { x: number; y: number }): { x: number; y: number } {
  const c = centre(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const t = Math.min(
    dx === 0 ? Infinity : r.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : r.height / 2 / Math.abs(dy),
  );
  return { x: c.x + dx * t, y: c.y + dy * t };
}

function bounds(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 200, height: 100 };
  // A loop, not Math.min(...list): spreading 100,000 numbers overflows the call stack.
  let x = Infinity;
  let y = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const r of rects) {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  }
  x -= PAD;
  y -= PAD;
  right += PAD;
  bottom += PAD;
  return { x, y, width: right - x, height: bottom - y };
}

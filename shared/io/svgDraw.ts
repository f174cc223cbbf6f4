// The pieces of the SVG picture, drawn as the canvas draws them: a node is the canvas's card (a
// border in its kind's colour, a thick left edge, its label and key figure, a service's pods), a
// link is React Flow's cubic Bézier from the source's right side to the target's left side, a
// group is a rounded box with its kind and label, and a link's label sits on its curve at the
// first place clear of every node and every other label.
import type { ArchDocument, Group, Node } from '../model';
import { edgeCaption, groupLabel, isAsync, keyFigure, nodeLabel, type Rect } from './look';
import { escapeAttr, escapeXml, num } from './xml';

export interface Colors {
  background: string;
  text: string;
  muted: string;
  edge: string;
  group: string;
  fill: string;
}

/** The canvas's node width (editor.css `.arch-node`). */
export const CARD_WIDTH = 180;
/** Heights of a card with one line of label and figures, and with a service's row of pods. */
const CARD_HEIGHT = 60;
const SERVICE_HEIGHT = 90;
const CAPTION_CHAR = 6.2;
const CAPTION_HEIGHT = 13;
const MAX_PODS = 10;

export type Sizes = Readonly<Record<string, { width: number; height: number }>>;

/** A node's card where the canvas draws it: the measured size when given, else the card's own. */
export function cardSize(node: Node, sizes: Sizes | undefined): { width: number; height: number } {
  const measured = sizes?.[node.id];
  if (measured && measured.width > 0 && measured.height > 0) return measured;
  return { width: CARD_WIDTH, height: node.kind === 'service' ? SERVICE_HEIGHT : CARD_HEIGHT };
}

export function cardSvg(node: Node, r: Rect, color: string, c: Colors, clipId: string): string {
  const label = nodeLabel(node).replace(/[\r\n\t]+/g, ' ');
  const { x, y, width: w, height: h } = r;
  const pods =
    node.kind === 'service'
      ? Array.from(
          { length: Math.min(MAX_PODS, node.props.replicas) },
          (_, i) =>
            `<rect x="${num(x + 12 + i * 14)}" y="${num(y + 54)}" width="10" height="10" rx="2" ` +
            `fill="${color}"/>`,
        ).join('')
      : '';
  return (
    `<g data-id="${escapeAttr(node.id)}" data-kind="${node.kind}">` +
    `<title>${escapeXml(label)}</title>` +
    `<rect data-part="outline" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" ` +
    `rx="8" fill="${c.fill}" stroke="${color}" stroke-width="1"/>` +
    `<path d="M${num(x + 8)},${num(y)} h-3 a5,8 0 0 0 -5,8 v${num(h - 16)} a5,8 0 0 0 5,8 h3 z" ` +
    `fill="${color}"/>` +
    // The texts are clipped to the card's inner width, as the canvas's ellipsis does, and keep
    // the whole label as text.
    `<clipPath id="${clipId}"><rect x="${num(x + 14)}" y="${num(y)}" ` +
    `width="${num(Math.max(1, w - 22))}" height="${num(h)}"/></clipPath>` +
    `<g clip-path="url(#${clipId})">` +
    `<text x="${num(x + 14)}" y="${num(y + 24)}" font-size="15" font-weight="650" ` +
    `fill="${c.text}">${escapeXml(label)}</text>` +
    `<text x="${num(x + 14)}" y="${num(y + 44)}" font-size="12" fill="${c.muted}">` +
    `${escapeXml(keyFigure(node))}</text></g>` +
    pods +
    '</g>'
  );
}

const GROUP_KIND: Record<Group['kind'], string> = { zone: 'ZONE', team: 'TEAM' };

export function groupSvg(g: Group, r: Rect, c: Colors, teamColor: string): string {
  const team = g.kind === 'team';
  return (
    `<g data-id="${escapeAttr(g.id)}" data-kind="${g.kind}">` +
    `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" ` +
    `rx="10" fill="${team ? teamColor : c.group}" fill-opacity="0.06" ` +
    `stroke="${team ? teamColor : c.group}" stroke-opacity="${team ? 0.45 : 1}" stroke-width="2"` +
    `${team ? '' : ' stroke-dasharray="6 4"'}/>` +
    `<text x="${num(r.x + 10)}" y="${num(r.y + 20)}" font-size="15" font-weight="650" ` +
    `fill="${c.text}"><tspan font-size="11" fill="${c.muted}" letter-spacing="0.6">` +
    `${GROUP_KIND[g.kind]}</tspan> ${escapeXml(groupLabel(g))}</text></g>`
  );
}

interface Point {
  x: number;
  y: number;
}

/** React Flow's control offset for a handle facing the other end (getBezierPath, curvature .25). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** The cubic Bézier React Flow draws from a right-side source to a left-side target. */
export function bezier(s: Point, t: Point): [Point, Point, Point, Point] {
  return [
    s,
    { x: s.x + controlOffset(t.x - s.x), y: s.y },
    { x: t.x - controlOffset(t.x - s.x), y: t.y },
    t,
  ];
}

function at(p: [Point, Point, Point, Point], u: number): Point {
  const v = 1 - u;
  const a = v * v * v;
  const b = 3 * v * v * u;
  const c = 3 * v * u * u;
  const d = u * u * u;
  return {
    x: a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
    y: a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y,
  };
}

const hits = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const STEPS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];
/** Vertical moves off the curve, nearest first, for a gap too narrow for the caption. */
const SHIFTS = [0, ...Array.from({ length: 12 }, (_, i) => [-(i + 1) * 14, (i + 1) * 14]).flat()];

/** Where a caption of `width` goes on the curve: the first spot clear of `taken` boxes. */
function placeCaption(curve: [Point, Point, Point, Point], width: number, taken: Rect[]): Rect {
  const margin = 3;
  let first: Rect | null = null;
  for (const shift of SHIFTS)
    for (const u of STEPS) {
      const p = at(curve, u);
      const box = {
        x: p.x - width / 2,
        y: p.y - CAPTION_HEIGHT / 2 + shift,
        width,
        height: CAPTION_HEIGHT,
      };
      first ??= box;
      const padded = {
        x: box.x - margin,
        y: box.y - margin,
        width: box.width + 2 * margin,
        height: box.height + 2 * margin,
      };
      if (!taken.some((r) => hits(padded, r))) return box;
    }
  return first as Rect;
}

/** Every link: its curve, and its caption placed clear of the nodes and of earlier captions. */
export function edgesSvg(
  doc: ArchDocument,
  rects: ReadonlyMap<string, Rect>,
  groups: readonly { group: Group; rect: Rect }[],
  c: Colors,
): string[] {
  // A group's title is as much in the way as a node.
  const titles = groups.map(({ group, rect }) => ({
    x: rect.x,
    y: rect.y,
    width: Math.min(rect.width, 60 + groupLabel(group).length * 9),
    height: 28,
  }));
  const taken: Rect[] = [...rects.values(), ...titles];
  const out: string[] = [];
  for (const e of doc.edges) {
    const from = rects.get(e.from);
    const to = rects.get(e.to);
    if (!from || !to) continue;
    const curve = bezier(
      { x: from.x + from.width, y: from.y + from.height / 2 },
      { x: to.x, y: to.y + to.height / 2 },
    );
    const [s, c1, c2, t] = curve;
    const dashed = isAsync(doc, e);
    const caption = edgeCaption(doc, e);
    let text = '';
    if (caption) {
      const box = placeCaption(curve, caption.length * CAPTION_CHAR + 6, taken);
      taken.push(box);
      text =
        `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + 10)}" font-size="10" ` +
        `text-anchor="middle" fill="${c.muted}" stroke="${c.background}" stroke-width="3" ` +
        `paint-order="stroke">${escapeXml(caption)}</text>`;
    }
    out.push(
      `<g data-id="${escapeAttr(e.id)}" data-kind="${e.kind}">` +
        `<path d="M${num(s.x)},${num(s.y)} C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ` +
        `${num(t.x)},${num(t.y)}" fill="none" stroke="${c.edge}" stroke-width="1.5"` +
        `${dashed ? ' stroke-dasharray="6 4"' : ''} ` +
        `marker-end="url(#${dashed ? 'arrow-open' : 'arrow'})"/>${text}</g>`,
    );
  }
  return out;
}

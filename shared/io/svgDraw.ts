// The pieces of the SVG picture, drawn as the canvas draws them: a node is the canvas's card (a
// border in its kind's colour, a thick left edge, its label and key figure, a service's pods), a
// link is React Flow's cubic Bézier from the source's right side to the target's left side, a
// group is a rounded box with its kind and label, and a link's label sits on its curve at the
// first place clear of every node and every other label.
import type { ArchDocument, Group, Node } from '../model';
import { edgeCaption, groupLabel, isAsync, keyFigure, nodeLabel, type Rect } from './look';
import { textWidth, widest, wrapWords } from './textLayout';
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
const CAPTION_HEIGHT = 13;
const MAX_PODS = 10;

export type Sizes = Readonly<Record<string, { width: number; height: number }>>;

/** Card text: left inset, right inset, label and figure sizes and line steps (editor.css). */
const INSET_LEFT = 14;
const INSET_RIGHT = 8;
const LABEL_SIZE = 15;
const LABEL_STEP = 18;
const FIGURE_SIZE = 12;

interface CardText {
  label: string[];
  figure: string[];
  /** Smallest card that holds the text unclipped. */
  width: number;
  height: number;
}

/** A card's label and figure broken between words to fit `width`, and the card that holds them. */
function cardText(node: Node, width: number): CardText {
  const inner = width - INSET_LEFT - INSET_RIGHT;
  const label = wrapWords(nodeLabel(node), inner, LABEL_SIZE, true);
  const figure = wrapWords(keyFigure(node), inner, FIGURE_SIZE);
  const needW =
    Math.max(widest(label, LABEL_SIZE, true), widest(figure, FIGURE_SIZE)) +
    INSET_LEFT +
    INSET_RIGHT;
  const figureBase = 24 + (label.length - 1) * LABEL_STEP + 20 + (figure.length - 1) * 15;
  const needH = figureBase + (node.kind === 'service' ? 46 : 16);
  return { label, figure, width: Math.max(width, Math.ceil(needW)), height: needH };
}

/**
 * A node's card where the canvas draws it: the measured size when given, else the card's own,
 * grown where the text needs more room, so an exported label is never clipped.
 */
export function cardSize(node: Node, sizes: Sizes | undefined): { width: number; height: number } {
  const measured = sizes?.[node.id];
  const base =
    measured && measured.width > 0 && measured.height > 0
      ? measured
      : { width: CARD_WIDTH, height: node.kind === 'service' ? SERVICE_HEIGHT : CARD_HEIGHT };
  const text = cardText(node, base.width);
  return { width: text.width, height: Math.max(base.height, text.height) };
}

const tspans = (lines: readonly string[], x: number, step: number) =>
  lines
    .map((l, i) => `<tspan x="${num(x)}"${i > 0 ? ` dy="${step}"` : ''}>${escapeXml(l)}</tspan>`)
    .join('');

export function cardSvg(node: Node, r: Rect, color: string, c: Colors): string {
  const label = nodeLabel(node).replace(/[\r\n\t]+/g, ' ');
  const { x, y, width: w, height: h } = r;
  const text = cardText(node, w);
  const figureY = y + 24 + (text.label.length - 1) * LABEL_STEP + 20;
  const podsY = figureY + (text.figure.length - 1) * 15 + 10;
  const pods =
    node.kind === 'service'
      ? Array.from(
          { length: Math.min(MAX_PODS, node.props.replicas) },
          (_, i) =>
            `<rect x="${num(x + 12 + i * 14)}" y="${num(podsY)}" width="10" height="10" rx="2" ` +
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
    // Lines break between words (textLayout.ts) and the card is sized to hold them: no clipping.
    `<text data-part="label" x="${num(x + INSET_LEFT)}" y="${num(y + 24)}" ` +
    `font-size="${LABEL_SIZE}" font-weight="650" fill="${c.text}">` +
    `${tspans(text.label, x + INSET_LEFT, LABEL_STEP)}</text>` +
    `<text data-part="figure" x="${num(x + INSET_LEFT)}" y="${num(figureY)}" ` +
    `font-size="${FIGURE_SIZE}" fill="${c.muted}">${tspans(text.figure, x + INSET_LEFT, 15)}</text>` +
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
      const box = placeCaption(curve, Math.ceil(textWidth(caption, 10)) + 6, taken);
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

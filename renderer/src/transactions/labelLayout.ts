// Places the sequence diagram's labels so that none overlaps an arrow or another label: each label
// tries its preferred spot, then spots stepped further from its arrow or mark (above first, then
// below), and takes the first that is clear. Text is measured, not guessed, where a canvas is there.

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LabelWish {
  /** The preferred baseline point and how the text hangs from it. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  width: number;
  /** The arrow the label belongs to (it may touch that one). */
  own?: number | undefined;
}

export interface Placed {
  x: number;
  y: number;
  /** The box the text takes. */
  box: { x: number; y: number; w: number; h: number };
}

export const LINE_H = 13;
const STEPS = 12;

function boxAt(w: LabelWish, x: number, y: number) {
  const left = w.anchor === 'start' ? x : w.anchor === 'end' ? x - w.width : x - w.width / 2;
  return { x: left - 2, y: y - LINE_H + 3, w: w.width + 4, h: LINE_H };
}

const overlaps = (a: Placed['box'], b: Placed['box']) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether a segment passes through a box (Liang–Barsky clipping). */
export function crosses(s: Segment, b: Placed['box']): boolean {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, s.x1 - b.x],
    [dx, b.x + b.w - s.x1],
    [-dy, s.y1 - b.y],
    [dy, b.y + b.h - s.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** Positions for every label, in order, each clear of the arrows and of the labels placed before. */
export function placeLabels(wishes: readonly LabelWish[], arrows: readonly Segment[]): Placed[] {
  const placed: Placed[] = [];
  for (const w of wishes) {
    const clear = (box: Placed['box']) =>
      placed.every((p) => !overlaps(p.box, box)) &&
      arrows.every((a, i) => i === w.own || !crosses(a, box));
    let chosen: Placed | undefined;
    for (let k = 0; k <= STEPS && !chosen; k++) {
      for (const dy of k === 0 ? [0] : [-k * (LINE_H - 3), k * (LINE_H - 3)]) {
        const box = boxAt(w, w.x, w.y + dy);
        if (clear(box)) {
          chosen = { x: w.x, y: w.y + dy, box };
          break;
        }
      }
    }
    placed.push(chosen ?? { x: w.x, y: w.y, box: boxAt(w, w.x, w.y) });
  }
  return placed;
}

let ctx: CanvasRenderingContext2D | null | undefined;

/** The drawn width of a label in the diagram's font (an estimate where there is no canvas). */
export function textWidth(text: string, font = '11px system-ui, sans-serif', bold = false): number {
  if (ctx === undefined)
    ctx =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * (bold ? 6.8 : 6.2);
  ctx.font = bold ? `600 ${font}` : font;
  return ctx.measureText(text).width;
}

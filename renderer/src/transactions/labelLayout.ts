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
  /** Slide along this arrow before moving off it (a centred message label). */
  along?: Segment | undefined;
}

/** Where along its arrow a centred label is tried, in order. */
const ALONG = [0.5, 0.35, 0.65, 0.22, 0.78];

export interface Placed {
  x: number;
  y: number;
  /** The box the text takes. */
  box: { x: number; y: number; w: number; h: number };
}

export const LINE_H = 13;
/** Tries on each side of the preferred spot, STEP_PX apart. */
const STEPS = 40;
const STEP_PX = 4;

function boxAt(w: LabelWish, x: number, y: number) {
  const left = w.anchor === 'start' ? x : w.anchor === 'end' ? x - w.width : x - w.width / 2;
  return { x: left - 3, y: y - LINE_H + 2, w: w.width + 6, h: LINE_H + 3 };
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
export function placeLabels(
  wishes: readonly LabelWish[],
  arrows: readonly Segment[],
  fixed: readonly Placed['box'][] = [],
): Placed[] {
  const placed: Placed[] = [];
  const taken = [...fixed];
  for (const w of wishes) {
    const clear = (box: Placed['box']) =>
      taken.every((t) => !overlaps(t, box)) &&
      arrows.every((a, i) => i === w.own || !crosses(a, box));
    const starts = w.along
      ? ALONG.map((t) => {
          const a = w.along as Segment;
          return { x: a.x1 + (a.x2 - a.x1) * t, y: a.y1 + (a.y2 - a.y1) * t - 3 };
        })
      : [{ x: w.x, y: w.y }];
    let chosen: Placed | undefined;
    for (let k = 0; k <= STEPS && !chosen; k++) {
      for (const start of starts) {
        for (const dy of k === 0 ? [0] : [-k * STEP_PX, k * STEP_PX]) {
          const box = boxAt(w, start.x, start.y + dy);
          if (clear(box)) {
            chosen = { x: start.x, y: start.y + dy, box };
            break;
          }
        }
        if (chosen) break;
      }
    }
    // Crowded all round: the first clear spot further down (the diagram grows to hold it).
    for (let dy = (STEPS + 1) * STEP_PX; !chosen && dy < 1000; dy += STEP_PX) {
      const box = boxAt(w, w.x, w.y + dy);
      if (clear(box)) chosen = { x: w.x, y: w.y + dy, box };
    }
    const at = chosen ?? { x: w.x, y: w.y, box: boxAt(w, w.x, w.y) };
    placed.push(at);
    taken.push(at.box);
  }
  return placed;
}

let ctx: CanvasRenderingContext2D | null | undefined;

/** The drawn width of a label in the diagram's font (an estimate where there is no canvas). */
let family = 'system-ui, sans-serif';

export function textWidth(text: string, size = 11, bold = false): number {
  if (ctx === undefined) {
    ctx =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (ctx) family = getComputedStyle(document.body).fontFamily || family;
  }
  if (!ctx) return text.length * (bold ? 6.8 : 6.2);
  ctx.font = `${bold ? '600 ' : ''}${size}px ${family}`;
  return ctx.measureText(text).width;
}

// Where new things go on the canvas so they neither hide under the panels nor land on what is
// already drawn: a pasted copy is moved to the nearest offset where it overlaps no node, and a
// dropped node is kept inside the part of the canvas the user can see.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Space kept between a pasted item and its neighbours. */
export const GAP = 24;

const hits = (a: Rect, b: Rect, gap: number) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/**
 * The offset nearest to `preferred` (in steps of `step`, searched ring by ring) at which every
 * rect of `moving` is clear of every rect of `obstacles` by `gap`. Falls back to below everything.
 */
export function freeOffset(
  moving: readonly Rect[],
  obstacles: readonly Rect[],
  preferred: { x: number; y: number },
  step = 40,
  gap = GAP,
): { x: number; y: number } {
  const clear = (dx: number, dy: number) =>
    moving.every((m) => {
      const at = { x: m.x + dx, y: m.y + dy, w: m.w, h: m.h };
      return obstacles.every((o) => !hits(at, o, gap));
    });
  if (clear(preferred.x, preferred.y)) return preferred;
  const MAX_RING = 40;
  for (let ring = 1; ring <= MAX_RING; ring++) {
    const found: { x: number; y: number; d: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const dx = preferred.x + i * step;
        const dy = preferred.y + j * step;
        if (clear(dx, dy)) found.push({ x: dx, y: dy, d: Math.hypot(i, j) });
      }
    }
    if (found.length > 0) {
      // Nearest first; on a tie to the right, then down (the way a copy is expected to go).
      found.sort((a, b) => a.d - b.d || b.x - a.x || b.y - a.y);
      const best = found[0] as { x: number; y: number };
      return { x: best.x, y: best.y };
    }
  }
  const bottom = obstacles.reduce((m, o) => Math.max(m, o.y + o.h), 0);
  const top = moving.reduce((m, r) => Math.min(m, r.y), Infinity);
  return { x: preferred.x, y: bottom + gap * 2 - (Number.isFinite(top) ? top : 0) };
}

/** `rect` moved the least so that it lies inside `view` (or at its top-left if it cannot fit). */
export function keepInside(rect: Rect, view: Rect, margin = 8): { x: number; y: number } {
  const minX = view.x + margin;
  const minY = view.y + margin;
  const maxX = view.x + view.w - margin - rect.w;
  const maxY = view.y + view.h - margin - rect.h;
  return {
    x: maxX < minX ? minX : Math.min(Math.max(rect.x, minX), maxX),
    y: maxY < minY ? minY : Math.min(Math.max(rect.y, minY), maxY),
  };
}

// A pasted copy goes to the nearest free spot, and a dropped node is kept inside the visible canvas.
import { describe, expect, it } from 'vitest';
import { freeOffset, keepInside, type Rect } from '../../../renderer/src/canvas/freeSpot';

const node = (x: number, y: number): Rect => ({ x, y, w: 180, h: 64 });
const hits = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('freeOffset', () => {
  it('keeps the preferred offset when the copy lands on empty canvas', () => {
    expect(freeOffset([node(0, 0)], [node(0, 0)], { x: 300, y: 0 })).toEqual({ x: 300, y: 0 });
  });

  it('moves a copy off the original and its neighbours, as near as it can', () => {
    const original = node(0, 0);
    const row = [original, node(220, 0), node(440, 0), node(0, 120)];
    const off = freeOffset([original], row, { x: 40, y: 40 });
    const copy = { ...original, x: original.x + off.x, y: original.y + off.y };
    for (const r of row) expect(hits(copy, r), JSON.stringify(r)).toBe(false);
    // Nearest free ring: not pushed far away.
    expect(Math.hypot(off.x, off.y)).toBeLessThan(400);
  });

  it('moves a selection of several nodes as one, keeping their arrangement', () => {
    const picked = [node(0, 0), node(0, 100)];
    const off = freeOffset(picked, picked, { x: 40, y: 40 });
    for (const p of picked)
      for (const q of picked) expect(hits({ ...p, x: p.x + off.x, y: p.y + off.y }, q)).toBe(false);
  });
});

describe('keepInside', () => {
  const view = { x: 100, y: 50, w: 800, h: 400 };
  it('pulls a node dropped half off the left edge inside', () => {
    expect(keepInside({ x: 40, y: 200, w: 180, h: 64 }, view)).toEqual({ x: 108, y: 200 });
  });
  it('pulls a node dropped past the bottom-right corner inside', () => {
    expect(keepInside({ x: 850, y: 430, w: 180, h: 64 }, view)).toEqual({ x: 712, y: 378 });
  });
  it('leaves a node already inside where it is', () => {
    expect(keepInside({ x: 300, y: 200, w: 180, h: 64 }, view)).toEqual({ x: 300, y: 200 });
  });
});

// Sequence-diagram labels are placed clear of the arrows and of each other.
import { describe, expect, it } from 'vitest';
import { crosses, placeLabels } from '../../../renderer/src/transactions/labelLayout';

const hit = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placeLabels', () => {
  it('keeps the preferred spot when it is clear', () => {
    const [p] = placeLabels([{ x: 100, y: 50, anchor: 'middle', width: 40 }], []);
    expect([p?.x, p?.y]).toEqual([100, 50]);
  });

  it('moves a label off an arrow that is not its own, and off a label placed before', () => {
    const arrow = { x1: 0, y1: 46, x2: 300, y2: 46 };
    const placed = placeLabels(
      [
        { x: 100, y: 50, anchor: 'start', width: 120 },
        { x: 110, y: 50, anchor: 'start', width: 150, own: 0 },
      ],
      [arrow],
    );
    const [a, b] = placed;
    expect(crosses(arrow, a!.box)).toBe(false);
    expect(hit(a!.box, b!.box)).toBe(false);
  });
});

describe('crosses', () => {
  it('tells a segment through a box from one beside it', () => {
    const box = { x: 10, y: 10, w: 20, h: 10 };
    expect(crosses({ x1: 0, y1: 15, x2: 50, y2: 15 }, box)).toBe(true);
    expect(crosses({ x1: 0, y1: 25, x2: 50, y2: 25 }, box)).toBe(false);
    expect(crosses({ x1: 0, y1: 0, x2: 40, y2: 30 }, box)).toBe(true);
  });
});

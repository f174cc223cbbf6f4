// The canvas dots sit on grid points (multiples of the snap grid in flow coordinates) whatever the
// pan and zoom, and the dot layer never leaves a gap at the pane's top-left corner.
import { describe, expect, it } from 'vitest';
import { dotLayout } from '../../../renderer/src/canvas/DotGrid';

describe('dot grid', () => {
  const gap = 20;
  it.each([
    [0, 0, 1],
    [40, 40, 1],
    [-9, -3, 1],
    [123.4, -567.8, 0.37],
    [-1000.5, 2000.25, 2.5],
  ])('viewport (%d, %d) at zoom %d: dots on grid points, layer covers the corner', (x, y, zoom) => {
    const { size, dx, dy } = dotLayout(x, y, zoom, gap);
    expect(size).toBeCloseTo(gap * zoom, 9);
    for (const d of [dx, dy]) {
      expect(d).toBeGreaterThanOrEqual(-size - 1e-9);
      expect(d).toBeLessThanOrEqual(1e-9);
    }
    // The first dot centre (half a tile in) maps back to a multiple of the gap in flow coordinates.
    const flowX = (dx + size / 2 - x) / zoom;
    const flowY = (dy + size / 2 - y) / zoom;
    expect(Math.abs(flowX / gap - Math.round(flowX / gap))).toBeLessThan(1e-9);
    expect(Math.abs(flowY / gap - Math.round(flowY / gap))).toBeLessThan(1e-9);
  });
});

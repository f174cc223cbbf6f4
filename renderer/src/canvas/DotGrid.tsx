// The canvas's dotted grid, a dot on every grid point (multiples of `gap` in flow coordinates).
// React Flow's <Background> redraws an SVG pattern on every pan frame, so each frame repainted the
// whole window. Here the dots are a CSS pattern on a layer of their own that a pan only moves
// (a transform, done by the compositor); only a zoom changes the pattern itself.
import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';

/** Where the dot layer goes for a viewport (x, y, zoom): pattern size, and offset in [-g, 0). */
export function dotLayout(
  x: number,
  y: number,
  zoom: number,
  gap: number,
): { size: number; dx: number; dy: number } {
  const g = gap * zoom;
  // A dot is drawn in the middle of each tile, so tiles start half a gap before a grid point.
  const shift = (v: number) => ((((v - g / 2) % g) + g) % g) - g;
  return { size: g, dx: shift(x), dy: shift(y) };
}

export function DotGrid({ gap, size }: { gap: number; size: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    let zoom = -1;
    const place = (t: readonly [number, number, number]) => {
      const el = ref.current;
      if (!el) return;
      const d = dotLayout(t[0], t[1], t[2], gap);
      if (t[2] !== zoom) {
        zoom = t[2];
        const r = Math.max(0.5, (size * zoom) / 2);
        el.style.backgroundSize = `${d.size}px ${d.size}px`;
        el.style.backgroundImage = `radial-gradient(circle, var(--dot-grid-color) ${r}px, transparent ${r + 0.5}px)`;
        // One tile more than the pane on the right and below, for the offset.
        el.style.right = el.style.bottom = `${-Math.ceil(d.size) - 1}px`;
      }
      el.style.transform = `translate(${d.dx}px, ${d.dy}px)`;
    };
    place(store.getState().transform);
    return store.subscribe((s) => place(s.transform));
  }, [store, gap, size]);
  return <div ref={ref} className="dot-grid" aria-hidden data-testid="dot-grid" />;
}

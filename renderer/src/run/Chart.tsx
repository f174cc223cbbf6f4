import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartOptions, type ChartLine, type RightAxis } from './chartOptions';

export type { ChartLine } from './chartOptions';

interface Props {
  title: string;
  unit: string;
  t: number[];
  lines: ChartLine[];
  theme: 'light' | 'dark';
  height?: number;
  /** A second quantity on its own scale, drawn against an axis on the right. */
  right?: RightAxis;
}

/** One time-series chart (uPlot): simulated seconds across, the unit up the side. */
export function Chart({ title, unit, t, lines, theme, height = 170, right }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${theme}|${right?.unit ?? ''}|${lines.map((l) => `${l.label}:${l.color}:${l.axis ?? ''}`).join(',')}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts = chartOptions({
      title,
      unit,
      lines,
      right,
      theme,
      width: Math.max(200, el.clientWidth),
      height,
    });
    const u = new uPlot(opts, [[], ...lines.map(() => [])], el);
    plot.current = u;
    const ro = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, el.clientWidth), height }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of lines or the theme changes; data flows in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, title, unit]);

  useEffect(() => {
    plot.current?.setData([t, ...lines.map((l) => l.values)]);
  }, [t, lines]);

  return <div className="chart" ref={box} data-testid={`chart-${title}`} />;
}

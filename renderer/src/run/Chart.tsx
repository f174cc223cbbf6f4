import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  color: string;
  values: number[];
  dash?: number[];
}

interface Props {
  title: string;
  unit: string;
  t: number[];
  lines: ChartLine[];
  theme: 'light' | 'dark';
  height?: number;
}

const axisColor = { light: '#677085', dark: '#98a1b3' };
const gridColor = { light: '#e6e8ee', dark: '#2b313c' };

/** One time-series chart (uPlot): simulated seconds across, the unit up the side. */
export function Chart({ title, unit, t, lines, theme, height = 170 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${theme}|${lines.map((l) => `${l.label}:${l.color}`).join(',')}`;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = {
      stroke: axisColor[theme],
      grid: { stroke: gridColor[theme], width: 1 },
      ticks: { stroke: gridColor[theme], width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      title,
      scales: { x: { time: false } },
      axes: [
        { ...axis, label: 'simulated s', labelSize: 18 },
        { ...axis, label: unit, labelSize: 18, size: 56 },
      ],
      series: [
        { label: 't (s)' },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: 1.5,
          ...(l.dash ? { dash: l.dash } : {}),
          points: { show: false },
        })),
      ],
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
    };
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

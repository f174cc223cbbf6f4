// A metric against a sweep parameter (uPlot): each series' mean as a line with its interval as a
// shaded band between its lower and upper bounds.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BandSeries {
  label: string;
  color: string;
  mean: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
}

interface Props {
  title: string;
  unit: string;
  x: number[];
  xLabels: string[];
  series: BandSeries[];
  theme: 'light' | 'dark';
}

const axisColor = { light: '#677085', dark: '#98a1b3' };
const gridColor = { light: '#e6e8ee', dark: '#2b313c' };

export function BandChart({ title, unit, x, xLabels, series, theme }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = {
      stroke: axisColor[theme],
      grid: { stroke: gridColor[theme], width: 1 },
      ticks: { stroke: gridColor[theme], width: 1 },
    };
    const uSeries: uPlot.Series[] = [{}];
    const data: (number | null)[][] = [x];
    const bands: uPlot.Band[] = [];
    for (const s of series) {
      const base = data.length;
      data.push(s.lo, s.mean, s.hi);
      uSeries.push(
        { label: `${s.label} lower`, stroke: 'transparent', points: { show: false } },
        { label: s.label || title, stroke: s.color, width: 2, points: { show: true, size: 6 } },
        { label: `${s.label} upper`, stroke: 'transparent', points: { show: false } },
      );
      bands.push({ series: [base + 2, base], fill: `${s.color}33` });
    }
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: 160,
        title: `${title} (${unit})`,
        legend: { show: false },
        cursor: { show: true },
        scales: { x: { time: false } },
        axes: [
          {
            ...axis,
            values: (_u, splits) =>
              splits.map((v) => {
                const i = x.indexOf(v);
                return i >= 0 ? (xLabels[i] ?? '') : '';
              }),
            splits: () => x,
          },
          { ...axis, size: 56 },
        ],
        series: uSeries,
        bands,
      },
      data as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(240, el.clientWidth), height: 160 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, unit, x, xLabels, series, theme]);
  return <div className="sweep-chart" ref={box} role="img" aria-label={`${title} (${unit})`} />;
}

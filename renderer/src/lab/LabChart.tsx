// A figure against threads (or loops) N (uPlot): each model's measured points joined by a line,
// where given its fitted curve dashed in the same colour, and where given a level (the offered
// load) as a dotted grey line across.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LabSeries {
  label: string;
  color: string;
  /** Measured values at x (null where not measured). */
  points: (number | null)[];
  /** The fitted curve at x (null past the points it was fitted to), when there is one. */
  fit?: (number | null)[] | undefined;
}

interface Props {
  title: string;
  unit: string;
  x: number[];
  series: LabSeries[];
  /** A horizontal line, e.g. the load the service was offered. */
  level?: { label: string; value: number } | undefined;
  theme: 'light' | 'dark';
}

const axisColor = { light: '#677085', dark: '#98a1b3' };
const gridColor = { light: '#e6e8ee', dark: '#2b313c' };

export function LabChart({ title, unit, x, series, level, theme }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = {
      stroke: axisColor[theme],
      grid: { stroke: gridColor[theme], width: 1 },
      ticks: { stroke: gridColor[theme], width: 1 },
    };
    const uSeries: uPlot.Series[] = [{ label: 'N' }];
    const data: (number | null)[][] = [x];
    for (const s of series) {
      data.push(s.points);
      uSeries.push({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: true,
        points: { show: true, size: 6, fill: s.color },
      });
      if (s.fit !== undefined) {
        data.push(s.fit);
        uSeries.push({
          label: `${s.label} (USL)`,
          stroke: s.color,
          width: 1.5,
          dash: [6, 4],
          points: { show: false },
        });
      }
    }
    if (level !== undefined) {
      data.push(x.map(() => level.value));
      uSeries.push({
        label: level.label,
        stroke: axisColor[theme],
        width: 1,
        dash: [2, 3],
        points: { show: false },
      });
    }
    const height = 190;
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height,
        title: `${title} (${unit})`,
        legend: { show: false },
        cursor: { show: true },
        scales: { x: { time: false } },
        axes: [
          { ...axis, label: 'N', labelSize: 14 },
          { ...axis, size: 56 },
        ],
        series: uSeries,
      },
      data as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(240, el.clientWidth), height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, unit, x, series, level, theme]);
  return <div className="lab-chart" ref={box} role="img" aria-label={`${title} (${unit})`} />;
}

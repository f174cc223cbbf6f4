// uPlot options for a time-series chart. A chart may carry a second quantity on its own scale and
// axis (on the right), so two figures of different size, such as queue depth and utilisation, are
// each drawn at their own height instead of one flattening the other.
import type uPlot from 'uplot';

export interface ChartLine {
  label: string;
  color: string;
  values: number[];
  dash?: number[];
  /** Drawn against the right-hand axis (the chart's `right` scale). */
  axis?: 'right';
}

/** The right-hand axis: its unit, and a fixed range if it has one (0–100 for a percentage). */
export interface RightAxis {
  unit: string;
  range?: [number, number];
}

export interface ChartSpec {
  title: string;
  unit: string;
  lines: readonly ChartLine[];
  right?: RightAxis | undefined;
  theme: 'light' | 'dark';
  width: number;
  height: number;
}

const axisColor = { light: '#677085', dark: '#98a1b3' };
const gridColor = { light: '#e6e8ee', dark: '#2b313c' };

export function chartOptions(c: ChartSpec): uPlot.Options {
  const axis = {
    stroke: axisColor[c.theme],
    grid: { stroke: gridColor[c.theme], width: 1 },
    ticks: { stroke: gridColor[c.theme], width: 1 },
  };
  const scales: uPlot.Scales = { x: { time: false }, left: { auto: true } };
  const axes: uPlot.Axis[] = [
    { ...axis, label: 'simulated s', labelSize: 18 },
    { ...axis, scale: 'left', label: c.unit, labelSize: 18, size: 56 },
  ];
  if (c.right) {
    const range = c.right.range;
    scales['right'] = range ? { auto: false, range } : { auto: true };
    axes.push({
      ...axis,
      scale: 'right',
      side: 1,
      label: c.right.unit,
      labelSize: 18,
      size: 56,
      grid: { show: false },
    });
  }
  return {
    width: c.width,
    height: c.height,
    title: c.title,
    scales,
    axes,
    series: [
      { label: 't (s)' },
      ...c.lines.map((l) => ({
        label: l.label,
        stroke: l.color,
        width: 1.5,
        scale: l.axis === 'right' && c.right ? 'right' : 'left',
        ...(l.dash ? { dash: l.dash } : {}),
        points: { show: false },
      })),
    ],
    legend: { show: true },
    cursor: { drag: { x: true, y: false } },
  };
}

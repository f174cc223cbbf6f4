// The load chart draws utilisation and queue depth on scales of their own, each with a labelled
// axis, so a long queue no longer flattens utilisation against the bottom.
import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../../renderer/src/run/chartOptions';

const load = chartOptions({
  title: 'Load',
  unit: 'queue depth (requests)',
  right: { unit: 'utilisation %', range: [0, 100] },
  lines: [
    { label: 'queue depth', color: '#a0782c', values: [0, 800, 1600] },
    { label: 'utilisation %', color: '#326ce5', values: [40, 95, 100], axis: 'right' },
  ],
  theme: 'light',
  width: 400,
  height: 170,
});

describe('chart options', () => {
  it('puts queue depth and utilisation on separate scales', () => {
    const [, depth, util] = load.series;
    expect(depth?.scale).toBe('left');
    expect(util?.scale).toBe('right');
    expect(load.scales?.['right']).toEqual({ auto: false, range: [0, 100] });
    expect(load.scales?.['left']).toEqual({ auto: true });
  });

  it('labels both axes, utilisation on the right', () => {
    const y = (load.axes ?? []).slice(1);
    expect(y.map((a) => [a.scale, a.label, a.side ?? 3])).toEqual([
      ['left', 'queue depth (requests)', 3],
      ['right', 'utilisation %', 1],
    ]);
  });

  it('keeps one axis for a chart of one quantity', () => {
    const latency = chartOptions({
      title: 'Latency',
      unit: 'ms',
      lines: [{ label: 'p99', color: '#d23c3c', values: [1, 2] }],
      theme: 'dark',
      width: 400,
      height: 170,
    });
    expect(latency.axes).toHaveLength(2);
    expect(latency.series[1]?.scale).toBe('left');
  });
});

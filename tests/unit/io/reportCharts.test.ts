import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { lineChartSvg, niceStep, niceTicks, tickLabel } from '../../../shared/io/charts';

const spec = {
  title: 'p99 < 500 ms — end to end',
  t: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  lines: [
    {
      label: 'p99',
      values: [100, 120, null, null, 900, 800, 130, 110, 105, 100],
      color: '#c0392b',
    },
  ],
  unit: 'ms',
  durationS: 10,
  threshold: { value: 500, label: 'SLO < 500 ms' },
  windows: [
    { fromS: 4, toS: 6, label: 'add-latency <edge>' },
    { fromS: 1, toS: 1, label: 'kill-pod orders' },
  ],
  width: 600,
  height: 200,
};

describe('nice ticks', () => {
  it('steps of 1, 2, 2.5 or 5 × 10ⁿ, from 0 to the first step at or above the maximum', () => {
    expect(niceStep(60, 8)).toBe(10);
    expect(niceStep(3031, 5)).toBe(1000);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceTicks(60, 8)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(niceTicks(3031, 5)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(0.3, 5)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
  });
  it('labels without float noise, large figures in k', () => {
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
    expect(tickLabel(30_000)).toBe('30k');
  });
});

describe('lineChartSvg', () => {
  const svg = lineChartSvg(spec);

  it('is well-formed SVG with an accessible title, and the same bytes every time', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('<title>p99 &lt; 500 ms — end to end</title>');
    expect(lineChartSvg(spec)).toBe(svg);
  });

  it('shades a fault window over its seconds and marks a moment with a line', () => {
    // Plot from x = 58 to 600 - 18 = 582 (524 px for 10 s): 4 s → 267.6, 6 s → 372.4.
    expect(svg).toMatch(/class="fault-window"><rect x="267.6" y="44" width="104.8"/);
    expect(svg).toMatch(/class="fault-moment"><line x1="110.4" x2="110.4"/);
    expect(svg).toContain('add-latency &lt;edge&gt;');
  });

  it('breaks a line where a second has no figure, and draws the threshold', () => {
    const path = /<path class="line" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(6);
    expect(svg).toContain('class="threshold"');
    expect(svg).toContain('SLO &lt; 500 ms');
  });

  it('puts every time tick within the run and caps a percentage at 100', () => {
    const pctSvg = lineChartSvg({
      ...spec,
      unit: '%',
      threshold: { value: 99, label: 'SLO' },
      maxTop: 100,
    });
    const yLabels = [...pctSvg.matchAll(/text-anchor="end" fill="[^"]+">([\d.k]+)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(yLabels.at(-1)).toBe('100');
    const xLabels = [...svg.matchAll(/text-anchor="middle" fill="[^"]+">([\d.]+)<\/text>/g)].map(
      (m) => Number(m[1]),
    );
    expect(Math.max(...xLabels)).toBe(10);
  });
});

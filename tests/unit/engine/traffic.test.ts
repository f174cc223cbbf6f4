import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import type { TrafficShape } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

const rpsSeries = (
  shapes: TrafficShape[],
  rps = 100,
  arrival: 'poisson' | 'constant' = 'constant',
) =>
  runToEnd(
    buildDoc()
      .client('users', { rps, arrival, shapes })
      .external('x', { latency: { dist: 'constant', meanMs: 1 } })
      .call('users', 'x', direct)
      .scenario({ durationS: 20 })
      .build(),
  ).nodes['users']!.series.rps;

describe('traffic shapes', () => {
  it('step and spike change the rate at the given seconds', () => {
    const rps = rpsSeries([
      { shape: 'step', atS: 5, rps: 200 },
      { shape: 'spike', atS: 10, forS: 2, factor: 3 },
    ]);
    expect(rps[2]).toBeCloseTo(100, -1);
    expect(rps[7]).toBeCloseTo(200, -1);
    expect(rps[11]).toBeCloseTo(600, -1);
    expect(rps[15]).toBeCloseTo(200, -1);
  });

  it('ramp moves linearly; trace follows its CSV', () => {
    const ramp = rpsSeries([{ shape: 'ramp', fromS: 0, toS: 10, toRps: 300 }]);
    expect(ramp[5]).toBeGreaterThan(180);
    expect(ramp[5]).toBeLessThan(240);
    expect(ramp[15]).toBeCloseTo(300, -1);
    const trace = rpsSeries([{ shape: 'trace', csv: 't,rps\n0,50\n10,400' }]);
    expect(trace[3]).toBeCloseTo(50, -1);
    expect(trace[12]).toBeCloseTo(400, -1);
  });

  it('poisson arrivals are thinned to follow the shape', () => {
    const rps = rpsSeries([{ shape: 'sine', periodS: 20, amplitude: 0.5 }], 1000, 'poisson');
    expect(rps[5]!).toBeGreaterThan(1350); // ~1500 at the crest
    expect(rps[15]!).toBeLessThan(650); // ~500 at the trough
  });
});

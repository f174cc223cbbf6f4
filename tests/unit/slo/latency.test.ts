// Latency SLOs, end to end and per node, over the whole run and over rolling windows.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../../../shared/engine';
import { pair, shop } from './docs';

const slowSecond = [
  { atS: 10, action: 'add-latency', target: 'users-api', params: { ms: 100 }, forS: 1 },
];

describe('latency SLOs', () => {
  it('p99 end to end and per node over the whole run', () => {
    // 100 of 3,000 requests (those sent in [10, 11) s) take 100 ms more each way: 210 ms. The
    // 2,970th of 2,999 is among them: p99 = the 210 ms bucket (209.92 ms, HDR midpoint, ≤ 0.8 %
    // off); p95 (the 2,850th) a 10 ms one (10.048 ms). api's own visits stay 10 ms (clamped to
    // its exact max). The run's last request is still in flight at 30 s: 2,999 counted.
    const r = runToEnd(
      pair(
        [
          { name: 'p99 e2e', metric: 'p99', value: 300 },
          { name: 'p99 e2e tight', metric: 'p99', value: 200 },
          { name: 'p95 e2e', metric: 'p95', value: 50 },
          { name: 'p99 api', metric: 'p99', value: 50, target: 'api' },
          { name: 'p50 api', metric: 'p50', op: '<=', value: 10, target: 'api' },
        ],
        slowSecond,
      ),
      { scenario: 'drill' },
    );
    expect(r.slos.map((s) => [s.name, s.value, s.pass, s.requests])).toEqual([
      ['p99 e2e', 209.92, true, 2999],
      ['p99 e2e tight', 209.92, false, 2999],
      ['p95 e2e', 10.048, true, 2999],
      ['p99 api', 10, true, 2999],
      ['p50 api', 10, true, 2999],
    ]);
    expect(r.slos[0]).not.toHaveProperty('windowS');
    expect(r.slos[0]).not.toHaveProperty('worstWindow');
  });

  it('a windowed p95 that holds over the whole run fails in its worst 10 s window', () => {
    // Second 10 finishes only slow requests (80: those sent at 10.00…10.79 s), second 11 the
    // other 20 and 100 fast ones. Window [1, 11) is the first holding second 10: 80 slow of 980
    // (8.2 % > 5 %), so its p95 is the slow bucket; the whole run has 100 of 2,999 (3.3 %).
    const doc = pair(
      [
        { name: 'p95 whole run', metric: 'p95', value: 50 },
        { name: 'p95 over 10 s', metric: 'p95', value: 50, windowS: 10 },
        { name: 'p99 over 10 s', metric: 'p99', value: 300, windowS: 10 },
        { name: 'p95 over 10 s, api', metric: 'p95', value: 50, windowS: 10, target: 'api' },
      ],
      slowSecond,
    );
    const r = runToEnd(doc, { scenario: 'drill' });
    expect(r.slos[0]).toMatchObject({ value: 10.048, pass: true });
    expect(r.slos[1]).toMatchObject({
      value: 209.92,
      pass: false,
      requests: 980,
      windowS: 10,
      worstWindow: { fromS: 1, toS: 11 },
    });
    expect(r.slos[2]).toMatchObject({ value: 209.92, pass: true, windowS: 10 });
    // api's visits never slowed: every window holds, the worst is the first (ties keep it).
    expect(r.slos[3]).toMatchObject({ value: 10, pass: true, worstWindow: { fromS: 0, toS: 10 } });
  });

  it('the worst window is never better than the whole run (a passing window set cannot fail overall)', () => {
    // 30 s tiled by three 10 s windows: the whole run's p99 (a quantile of their union) is at
    // most the largest of theirs, so "every window holds" implies "the whole run holds".
    const timeline = [
      ...slowSecond,
      { atS: 22, action: 'add-latency', target: 'users-api', params: { ms: 40 }, forS: 0.5 },
    ];
    for (const metric of ['p50', 'p95', 'p99'] as const) {
      const r = runToEnd(
        pair(
          [
            { name: 'whole', metric, value: 1000 },
            { name: 'windowed', metric, value: 1000, windowS: 10 },
          ],
          timeline,
        ),
        { scenario: 'drill' },
      );
      expect(r.slos[1]?.value).toBeGreaterThanOrEqual(r.slos[0]?.value ?? Infinity);
    }
  });

  it('a run shorter than the window is judged as one window; warm-up seconds are left out', () => {
    const r = runToEnd(
      pair([{ name: 'p99 over 60 s', metric: 'p99', value: 100, windowS: 60 }], slowSecond, 20),
      { scenario: 'drill' },
    );
    expect(r.slos[0]).toMatchObject({
      value: 209.92,
      pass: false,
      worstWindow: { fromS: 0, toS: 20 },
    });
    const doc = pair([{ name: 'p99 over 5 s', metric: 'p99', value: 100, windowS: 5 }], slowSecond);
    const warm = { ...doc, scenarios: doc.scenarios?.map((s) => ({ ...s, warmupS: 12 })) };
    const w = runToEnd(warm, { scenario: 'drill' });
    expect(w.slos[0]).toMatchObject({ value: 10, pass: true, worstWindow: { fromS: 12, toS: 17 } });
  });

  it('keeps no window state for documents without windows; windows round up to whole seconds', () => {
    expect(createRun(shop([{ name: 'p99', metric: 'p99', value: 100 }]), {}).sloWindows).toBeNull();
    const sim = createRun(shop([{ name: 'p99', metric: 'p99', value: 100, windowS: 2.5 }]), {
      scenario: 'drill',
    });
    expect(sim.sloWindows).toHaveLength(1);
    sim.advanceTo(sim.durationMs);
    expect(sim.result().slos[0]?.windowS).toBe(3);
  });
});

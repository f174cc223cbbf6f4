// Envoy outlier detection (envoyproxy.io docs: intro/arch_overview/upstream/outlier "Ejection
// algorithm" — "If no hosts have been ejected, Envoy will eject the host immediately. Otherwise,
// it checks to make sure the number of ejected hosts is below the allowed threshold" — and
// config.cluster.v3.OutlierDetection: consecutive_5xx 5, interval 10 s, base_ejection_time 30 s,
// max_ejection_percent 10 %, max_ejection_time 300 s).
import { describe, expect, it } from 'vitest';
import {
  isEjected,
  newOutlierDetector,
  onResponse,
  sweep,
  type OutlierDetector,
} from '../../../shared/engine/control/outlier';

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);
function fail(d: OutlierDetector, host: string, times: number, atMs = 0): number {
  let events = 0;
  for (let i = 0; i < times; i++) events += onResponse(d, host, atMs, true).length;
  return events;
}

describe('consecutive_5xx', () => {
  it('ejects on the 5th consecutive 5xx; a success resets the count', () => {
    const d = newOutlierDetector('payments', hosts(10));
    fail(d, 'h0', 4);
    onResponse(d, 'h0', 0, false);
    fail(d, 'h0', 4);
    expect(isEjected(d, 'h0')).toBe(false);
    expect(onResponse(d, 'h0', 0, true)[0]).toMatchObject({
      reason: 'OutlierEjected',
      message: 'Host h0 ejected from payments for 30 s after 5 consecutive 5xx',
    });
    expect(isEjected(d, 'h0')).toBe(true);
  });
});

describe('max_ejection_percent (10 %)', () => {
  it('of 10 hosts ejects one (10 % is not below 10 %)', () => {
    const d = newOutlierDetector('svc', hosts(10));
    expect(fail(d, 'h0', 5)).toBe(1);
    expect(fail(d, 'h1', 5)).toBe(0);
  });
  it('of 20 hosts ejects two (5 % < 10 %, then 10 % is not)', () => {
    const d = newOutlierDetector('svc', hosts(20));
    expect([fail(d, 'h0', 5), fail(d, 'h1', 5), fail(d, 'h2', 5)]).toEqual([1, 1, 0]);
  });
  it('of 3 hosts still ejects one: the first ejection is always allowed', () => {
    const d = newOutlierDetector('svc', hosts(3));
    expect(fail(d, 'h0', 5)).toBe(1);
  });
});

describe('base_ejection_time × times ejected, returned at an interval sweep', () => {
  it('returns after 30 s at the next sweep, and stays out 60 s after a second ejection', () => {
    const d = newOutlierDetector('svc', hosts(10));
    fail(d, 'h0', 5, 1000); // ejected at 1 s for 30 s → due at 31 s
    expect(sweep(d, 30_000)).toEqual([]);
    expect(sweep(d, 40_000).map((e) => e.reason)).toEqual(['OutlierUnejected']);
    fail(d, 'h0', 5, 41_000); // multiplier 2 → 60 s, due at 101 s
    expect(sweep(d, 100_000)).toEqual([]);
    expect(isEjected(d, 'h0')).toBe(true);
    expect(sweep(d, 110_000)).toHaveLength(1);
  });
});

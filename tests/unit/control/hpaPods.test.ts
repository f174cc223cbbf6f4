// The replica calculator's second pass for pods without a sample or not Ready yet, as
// replica_calculator.go GetResourceReplicas does it and the docs' "Algorithm details" tell it:
// "If there were any missing metrics, the control plane recomputes the average more
// conservatively, assuming those pods were consuming 100% of the desired value in case of a scale
// down, and 0% in case of a scale up … If the new ratio reverses the scale direction, or is
// within the tolerance, the controller doesn't take any scaling action."
import { describe, expect, it } from 'vitest';
import { proposeFromPods } from '../../../shared/engine/control/hpaPods';

const pods = (utilizations: number[]) => utilizations.map((u) => ({ usage: u / 100, request: 1 }));

describe('GetResourceReplicas with missing and unready pods', () => {
  it('all pods measured and Ready: ceil(ratio × ready pods)', () => {
    const r = proposeFromPods(3, { ready: pods([90, 90, 90]), missing: [], unready: [] }, 60, 0.1);
    expect(r).toEqual({ proposal: 5, utilization: 90 }); // ceil(1.5 × 3) = ceil(4.5)
  });

  it('a scale-up that counting new pods at 0 % turns around is cancelled', () => {
    // One pod at 95 % of 60 %; three just added, Ready but not measured yet: (95 + 0 × 3) / 4 =
    // 23 % — below target, so the direction reverses and the size stays.
    const r = proposeFromPods(4, { ready: pods([95]), missing: [1, 1, 1], unready: [] }, 60, 0.1);
    expect(r).toEqual({ proposal: 4, utilization: 95 });
  });

  it('a scale-down counts a missing pod at 100 % of its request', () => {
    // Three pods at 10 %, one missing: (10 × 3 + 100) / 4 = 32 % → ceil(32/60 × 4) = 3, where
    // the measured pods alone would say ceil(10/60 × 3) = 1.
    const r = proposeFromPods(4, { ready: pods([10, 10, 10]), missing: [1], unready: [] }, 60, 0.1);
    expect(r).toEqual({ proposal: 3, utilization: 10 });
  });

  it('unready pods count at 0 % on a scale-up: within the tolerance, nothing changes', () => {
    // Two Ready pods at 120 %, two starting: (120 × 2 + 0 × 2) / 4 = 60 % = target.
    const r = proposeFromPods(
      4,
      { ready: pods([120, 120]), missing: [], unready: [1, 1] },
      60,
      0.1,
    );
    expect(r).toEqual({ proposal: 4, utilization: 120 });
  });

  it('unready pods are left out of a scale-down', () => {
    const r = proposeFromPods(4, { ready: pods([15, 15]), missing: [], unready: [1, 1] }, 60, 0.1);
    expect(r).toEqual({ proposal: 1, utilization: 15 }); // ceil(0.25 × 2)
  });
});

// HorizontalPodAutoscaler decisions, worked by hand from the Kubernetes docs page
// "Horizontal Pod Autoscaling" → "Algorithm details" (desiredReplicas = ceil[currentReplicas ×
// (currentMetricValue / desiredMetricValue)], tolerance 0.1, "Stabilization window") and
// "Default Behavior" (scale-down window 300 s; scale up by at most 100 % or 4 pods per 15 s).
import { describe, expect, it } from 'vitest';
import { hpaSync, newHpaState, type HpaConfig } from '../../../shared/engine/control/hpa';

const config: HpaConfig = {
  name: 'web',
  minReplicas: 1,
  maxReplicas: 20,
  targetCPUUtilizationPercentage: 50,
  scaleDownStabilizationSeconds: 300,
  tolerance: 0.1,
  syncPeriodSeconds: 15,
};

const once = (current: number, util: number, c: Partial<HpaConfig> = {}) =>
  hpaSync({ ...config, ...c }, newHpaState(), 0, current, util).desiredReplicas;

describe('HPA algorithm details (kubernetes.io … horizontal-pod-autoscale/#algorithm-details)', () => {
  it('doubles at twice the target and halves at half of it (the docs 200m/100m example)', () => {
    expect(once(3, 100)).toBe(6); // 3 × 100/50 = 6
    expect(once(4, 25)).toBe(2); // 4 × 25/50 = 2 (first sync: nothing in the window is higher)
  });

  it('rounds up: ceil(3 × 70/50) = ceil(4.2) = 5', () => {
    expect(once(3, 70)).toBe(5);
  });

  it('skips changes within the 10 % tolerance', () => {
    expect(once(10, 54)).toBe(10); // ratio 1.08
    expect(once(10, 46)).toBe(10); // ratio 0.92
    expect(once(10, 56)).toBe(12); // ratio 1.12 → ceil(11.2)
  });

  it('keeps between minReplicas and maxReplicas', () => {
    expect(once(10, 5, { minReplicas: 3 })).toBe(3); // ceil(10 × 0.1) = 1 → 3
    expect(once(10, 150, { maxReplicas: 15 })).toBe(15); // 30 → 15
  });

  it('does nothing when the target has 0 replicas (autoscaling disabled)', () => {
    expect(once(0, 400)).toBe(0);
  });
});

describe('default behavior: scale-up rate limit', () => {
  it('adds at most max(100 %, 4 pods) per period', () => {
    const d = hpaSync(config, newHpaState(), 0, 2, 500); // wants 2 × 10 = 20
    expect(d.desiredReplicas).toBe(6); // max(2 × 2, 2 + 4)
    expect(d.events[0]).toMatchObject({
      reason: 'SuccessfulRescale',
      message: 'New size: 6; reason: cpu resource utilization (percentage of request) above target',
      data: { from: 2, to: 6, proposal: 20, limitedBy: 'ScaleUpLimit' },
    });
    expect(hpaSync(config, newHpaState(), 0, 8, 500).desiredReplicas).toBe(16); // max(16, 12)
  });
});

describe('scale-down stabilization window (300 s, the highest recommendation wins)', () => {
  it('holds 10 replicas for 300 s after the load drops, then scales down', () => {
    let state = newHpaState();
    let replicas = 10;
    const sizes: [number, number][] = [];
    // t = 0: at target (50 %) → recommendation 10. From t = 15 s: 25 % → recommendation 5.
    for (let t = 0; t <= 330; t += 15) {
      const d = hpaSync(config, state, t * 1000, replicas, t === 0 ? 50 : 25);
      state = d.state;
      if (d.desiredReplicas !== replicas) sizes.push([t, d.desiredReplicas]);
      replicas = d.desiredReplicas;
    }
    // The t = 0 recommendation (10) leaves the window when it is no longer after now − 300 s:
    // at t = 300 s. Then every recommendation in the window is 5.
    expect(sizes).toEqual([[300, 5]]);
  });

  it('scales up at once (scale-up window 0 s)', () => {
    let state = newHpaState();
    state = hpaSync(config, state, 0, 4, 25).state; // a past recommendation of 2 in the window
    const d = hpaSync(config, state, 15_000, 4, 100);
    expect(d.desiredReplicas).toBe(8);
  });
});

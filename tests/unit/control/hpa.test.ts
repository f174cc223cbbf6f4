// HorizontalPodAutoscaler decisions, worked by hand from the Kubernetes docs page
// "Horizontal Pod Autoscaling" → "Algorithm details" (desiredReplicas = ceil[currentReplicas ×
// (currentMetricValue / desiredMetricValue)], tolerance 0.1) and kube-controller-manager's
// horizontal.go (reconcileAutoscaler: the first sync records the current size as a
// recommendation; a size outside [minReplicas, maxReplicas] is brought back in; without
// `behavior` the older rule of normalizeDesiredReplicas). The behavior examples of the docs are
// replayed in hpaBehavior.test.ts.
import { describe, expect, it } from 'vitest';
import { hpaSync, newHpaState, proposeReplicas } from '../../../shared/engine/control/hpa';
import { hpaConfig, replay } from '../../fixtures/hpa';

const config = hpaConfig({ minReplicas: 1, maxReplicas: 20, targetUtilization: 50 });

describe('HPA algorithm details (kubernetes.io … horizontal-pod-autoscale/#algorithm-details)', () => {
  it('doubles at twice the target and halves at half of it (the docs 200m/100m example)', () => {
    expect(proposeReplicas(3, 100, 50, 0.1)).toBe(6); // 3 × 100/50
    expect(proposeReplicas(4, 25, 50, 0.1)).toBe(2); // 4 × 25/50
  });

  it('rounds up: ceil(3 × 70/50) = ceil(4.2) = 5, and reads whole percents', () => {
    expect(proposeReplicas(3, 70, 50, 0.1)).toBe(5);
    expect(proposeReplicas(3, 70.9, 50, 0.1)).toBe(5); // 70.9 % is read as 70 %
  });

  it('skips changes within the 10 % tolerance, its bounds included', () => {
    expect(proposeReplicas(10, 54, 50, 0.1)).toBe(10); // ratio 1.08
    expect(proposeReplicas(10, 46, 50, 0.1)).toBe(10); // ratio 0.92
    expect(proposeReplicas(10, 56, 50, 0.1)).toBe(12); // ratio 1.12 → ceil(11.2)
    // (1 − 0.1) ≤ ratio ≤ (1 + 0.1), as Tolerances.isWithin compares.
    expect(proposeReplicas(10, 88, 80, 0.1)).toBe(10); // ratio 1.1
    expect(proposeReplicas(10, 72, 80, 0.1)).toBe(10); // ratio 0.9
  });

  it('does nothing when the target has 0 replicas (autoscaling disabled)', () => {
    expect(hpaSync(config, newHpaState(), 0, 0, 400).desiredReplicas).toBe(0);
  });

  it('brings a size outside [minReplicas, maxReplicas] back in, whatever the metric says', () => {
    const above = hpaSync(config, newHpaState(), 0, 25, 400);
    expect(above.desiredReplicas).toBe(20);
    expect(above.events[0]?.message).toBe(
      'New size: 20; reason: Current number of replicas above Spec.MaxReplicas',
    );
    const below = hpaSync(hpaConfig({ minReplicas: 3 }), newHpaState(), 0, 2, 0);
    expect(below.events[0]?.message).toBe(
      'New size: 3; reason: Current number of replicas below Spec.MinReplicas',
    );
  });

  it('keeps the proposal within minReplicas and maxReplicas, naming the limit', () => {
    const up = replay(hpaConfig({ maxReplicas: 15 }), 10, () => 10 * 300, 0);
    expect(up).toMatchObject([{ t: 0, to: 15, proposal: 30 }]);
    const c = hpaConfig({ minReplicas: 3, behavior: null });
    // Without behavior the first sync's own record (10) holds the size through 300 s.
    const down = replay(c, 10, () => 10 * 5, 330);
    expect(down).toMatchObject([{ t: 315, to: 3, proposal: 1 }]);
  });

  it('records the current size at its first sync, so it does not scale down at once', () => {
    const first = hpaSync(config, newHpaState(), 0, 4, 25);
    expect(first.proposal).toBe(2);
    expect(first.desiredReplicas).toBe(4);
    // 300 s later the record has left the scale-down window (strictly older than 300 s).
    let state = first.state;
    for (let t = 15; t < 300; t += 15) state = hpaSync(config, state, t * 1000, 4, 25).state;
    expect(hpaSync(config, state, 300_000, 4, 25).desiredReplicas).toBe(2);
  });
});

describe('the default behavior: scale up by max(+100 %, +4 pods) per 15 s', () => {
  it('adds at most the larger of the two, and says so', () => {
    const d = hpaSync(config, newHpaState(), 0, 2, 500); // wants 2 × 10 = 20
    expect(d.desiredReplicas).toBe(6); // max(2 × 2, 2 + 4)
    expect(d.events[0]).toMatchObject({
      reason: 'SuccessfulRescale',
      message: 'New size: 6; reason: cpu resource utilization (percentage of request) above target',
      data: { from: 2, to: 6, proposal: 20, limitedBy: 'ScaleUpLimit' },
    });
    expect(hpaSync(config, newHpaState(), 0, 8, 500).desiredReplicas).toBe(16); // max(16, 12)
  });

  it('counts the pods added within the period: a second step waits for it to pass', () => {
    const c = hpaConfig({ syncPeriodSeconds: 5 });
    // Syncs every 5 s against 15 s periods: 2 → 6 at 0 s; at 5 and 10 s the period still holds
    // the +4 (period start 2, so the limit is still 6); at 15 s it has passed: 6 → 12.
    const r = replay(c, 2, () => 40 * 100, 15);
    expect(r.map((x) => [x.t, x.to])).toEqual([
      [0, 6],
      [15, 12],
    ]);
  });
});

describe('an HPA without behavior (normalizeDesiredReplicas)', () => {
  const legacy = hpaConfig({ behavior: null, targetUtilization: 50, maxReplicas: 100 });

  it('scales up by at most max(2 × current, 4) per sync', () => {
    expect(hpaSync(legacy, newHpaState(), 0, 1, 5000).desiredReplicas).toBe(4);
    expect(hpaSync(legacy, newHpaState(), 0, 3, 5000).desiredReplicas).toBe(6);
  });

  it('keeps a recommendation exactly 300 s old in its window (Before(cutoff) drops it)', () => {
    // First sync at 0 records 10; the behavior rule would let go of it at 300 s, this one at 315 s.
    const r = replay(legacy, 10, () => 10 * 25, 330);
    expect(r.map((x) => [x.t, x.to])).toEqual([[315, 5]]);
  });

  it('does not scale up faster by stabilization: the highest recent recommendation wins', () => {
    // A past recommendation of 8 inside the window lifts a later proposal of 6 to 8.
    let state = newHpaState();
    state = hpaSync(legacy, state, 0, 4, 100).state; // proposes 8, goes to 8
    const d = hpaSync(legacy, state, 15_000, 4, 75); // proposes 6
    expect(d.proposal).toBe(6);
    expect(d.desiredReplicas).toBe(8);
  });
});

// The examples of the Kubernetes docs page "Horizontal Pod Autoscaling" → "Configurable scaling
// behavior" (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
// #configurable-scaling-behavior) and the user stories of KEP-853 "Configurable scale up/down
// velocity for HPA" (kubernetes/enhancements keps/sig-autoscaling/853-configurable-hpa-scale-
// velocity), replayed through the controller sync by sync (every 15 s) with a controlled load.
// Each expected sequence of replica counts and times is derived here from the text of the page:
// a policy allows its change once per periodSeconds (the change made within the last period
// counts against it), a scale-down waits until the last higher recommendation has left the
// stabilization window, and the scale-up window is 0 s.
import { describe, expect, it } from 'vitest';
import { behavior, hpaConfig, replay } from '../../fixtures/hpa';

/** [t, replicas] after each rescale. */
const steps = (r: { t: number; to: number }[]) => r.map((x) => [x.t, x.to]);

describe('docs "Scaling policies": scaleDown Pods 4 / 60 s and Percent 10 / 60 s', () => {
  // "if there are 80 replicas and the target has to be scaled down to 10 replicas then during the
  // first step 8 replicas will be reduced. In the next iteration when the number of replicas is
  // 72, 10% of the pods is 7.2 but the number is rounded up to 8. … When the number of replicas
  // falls below 40 the first policy (Pods) is applied and 4 replicas will be reduced at a time."
  it('80 → 10: the larger of 4 pods and 10 % (rounded up) per minute, after the 300 s window', () => {
    const config = hpaConfig({
      targetUtilization: 80,
      behavior: behavior({
        scaleDown: {
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 60 },
            { type: 'Percent', value: 10, periodSeconds: 60 },
          ],
        },
      }),
    });
    // At target until the load falls at t = 60 s to what 10 pods carry at 80 %.
    const dropS = 60;
    const r = replay(config, 80, (t) => (t < dropS ? 80 * 80 : 10 * 80), 1800);
    expect(r.every((x) => x.proposal === 10)).toBe(true);
    // The stabilization window is left at its default, 300 s: the last recommendation of 80 is
    // the one of the sync just before the drop (t = 45 s); it leaves the window 300 s later.
    const expected: number[][] = [];
    let n = 80;
    let t = dropS - 15 + 300;
    while (n > 10) {
      n = Math.max(10, n - Math.max(4, Math.ceil(n / 10)));
      expected.push([t, n]);
      t += 60;
    }
    expect(steps(r)).toEqual(expected);
    expect(expected.slice(0, 3)).toEqual([
      [345, 72],
      [405, 64],
      [465, 57],
    ]);
    expect(r[0]!.message).toBe('New size: 72; reason: All metrics below target');
  });
});

describe('docs "Default Behavior"', () => {
  // "There are 2 policies where 4 pods or a 100% of the currently running replicas will be added
  // every 15 seconds till the HPA reaches its steady state."
  it('scales up by the larger of 4 pods and 100 % every 15 s', () => {
    const r = replay(hpaConfig(), 1, () => 50 * 100, 120);
    const expected: number[][] = [];
    for (let n = 1, t = 0; n < 50; t += 15) {
      n = Math.min(50, Math.max(n + 4, 2 * n));
      expected.push([t, n]);
    }
    expect(steps(r)).toEqual(expected); // 1 → 5 → 10 → 20 → 40 → 50
    expect(r.map((x) => x.message)).toEqual(
      expected.map(
        ([, n]) =>
          `New size: ${n}; reason: cpu resource utilization (percentage of request) above target`,
      ),
    );
  });

  // "For scaling down the stabilization window is 300 seconds … a 100% of the currently running
  // replicas to be removed which means the scaling target can be scaled down to the minimum
  // allowed replicas."
  it('scales down to minReplicas in one step once the 300 s window has passed', () => {
    const config = hpaConfig({ minReplicas: 2 });
    const r = replay(config, 20, (t) => (t < 30 ? 20 * 100 : 0), 600);
    // Last recommendation of 20 at t = 15 s → it leaves the window at 315 s.
    expect(steps(r)).toEqual([[315, 2]]);
  });
});

describe('docs "Example: change downscale stabilization window" (60 s)', () => {
  it('scales down 60 s after the last higher recommendation', () => {
    const config = hpaConfig({
      behavior: behavior({ scaleDown: { stabilizationWindowSeconds: 60 } }),
    });
    const r = replay(config, 10, (t) => (t < 100 ? 10 * 100 : 5 * 100), 400);
    // Syncs at 90 (last at target) and 105 (first low): the 90 s one leaves the window at 150 s.
    expect(steps(r)).toEqual([[150, 5]]);
  });
});

describe('docs "Example: limit scale down rate"', () => {
  // "To ensure that no more than 5 Pods are removed per minute, you can add a second scale-down
  // policy with a fixed size of 5, and set selectPolicy to minimum."
  it('Percent 10 / 60 s and Pods 5 / 60 s with selectPolicy Min remove at most 5 pods a minute', () => {
    const config = hpaConfig({
      behavior: behavior({
        scaleDown: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Min',
          policies: [
            { type: 'Percent', value: 10, periodSeconds: 60 },
            { type: 'Pods', value: 5, periodSeconds: 60 },
          ],
        },
      }),
    });
    const r = replay(config, 100, () => 10 * 100, 900);
    // Min picks the smaller change: 5 pods while 10 % is more than 5, then 10 % (the remaining
    // count truncated, as the controller converts it) below 50 pods.
    const expected: number[][] = [];
    for (let n = 100, t = 0; n > 10; t += 60) {
      n = Math.max(10, Math.max(n - 5, Math.floor(n * 0.9)));
      expected.push([t, n]);
    }
    expect(steps(r)).toEqual(expected.filter(([t]) => t! <= 900));
    expect(expected.slice(0, 2)).toEqual([
      [0, 95],
      [60, 90],
    ]);
  });

  it('Percent 10 / 60 s alone: 10 % per minute, no faster', () => {
    const config = hpaConfig({
      behavior: behavior({
        scaleDown: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }],
        },
      }),
    });
    const r = replay(config, 50, () => 10 * 100, 240);
    expect(steps(r)).toEqual([
      [0, 45],
      [60, 40],
      [120, 36],
      [180, 32],
      [240, 28],
    ]);
  });
});

describe('docs "Example: disable scale down" (selectPolicy Disabled)', () => {
  it('never removes a pod, and still scales up', () => {
    const config = hpaConfig({ behavior: behavior({ scaleDown: { selectPolicy: 'Disabled' } }) });
    const r = replay(config, 4, (t) => (t < 600 ? 1 * 100 : 8 * 100), 1200);
    expect(steps(r)).toEqual([[600, 8]]);
  });
});

describe('KEP-853 user stories', () => {
  // Story 1: "scaleUp Percent 900 / 60 s … If the application is started with 1 pod, it will
  // scale up with the following number of pods: 1 -> 10 -> 100 -> 1000".
  it('Story 1: Percent 900 per minute goes 1 → 10 → 100 → 1000, a step a minute', () => {
    const config = hpaConfig({
      maxReplicas: 1000,
      behavior: behavior({
        scaleUp: { policies: [{ type: 'Percent', value: 900, periodSeconds: 60 }] },
      }),
    });
    const r = replay(config, 1, () => 5000 * 100, 300);
    expect(steps(r)).toEqual([
      [0, 10],
      [60, 100],
      [120, 1000],
    ]);
  });

  // Story 3: "scaleUp Pods 1 / 300 s … it will scale up very gradually: 1 -> 2 -> 3 -> 4".
  it('Story 3: Pods 1 per 300 s goes 1 → 2 → 3 → 4, a step every 5 minutes', () => {
    const config = hpaConfig({
      behavior: behavior({
        scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }] },
      }),
    });
    const r = replay(config, 1, () => 4 * 100, 1000);
    expect(steps(r)).toEqual([
      [0, 2],
      [300, 3],
      [600, 4],
    ]);
  });

  // Story 2: "scaleDown Pods 1 / 600 s (i.e., scale down one pod every 10 min)".
  it('Story 2: Pods 1 per 600 s removes one pod every 10 minutes after the window', () => {
    const config = hpaConfig({
      behavior: behavior({
        scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 600 }] },
      }),
    });
    const r = replay(config, 10, (t) => (t < 15 ? 10 * 100 : 100), 2400);
    // Last recommendation of 10 at t = 0 → the first step at 300 s, then every 600 s.
    expect(steps(r)).toEqual([
      [300, 9],
      [900, 8],
      [1500, 7],
      [2100, 6],
    ]);
  });

  // Story 6: "scaleUp stabilizationWindowSeconds 300 … pick the smallest one".
  it('Story 6: a scale-up window takes the lowest recommendation of the last 300 s', () => {
    const config = hpaConfig({
      behavior: behavior({ scaleUp: { stabilizationWindowSeconds: 300 } }),
    });
    // A 30 s spike to 19 pods' worth, then a steady 4 pods' worth, from 2 pods.
    const r = replay(config, 2, (t) => (t >= 60 && t < 90 ? 19 * 100 : 4 * 100), 700);
    // The spike never wins (the window's minimum stays ≤ the steady proposal); the steady
    // proposal of 4 wins once the initial recommendation (2, at t = 0) has left the window.
    expect(steps(r)).toEqual([[300, 4]]);
  });
});

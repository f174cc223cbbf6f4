// The Deployment controller against kubernetes/pkg/controller/deployment: rolling.go
// (rolloutRolling, reconcileNewReplicaSet, reconcileOldReplicaSets, cleanupUnhealthyReplicas,
// scaleDownOldReplicaSetsForRollingUpdate), recreate.go, progress.go, sync.go and
// util/deployment_util.go (ResolveFenceposts, NewRSNewReplicas, DeploymentTimedOut).
// Every sequence below is worked by hand from those functions (see docs/semantics.md §6).
import { describe, expect, it } from 'vitest';
import { podTemplateHash, resolveFenceposts } from '../../../shared/engine/control/fenceposts';
import { history, rolloutUndo, setTemplate } from '../../../shared/engine/control/rollout';
import { Cluster, spec } from './rolloutHarness';

const rs = (version: string) => `web-${podTemplateHash({ version })}`;
const V1 = rs('v1');
const V2 = rs('v2');

/** A cluster whose v1 pods have long been available, then `kubectl set image` to v2. */
function rollingToV2(overrides: Parameters<typeof spec>[0] = {}, availableAfter = 2): Cluster {
  const c = new Cluster(spec(overrides), availableAfter);
  c.settle();
  c.age();
  c.d = setTemplate(c.d, { version: 'v2' });
  c.maxPods = 0;
  c.minAvailable = Infinity;
  return c;
}

describe('ResolveFenceposts (deployment_util.go): surge rounds up, unavailable rounds down', () => {
  it.each([
    // [maxSurge, maxUnavailable, replicas, surge, unavailable]
    ['25%', '25%', 10, 3, 2], // 2.5 → 3 up, 2.5 → 2 down: docs/semantics.md §6 worked example
    ['25%', '25%', 1, 1, 0], // 0.25 → 1 up, 0.25 → 0 down
    ['25%', '25%', 3, 1, 0], // 0.75 → 1 up, 0.75 → 0 down
    ['50%', '50%', 3, 2, 1], // 1.5 → 2 up, 1.5 → 1 down
    ['0%', '1%', 2, 0, 1], // both resolve to 0 → unavailable 1 (ResolveFenceposts comment, case 1)
    ['1%', '25%', 1, 1, 0], // ResolveFenceposts comment, case 2
    ['1%', '0%', 2, 1, 0], // ResolveFenceposts comment, case 3
    [2, 0, 10, 2, 0], // whole numbers are used as they are
  ] as const)(
    'maxSurge %s, maxUnavailable %s of %i → surge %i, unavailable %i',
    (s, u, n, es, eu) => {
      expect(resolveFenceposts(s, u, n)).toEqual({ surge: es, unavailable: eu });
    },
  );
});

describe('RollingUpdate (rolling.go rolloutRolling)', () => {
  it('replicas 10 at 25 %/25 %: the docs/semantics.md §6 sequence, never > 13 pods, never < 8 available', () => {
    const c = rollingToV2();
    // New pods become available two syncs after they are created. Sync by sync:
    // 1: new RS created at min(13−10, 10) = 3; then reconcileOld: maxScaledDown 13−8−3 = 2 → old 8
    // 2: total 11 → new grows by 2 to 5
    // 3: 3 new available: maxScaledDown 13−8−2 = 3, available 11−8 = 3 → old 5
    // 4: total 10 → new +3 = 8;  5: 5 new available → old 3;  6: new 10;  7: 8 available → old 0
    expect(c.settle()).toEqual([
      `Scaled up replica set ${V2} to 3`,
      `Scaled down replica set ${V1} to 8`,
      `Scaled up replica set ${V2} to 5`,
      `Scaled down replica set ${V1} to 5`,
      `Scaled up replica set ${V2} to 8`,
      `Scaled down replica set ${V1} to 3`,
      `Scaled up replica set ${V2} to 10`,
      `Scaled down replica set ${V1} to 0`,
    ]);
    expect(c.maxPods).toBe(13);
    expect(c.minAvailable).toBe(8);
    expect(c.d.progressing?.reason).toBe('NewReplicaSetAvailable');
  });

  it('puts the replica set, counts and revision in the event data (ScalingReplicaSet)', () => {
    const c = rollingToV2();
    c.step();
    const r = c.d.replicaSets.find((x) => x.name === V2);
    expect(r?.revision).toBe(2);
    expect(V2).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  it('2 desired, maxUnavailable 1 %, maxSurge 0 %: old −1, new +1, old −1, new +1', () => {
    const c = rollingToV2({ replicas: 2, maxSurge: '0%', maxUnavailable: '1%' });
    expect(c.settle()).toEqual([
      `Scaled down replica set ${V1} to 1`,
      `Scaled up replica set ${V2} to 1`,
      `Scaled down replica set ${V1} to 0`,
      `Scaled up replica set ${V2} to 2`,
    ]);
    expect(c.maxPods).toBe(2);
    expect(c.minAvailable).toBe(1);
  });

  it('1 desired, maxUnavailable 25 %, maxSurge 1 %: new +1, then old −1', () => {
    const c = rollingToV2({ replicas: 1, maxSurge: '1%', maxUnavailable: '25%' });
    expect(c.settle()).toEqual([
      `Scaled up replica set ${V2} to 1`,
      `Scaled down replica set ${V1} to 0`,
    ]);
    expect(c.minAvailable).toBe(1);
  });

  it('2 desired, maxUnavailable 0 %, maxSurge 1 %: new +1, old −1, new +1, old −1', () => {
    const c = rollingToV2({ replicas: 2, maxSurge: '1%', maxUnavailable: '0%' });
    expect(c.settle()).toEqual([
      `Scaled up replica set ${V2} to 1`,
      `Scaled down replica set ${V1} to 1`,
      `Scaled up replica set ${V2} to 2`,
      `Scaled down replica set ${V1} to 0`,
    ]);
    expect(c.maxPods).toBe(3);
    expect(c.minAvailable).toBe(2);
  });

  it('3 replicas at 25 %/25 % resolve to surge 1, unavailable 0: one extra pod at a time', () => {
    const c = rollingToV2({ replicas: 3 });
    expect(c.settle()).toEqual([
      `Scaled up replica set ${V2} to 1`,
      `Scaled down replica set ${V1} to 2`,
      `Scaled up replica set ${V2} to 2`,
      `Scaled down replica set ${V1} to 1`,
      `Scaled up replica set ${V2} to 3`,
      `Scaled down replica set ${V1} to 0`,
    ]);
    expect(c.maxPods).toBe(4);
    expect(c.minAvailable).toBe(3);
  });
});

describe('Recreate (recreate.go rolloutRecreate)', () => {
  it('scales every old set to 0, waits for their pods to be gone, then creates the new set at full size', () => {
    const c = new Cluster(spec({ replicas: 3, strategy: 'Recreate' }), 1, 3);
    c.settle();
    expect(c.log).toEqual([`Scaled up replica set ${V1} to 3`]);
    c.d = setTemplate(c.d, { version: 'v2' });
    expect(c.step()).toEqual([`Scaled down replica set ${V1} to 0`]);
    // Old pods terminate for 3 syncs: the new set does not exist yet.
    expect(c.step()).toEqual([]);
    expect(c.step()).toEqual([]);
    expect(c.d.replicaSets.map((r) => r.name)).toEqual([V1]);
    expect(c.step()).toEqual([`Scaled up replica set ${V2} to 3`]);
  });
});

describe('progressDeadlineSeconds (progress.go syncRolloutStatus, DeploymentTimedOut)', () => {
  it('marks Progressing=False ProgressDeadlineExceeded when the new pods never become available', () => {
    const c = rollingToV2({ progressDeadlineSeconds: 10 });
    c.broken.add(V2);
    const start = c.sync + 1; // syncs run at sync × 1 s
    for (let i = 0; i < 20; i++) c.step();
    // Last progress: sync start+2 (updatedReplicas 3 → 5). Timed out once lastUpdate + 10 s is
    // before now: first at start+2+11 s.
    expect(c.d.progressing).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${V2}" has timed out progressing.`,
      lastUpdateMs: (start + 13) * 1000,
    });
    // Not rolled back: the old set stays where the rollout left it.
    expect(c.d.replicaSets.map((r) => [r.name, r.replicas])).toEqual([
      [V1, 8],
      [V2, 5],
    ]);
  });

  it('emits one Warning event at the deadline', () => {
    const c = rollingToV2({ progressDeadlineSeconds: 10 });
    c.broken.add(V2);
    const start = c.sync + 1;
    const warnings: number[] = [];
    for (let i = 0; i < 20; i++) {
      c.step();
      if (c.d.progressing?.reason === 'ProgressDeadlineExceeded' && warnings.length === 0) {
        warnings.push(c.sync);
      }
    }
    expect(warnings).toEqual([start + 13]);
  });
});

describe('rollout undo and revision history', () => {
  it('re-applies the previous revision: cleanupUnhealthyReplicas drops the broken pods first', () => {
    const c = rollingToV2({ progressDeadlineSeconds: 10 });
    c.broken.add(V2);
    for (let i = 0; i < 15; i++) c.step();
    const undo = rolloutUndo(c.d, c.sync * 1000);
    expect(undo.ok && undo.event.message).toBe('Rolled back deployment "web" to revision 1');
    if (!undo.ok) return;
    c.d = undo.deployment;
    // v1 is the new set again (revision 3). maxScaledDown = 13 − 8 − 0 = 5, all 5 v2 pods are
    // unavailable → cleanup scales v2 to 0; next sync v1 grows by min(13−8, 10−8) = 2.
    expect(c.settle()).toEqual([
      `Scaled down replica set ${V2} to 0`,
      `Scaled up replica set ${V1} to 10`,
    ]);
    expect(history(c.d)).toEqual([
      { revision: 3, replicaSet: V1 },
      { revision: 2, replicaSet: V2 },
    ]);
  });

  it('refuses an undo without history, or to a revision that is gone', () => {
    const c = new Cluster(spec());
    c.settle();
    expect(rolloutUndo(c.d, 0)).toEqual({
      ok: false,
      message: 'no rollout history found for deployment "web"',
    });
    expect(rolloutUndo(c.d, 0, 7)).toEqual({
      ok: false,
      message: 'unable to find specified revision 7 in history',
    });
  });

  it('keeps revisionHistoryLimit old sets, deleting the oldest empty ones (cleanupDeployment)', () => {
    const c = new Cluster(spec({ revisionHistoryLimit: 1, replicas: 2 }), 1);
    c.settle();
    for (const version of ['v2', 'v3']) {
      c.d = setTemplate(c.d, { version });
      c.settle();
    }
    expect(c.d.replicaSets.map((r) => [r.name, r.revision, r.replicas])).toEqual([
      [V2, 2, 0],
      [rs('v3'), 3, 2],
    ]);
  });
});

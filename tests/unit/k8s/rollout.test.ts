// Rollouts through the whole engine, at simulated times. Sources: docs/semantics.md §6 and the
// Kubernetes deployment controller (pkg/controller/deployment/rolling.go rolloutRolling,
// reconcileNewReplicaSet, reconcileOldReplicaSets; recreate.go; progress.go; util/deployment_util.go
// ResolveFenceposts), `kubectl rollout undo` / `rollout restart`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompileError, createRun, runToEnd } from '../../../shared/engine';
import { podViews } from '../../../shared/engine/k8s/view';
import { scalings, webDoc } from './build';

const sample = () =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../assets/samples/k8s-rollout.archlab.json'), 'utf8'),
  ) as unknown;

describe('RollingUpdate, replicas 10, maxSurge 25 % / maxUnavailable 25 % (docs/semantics.md §6 worked example)', () => {
  it('scales new up to 3 and old down to 8 at once, then alternates as new pods become available', () => {
    const r = runToEnd(sample());
    // New pods: created at 20 s, ContainerCreating 3 s, readiness probe at +2 s (period 2 s),
    // Ready at 25.001 s, available after minReadySeconds 5 → 30.001 s.
    expect(scalings(r)).toEqual([
      '20 Scaled up replica set new to 3',
      '20 Scaled down replica set old to 8',
      '20 Scaled up replica set new to 5',
      '30.001 Scaled down replica set old to 3',
      '30.001 Scaled up replica set new to 10',
      '40.002 Scaled down replica set old to 0',
    ]);
    const d = r.nodes['web']!.deployment!;
    expect(d.progressing).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(d.replicaSets.map((rs) => [rs.revision, rs.version, rs.replicas])).toEqual([
      [1, 'v1', 0],
      [2, 'v2', 10],
    ]);
    expect(r.nodes['web']!.pods!.every((p) => p.version === 'v2' && p.ready)).toBe(true);
  });

  it('never has more than 13 pods (replicas + surge) nor fewer than 8 ready (replicas − unavailable)', () => {
    const sim = createRun(sample());
    const web = sim.g.byId.get('web')!;
    let most = 0;
    let fewestReady = Infinity;
    for (let t = 19_000; t <= 60_000; t += 100) {
      sim.advanceTo(t);
      const live = podViews(web).filter((p) => !p.terminating);
      most = Math.max(most, live.length);
      fewestReady = Math.min(fewestReady, live.filter((p) => p.ready).length);
    }
    expect(most).toBe(13);
    expect(fewestReady).toBe(8);
  });
});

describe('fenceposts end to end (ResolveFenceposts: surge rounds up, unavailable rounds down)', () => {
  const roll = (replicas: number, maxSurge: string, maxUnavailable: string) =>
    scalings(
      runToEnd(
        webDoc(
          {
            replicas,
            strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
          },
          [{ atS: 10, action: 'rollout', target: 'web', params: { version: 'v2' } }],
          { durationS: 30 },
        ),
      ),
    );

  it('1 replica, surge 1 %, unavailable 25 % → new +1, then old −1 (the controller’s own comment)', () => {
    // surge ⌈0.01⌉ = 1, unavailable ⌊0.25⌋ = 0: the new pod must be available (Started at 11 s).
    expect(roll(1, '1%', '25%')).toEqual([
      '10 Scaled up replica set new to 1',
      '11 Scaled down replica set old to 0',
    ]);
  });

  it('2 replicas, surge 0 %, unavailable 1 % → both 0, unavailable becomes 1: old −1, new +1, old −1, new +1', () => {
    expect(roll(2, '0%', '1%')).toEqual([
      '10 Scaled down replica set old to 1',
      '10 Scaled up replica set new to 1',
      '11 Scaled down replica set old to 0',
      '11 Scaled up replica set new to 2',
    ]);
  });

  it('3 replicas at 25 %/25 % → surge 1, unavailable 0: one new pod at a time', () => {
    expect(roll(3, '25%', '25%')).toEqual([
      '10 Scaled up replica set new to 1',
      '11 Scaled down replica set old to 2',
      '11 Scaled up replica set new to 2',
      '12 Scaled down replica set old to 1',
      '12 Scaled up replica set new to 3',
      '13 Scaled down replica set old to 0',
    ]);
  });

  it('maxSurge 0 and maxUnavailable 0 are rejected (ValidateRollingUpdateDeployment)', () => {
    const doc = webDoc(
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } },
      [],
    );
    expect(() => runToEnd(doc)).toThrow(CompileError);
    expect(() => runToEnd(doc)).toThrow(/maxUnavailable.*may not be 0 when maxSurge is 0/);
  });
});

describe('Recreate, deadlines, undo and restart', () => {
  it('Recreate: all old pods go first, then the new set at full size (recreate.go)', () => {
    const r = runToEnd(
      webDoc(
        { replicas: 3, strategy: { type: 'Recreate' } },
        [{ atS: 10, action: 'rollout', target: 'web', params: { version: 'v2' } }],
        { durationS: 20 },
      ),
    );
    expect(scalings(r)).toEqual([
      '10 Scaled down replica set old to 0',
      '10 Scaled up replica set new to 3',
    ]);
    // Nothing serves between the old pods leaving and the new ones being Ready (Started at 11 s,
    // published 1 s later): first the stale endpoints refuse, then there are none.
    const errors = r.nodes['users']!.series.errors;
    expect(errors['connection_refused']![10]).toBeGreaterThan(30); // ~50 rps for 1 s
    expect(errors['unavailable']![11]).toBeGreaterThan(40);
    expect(errors['unavailable']![13] ?? 0).toBe(0);
  });

  it('a version failing readiness stalls: ProgressDeadlineExceeded after progressDeadlineSeconds, old pods keep serving (progress.go)', () => {
    const r = runToEnd(
      webDoc(
        {
          replicas: 4,
          progressDeadlineSeconds: 30,
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2 },
        },
        [
          {
            atS: 10,
            action: 'rollout',
            target: 'web',
            params: { version: 'v2', bug: { failReadiness: true } },
          },
        ],
      ),
    );
    expect(scalings(r)).toEqual([
      '10 Scaled up replica set new to 1',
      '10 Scaled down replica set old to 3',
      '10 Scaled up replica set new to 2',
    ]);
    const deadline = r.events.find((e) => e.reason === 'ProgressDeadlineExceeded')!;
    // Last progress at 10 s; the deadline passes strictly after 40 s.
    expect(deadline).toMatchObject({ t: 40.001, type: 'Warning', object: 'web' });
    expect(deadline.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(
      r.events.some(
        (e) =>
          e.reason === 'Unhealthy' &&
          /Readiness probe failed: HTTP probe failed with statuscode: 503/.test(e.message),
      ),
    ).toBe(true);
    const d = r.nodes['web']!.deployment!;
    expect(d).toMatchObject({ readyReplicas: 3, availableReplicas: 3, updatedReplicas: 2 });
    // Not rolled back: three v1 pods serve everything after the rollout stalled.
    const ok = r.nodes['users']!.series.ok;
    expect(ok.slice(45).every((n) => n >= 40)).toBe(true);
  });

  it('rollback re-applies revision 1 (it becomes revision 3); restart makes a new set from the same version', () => {
    const r = runToEnd(
      webDoc({ replicas: 2 }, [
        { atS: 5, action: 'rollout', target: 'web', params: {} },
        { atS: 20, action: 'rollback', target: 'web', params: {} },
        { atS: 40, action: 'restart', target: 'web', params: {} },
      ]),
    );
    expect(r.events.find((e) => e.reason === 'DeploymentRollback')).toMatchObject({
      t: 20,
      message: 'Rolled back deployment "web" to revision 1',
    });
    const d = r.nodes['web']!.deployment!;
    expect(d.replicaSets.map((rs) => [rs.revision, rs.version, rs.replicas])).toEqual([
      [2, 'v2', 0],
      [3, 'v1', 0],
      [4, 'v1', 2],
    ]);
    expect(r.summary.errors['internal'] ?? 0).toBe(0);
  });

  it('a version with a bug (errorRate) degrades service until it is rolled back', () => {
    const r = runToEnd(
      webDoc(
        { replicas: 2 },
        [
          { atS: 5, action: 'rollout', target: 'web', params: { version: 'v2', errorRate: 0.5 } },
          { atS: 30, action: 'rollback', target: 'web', params: {} },
        ],
        { durationS: 45 },
      ),
    );
    const internal = r.nodes['users']!.series.errors['internal']!;
    expect(internal.slice(0, 5).every((n) => n === 0)).toBe(true);
    expect(internal.slice(10, 30).every((n) => n > 10)).toBe(true);
    expect(internal.slice(33).every((n) => n === 0)).toBe(true);
  });
});

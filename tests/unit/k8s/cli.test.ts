// The rollout sample through the CLI: the JSON result alone shows the rollout — the Deployment
// controller's ScalingReplicaSet events in Kubernetes' wording (docs/semantics.md §6 worked
// example), the pods with their versions, and the Deployment's status.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../electron/node/cli/commands';
import type { RunResult } from '../../../shared/engine';

const sample = join(__dirname, '../../../assets/samples/k8s-rollout.archlab.json');

describe('archlab run assets/samples/k8s-rollout.archlab.json --json', () => {
  it('writes the rollout into the result: events, pods by version, Deployment status', async () => {
    const io = { out: () => {}, err: () => {}, tty: false, now: () => 0 };
    const out = join(mkdtempSync(join(tmpdir(), 'archlab-k8s-')), 'r.json');
    expect(await runCommand(sample, { json: out }, io)).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const scaling = r.events.filter((e) => e.reason === 'ScalingReplicaSet');
    const [oldRs, newRs] = [scaling[1]!.data['replicaSet'], scaling[0]!.data['replicaSet']];
    expect(oldRs).toMatch(/^web-[a-z0-9]{1,10}$/);
    expect(scaling.map((e) => [e.t, e.type, e.object, e.message])).toEqual([
      [20, 'Normal', 'web', `Scaled up replica set ${newRs} to 3`],
      [20, 'Normal', 'web', `Scaled down replica set ${oldRs} to 8`],
      [20, 'Normal', 'web', `Scaled up replica set ${newRs} to 5`],
      [30.001, 'Normal', 'web', `Scaled down replica set ${oldRs} to 3`],
      [30.001, 'Normal', 'web', `Scaled up replica set ${newRs} to 10`],
      [40.002, 'Normal', 'web', `Scaled down replica set ${oldRs} to 0`],
    ]);
    expect(scaling[1]!.data).toEqual({ replicaSet: oldRs, from: 10, to: 8, revision: 1 });
    // Ten old pods were stopped, each after preStop (5 s) with nothing left to drain.
    expect(r.events.filter((e) => e.reason === 'Killing')).toHaveLength(10);
    expect(r.events.filter((e) => e.reason === 'Started').length).toBe(10);
    expect(r.nodes['web']!.pods!.map((p) => [p.version, p.replicaSet, p.phase, p.ready])).toEqual(
      Array.from({ length: 10 }, () => ['v2', newRs, 'Running', true]),
    );
    expect(r.nodes['web']!.deployment).toMatchObject({
      replicas: 10,
      updatedReplicas: 10,
      availableReplicas: 10,
      revision: 2,
      progressing: { status: 'True', reason: 'NewReplicaSetAvailable' },
    });
    // preStop outlasts the endpoints' propagation delay: no request meets a stopped pod.
    expect(r.summary.errors).toEqual({});
  });
});

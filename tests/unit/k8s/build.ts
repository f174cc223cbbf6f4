// Shared fixtures for the Kubernetes runtime tests: one client calling one service, events read
// back as `t reason message` lines.
import type { RunResult } from '../../../shared/engine';
import { buildDoc } from '../../fixtures/build';

type ServiceProps = Parameters<ReturnType<typeof buildDoc>['service']>[1];

export function webDoc(
  props: ServiceProps,
  timeline: object[],
  { durationS = 60, rps = 50, seed = 1 }: { durationS?: number; rps?: number; seed?: number } = {},
) {
  return buildDoc()
    .client('users', { rps })
    .service('web', {
      concurrency: 4,
      serviceTime: { dist: 'constant', meanMs: 5 },
      startupSeconds: 1,
      ...props,
    })
    .call('users', 'web', { latencyMs: 1, timeoutMs: 1000 })
    .scenario({ durationS, seed, timeline: timeline as never })
    .build();
}

/** The events with these reasons, as `t reason message` with replica set hashes kept. */
export function lines(r: RunResult, reasons: string[]): string[] {
  return r.events
    .filter((e) => reasons.includes(e.reason))
    .map((e) => `${e.t} ${e.reason} ${e.message}`);
}

/** ScalingReplicaSet messages with revision 1's set named `old` and revision 2's `new`. */
export function scalings(r: RunResult): string[] {
  return r.events
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .map((e) => {
      const rs = e.data['replicaSet'] as string;
      const alias = ['', 'old', 'new'][e.data['revision'] as number] ?? rs;
      return `${e.t} ${e.message.replace(rs, alias)}`;
    });
}

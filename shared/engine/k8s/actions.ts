// Timeline actions and live commands on a service's Deployment (see actionTable.ts):
//  rollout         `kubectl set image`: a new pod template (params.version, default the next
//                  version) with an optional bug — params.bug or flat params: errorRate (0–1),
//                  latencyMs, crashOnStart, failReadiness — rolled out by the Deployment's strategy.
//  rollback        `kubectl rollout undo` (params.toRevision optional).
//  restart         `kubectl rollout restart`: the template gets a restartedAt annotation.
//  scale           `kubectl scale` (params.replicas), through the Deployment controller.
//  kill-pod        `kubectl delete pod --grace-period=0 --force`: gone at once, its requests reset;
//                  the endpoints still list it until the change propagates; the ReplicaSet
//                  creates a replacement.
//  container-kill  the container dies; the kubelet restarts it in the same pod, with back-off.
import type { ActionCheck, ActionDef } from '../actionTable';
import type { Action, Pod } from '../graph';
import { K_SERVICE } from '../graph';
import type { World } from '../world';
import { serviceOf } from './attach';
import type { PodRt } from './service';
import { NO_BUG, type Bug } from './template';

interface RolloutData {
  version: string | null;
  bug: Bug;
}

function needService(c: ActionCheck): boolean {
  if (c.entry.target === undefined) c.bad(`${c.entry.action} needs a target`);
  else if (c.node === null) c.bad(`unknown node "${c.entry.target}"`);
  else if (c.node.kind !== K_SERVICE) c.bad(`"${c.entry.target}" is not a service`);
  else return true;
  return false;
}

function compileRollout(c: ActionCheck): { data: RolloutData } | undefined {
  if (!needService(c)) return undefined;
  const p = c.entry.params;
  const version = p['version'];
  if (
    version !== undefined &&
    (typeof version !== 'string' || version.length === 0 || version.length > 64)
  )
    c.bad('version must be a non-empty string of at most 64 characters', 'params.version');
  const raw = p['bug'];
  const where = typeof raw === 'object' && raw !== null ? 'params.bug' : 'params';
  const b = (typeof raw === 'object' && raw !== null ? raw : p) as Record<string, unknown>;
  const bug: Bug = { ...NO_BUG };
  const errorRate = b['errorRate'];
  if (errorRate !== undefined) {
    if (typeof errorRate === 'number' && errorRate >= 0 && errorRate <= 1)
      bug.errorRate = errorRate;
    else c.bad('errorRate must be a share from 0 to 1', `${where}.errorRate`);
  }
  const latencyMs = b['latencyMs'] ?? b['extraMs'];
  if (latencyMs !== undefined) {
    if (typeof latencyMs === 'number' && latencyMs >= 0 && latencyMs <= 3_600_000)
      bug.latencyMs = latencyMs;
    else c.bad('latencyMs must be a number of milliseconds ≥ 0', `${where}.latencyMs`);
  }
  for (const key of ['crashOnStart', 'failReadiness'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v === 'boolean') bug[key] = v;
    else c.bad(`${key} must be true or false`, `${where}.${key}`);
  }
  return { data: { version: typeof version === 'string' ? version : null, bug } };
}

/** v1 → v2, 1.4 → 1.5, blue → blue-2. */
export function nextVersion(v: string): string {
  const m = /^(.*?)(\d+)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${v}-2`;
}

const onService =
  (run: (w: World, a: Action, source: Record<string, unknown>) => void) =>
  (w: World, a: Action, source: Record<string, unknown>): boolean => {
    if (serviceOf(a.node) === null) return false;
    run(w, a, source);
    return true;
  };

export const K8S_ACTIONS: readonly ActionDef[] = [
  {
    name: 'rollout',
    compile: compileRollout,
    apply: onService((_w, a) => {
      const svc = serviceOf(a.node)!;
      const data = a.data as RolloutData;
      const current = svc.current;
      svc.setTemplate({
        version: data.version ?? nextVersion(current.version),
        bug: data.bug,
        restartedAt: current.restartedAt,
      });
    }),
  },
  {
    name: 'rollback',
    compile: (c) => (needService(c) ? {} : undefined),
    apply: onService((_w, a, source) => {
      serviceOf(a.node)!.undo(source);
    }),
  },
  {
    name: 'restart',
    compile: (c) => (needService(c) ? {} : undefined),
    apply: onService((w, a) => {
      const svc = serviceOf(a.node)!;
      svc.setTemplate({ ...svc.current, restartedAt: w.k.now });
    }),
  },
  {
    name: 'scale',
    apply: onService((_w, a) => serviceOf(a.node)!.scale(a.value)),
  },
  {
    name: 'kill-pod',
    apply: onService((w, a, source) => {
      const svc = serviceOf(a.node)!;
      const victim = pickPod(w, a);
      if (victim === null) return noPod(w, a, source);
      svc.deletePod(victim, true);
      svc.requestSync();
    }),
  },
  {
    name: 'container-kill',
    compile: (c) => (needService(c) ? {} : undefined),
    apply: onService((w, a, source) => {
      const svc = serviceOf(a.node)!;
      const running = svc.livePods().filter((p) => p.life.containerStartedAtMs !== null);
      if (running.length === 0) return noPod(w, a, source);
      const victim = running[w.timelineRng.int(running.length)] as PodRt;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        victim.pod.name,
        `Killed container ${a.node!.id}`,
        {
          ...source,
          fault: 'container-kill',
          pod: victim.pod.name,
        },
      );
      victim.life.step = { atMs: w.k.now, kind: 'exit' };
      svc.advance(victim);
    }),
  },
];

/** kill-pod's victim, chosen as the built-in one was: by index, or at random. */
function pickPod(w: World, a: Action): PodRt | null {
  const alive = (a.node!.pods as Pod[]).filter((p) => p.alive && !p.terminating);
  const named = (a.data as { name?: string } | undefined)?.name;
  if (named !== undefined) {
    const pod = alive.find((p) => p.name === named);
    return pod ? (pod.rt as PodRt) : null;
  }
  if (alive.length === 0) return null;
  const pod = (
    a.value < 0 ? alive[w.timelineRng.int(alive.length)] : alive[a.value % alive.length]
  ) as Pod;
  return pod.rt as PodRt;
}

function noPod(w: World, a: Action, source: Record<string, unknown>): void {
  const id = a.node!.id;
  w.log.add(w.k.now, 'Warning', 'FaultSkipped', id, `No running pod of ${id} to kill`, source);
}

// Timeline actions and live commands on a service's Deployment (entries of the action registry,
// actionRegistry.ts; a service's kill-pod goes through the same runtime, podApi.ts):
//  rollout         `kubectl set image`: a new pod template (params.version, default the next
//                  version) with an optional bug — params.bug or flat params: errorRate (0–1),
//                  latencyMs, crashOnStart, failReadiness — rolled out by the Deployment's strategy.
//  rollback        `kubectl rollout undo`: back to the previous revision.
//  restart         `kubectl rollout restart`: the template gets a restartedAt annotation.
//  scale           `kubectl scale` (params.replicas), through the Deployment controller.
//  container-kill  the container dies; the kubelet restarts it in the same pod, with back-off.
import {
  defineAction,
  type ActionCheck,
  type ActionDef,
  type ActionSource,
} from '../actionRegistry';
import type { Action } from '../graph';
import { K_SERVICE } from '../graph';
import type { World } from '../world';
import { serviceOf } from './attach';
import type { K8sService, PodRt } from './service';
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

/** The target's Deployment runtime: compile made sure the target is a service, which has one. */
const onService =
  <D>(run: (w: World, svc: K8sService, a: Action<D>, source: ActionSource) => void) =>
  (w: World, a: Action<D>, source: ActionSource): void => {
    const svc = serviceOf(a.node);
    if (svc !== null) run(w, svc, a, source);
  };

export const K8S_ACTIONS: readonly ActionDef[] = [
  defineAction<RolloutData>({
    name: 'rollout',
    compile: compileRollout,
    apply: onService((_w, svc, a) => {
      const data = a.data;
      const current = svc.current;
      svc.setTemplate({
        version: data.version ?? nextVersion(current.version),
        bug: data.bug,
        restartedAt: current.restartedAt,
      });
    }),
  }),
  defineAction({
    name: 'rollback',
    compile: (c) => (needService(c) ? { data: null } : undefined),
    apply: onService((_w, svc, _a, source) => {
      svc.undo(source);
    }),
  }),
  defineAction({
    name: 'restart',
    compile: (c) => (needService(c) ? { data: null } : undefined),
    apply: onService((w, svc) => {
      svc.setTemplate({ ...svc.current, restartedAt: w.k.now });
    }),
  }),
  defineAction({
    name: 'scale',
    compile: (c) =>
      needService(c) ? { value: c.entry.params['replicas'] as number, data: null } : undefined,
    apply: onService((_w, svc, a) => svc.scale(a.value)),
  }),
  defineAction({
    name: 'container-kill',
    compile: (c) => (needService(c) ? { data: null } : undefined),
    apply: onService((w, svc, a, source) => {
      const running = svc.livePods().filter((p) => p.life.containerStartedAtMs !== null);
      if (running.length === 0) {
        const id = svc.node.id;
        w.log.add(
          w.k.now,
          'Warning',
          'FaultSkipped',
          id,
          `No running pod of ${id} to kill`,
          source,
        );
        return;
      }
      const victim = running[w.timelineRng.int(running.length)] as PodRt;
      w.log.add(
        w.k.now,
        'Warning',
        'FaultInjected',
        victim.pod.name,
        `Killed container ${svc.node.kubeName}`,
        {
          ...source,
          fault: 'container-kill',
          pod: victim.pod.name,
        },
      );
      victim.life.step = { atMs: w.k.now, kind: 'exit' };
      svc.advance(victim);
    }),
  }),
];

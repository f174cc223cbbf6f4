// A service's document props as the Kubernetes objects the control modules expect: the
// Deployment spec, the pod template (what a rollout changes: version, a bug, a restart
// annotation), the pod spec (timings, probes, behaviour) and the HPA config.
import type { NodeOf } from '../../model';
import type { PodBehaviour } from '../control/behaviour';
import type { DeploymentSpec, PodTemplate } from '../control/deployment';
import { HPA_DEFAULTS, type HpaConfig } from '../control/hpa';
import type { PodSpec } from '../control/pod';
import type { ProbeKind, ProbeSpec } from '../control/probes';

export type ServiceProps = NodeOf<'service'>['props'];
type ProbeProps = NonNullable<ServiceProps['readinessProbe']>;

/** A version's bug, carried by the pod template so that a rollout can bring it in. */
export interface Bug {
  /** Added share of requests failing with an internal error. */
  errorRate: number;
  /** Added service time per request (ms). */
  latencyMs: number;
  /** The container exits shortly after it starts. */
  crashOnStart: boolean;
  /** The health endpoint answers 503: readiness never passes. */
  failReadiness: boolean;
}

export const NO_BUG: Bug = {
  errorRate: 0,
  latencyMs: 0,
  crashOnStart: false,
  failReadiness: false,
};

/** What the pod template holds; its hash names the replica set. */
export interface Template {
  version: string;
  bug: Bug;
  /** `kubectl rollout restart` stamps this annotation (ms of the restart). */
  restartedAt: number | null;
}

/** The template as Kubernetes would hash it: only the fields that are set. */
export function templateObject(t: Template): PodTemplate {
  const out: Record<string, unknown> = { version: t.version };
  if (t.bug.errorRate > 0) out['errorRate'] = t.bug.errorRate;
  if (t.bug.latencyMs > 0) out['latencyMs'] = t.bug.latencyMs;
  if (t.bug.crashOnStart) out['crashOnStart'] = true;
  if (t.bug.failReadiness) out['failReadiness'] = true;
  if (t.restartedAt !== null) out['kubectl.kubernetes.io/restartedAt'] = t.restartedAt;
  return out;
}

/** The inverse of templateObject (a replica set's template back as ours). */
export function templateOf(o: PodTemplate): Template {
  const num = (k: string) => (typeof o[k] === 'number' ? (o[k] as number) : 0);
  const restartedAt = o['kubectl.kubernetes.io/restartedAt'];
  return {
    version: typeof o['version'] === 'string' ? o['version'] : 'v1',
    bug: {
      errorRate: num('errorRate'),
      latencyMs: num('latencyMs'),
      crashOnStart: o['crashOnStart'] === true,
      failReadiness: o['failReadiness'] === true,
    },
    restartedAt: typeof restartedAt === 'number' ? restartedAt : null,
  };
}

export function deploymentSpec(id: string, p: ServiceProps, template: Template): DeploymentSpec {
  return {
    name: id,
    replicas: p.replicas,
    strategy: p.strategy.type,
    maxSurge: p.strategy.rollingUpdate.maxSurge,
    maxUnavailable: p.strategy.rollingUpdate.maxUnavailable,
    minReadySeconds: p.minReadySeconds,
    progressDeadlineSeconds: p.progressDeadlineSeconds,
    revisionHistoryLimit: p.revisionHistoryLimit,
    template: templateObject(template),
  };
}

function probeSpec(p: ProbeProps): ProbeSpec {
  return {
    handler:
      p.httpGet !== undefined
        ? 'httpGet'
        : p.tcpSocket !== undefined
          ? 'tcpSocket'
          : p.grpc !== undefined
            ? 'grpc'
            : 'exec',
    initialDelaySeconds: p.initialDelaySeconds,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    successThreshold: p.successThreshold,
    failureThreshold: p.failureThreshold,
  };
}

function behaviourOf(p: ServiceProps, bug: Bug): PodBehaviour {
  // A version's bug overrides what the service's pods otherwise do.
  if (bug.crashOnStart) return { kind: 'crash-on-start', afterS: 1 };
  if (bug.failReadiness) return { kind: 'unready' };
  switch (p.behaviour) {
    case 'healthy':
      return { kind: 'healthy' };
    case 'hang':
      return { kind: 'hang', afterS: p.behaviourAfterS };
    case 'crash-on-start':
      return { kind: 'crash-on-start', afterS: p.behaviourAfterS };
    case 'leak':
      return { kind: 'leak', msPerS: p.leakMsPerS };
    case 'slow-warmup':
      return { kind: 'slow-warmup', warmupS: p.behaviourAfterS };
    case 'unready':
      return { kind: 'unready' };
  }
}

export function podSpec(id: string, p: ServiceProps, t: Template): PodSpec {
  const probes: Partial<Record<ProbeKind, ProbeSpec>> = {};
  if (p.startupProbe) probes.startup = probeSpec(p.startupProbe);
  if (p.livenessProbe) probes.liveness = probeSpec(p.livenessProbe);
  if (p.readinessProbe) probes.readiness = probeSpec(p.readinessProbe);
  return {
    container: id,
    nodeName: 'node-1',
    schedulingDelayMs: p.schedulingDelaySeconds * 1000,
    containerStartMs: p.startupSeconds * 1000,
    terminationGracePeriodSeconds: p.terminationGracePeriodSeconds,
    preStopSeconds: p.preStopSeconds,
    probes,
    behaviour: behaviourOf(p, t.bug),
  };
}

export function hpaConfig(id: string, p: ServiceProps): HpaConfig | null {
  const hpa = p.hpa;
  if (hpa === undefined) return null;
  const target = hpa.metrics[0]?.resource.target.averageUtilization;
  return {
    name: id,
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
    targetUtilization: target ?? HPA_DEFAULTS.targetUtilization,
    behavior:
      hpa.behavior === undefined
        ? null
        : {
            scaleUp: { ...hpa.behavior.scaleUp, policies: [...hpa.behavior.scaleUp.policies] },
            scaleDown: {
              ...hpa.behavior.scaleDown,
              policies: [...hpa.behavior.scaleDown.policies],
            },
          },
    downscaleStabilizationSeconds: HPA_DEFAULTS.downscaleStabilizationSeconds,
    tolerance: HPA_DEFAULTS.tolerance,
    syncPeriodSeconds: HPA_DEFAULTS.syncPeriodSeconds,
  };
}

// A document as Kubernetes objects: a Deployment and a Service per node that runs pods (services,
// and stores, caches, brokers and gateways by a well-known image), an ExternalName Service per
// external API, a HorizontalPodAutoscaler (autoscaling/v2) and a PodDisruptionBudget where the
// service has them. Calls are written as `<CALLEE>_ADDR=callee:80` env values, which is also how
// the importer reads them back.
import type { ArchDocument, Node } from '../../model';
import { CONTAINER_PORT, SERVICE_PORT, addrVar, kubeNames } from './names';

export interface Exported {
  objects: Record<string, unknown>[];
  /** What the target cannot express, listed for the user. */
  notes: string[];
}

const IMAGES: Partial<Record<Node['kind'], string>> = {
  database: 'postgres:16',
  cache: 'redis:7',
  queue: 'rabbitmq:3',
  gateway: 'envoyproxy/envoy:v1.31-latest',
  pod: 'busybox:1.36',
};

function probe(p: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!p) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ['httpGet', 'tcpSocket', 'exec', 'grpc']) if (p[k] !== undefined) out[k] = p[k];
  for (const k of [
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'successThreshold',
    'failureThreshold',
  ])
    out[k] = p[k];
  return out;
}

export function toKubernetes(doc: ArchDocument, namespace = 'default'): Exported {
  const names = kubeNames(doc);
  const objects: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const name = (id: string) => names.get(id) as string;
  for (const n of doc.nodes) {
    const app = name(n.id);
    const metadata = { name: app, namespace, labels: { app } };
    if (n.kind === 'client') {
      notes.push(`client ${n.id}: traffic, not a workload (export it with --to k6)`);
      continue;
    }
    if (n.kind === 'external') {
      objects.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata,
        spec: { type: 'ExternalName', externalName: `${app}.example.invalid` },
      });
      notes.push(
        `external ${n.id}: an ExternalName Service; set its externalName to the real host`,
      );
      continue;
    }
    const env = doc.edges
      .filter((e) => e.from === n.id && doc.nodes.find((m) => m.id === e.to)?.kind !== 'client')
      .map((e) => ({ name: addrVar(name(e.to)), value: `${name(e.to)}:${SERVICE_PORT}` }));
    if (n.kind === 'cache' && env.length > 0) {
      notes.push(
        `cache ${n.id}: its read-through calls are the application's, not the cache's; left out`,
      );
      env.length = 0;
    }
    const container: Record<string, unknown> = {
      name: app,
      image: IMAGES[n.kind] ?? `${app}:latest`,
      ports: [{ containerPort: CONTAINER_PORT }],
      ...(env.length > 0 ? { env } : {}),
    };
    let replicas = 1;
    const labels: Record<string, string> = { app };
    const spec: Record<string, unknown> = {};
    const podSpec: Record<string, unknown> = { containers: [container] };
    if (n.kind === 'service') {
      const p = n.props;
      replicas = p.replicas;
      labels['version'] = p.version;
      if (p.image !== undefined) container['image'] = p.image;
      if (p.resources !== undefined) container['resources'] = p.resources;
      for (const k of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
        const pr = probe(p[k] as Record<string, unknown> | undefined);
        if (pr) container[k] = pr;
      }
      if (p.preStopSeconds > 0)
        container['lifecycle'] = {
          preStop: { exec: { command: ['/bin/sh', '-c', `sleep ${p.preStopSeconds}`] } },
        };
      spec['strategy'] =
        p.strategy.type === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: p.strategy.rollingUpdate };
      spec['minReadySeconds'] = p.minReadySeconds;
      spec['progressDeadlineSeconds'] = p.progressDeadlineSeconds;
      spec['revisionHistoryLimit'] = p.revisionHistoryLimit;
      podSpec['terminationGracePeriodSeconds'] = p.terminationGracePeriodSeconds;
      if (p.hpa)
        objects.push({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata,
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
            minReplicas: p.hpa.minReplicas,
            maxReplicas: p.hpa.maxReplicas,
            metrics: p.hpa.metrics,
            ...(p.hpa.behavior === undefined ? {} : { behavior: p.hpa.behavior }),
          },
        });
      if (p.podDisruptionBudget)
        objects.push({
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata,
          spec: { selector: { matchLabels: { app } }, ...p.podDisruptionBudget },
        });
      if (p.sessionAffinity === 'ClientIP') notes.push(`service ${n.id}: sessionAffinity ClientIP`);
    } else if (n.kind === 'database') {
      replicas = n.props.replicas + 1;
    }
    if (n.kind !== 'service')
      notes.push(
        `${n.kind} ${n.id}: image ${String(container['image'])} stands for it; its timings are the lab's model`,
      );
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        ...spec,
        template: { metadata: { labels }, spec: podSpec },
      },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: { app },
        ports: [{ name: 'http', port: SERVICE_PORT, targetPort: CONTAINER_PORT }],
      },
    });
  }
  return { objects, notes };
}

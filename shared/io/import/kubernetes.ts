// Kubernetes objects into nodes: Deployments and StatefulSets become services (or databases,
// caches, queues, gateways, clients by their image); Services decide which workloads are one node
// (several Deployments behind one Service are its versions) and the names callers use.
import type { NodeKind } from '../../model';
import type { ImportContext } from './context';
import { labelsOf, str, type EnvRef } from './context';
import { intAt, readContainer } from './container';
import { isSidecar, roleOf } from './classify';
import { MAIN_CONTAINER, SERVICE, WORKLOAD, unmappedPaths } from './shapes';
import { isRecord, type PathPart, type SourceObject } from './yamlDocs';

export interface Workload {
  src: SourceObject;
  kind: string;
  name: string;
  namespace: string;
  role: ReturnType<typeof roleOf>;
  labels: Record<string, string>;
  replicas: number;
  props: Record<string, unknown>;
  env: EnvRef[];
  /** The Service that made it part of a node with other workloads. */
  mergedInto?: string;
}

export const nsOf = (o: Record<string, unknown>) =>
  str(isRecord(o['metadata']) ? o['metadata']['namespace'] : undefined) ?? 'default';
export const nameOf = (o: Record<string, unknown>) =>
  str(isRecord(o['metadata']) ? o['metadata']['name'] : undefined);

const IGNORED: Record<string, string> = {
  ConfigMap: 'configuration, read only for env values that name other services',
  Secret: 'credentials are not part of the architecture',
  ServiceAccount: 'identity, not traffic',
  Role: 'RBAC, not traffic',
  RoleBinding: 'RBAC, not traffic',
  ClusterRole: 'RBAC, not traffic',
  ClusterRoleBinding: 'RBAC, not traffic',
  Namespace: 'namespaces become the groups nodes are drawn in',
  NetworkPolicy: 'the lab does not simulate network policies',
  PersistentVolumeClaim: 'storage is not simulated',
  PersistentVolume: 'storage is not simulated',
  StorageClass: 'storage is not simulated',
  CustomResourceDefinition: 'a schema, not a workload',
  Job: 'a batch job is not on the request path',
  CronJob: 'a batch job is not on the request path',
  DaemonSet: 'one pod per cluster node: the lab draws no cluster nodes',
  Pod: 'a bare pod of a manifest is usually a test or debug pod',
  PeerAuthentication: 'mTLS settings do not change timing in the lab',
  AuthorizationPolicy: 'authorization is not simulated',
  ServiceEntry: 'mesh registry entries add no workload',
  Sidecar: 'sidecar scope does not change timing in the lab',
  Certificate: 'certificates are not simulated',
  ServiceMonitor: 'monitoring, not on the request path',
  PodMonitor: 'monitoring, not on the request path',
  Gateway: 'its HTTPRoutes and VirtualServices are read as the gateway',
  GatewayClass: 'the implementation of a Gateway, not traffic',
};

export function ignoredWhy(kind: string): string | undefined {
  return IGNORED[kind];
}

export function readWorkload(
  ctx: ImportContext,
  src: SourceObject,
  configMaps: Map<string, Record<string, string>>,
): Workload | undefined {
  const o = src.value;
  const kind = String(o['kind']);
  const name = nameOf(o);
  if (name === undefined) {
    ctx.fail(src.at(['metadata', 'name']), `${kind} has no metadata.name`);
    return undefined;
  }
  const spec = isRecord(o['spec']) ? o['spec'] : undefined;
  if (!spec) {
    ctx.fail(src.at(['spec']), `${kind} ${name} has no spec`);
    return undefined;
  }
  const selector = isRecord(spec['selector']) ? spec['selector'] : undefined;
  if (
    !selector ||
    (!isRecord(selector['matchLabels']) && !Array.isArray(selector['matchExpressions']))
  ) {
    ctx.fail(
      src.at(['spec', 'selector']),
      `${kind} ${name} is missing spec.selector (required in apps/v1)`,
    );
    return undefined;
  }
  const template = isRecord(spec['template']) ? spec['template'] : undefined;
  const podSpec = template && isRecord(template['spec']) ? template['spec'] : undefined;
  const containers = podSpec && Array.isArray(podSpec['containers']) ? podSpec['containers'] : [];
  if (!podSpec || containers.length === 0) {
    ctx.fail(
      src.at(['spec', 'template', 'spec', 'containers']),
      `${kind} ${name} has no containers`,
    );
    return undefined;
  }
  const labels = labelsOf(isRecord(template?.['metadata']) ? template['metadata']['labels'] : {});
  const matchLabels = labelsOf(selector['matchLabels']);
  for (const [k, v] of Object.entries(matchLabels))
    if (labels[k] !== v)
      ctx.fail(
        src.at(['spec', 'template', 'metadata', 'labels']),
        `selector does not match template labels: ${k}=${v} is missing`,
      );
  // The main container: the first that is not a mesh or telemetry sidecar.
  const mainIndex = Math.max(
    0,
    containers.findIndex(
      (c: unknown) => isRecord(c) && !isSidecar(String(c['image'] ?? ''), String(c['name'] ?? '')),
    ),
  );
  const containersPath: PathPart[] = ['spec', 'template', 'spec', 'containers'];
  const main = containers[mainIndex] as Record<string, unknown>;
  const image = str(main['image']);
  const role = roleOf(image, name);
  const { props, env } = readContainer(ctx, src, main, [...containersPath, mainIndex], configMaps);
  containers.forEach((c: unknown, i) => {
    if (i !== mainIndex)
      ctx.unmapped(
        src,
        [...containersPath, i],
        `container ${String(isRecord(c) ? c['name'] : i)} (image ${String(isRecord(c) ? c['image'] : '?')}) runs beside ${String(main['name'])}: not on the request path`,
      );
  });
  for (const p of unmappedPaths(o, WORKLOAD))
    ctx.unmapped(src, p, 'the lab has no counterpart for this field');
  for (const p of unmappedPaths(main, MAIN_CONTAINER, [...containersPath, mainIndex]))
    ctx.unmapped(src, p, 'the lab has no counterpart for this field');

  let replicas = intAt(ctx, src, spec, 'replicas', ['spec']);
  if (replicas === undefined) {
    replicas = 1;
    ctx.defaulted(src.at(['spec', 'replicas']), `${name}.replicas`, '1', 'Kubernetes default');
  }
  props['replicas'] = replicas;
  if (kind === 'Deployment' && isRecord(spec['strategy'])) {
    const s = spec['strategy'];
    const type = s['type'] === 'Recreate' ? 'Recreate' : 'RollingUpdate';
    const ru = isRecord(s['rollingUpdate']) ? s['rollingUpdate'] : {};
    props['strategy'] = {
      type,
      rollingUpdate: {
        maxSurge: ru['maxSurge'] ?? '25%',
        maxUnavailable: ru['maxUnavailable'] ?? '25%',
      },
    };
  } else if (kind === 'StatefulSet' && spec['updateStrategy'] !== undefined) {
    ctx.unmapped(
      src,
      ['spec', 'updateStrategy'],
      'StatefulSet updates are drawn as a rolling update of a Deployment',
    );
  }
  for (const k of ['minReadySeconds', 'progressDeadlineSeconds', 'revisionHistoryLimit']) {
    const n = intAt(ctx, src, spec, k, ['spec'], k === 'progressDeadlineSeconds' ? 1 : 0);
    if (n !== undefined) props[k] = n;
  }
  const grace = intAt(ctx, src, podSpec, 'terminationGracePeriodSeconds', [
    'spec',
    'template',
    'spec',
  ]);
  if (grace !== undefined) props['terminationGracePeriodSeconds'] = grace;
  if (labels['version'] !== undefined) props['version'] = labels['version'].slice(0, 64);
  return { src, kind, name, namespace: nsOf(o), role, labels, replicas, props, env };
}

export interface KService {
  src: SourceObject;
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: number[];
  type: string;
  externalName?: string | undefined;
}

export function readService(ctx: ImportContext, src: SourceObject): KService | undefined {
  const o = src.value;
  const name = nameOf(o);
  if (name === undefined) {
    ctx.fail(src.at(['metadata', 'name']), 'Service has no metadata.name');
    return undefined;
  }
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  for (const p of unmappedPaths(o, SERVICE))
    ctx.unmapped(src, p, 'the lab has no counterpart for this field');
  const ports: number[] = [];
  if (Array.isArray(spec['ports']))
    for (const p of spec['ports'])
      if (isRecord(p) && typeof p['port'] === 'number') ports.push(p['port']);
  return {
    src,
    name,
    namespace: nsOf(o),
    selector: labelsOf(spec['selector']),
    ports,
    type: str(spec['type']) ?? 'ClusterIP',
    externalName: str(spec['externalName']),
  };
}

export const selects = (s: KService, w: Workload) =>
  s.namespace === w.namespace &&
  Object.keys(s.selector).length > 0 &&
  Object.entries(s.selector).every(([k, v]) => w.labels[k] === v);

/** The DNS names a Service answers to inside the cluster. */
export function serviceHosts(name: string, namespace: string): string[] {
  return [
    name,
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ];
}

export const kindOfRole = (role: Workload['role']): NodeKind =>
  role === 'observability' ? 'service' : role;

// A set of Kubernetes objects into the import context's nodes and edges, in the order their
// dependencies need: ConfigMaps (for env values), workloads, the Services that name and merge
// them, calls from env, gateways, autoscalers and budgets, and last the mesh policies on edges.
import type { ImportContext } from './context';
import { inferFromEnv } from './edges';
import { readHpa, readPdb } from './k8sExtras';
import { readDestinationRule, readHttpRoute, readIngress, readVirtualService } from './k8sRoutes';
import {
  ignoredWhy,
  kindOfRole,
  nameOf,
  readService,
  readWorkload,
  selects,
  serviceHosts,
  type KService,
  type Workload,
} from './kubernetes';
import { isRecord, type SourceObject } from './yamlDocs';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet']);

function configMapsOf(objects: SourceObject[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.value['kind'] !== 'ConfigMap') continue;
    const data: Record<string, string> = {};
    if (isRecord(o.value['data']))
      for (const [k, v] of Object.entries(o.value['data'])) if (typeof v === 'string') data[k] = v;
    out.set(nameOf(o.value) ?? '', data);
  }
  return out;
}

export function importKubernetes(ctx: ImportContext, objects: SourceObject[]): void {
  const configMaps = configMapsOf(objects);
  const workloads: Workload[] = [];
  const services: KService[] = [];
  const later: SourceObject[] = [];
  for (const src of objects) {
    const kind = String(src.value['kind']);
    if (WORKLOAD_KINDS.has(kind)) {
      const w = readWorkload(ctx, src, configMaps);
      if (w) workloads.push(w);
    } else if (kind === 'Service') {
      const s = readService(ctx, src);
      if (s) services.push(s);
    } else if (
      [
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'Ingress',
        'HTTPRoute',
        'VirtualService',
        'DestinationRule',
      ].includes(kind)
    ) {
      later.push(src);
    } else {
      ctx.report.ignored.push({
        place: src.at([]),
        what: `${kind} ${nameOf(src.value) ?? ''}`.trim(),
        why: ignoredWhy(kind) ?? 'the lab has no counterpart for this kind',
      });
    }
  }
  if (ctx.problems.length > 0) return;

  // Several workloads behind one Service: the Service's versions, one node split by replicas.
  const nodeOfWorkload = new Map<Workload, string>();
  for (const s of services) {
    const picked = workloads.filter(
      (w) => selects(s, w) && w.mergedInto === undefined && !nodeOfWorkload.has(w),
    );
    if (picked.length < 2) continue;
    const main = picked.reduce((a, b) => (b.replicas > a.replicas ? b : a));
    const total = picked.reduce((n, w) => n + w.replicas, 0);
    const id = ctx.freeId(s.name, s.namespace);
    const split = picked
      .map(
        (w) =>
          `${w.name} ${String(w.props['version'] ?? w.labels['version'] ?? '?')} (${w.replicas} of ${total})`,
      )
      .join(', ');
    ctx.nodes.push({
      id,
      name: s.name,
      group: s.namespace,
      kind: kindOfRole(main.role),
      props: { ...main.props, replicas: total },
      labels: main.labels,
      env: picked.flatMap((w) => w.env),
      place: s.src.at([]),
      what: `Service ${s.name}`,
    });
    for (const w of picked) {
      w.mergedInto = s.name;
      nodeOfWorkload.set(w, id);
    }
    ctx.report.read.push({
      place: s.src.at(['spec', 'selector']),
      what: `Service ${s.name} over ${picked.length} Deployments`,
      as: `service ${id} with its versions split by replicas: ${split}; drawn as one service of ${total} replicas running ${String(main.props['version'] ?? 'v1')}`,
    });
  }
  for (const w of workloads) {
    if (nodeOfWorkload.has(w)) continue;
    if (w.role === 'observability') {
      ctx.report.ignored.push({
        place: w.src.at(['spec', 'template', 'spec', 'containers']),
        what: `${w.kind} ${w.name}`,
        why: `tracing or monitoring (image ${String(w.props['image'])}): not part of the request path`,
      });
      continue;
    }
    const first =
      services.find((s) => selects(s, w) && s.type !== 'LoadBalancer') ??
      services.find((s) => selects(s, w));
    const id = ctx.freeId(first?.name ?? w.name, w.namespace);
    const kind = kindOfRole(w.role);
    const props = kind === 'service' ? w.props : roleProps(ctx, w, kind);
    ctx.nodes.push({
      id,
      name: w.name,
      group: w.namespace,
      kind,
      props,
      labels: w.labels,
      env: w.env,
      place: w.src.at([]),
      what: `${w.kind} ${w.name}`,
    });
    nodeOfWorkload.set(w, id);
    ctx.report.read.push({
      place: w.src.at([]),
      what: `${w.kind} ${w.name}`,
      as: `${kind} ${id}${kind === 'service' ? ` (${w.replicas} replicas)` : ''}`,
    });
  }
  const workloadIds = new Map<string, string>();
  for (const [w, id] of nodeOfWorkload) workloadIds.set(`${w.namespace}/${w.name}`, id);
  const ports = new Map<string, number[]>();
  for (const s of services) {
    let target: string | undefined;
    if (s.type === 'ExternalName' && s.externalName !== undefined) {
      target = ctx.freeId(s.name, s.namespace);
      ctx.nodes.push({
        id: target,
        name: s.name,
        group: s.namespace,
        kind: 'external',
        props: {},
        labels: {},
        env: [],
        place: s.src.at([]),
        what: `Service ${s.name}`,
      });
      ctx.report.read.push({
        place: s.src.at([]),
        what: `Service ${s.name} (ExternalName ${s.externalName})`,
        as: `external ${target}`,
      });
    } else {
      const w = workloads.find((x) => selects(s, x) && nodeOfWorkload.has(x));
      target = w ? nodeOfWorkload.get(w) : undefined;
      if (!target) {
        ctx.report.ignored.push({
          place: s.src.at(['spec', 'selector']),
          what: `Service ${s.name}`,
          why:
            Object.keys(s.selector).length === 0
              ? 'no selector: its endpoints are outside the input'
              : 'its selector picks no workload in the input',
        });
        continue;
      }
      if (target !== s.name)
        ctx.report.read.push({
          place: s.src.at([]),
          what: `Service ${s.name} (${s.type})`,
          as: `another name of ${target}`,
        });
    }
    for (const h of serviceHosts(s.name, s.namespace))
      if (!ctx.hosts.has(h)) ctx.hosts.set(h, target);
    ports.set(target, [...(ports.get(target) ?? []), ...s.ports]);
  }
  inferFromEnv(ctx, ports);
  const order = [
    'Ingress',
    'HTTPRoute',
    'HorizontalPodAutoscaler',
    'PodDisruptionBudget',
    'VirtualService',
    'DestinationRule',
  ];
  later.sort(
    (a, b) => order.indexOf(String(a.value['kind'])) - order.indexOf(String(b.value['kind'])),
  );
  for (const src of later) {
    switch (src.value['kind']) {
      case 'Ingress':
        readIngress(ctx, src);
        break;
      case 'HTTPRoute':
        readHttpRoute(ctx, src);
        break;
      case 'HorizontalPodAutoscaler':
        readHpa(ctx, src, workloadIds);
        break;
      case 'PodDisruptionBudget':
        readPdb(ctx, src);
        break;
      case 'VirtualService':
        readVirtualService(ctx, src);
        break;
      case 'DestinationRule':
        readDestinationRule(ctx, src);
        break;
    }
  }
}

/** A store, broker, proxy or load generator: the lab's defaults, with what the manifest said that
 * does not apply listed in the report. */
function roleProps(ctx: ImportContext, w: Workload, kind: string): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  if (kind === 'database' && w.replicas > 1) {
    props['replicas'] = Math.min(100, w.replicas - 1);
    ctx.defaulted(
      w.src.at(['spec', 'replicas']),
      `${w.name}.replicas`,
      String(w.replicas - 1),
      `${w.replicas} pods: one primary and ${w.replicas - 1} read replicas`,
    );
  }
  const carried = [
    'readinessProbe',
    'livenessProbe',
    'startupProbe',
    'resources',
    'terminationGracePeriodSeconds',
    'preStopSeconds',
    'strategy',
  ];
  for (const k of carried)
    if (w.props[k] !== undefined)
      ctx.report.unmapped.push({
        place: w.src.at([]),
        why: `${k} of ${w.name}: a ${kind} node in the lab has no ${k}`,
      });
  if (kind !== 'client')
    ctx.defaulted(
      w.src.at([]),
      `${w.name}`,
      `${kind} defaults`,
      `image ${String(w.props['image'])} is a well-known ${kind}`,
    );
  return props;
}

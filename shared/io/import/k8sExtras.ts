// The objects that govern nodes rather than make them: HorizontalPodAutoscaler and
// PodDisruptionBudget. Routing objects (Ingress, HTTPRoute, Istio) are in k8sRoutes.ts.
import type { ImportContext } from './context';
import { labelsOf } from './context';
import { HPA, PDB, unmappedPaths } from './shapes';
import { nameOf, nsOf } from './kubernetes';
import { isRecord, type SourceObject } from './yamlDocs';

function nodeByWorkloadName(
  ctx: ImportContext,
  name: unknown,
  ns: string,
  workloads: Map<string, string>,
) {
  return typeof name === 'string' ? workloads.get(`${ns}/${name}`) : undefined;
}

export function readHpa(
  ctx: ImportContext,
  src: SourceObject,
  workloads: Map<string, string>,
): void {
  const o = src.value;
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const ref = isRecord(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
  const id = nodeByWorkloadName(ctx, ref['name'], nsOf(o), workloads);
  const node = id === undefined ? undefined : ctx.node(id);
  if (!node || node.kind !== 'service') {
    ctx.report.ignored.push({
      place: src.at(['spec', 'scaleTargetRef']),
      what: `HorizontalPodAutoscaler ${nameOf(o) ?? ''}`,
      why: `its target ${String(ref['kind'])} ${String(ref['name'])} is not a service in the input`,
    });
    return;
  }
  const hpa: Record<string, unknown> = {};
  if (typeof spec['minReplicas'] === 'number') hpa['minReplicas'] = spec['minReplicas'];
  else
    ctx.defaulted(
      src.at(['spec', 'minReplicas']),
      `${id}.hpa.minReplicas`,
      '1',
      'Kubernetes default',
    );
  if (typeof spec['maxReplicas'] === 'number') hpa['maxReplicas'] = spec['maxReplicas'];
  const cpuTarget = (averageUtilization: unknown) => [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } },
    },
  ];
  // autoscaling/v1
  if (typeof spec['targetCPUUtilizationPercentage'] === 'number')
    hpa['metrics'] = cpuTarget(spec['targetCPUUtilizationPercentage']);
  if (Array.isArray(spec['metrics']))
    spec['metrics'].forEach((m: unknown, i) => {
      const r = isRecord(m) && isRecord(m['resource']) ? m['resource'] : undefined;
      const t = r && isRecord(r['target']) ? r['target'] : undefined;
      if (
        hpa['metrics'] === undefined &&
        isRecord(m) &&
        m['type'] === 'Resource' &&
        r?.['name'] === 'cpu' &&
        t?.['type'] === 'Utilization' &&
        typeof t['averageUtilization'] === 'number'
      )
        hpa['metrics'] = cpuTarget(t['averageUtilization']);
      else
        ctx.unmapped(src, ['spec', 'metrics', i], 'the lab scales on one CPU utilisation target');
    });
  // autoscaling/v2 behavior, as given: the schema fills in what is left out as the API server
  // does, and checks the rest. Without it the HPA keeps the controller's older rule.
  if (isRecord(spec['behavior'])) {
    const behavior: Record<string, unknown> = {};
    for (const dir of ['scaleUp', 'scaleDown'] as const) {
      const rules = spec['behavior'][dir];
      if (!isRecord(rules)) continue;
      const out: Record<string, unknown> = {};
      for (const k of ['stabilizationWindowSeconds', 'selectPolicy', 'policies'])
        if (rules[k] !== undefined) out[k] = rules[k];
      behavior[dir] = out;
    }
    hpa['behavior'] = behavior;
  }
  for (const p of unmappedPaths(o, HPA))
    ctx.unmapped(src, p, 'the lab has no counterpart for this field');
  node.props['hpa'] = hpa;
  ctx.report.read.push({
    place: src.at([]),
    what: `HorizontalPodAutoscaler ${nameOf(o) ?? ''}`,
    as: `hpa of ${id}`,
  });
}

export function readPdb(ctx: ImportContext, src: SourceObject): void {
  const o = src.value;
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const sel = isRecord(spec['selector']) ? labelsOf(spec['selector']['matchLabels']) : {};
  const ns = nsOf(o);
  const nodes = ctx.nodes.filter(
    (n) =>
      n.kind === 'service' &&
      n.group === ns &&
      Object.keys(sel).length > 0 &&
      Object.entries(sel).every(([k, v]) => n.labels[k] === v),
  );
  for (const p of unmappedPaths(o, PDB))
    ctx.unmapped(src, p, 'the lab has no counterpart for this field');
  if (nodes.length === 0) {
    ctx.report.ignored.push({
      place: src.at(['spec', 'selector']),
      what: `PodDisruptionBudget ${nameOf(o) ?? ''}`,
      why: 'it selects no service in the input',
    });
    return;
  }
  for (const n of nodes) {
    const pdb: Record<string, unknown> = {};
    if (spec['minAvailable'] !== undefined) pdb['minAvailable'] = spec['minAvailable'];
    if (spec['maxUnavailable'] !== undefined) pdb['maxUnavailable'] = spec['maxUnavailable'];
    n.props['podDisruptionBudget'] = pdb;
    ctx.report.read.push({
      place: src.at([]),
      what: `PodDisruptionBudget ${nameOf(o) ?? ''}`,
      as: `podDisruptionBudget of ${n.id}`,
    });
  }
}

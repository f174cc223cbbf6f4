// Version 1 → 2: a service's `hpa` moves to autoscaling/v2's names.
//   { minReplicas, maxReplicas, targetCPUUtilizationPercentage, scaleDownStabilizationSeconds }
// becomes
//   { minReplicas, maxReplicas,
//     metrics: [{ type: "Resource", resource: { name: "cpu",
//                 target: { type: "Utilization", averageUtilization } } }],
//     behavior: { scaleDown: { stabilizationWindowSeconds } } }
// Version 1's HPA always ran with the default behavior (scale up by max(+100 %, +4 pods) per 15 s,
// down by up to 100 % per 15 s, the given scale-down window), so the migrated HPA has a
// `behavior` (its other fields default to exactly those rules) and runs as it ran. A field it
// does not know is carried over untouched, so the schema reports it.
import type { RawDocument } from './migrations';

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One version-1 hpa object in the version-2 shape. */
export function hpaV1ToV2(hpa: Raw): Raw {
  const {
    targetCPUUtilizationPercentage: target,
    scaleDownStabilizationSeconds: window,
    ...rest
  } = hpa;
  const out: Raw = { ...rest };
  if (target !== undefined)
    out['metrics'] = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } },
      },
    ];
  out['behavior'] =
    window === undefined ? {} : { scaleDown: { stabilizationWindowSeconds: window } };
  return out;
}

export function hpaToV2(doc: RawDocument): RawDocument {
  const nodes = doc['nodes'];
  if (!Array.isArray(nodes)) return doc;
  return {
    ...doc,
    nodes: nodes.map((node: unknown) => {
      if (!isObject(node) || !isObject(node['props']) || !isObject(node['props']['hpa']))
        return node;
      const props = node['props'];
      return { ...node, props: { ...props, hpa: hpaV1ToV2(props['hpa'] as Raw) } };
    }),
  };
}

// Round trip as a property: a random document exported to Kubernetes and Istio and imported
// again gives back the same services, replicas, probes, resources, strategies, edges and edge
// policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArchDocument, type Node } from '../../../shared/model';
import { parseQuantity } from '../../../shared/model/quantity';
import { exportTo } from '../../../shared/io/export';
import { importFiles } from '../../../shared/io/import';

const int = (min: number, max: number) => fc.integer({ min, max });
const handler = fc.oneof(
  fc.record({
    httpGet: fc.record({ path: fc.constantFrom('/', '/healthz', '/ready'), port: int(1, 65535) }),
  }),
  fc.record({ tcpSocket: fc.record({ port: int(1, 65535) }) }),
  fc.record({
    exec: fc.record({
      command: fc.array(fc.constantFrom('cat', '/tmp/ok', 'true'), { minLength: 1, maxLength: 3 }),
    }),
  }),
  fc.record({ grpc: fc.record({ port: int(1, 65535) }) }),
);
const probe = (liveness: boolean) =>
  fc
    .tuple(
      handler,
      fc.record({
        initialDelaySeconds: int(0, 120),
        periodSeconds: int(1, 60),
        timeoutSeconds: int(1, 10),
        successThreshold: liveness ? fc.constant(1) : int(1, 3),
        failureThreshold: int(1, 10),
      }),
    )
    .map(([h, n]) => ({ ...h, ...n }));
const quantity = fc
  .record(
    {
      cpu: fc.constantFrom('100m', '250m', '1', '2'),
      memory: fc.constantFrom('64Mi', '128Mi', '1Gi'),
    },
    { requiredKeys: [] },
  )
  .filter((q) => Object.keys(q).length > 0);
const intOrPercent = fc.oneof(
  int(0, 5),
  int(0, 100).map((p) => `${p}%`),
);
const strategy = fc.oneof(
  fc.constant({ type: 'Recreate' as const }),
  fc
    .record({ maxSurge: intOrPercent, maxUnavailable: intOrPercent })
    .filter((r) => parseInt(String(r.maxSurge), 10) + parseInt(String(r.maxUnavailable), 10) > 0)
    .map((rollingUpdate) => ({ type: 'RollingUpdate' as const, rollingUpdate })),
);
const scalingRules = fc.record({
  stabilizationWindowSeconds: int(0, 3600),
  selectPolicy: fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const),
  policies: fc.array(
    fc.record({
      type: fc.constantFrom('Pods' as const, 'Percent' as const),
      value: int(1, 1000),
      periodSeconds: int(1, 1800),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
const serviceProps = fc.record(
  {
    replicas: int(0, 20),
    version: fc.constantFrom('v1', 'v2', 'canary'),
    strategy,
    minReadySeconds: int(0, 60),
    terminationGracePeriodSeconds: int(0, 120),
    preStopSeconds: int(0, 30),
    readinessProbe: probe(false),
    livenessProbe: probe(true),
    startupProbe: probe(true),
    resources: fc
      .record({ requests: quantity, limits: quantity }, { requiredKeys: [] })
      .filter((r) => Object.keys(r).length > 0)
      // Kubernetes refuses a request above its limit (ValidateResourceRequirements).
      .filter((r) =>
        (['cpu', 'memory'] as const).every((k) => {
          const req = r.requests?.[k];
          const lim = r.limits?.[k];
          return (
            req === undefined || lim === undefined || parseQuantity(req)! <= parseQuantity(lim)!
          );
        }),
      ),
    hpa: fc.record(
      {
        minReplicas: int(1, 3),
        maxReplicas: int(3, 20),
        metrics: int(10, 100).map((averageUtilization) => [
          {
            type: 'Resource' as const,
            resource: {
              name: 'cpu' as const,
              target: { type: 'Utilization' as const, averageUtilization },
            },
          },
        ]),
        behavior: fc.record(
          { scaleUp: scalingRules, scaleDown: scalingRules },
          { requiredKeys: ['scaleUp', 'scaleDown'] },
        ),
      },
      { requiredKeys: ['minReplicas', 'maxReplicas', 'metrics'] },
    ),
    podDisruptionBudget: fc.oneof(
      fc.record({ minAvailable: intOrPercent }),
      fc.record({ maxUnavailable: intOrPercent }),
    ),
  },
  { requiredKeys: ['replicas', 'version', 'strategy'] },
);
const outlier = fc.record({
  consecutive5xx: int(1, 20),
  intervalMs: int(1, 60).map((s) => s * 1000),
  baseEjectionTimeMs: int(1, 300).map((s) => s * 1000),
  maxEjectionPercent: int(0, 100),
});

const documents = fc
  .record({
    services: fc.array(serviceProps, { minLength: 1, maxLength: 6 }),
    links: fc.array(
      fc.record({
        a: int(0, 5),
        b: int(0, 5),
        timeoutMs: fc.oneof(fc.constant(0), int(1, 5000)),
        retries: int(0, 5),
      }),
      { maxLength: 12 },
    ),
    outliers: fc.array(fc.option(outlier, { nil: undefined }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ services, links, outliers }) => {
    const nodes = services.map((props, i) => ({
      id: `svc-${i}`,
      kind: 'service',
      position: { x: 0, y: 0 },
      props,
    }));
    const seen = new Set<string>();
    const edges = [];
    for (const l of links) {
      // Calls go from a lower index to a higher one: no cycles.
      const [a, b] = [Math.min(l.a, l.b), Math.max(l.a, l.b)];
      if (a === b || b >= services.length || seen.has(`${a}-${b}`)) continue;
      seen.add(`${a}-${b}`);
      const od = outliers[b];
      edges.push({
        id: `e${edges.length}`,
        from: `svc-${a}`,
        to: `svc-${b}`,
        kind: 'call',
        props: {
          timeoutMs: l.timeoutMs,
          retries: l.retries,
          ...(od ? { outlierDetection: od } : {}),
        },
      });
    }
    return ArchDocument.parse({
      format: 'archlab',
      version: 1,
      name: 'random',
      nodes,
      edges,
      scenarios: [{ name: 'baseline' }],
    });
  });

const KEPT = [
  'replicas',
  'version',
  'strategy',
  'minReadySeconds',
  'terminationGracePeriodSeconds',
  'preStopSeconds',
  'readinessProbe',
  'livenessProbe',
  'startupProbe',
  'resources',
  'hpa',
  'podDisruptionBudget',
] as const;

function services(doc: ArchDocument) {
  return Object.fromEntries(
    doc.nodes
      .filter((n): n is Extract<Node, { kind: 'service' }> => n.kind === 'service')
      .map((n) => [n.id, Object.fromEntries(KEPT.map((k) => [k, n.props[k]]))]),
  );
}
function edges(doc: ArchDocument) {
  return doc.edges
    .map((e) =>
      e.kind === 'call'
        ? {
            from: e.from,
            to: e.to,
            timeoutMs: e.props.timeoutMs,
            retries: e.props.retries,
            outlierDetection: e.props.outlierDetection,
          }
        : { from: e.from, to: e.to },
    )
    .sort((x, y) => `${x.from} ${x.to}`.localeCompare(`${y.from} ${y.to}`));
}

describe('export → import round trip', () => {
  it('k8s + istio give back the same services, edges and edge policies', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const files = [
          { name: 'k8s.yaml', text: exportTo(doc, 'k8s').text },
          { name: 'istio.yaml', text: exportTo(doc, 'istio').text },
        ];
        const back = importFiles(files).doc;
        expect(services(back)).toEqual(services(doc));
        expect(edges(back)).toEqual(edges(doc));
      }),
      { numRuns: 60 },
    );
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- objects parsed from YAML are read field by field */
// Exports validated by the tools' own schemas: kubernetes-models for Kubernetes objects,
// @kubernetes-models/istio for Istio's, the Chaos Mesh CRDs (with ajv) for the drill.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  DestinationRule,
  Gateway,
  VirtualService,
} from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { ArchDocument } from '../../../shared/model';
import { exportTo, toChaosMesh, toIstio, toK6, toKubernetes } from '../../../shared/io/export';
import { importFiles } from '../../../shared/io/import';

const fixtures = join(__dirname, '../../fixtures');
const boutique = importFiles([
  { name: 'ob.yaml', text: readFileSync(join(fixtures, 'import/online-boutique.yaml'), 'utf8') },
]).doc;

const K8S: Record<string, new (o: never) => { validate(): void }> = {
  Deployment: Deployment as never,
  Service: Service as never,
  HorizontalPodAutoscaler: HorizontalPodAutoscaler as never,
  PodDisruptionBudget: PodDisruptionBudget as never,
  VirtualService: VirtualService as never,
  DestinationRule: DestinationRule as never,
  Gateway: Gateway as never,
};

function validateAll(objects: Record<string, unknown>[]) {
  for (const o of objects) {
    const Model = K8S[String(o['kind'])];
    expect(Model, String(o['kind'])).toBeDefined();
    expect(() =>
      new (Model as new (o: unknown) => { validate(): void })(o).validate(),
    ).not.toThrow();
  }
}

/** The drill document: Online Boutique with a timeline of faults and SLOs. */
const drill = ArchDocument.parse({
  ...boutique,
  nodes: boutique.nodes.map((n) =>
    n.id === 'frontend' && n.kind === 'service'
      ? {
          ...n,
          props: {
            ...n.props,
            hpa: {
              minReplicas: 2,
              maxReplicas: 6,
              behavior: {
                scaleDown: {
                  policies: [
                    { type: 'Pods', value: 4, periodSeconds: 60 },
                    { type: 'Percent', value: 10, periodSeconds: 60 },
                  ],
                },
              },
            },
            podDisruptionBudget: { maxUnavailable: 1 },
          },
        }
      : n,
  ),
  edges: boutique.edges.map((e, i) =>
    i === 0 && e.kind === 'call'
      ? { ...e, props: { ...e.props, retries: 2, timeoutMs: 300, outlierDetection: {} } }
      : e,
  ),
  scenarios: [
    {
      name: 'checkout chaos',
      durationS: 300,
      timeline: [
        { atS: 10, action: 'kill-pod', target: 'cartservice' },
        {
          atS: 30,
          action: 'add-latency',
          target: boutique.edges[0]?.id,
          params: { ms: 250 },
          forS: 60,
        },
        {
          atS: 30,
          action: 'packet-loss',
          target: 'paymentservice',
          params: { percent: 20 },
          forS: 30,
        },
        {
          atS: 90,
          action: 'cpu-stress',
          target: 'checkoutservice',
          params: { load: 70 },
          forS: 45,
        },
        {
          atS: 120,
          action: 'abort',
          target: 'currencyservice',
          params: { percent: 50, status: 503 },
          forS: 20,
        },
        { atS: 150, action: 'clock-skew', target: 'emailservice', params: { ms: -5000 }, forS: 30 },
        { atS: 200, action: 'service-crash', target: 'redis-cart', forS: 20 },
        { atS: 240, action: 'cache-flush', target: 'redis-cart' },
        { atS: 250, action: 'partition', target: boutique.edges[1]?.id, forS: 10 },
      ],
      slos: [
        { name: 'p99 < 500 ms', metric: 'p99', value: 500 },
        { name: 'errors < 1 %', metric: 'error-rate', value: 0.01 },
        { name: 'available', metric: 'availability', op: '>=', value: 0.999 },
        { name: 'cart p99', metric: 'p99', target: 'cartservice', value: 100 },
      ],
    },
  ],
});

describe('Kubernetes and Istio export', () => {
  it('every object validates with kubernetes-models and @kubernetes-models/istio', () => {
    const k = toKubernetes(drill);
    expect(k.objects.filter((o) => o['kind'] === 'Deployment')).toHaveLength(11);
    expect(k.objects.map((o) => o['kind'])).toEqual(
      expect.arrayContaining(['HorizontalPodAutoscaler', 'PodDisruptionBudget']),
    );
    validateAll(k.objects);
    const i = toIstio(drill);
    expect(i.objects.map((o) => o['kind'])).toContain('DestinationRule');
    validateAll(i.objects);
  });

  it('the YAML stream parses back to the same objects', () => {
    const out = exportTo(drill, 'k8s');
    const back = parseAllDocuments(out.text).map((d) => d.toJS());
    expect(back).toEqual(toKubernetes(drill).objects);
    expect(out.text).toMatch(/^# k8s export of "ob"/);
  });
});

describe('Chaos Mesh export', () => {
  const crds = new Map<string, object>();
  const dir = join(fixtures, 'schemas/chaos-mesh');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(dir, f), 'utf8'));
    crds.set(crd.spec.names.kind, crd.spec.versions[0].schema.openAPIV3Schema);
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  const wf = toChaosMesh(drill, 'checkout chaos');
  const workflow = wf.objects[0] as { spec: { templates: Record<string, any>[] } };

  it('the Workflow validates against its CRD, and each chaos against its own', () => {
    const check = ajv.compile(crds.get('Workflow') as object);
    expect(check(workflow), JSON.stringify(check.errors)).toBe(true);
    const field: Record<string, string> = {
      PodChaos: 'podChaos',
      NetworkChaos: 'networkChaos',
      StressChaos: 'stressChaos',
      HTTPChaos: 'httpChaos',
      TimeChaos: 'timeChaos',
    };
    let checked = 0;
    for (const t of workflow.spec.templates) {
      const key = field[t['templateType']];
      if (!key) continue;
      const schema = (crds.get(t['templateType']) as { properties: { spec: object } }).properties
        .spec;
      const spec = ajv.compile(schema);
      expect(spec(t[key]), `${t['name']}: ${JSON.stringify(spec.errors)}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(8);
  });

  it('lists the same faults at the same offsets as the timeline; the rest as notes', () => {
    const byName = new Map(workflow.spec.templates.map((t) => [t['name'], t]));
    const seconds = (d: string) => Number(d.replace(/s$/, ''));
    const branches = (byName.get('entry')?.['children'] as string[]).map((b) => {
      const children = byName.get(b)?.['children'] as string[];
      const wait =
        children.length === 2 ? seconds(byName.get(children[0] as string)?.['deadline']) : 0;
      const chaos = byName.get(children[children.length - 1] as string) as Record<string, any>;
      return [wait, chaos['templateType'], seconds(chaos['deadline'])];
    });
    expect(branches).toEqual([
      [10, 'PodChaos', 290],
      [30, 'NetworkChaos', 60],
      [30, 'NetworkChaos', 30],
      [90, 'StressChaos', 45],
      [120, 'HTTPChaos', 20],
      [150, 'TimeChaos', 30],
      [200, 'PodChaos', 20],
      [250, 'NetworkChaos', 10],
    ]);
    expect(wf.notes).toContain(
      'not exported: cache-flush at 240 s on redis-cart: cache-flush has no Chaos Mesh counterpart',
    );
  });
});

describe('k6 export', () => {
  it('reproduces the clients and turns end-to-end SLOs into thresholds', () => {
    const { script, notes } = toK6(drill, 'checkout chaos');
    const options = JSON.parse(/export const options = ([\s\S]*?\n});/.exec(script)?.[1] ?? 'null');
    expect(options.scenarios.client_loadgenerator).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 10,
      duration: '300s',
      exec: 'client_loadgenerator',
    });
    expect(options.thresholds).toEqual({
      http_req_duration: ['p(99)<500'],
      http_req_failed: ['rate<0.01', 'rate<=0.001'],
    });
    expect(script).toContain("http.get(`${__ENV.CLIENT_LOADGENERATOR_URL || 'http://frontend'}/`)");
    expect(notes.some((n) => n.includes('cart p99'))).toBe(true);
  });

  it('ramps and steps become ramping-arrival-rate stages', () => {
    const doc = ArchDocument.parse({
      format: 'archlab',
      version: 1,
      nodes: [
        {
          id: 'users',
          kind: 'client',
          position: { x: 0, y: 0 },
          props: {
            rps: 50,
            shapes: [
              { shape: 'ramp', fromS: 10, toS: 20, toRps: 150 },
              { shape: 'step', atS: 40, rps: 20 },
            ],
          },
        },
        { id: 'api', kind: 'service', position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e1', from: 'users', to: 'api', kind: 'call' }],
      scenarios: [{ name: 's', durationS: 60 }],
    });
    const options = JSON.parse(
      /export const options = ([\s\S]*?\n});/.exec(toK6(doc).script)?.[1] ?? 'null',
    );
    expect(options.scenarios.client_users).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 50,
      stages: [
        { duration: '10s', target: 50 },
        { duration: '10s', target: 150 },
        { duration: '20s', target: 150 },
        { duration: '0s', target: 20 },
        { duration: '20s', target: 20 },
      ],
    });
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- objects parsed from YAML are read field by field */
// Kubernetes and Istio import: Online Boutique as released, and our copies of other projects'
// shapes. Expected figures come from the manifest itself where they can.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile, createRun } from '../../../shared/engine';
import { ImportError, importFiles } from '../../../shared/io/import';

const fixture = (name: string) => join(__dirname, '../../fixtures/import', name);
const read = (name: string) => ({ name, text: readFileSync(fixture(name), 'utf8') });

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('Online Boutique', () => {
  const { doc, report } = importFiles([read('online-boutique.yaml')]);
  const manifest = parseAllDocuments(readFileSync(fixture('online-boutique.yaml'), 'utf8'))
    .map((d) => d.toJS() as Record<string, any>)
    .filter((o) => o?.kind === 'Deployment');

  const all = parseAllDocuments(readFileSync(fixture('online-boutique.yaml'), 'utf8')).map(
    (d) => d.toJS() as Record<string, any> | null,
  );
  const manifestIndex = (d: Record<string, any>) =>
    all.findIndex((o) => o?.kind === 'Deployment' && o.metadata.name === d.metadata.name);

  it('draws the 12 workloads with the right kinds', () => {
    expect(manifest).toHaveLength(12);
    const kinds = Object.fromEntries(doc.nodes.map((n) => [n.id, n.kind]));
    expect(Object.keys(kinds).sort()).toEqual(manifest.map((d) => d.metadata.name).sort());
    expect(kinds['redis-cart']).toBe('cache');
    expect(kinds['loadgenerator']).toBe('client');
    expect(Object.values(kinds).filter((k) => k === 'service')).toHaveLength(10);
  });

  it('has every call the env vars name: 16 edges, and reports the dangling one', () => {
    const expected: string[] = [];
    for (const d of manifest)
      for (const e of d.spec.template.spec.containers[0].env ?? [])
        if (/ADDR$/.test(e.name) && !e.value.startsWith('shoppingassistant'))
          expected.push(`${d.metadata.name} → ${String(e.value).split(':')[0]}`);
    expect(expected).toHaveLength(16);
    expect(doc.edges.map((e) => `${e.from} → ${e.to}`).sort()).toEqual(expected.sort());
    expect(doc.edges.every((e) => e.evidence?.confidence === 'high')).toBe(true);
    expect(report.dangling).toEqual([
      expect.objectContaining({
        from: 'frontend',
        reference: 'SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80',
        place: expect.objectContaining({
          line: 89,
          path: 'spec.template.spec.containers[0].env[8]',
        }),
      }),
    ]);
  });

  it('carries probes, resources and grace periods of every service', () => {
    for (const d of manifest) {
      const node = doc.nodes.find((n) => n.id === d.metadata.name);
      if (node?.kind !== 'service') continue;
      const c = d.spec.template.spec.containers[0];
      expect(node.props.resources).toEqual(c.resources);
      for (const k of ['readinessProbe', 'livenessProbe'] as const) {
        // Probe headers have no counterpart in the lab: listed in the report instead.
        const { httpHeaders, ...httpGet } = c[k].httpGet ?? {};
        const expected = c[k].httpGet ? { ...c[k], httpGet } : c[k];
        expect(node.props[k], `${node.id}.${k}`).toMatchObject(expected);
        if (httpHeaders)
          expect(report.unmapped.map((u) => `${u.place.doc} ${u.place.path}`)).toContain(
            `${manifestIndex(d)} spec.template.spec.containers[0].${k}.httpGet.httpHeaders`,
          );
      }
      expect(node.props.terminationGracePeriodSeconds).toBe(
        d.spec.template.spec.terminationGracePeriodSeconds ?? 30,
      );
    }
    const ad = doc.nodes.find((n) => n.id === 'adservice');
    expect(ad?.kind === 'service' && ad.props.readinessProbe?.grpc).toEqual({ port: 9555 });
  });

  it('lists what it did not map, by path and line', () => {
    expect(report.unmapped).toContainEqual(
      expect.objectContaining({
        place: expect.objectContaining({
          doc: 0,
          line: 46,
          path: 'spec.template.spec.containers[0].securityContext',
        }),
      }),
    );
    expect(report.ignored.filter((i) => i.what.startsWith('ServiceAccount'))).toHaveLength(11);
  });

  it('compiles and runs without a problem', () => {
    expect(() => compile(doc)).not.toThrow();
    const run = createRun(doc, { durationS: 20 });
    run.advanceTo(run.durationMs);
    const r = run.result();
    expect(r.summary.requests).toBeGreaterThan(100);
    expect(r.summary.errors).toEqual({});
  });
});

describe('other projects’ shapes', () => {
  it('Bookinfo: versions behind one Service are one node; Istio policies land on the edge', () => {
    const { doc, report } = importFiles([read('bookinfo.yaml')]);
    const reviews = doc.nodes.find((n) => n.id === 'reviews');
    expect(reviews?.kind === 'service' && reviews.props.replicas).toBe(4);
    expect(reviews?.kind === 'service' && reviews.props.version).toBe('v2');
    expect(report.read.find((r) => r.what.startsWith('Service reviews over 3'))?.as).toMatch(
      /reviews-v1 v1 \(1 of 4\), reviews-v2 v2 \(2 of 4\), reviews-v3 v3 \(1 of 4\)/,
    );
    const edge = doc.edges.find((e) => e.from === 'productpage' && e.to === 'reviews');
    expect(edge?.kind === 'call' && edge.props).toMatchObject({
      timeoutMs: 500,
      retries: 3,
      outlierDetection: { consecutive5xx: 7, intervalMs: 300_000, baseEjectionTimeMs: 900_000 },
    });
    const gw = doc.nodes.find((n) => n.kind === 'gateway');
    expect(gw?.kind === 'gateway' && gw.props.routes).toEqual([
      { prefix: '/productpage', target: 'productpage', weight: 100 },
    ]);
    expect(report.unmapped.map((u) => u.place.path)).toContain('spec.trafficPolicy.connectionPool');
  });

  it('a List with StatefulSets, HPA, PDB, Ingress, envFrom and a tracing sidecar', () => {
    const { doc, report } = importFiles([read('sock-shop-list.yaml')]);
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    expect(byId.get('carts-db')?.kind).toBe('database');
    expect(byId.get('rabbitmq')?.kind).toBe('queue');
    expect(byId.has('zipkin')).toBe(false);
    const fe = byId.get('front-end');
    expect(fe?.kind === 'service' && fe.props).toMatchObject({
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      terminationGracePeriodSeconds: 45,
      preStopSeconds: 10,
      hpa: {
        minReplicas: 2,
        maxReplicas: 8,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
          },
        ],
      },
      podDisruptionBudget: { minAvailable: 1 },
    });
    expect(doc.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort()).toEqual([
      'carts call carts-db',
      'front-end call carts',
      'front-end call orders',
      'orders publish rabbitmq',
      'shop call front-end',
    ]);
    expect(report.dangling.map((d) => d.reference)).toEqual(['PAYMENT_HOST=payment']);
    expect(report.unmapped.map((u) => u.place.path)).toContain(
      'items[3].spec.template.spec.containers[1]',
    );
    expect(doc.groups.map((g) => g.label)).toEqual(['namespace sock-shop']);
  });

  it('reads several files at once, as helm template or kustomize build print them', () => {
    const text = readFileSync(fixture('bookinfo.yaml'), 'utf8');
    const [a, b] = [
      text.slice(0, text.indexOf('kind: Service\nmetadata:\n  name: productpage') - 15),
      text.slice(text.indexOf('kind: Service\nmetadata:\n  name: productpage') - 15),
    ];
    const split = importFiles([
      { name: 'a.yaml', text: a },
      { name: 'b.yaml', text: b },
    ]);
    const whole = importFiles([read('bookinfo.yaml')]);
    expect(split.doc.edges.map((e) => [e.from, e.to])).toEqual(
      whole.doc.edges.map((e) => [e.from, e.to]),
    );
  });
});

describe('bad input', () => {
  it('not YAML: file, document, line and column of the problem', () => {
    const e = errorOf(() =>
      importFiles([
        { name: 'x.yaml', text: 'apiVersion: v1\nkind: Service\n---\nfoo: [1, 2\nbar: 3\n' },
      ]),
    );
    expect(e.problems[0]).toMatchObject({ file: 'x.yaml', doc: 1, line: expect.any(Number) });
    expect(e.message).toMatch(/^x\.yaml, document 1, line \d+, column \d+: not valid YAML/);
  });

  it('YAML that is neither Kubernetes nor Compose', () => {
    const e = errorOf(() => importFiles([{ name: 'c.yaml', text: 'name: x\nsteps: [1]\n' }]));
    expect(e.message).toBe(
      'c.yaml, document 0, line 1, column 1: neither a Kubernetes object (no apiVersion and kind) nor a Compose file (no services)',
    );
  });

  it('a Deployment missing its selector', () => {
    const text = readFileSync(fixture('online-boutique.yaml'), 'utf8').replace(
      'spec:\n  selector:\n    matchLabels:\n      app: frontend\n',
      'spec:\n',
    );
    const e = errorOf(() => importFiles([{ name: 'ob.yaml', text }]));
    expect(e.problems).toEqual([
      expect.objectContaining({
        file: 'ob.yaml',
        doc: 0,
        line: 27,
        path: 'spec.selector',
        message: expect.stringMatching(/Deployment frontend is missing spec.selector/),
      }),
    ]);
  });

  it('a 50 MB file is refused before it is parsed', () => {
    const big = `# ${'x'.repeat(50 * 1024 * 1024)}\n`;
    const e = errorOf(() => importFiles([{ name: 'big.yaml', text: big }]));
    expect(e.message).toMatch(
      /^big\.yaml, document 0: the file is 50\.0 MB; an import reads files of up to 8 MB/,
    );
  });

  it('an alias bomb stops at the alias limit', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(() => importFiles([{ name: 'bomb.yaml', text: bomb }])).toThrow(ImportError);
  });
});

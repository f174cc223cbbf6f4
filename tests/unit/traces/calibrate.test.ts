// Calibration from synthetic traces of a known system (tests/fixtures/traces/gen.ts): the graph,
// call probabilities, repeats, parallel calls, self times, network time and arrival rate come
// back; the same from OTLP NDJSON, pretty OTLP and Jaeger JSON, in any chunking.
import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationResult } from '../../../shared/traces/in';
import { generate, jaegerJson, otlpRequest, TRUTH } from '../../fixtures/traces/gen';

const traces = [...generate({ traces: 4000, seed: 7, rps: 50 })];

function ndjson(batch = 250): string {
  const lines: string[] = [];
  for (let i = 0; i < traces.length; i += batch)
    lines.push(otlpRequest(traces.slice(i, i + batch)));
  return `${lines.join('\n')}\n`;
}

function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const node = (r: CalibrationResult, label: string) => {
  const n = r.doc.nodes.find((x) => x.label === label);
  if (!n) throw new Error(`no node ${label}`);
  return n;
};
const edge = (r: CalibrationResult, from: string, to: string) => {
  const f = r.summary.figures.edges.find((e) => e.from === from && e.to === to);
  if (!f) throw new Error(`no edge ${from} → ${to}`);
  return f;
};
const lognormalOf = (r: CalibrationResult, label: string) => {
  const n = node(r, label);
  if (n.kind !== 'service') throw new Error(`${label} is a ${n.kind}`);
  return n.props.serviceTime;
};
const near = (x: number, want: number, rel: number) =>
  expect(Math.abs(x - want) / want).toBeLessThan(rel);

describe('calibrate: OTLP NDJSON (the collector file exporter)', async () => {
  const r = await calibrate([{ name: 'traces.ndjson', chunks: chunked(ndjson(), 65_536) }]);

  it('draws the services, the database named by its client spans, and a client', () => {
    const kinds = Object.fromEntries(r.doc.nodes.map((n) => [n.label, n.kind]));
    expect(kinds).toEqual({
      ads: 'service',
      cart: 'service',
      checkout: 'service',
      frontend: 'service',
      'frontend clients': 'client',
      'orders-db': 'database',
    });
    expect(r.summary.counts.spans).toBe(traces.reduce((n, t) => n + t.length, 0));
    expect(r.summary.counts.orphans).toBe(0);
  });

  it('finds call probabilities, repeats and parallel calls', () => {
    const ads = edge(r, 'frontend', 'ads');
    // Binomial: 4000 requests at 0.3, four standard errors ≈ 0.029.
    expect(Math.abs(ads.probability - TRUTH.adsProbability)).toBeLessThan(0.03);
    expect(ads.mode).toBe('parallel');
    expect(edge(r, 'frontend', 'cart')).toMatchObject({ probability: 1, mode: 'parallel' });
    expect(edge(r, 'frontend', 'checkout')).toMatchObject({
      probability: 1,
      calls: TRUTH.checkoutCalls,
      mode: 'sequential',
    });
    expect(edge(r, 'checkout', 'orders-db')).toMatchObject({ probability: 1, calls: 1 });
    // The caller's edges in the order its calls start: the parallel pair first, then checkout.
    const order = r.summary.figures.edges.filter((e) => e.from === 'frontend').map((e) => e.to);
    expect(order.indexOf('checkout')).toBe(2);
  });

  it('fits self times (lognormal where they are, the table where they are not)', () => {
    const fe = lognormalOf(r, 'frontend');
    expect(fe.dist).toBe('lognormal');
    if (fe.dist === 'lognormal') {
      near(fe.p50Ms, TRUTH.frontend.p50, 0.05);
      near(fe.p99Ms, TRUTH.frontend.p99, 0.1);
    }
    const co = lognormalOf(r, 'checkout');
    if (co.dist !== 'lognormal') throw new Error(co.dist);
    near(co.p50Ms, TRUTH.checkout.p50, 0.05);
    near(co.p99Ms, TRUTH.checkout.p99, 0.1);
    // cart is a two-mode mixture: no lognormal fits, the empirical table is kept.
    const cart = lognormalOf(r, 'cart');
    expect(cart.dist).toBe('empirical');
  });

  it('reads network time from client − server spans, and the arrival rate', () => {
    expect(edge(r, 'frontend', 'checkout').latencyMs).toBeCloseTo(0.5, 2);
    const users = node(r, 'frontend clients');
    if (users.kind !== 'client') throw new Error(users.kind);
    near(users.props.rps, 50, 0.08);
  });

  it('marks every calibrated field with the spans it rests on and the window end', () => {
    const fe = node(r, 'frontend');
    expect(fe.calibrated).toMatchObject({
      source: 'traces',
      fields: expect.arrayContaining(['serviceTime', 'errorRate']),
    });
    expect(fe.calibrated?.spans).toBeGreaterThan(4000);
    const lastEndMs = Math.max(...traces.flat().map((s) => s.endUs / 1000));
    expect(Date.parse(fe.calibrated?.at ?? '')).toBe(Math.round(lastEndMs));
    const e = r.doc.edges.find((x) => x.from === 'frontend' && x.to === 'checkout');
    expect(e?.calibrated?.spans).toBe(2 * traces.length);
  });

  it('writes a report with per-service figures and their span counts', () => {
    expect(r.markdown).toContain('| frontend | service | 4,000 |');
    expect(r.markdown).toMatch(/frontend → ads \| 1,\d{3} of 4,000/);
  });

  it('gives the same figures however the text is chunked, and from pretty-printed JSON', async () => {
    const text = `${otlpRequest(traces.slice(0, 300))}\n${otlpRequest(traces.slice(300, 600))}\n`;
    const one = await calibrate([{ name: 'a', chunks: [text] }]);
    const bytes = await calibrate([{ name: 'a', chunks: chunked(text, 97) }]);
    const pretty = await calibrate([
      {
        name: 'a',
        chunks: chunked(
          text
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.stringify(JSON.parse(l), null, 2))
            .join('\n'),
          4096,
        ),
      },
    ]);
    expect(bytes.summary.figures).toEqual(one.summary.figures);
    expect(pretty.summary.figures).toEqual(one.summary.figures);
  });
});

describe('calibrate: Jaeger JSON', () => {
  it('calibrates the same way from a Jaeger export', async () => {
    const otlp = await calibrate([{ name: 'o', chunks: [ndjson()] }]);
    const jaeger = await calibrate([
      { name: 'j.json', chunks: chunked(jaegerJson(traces), 100_000) },
    ]);
    expect(jaeger.summary.files[0]?.format).toBe('jaeger');
    const strip = (r: CalibrationResult) =>
      r.summary.figures.edges.map((e) => [e.from, e.to, e.probability, e.calls, e.mode]);
    expect(strip(jaeger)).toEqual(strip(otlp));
    // Jaeger times are whole microseconds: self times agree within a microsecond's rounding.
    const fe = lognormalOf(jaeger, 'frontend');
    if (fe.dist !== 'lognormal') throw new Error(fe.dist);
    near(fe.p50Ms, TRUTH.frontend.p50, 0.05);
    // Pods come from the process's hostname tag.
    expect(jaeger.summary.figures.nodes.find((n) => n.name === 'cart')?.pods).toBe(1);
  });
});

describe('calibrate: sampling', () => {
  it('weights arrivals by 1/probability where root spans state it', async () => {
    const sampled = [...generate({ traces: 2000, seed: 3, rps: 40, sampling: 0.25 })];
    const r = await calibrate([{ name: 's', chunks: [otlpRequest(sampled)] }]);
    const users = node(r, 'frontend clients');
    if (users.kind !== 'client') throw new Error(users.kind);
    near(users.props.rps, 160, 0.08);
    expect(r.summary.samplingSeen).toEqual([0.25]);
    expect(r.markdown).toContain('weighted by 1/probability');
  });
});

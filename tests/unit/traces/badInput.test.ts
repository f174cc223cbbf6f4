// Bad trace input: a clear message naming the file and where, or counted and reported — never a
// crash or a silent wrong figure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, TraceInputError } from '../../../shared/traces/in';
import { generate, jaegerJson, otlpRequest, type GenSpan } from '../../fixtures/traces/gen';

const traces = [...generate({ traces: 300, seed: 5 })];
const fail = (text: string, name = 'bad.json') =>
  calibrate([{ name, chunks: [text] }]).then(
    () => {
      throw new Error('calibrated bad input');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(TraceInputError);
      return (e as Error).message;
    },
  );

describe('calibrate: bad input', () => {
  it('a truncated single JSON file: where it ends and that it is truncated', async () => {
    const text = JSON.stringify(JSON.parse(otlpRequest(traces)), null, 1);
    const msg = await fail(text.slice(0, Math.floor(text.length * 0.6)));
    expect(msg).toMatch(
      /^bad\.json: at character [\d,]+: the JSON ends early, inside resourceSpans/,
    );
    expect(msg).toContain('truncated');
  });

  it('a truncated last NDJSON line: its line number', async () => {
    const a = otlpRequest(traces.slice(0, 100));
    const b = otlpRequest(traces.slice(100));
    const msg = await fail(`${a}\n${b.slice(0, 5000)}`, 'otel.ndjson');
    expect(msg).toMatch(/^otel\.ndjson: line 2 \(character [\d,]+\): not a whole JSON value/);
    expect(msg).toContain('truncated');
  });

  it('a truncated single-line Jaeger file', async () => {
    const j = jaegerJson(traces);
    const msg = await fail(j.slice(0, j.length - 1000), 'jaeger.json');
    expect(msg).toMatch(/^jaeger\.json: .*the JSON ends early, inside data\[…\]/);
  });

  it('JSON that is not traces, and mismatched brackets', async () => {
    expect(await fail('{"nodes": []}')).toMatch(
      /no spans found: neither OTLP JSON .* nor Jaeger JSON/,
    );
    expect(await fail('{"resourceSpans": [}]}')).toMatch(/unexpected "}" in resourceSpans/);
  });

  it('spans without the fields calibration needs are skipped and counted', async () => {
    const req = JSON.parse(otlpRequest(traces)) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const spans = req.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    delete spans[0]?.['startTimeUnixNano'];
    delete spans[1]?.['traceId'];
    const r = await calibrate([{ name: 'x.json', chunks: [JSON.stringify(req)] }]);
    expect(r.summary.files[0]?.skipped).toEqual({ 'no start/end time': 1, 'no traceId': 1 });
    expect(r.markdown).toMatch(/x\.json: skipped a span at character [\d,]+: no start\/end time/);
  });

  it('orphans (a parent the trace lacks) are counted; their callers are not made up', async () => {
    const cut = traces.map((t) => t.filter((s) => s.service !== 'checkout' || s.kind !== 'server'));
    const r = await calibrate([{ name: 'o.json', chunks: [otlpRequest(cut)] }]);
    // The db client spans under the removed checkout server spans now have no parent.
    expect(r.summary.counts.orphans).toBe(traces.length * 2);
    expect(r.markdown).toContain('600 span(s) name a parent the trace does not have (orphans)');
    // frontend's calls to checkout now have no server span: the callee is unknown, counted.
    expect(r.summary.counts.unansweredCalls).toBe(traces.length * 2);
    expect(r.summary.figures.edges.some((e) => e.to === 'checkout')).toBe(false);
  });

  it('clock skew: a server span longer than its client span is left out of network time', async () => {
    const skewed = traces.map((t, i) =>
      i % 10 !== 0
        ? t
        : t.map((s): GenSpan =>
            s.service === 'cart' && s.kind === 'server' ? { ...s, endUs: s.endUs + 5000 } : s,
          ),
    );
    const r = await calibrate([{ name: 'k.json', chunks: [otlpRequest(skewed)] }]);
    expect(r.summary.counts.serverLongerThanClient).toBe(30);
    const cart = r.summary.figures.edges.find((e) => e.to === 'cart');
    expect(cart?.networkSamples).toBe(270);
    expect(cart?.latencyMs).toBeCloseTo(0.5, 2);
    expect(r.markdown).toContain('30 server span(s) longer than the client span they answer');
  });

  it('a call longer than its parent is clipped for self time and counted', async () => {
    const t0 = 1_780_000_000_000_000;
    const span = (
      id: string,
      parent: string,
      service: string,
      kind: GenSpan['kind'],
      a: number,
      b: number,
    ): GenSpan => ({
      traceId: 'a'.repeat(32),
      spanId: id,
      parentId: parent,
      service,
      name: id,
      kind,
      startUs: t0 + a,
      endUs: t0 + b,
      error: false,
      attrs: {},
    });
    const t = [
      span('1', '', 'front', 'server', 0, 10_000),
      span('2', '1', 'front', 'client', 2_000, 14_000),
      span('3', '2', 'back', 'server', 2_100, 13_900),
    ];
    const r = await calibrate([{ name: 'c.json', chunks: [otlpRequest([t])] }]);
    expect(r.summary.counts.callOutsideParent).toBe(1);
    const front = r.summary.figures.nodes.find((n) => n.name === 'front');
    // 10 ms request, its call covers 2…10 ms of it: 2 ms of self time, not negative.
    expect(front?.self?.p50).toBeCloseTo(2, 6);
  });

  it('a trace of 100,000 spans (a deep chain and a wide fan-out) is read without a stack overflow', async () => {
    const t0 = 1_780_000_000_000_000;
    const spans: GenSpan[] = [];
    const id = (k: number) => k.toString(16).padStart(16, '0');
    // 25,000 nested server→client pairs (50,000 spans), then 50,000 sibling calls.
    for (let k = 0; k < 25_000; k++) {
      spans.push({
        traceId: 'b'.repeat(32),
        spanId: id(2 * k + 1),
        parentId: k === 0 ? '' : id(2 * k),
        service: `s${k % 2}`,
        name: 'h',
        kind: 'server',
        startUs: t0 + k,
        endUs: t0 + 200_000 - k,
        error: false,
        attrs: {},
      });
      spans.push({
        traceId: 'b'.repeat(32),
        spanId: id(2 * k + 2),
        parentId: id(2 * k + 1),
        service: `s${k % 2}`,
        name: 'c',
        kind: 'client',
        startUs: t0 + k,
        endUs: t0 + 200_000 - k,
        error: false,
        attrs: {},
      });
    }
    spans.pop();
    for (let k = 0; k < 50_001; k++)
      spans.push({
        traceId: 'b'.repeat(32),
        spanId: id(100_000 + k),
        parentId: id(1),
        service: 's0',
        name: 'db',
        kind: 'client',
        startUs: t0 + 10 + k,
        endUs: t0 + 12 + k,
        error: false,
        attrs: { 'db.system': 'redis' },
      });
    expect(spans.length).toBe(100_000);
    const r = await calibrate([{ name: 'big.json', chunks: [otlpRequest([spans])] }]);
    expect(r.summary.counts.largestTrace).toBe(100_000);
    expect(r.markdown).toContain('Largest trace: 100,000 spans.');
    // 50,001 calls per request: more than the model's edge takes; clamped and said so.
    expect(r.summary.figures.edges.find((e) => e.to === 'redis')).toMatchObject({
      calls: 1000,
      meanCalls: 50_001,
    });
    expect(r.markdown).toContain('1000 (mean 50001; the model takes at most 1000)');
  });
});

describe('calibrate: a Jaeger export fixture', () => {
  it('calibrates tests/fixtures/traces/jaeger-shop.json', async () => {
    const text = readFileSync(
      new URL('../../fixtures/traces/jaeger-shop.json', import.meta.url),
      'utf8',
    );
    const r = await calibrate([{ name: 'jaeger-shop.json', chunks: [text] }]);
    expect(r.summary.files[0]).toMatchObject({ format: 'jaeger', spans: 384 });
    const edges = r.summary.figures.edges.map((e) => `${e.from} → ${e.to} ${e.mode}`);
    // cart and ads start together: either may come first, both before checkout.
    expect([edges[0], edges.slice(1, 3).sort(), ...edges.slice(3)]).toEqual([
      'checkout → orders-db sequential',
      ['frontend → ads parallel', 'frontend → cart parallel'],
      'frontend → checkout sequential',
      'frontend clients → frontend sequential',
    ]);
    // sampler.param 0.5 on every root: the rate is twice the traced one.
    expect(r.summary.samplingSeen).toEqual([0.5]);
    const users = r.doc.nodes.find((n) => n.label === 'frontend clients');
    expect(users?.kind === 'client' && users.props.rps).toBeGreaterThan(30);
    // Pods from the hostname tag.
    expect(r.summary.figures.nodes.find((n) => n.name === 'cart')?.pods).toBe(1);
  });
});

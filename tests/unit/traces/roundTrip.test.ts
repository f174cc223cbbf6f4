// The round trip: a document with call probabilities, repeated and parallel calls, lognormal and
// empirical service times is run with every request traced, its OTLP export calibrated into a
// new document; that document has the same edges and modes, probabilities within 2 points,
// self-time p50/p99 within 5 %, and run again it gives the original's end-to-end p50/p99
// within 5 %.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import {
  ArchDocument,
  lognormalParams,
  type Distribution,
  type Quantile,
} from '../../../shared/model';
import { calibrate } from '../../../shared/traces/in';
import { toOtlp } from '../../../shared/traces/otlpOut';
import { buildDoc } from '../../fixtures/build';

const net = { latencyMs: 1, timeoutMs: 0, retries: 0 } as const;
const roomy = { replicas: 4, concurrency: 64 } as const;

const original = ArchDocument.parse(
  buildDoc('round trip')
    .client('users', { rps: 100 })
    .service('frontend', { ...roomy, serviceTime: { dist: 'lognormal', p50Ms: 3, p99Ms: 15 } })
    .service('search', { ...roomy, serviceTime: { dist: 'lognormal', p50Ms: 6, p99Ms: 30 } })
    .service('ads', {
      ...roomy,
      serviceTime: {
        dist: 'empirical',
        quantiles: [
          { p: 0, ms: 1 },
          { p: 0.6, ms: 3 },
          { p: 0.9, ms: 12 },
          { p: 1, ms: 25 },
        ],
      },
    })
    .service('pricing', { ...roomy, serviceTime: { dist: 'lognormal', p50Ms: 2, p99Ms: 8 } })
    .call('users', 'frontend', net)
    .call('frontend', 'search', { ...net, mode: 'parallel' })
    .call('frontend', 'ads', { ...net, mode: 'parallel', probability: 0.4 })
    .call('frontend', 'pricing', { ...net, calls: 3, probability: 0.7 })
    .scenario({ durationS: 120, seed: 4 })
    .build(),
);

/** The q-quantile of a distribution as the engine samples it. */
function quantileOf(d: Distribution, q: number): number {
  if (d.dist === 'lognormal') {
    const { mu, sigma } = lognormalParams(d.p50Ms, d.p99Ms);
    return Math.exp(mu + sigma * (q === 0.5 ? 0 : 2.3263478740408408));
  }
  if (d.dist === 'empirical') {
    const t: Quantile[] = d.quantiles;
    for (let i = 1; i < t.length; i++) {
      const a = t[i - 1] as Quantile;
      const b = t[i] as Quantile;
      if (q <= b.p) return a.ms + ((q - a.p) / (b.p - a.p || 1)) * (b.ms - a.ms);
    }
    return t[t.length - 1]?.ms ?? NaN;
  }
  return d.meanMs;
}

describe('round trip: run → OTLP → calibrate → run', async () => {
  const first = runToEnd(original, { traceEvery: 1, maxTraces: 1_000_000 });
  const otlp = JSON.stringify(toOtlp(original, first.traces, { runTag: 4 }));
  const r = await calibrate([{ name: 'run.json', chunks: [otlp] }]);
  const doc = r.doc;
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label;

  it('traced every request', () => {
    expect(first.traces.length).toBe(first.summary.requests);
  });

  it('has the same edges in the same order, with the same modes and repeats', () => {
    const edges = doc.edges.map((e) => [
      label(e.from),
      label(e.to),
      e.kind === 'call' && e.props.mode,
      e.kind === 'call' && e.props.calls,
    ]);
    expect(edges).toEqual([
      ['frontend', 'search', 'parallel', 1],
      ['frontend', 'ads', 'parallel', 1],
      ['frontend', 'pricing', 'sequential', 3],
      ['users', 'frontend', 'sequential', 1],
    ]);
    expect(doc.nodes.find((n) => n.label === 'users')?.kind).toBe('client');
  });

  it('gives call probabilities within 2 points, network latency and the arrival rate', () => {
    const p = (to: string) => {
      const e = doc.edges.find((x) => label(x.to) === to);
      return e?.kind === 'call' ? e.props : undefined;
    };
    expect(Math.abs((p('ads')?.probability ?? 0) - 0.4)).toBeLessThan(0.02);
    expect(Math.abs((p('pricing')?.probability ?? 0) - 0.7)).toBeLessThan(0.02);
    expect(p('search')?.probability).toBe(1);
    expect(p('search')?.latencyMs).toBeCloseTo(1, 2);
    const users = doc.nodes.find((n) => n.label === 'users');
    expect(users?.kind === 'client' && Math.abs(users.props.rps - 100) / 100).toBeLessThan(0.05);
  });

  it('gives self-time p50 and p99 within 5 %', () => {
    for (const name of ['frontend', 'search', 'ads', 'pricing']) {
      const want = original.nodes.find((n) => n.id === name);
      const got = doc.nodes.find((n) => n.label === name);
      if (want?.kind !== 'service' || got?.kind !== 'service') throw new Error(name);
      const wantSt: Distribution = want.props.serviceTime;
      for (const q of [0.5, 0.99]) {
        const a = quantileOf(wantSt, q);
        const b = quantileOf(got.props.serviceTime, q);
        expect(Math.abs(b - a) / a, `${name} p${q * 100}: ${b} vs ${a}`).toBeLessThan(0.05);
      }
    }
  });

  it('run again, reproduces the end-to-end p50 and p99 within 5 %', () => {
    const again = runToEnd({
      ...doc,
      scenarios: [{ ...doc.scenarios[0], durationS: 120, seed: 4 }],
    });
    const a = first.summary.latencyMs;
    const b = again.summary.latencyMs;
    expect(Math.abs(b.p50 - a.p50) / a.p50, `p50 ${b.p50} vs ${a.p50}`).toBeLessThan(0.05);
    expect(Math.abs(b.p99 - a.p99) / a.p99, `p99 ${b.p99} vs ${a.p99}`).toBeLessThan(0.05);
  });
});

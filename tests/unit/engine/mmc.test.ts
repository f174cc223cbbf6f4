// The engine against queueing theory (docs/semantics.md §3): a Poisson client → one pod with c
// slots and exponential (or constant) service over a 0 ms edge without timeout is exactly M/M/c
// (M/D/1). Means come from the whole-run exact sum; warm-up is discarded; customer counts are
// chosen so the 2 % tolerance is several standard errors wide at each load.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import type { Distribution } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';
import { erlangC, md1ResponseMs, mmcResponseMs, mmcWaitMs, relErr } from './queueing';

const MU = 100; // service rate per slot (1/s): mean service time 10 ms

function queueRun(lambda: number, c: number, customers: number, serviceTime: Distribution) {
  const warmupS = 50;
  const doc = buildDoc()
    .client('users', { rps: lambda, arrival: 'poisson' })
    .service('api', { replicas: 1, concurrency: c, queueCapacity: 10_000_000, serviceTime })
    .call('users', 'api', direct)
    .scenario({ durationS: warmupS + customers / lambda, warmupS, seed: 7 })
    .build();
  return runToEnd(doc, { traceEvery: 0 });
}

describe('queueing theory helpers', () => {
  it('reproduce the worked examples of docs/semantics.md §3', () => {
    expect(mmcResponseMs(80, 100, 1)).toBeCloseTo(50, 6);
    expect(erlangC(2, 1.8)).toBeCloseTo(16.2 / 19, 6);
    expect(mmcWaitMs(180, 100, 2)).toBeCloseTo(42.63, 2);
    expect(mmcResponseMs(180, 100, 2)).toBeCloseTo(52.63, 2);
    expect(md1ResponseMs(80, 100)).toBeCloseTo(30, 6);
  });
});

const customersAt = (rho: number) => (rho <= 0.5 ? 300_000 : rho <= 0.8 ? 1_000_000 : 4_000_000);

describe('M/M/c mean response time within 2 % of Erlang C', () => {
  for (const c of [1, 2, 8]) {
    for (const rho of [0.5, 0.8, 0.9]) {
      const lambda = rho * c * MU;
      it(`c=${c} ρ=${rho}: W = ${mmcResponseMs(lambda, MU, c).toFixed(2)} ms; Little's law on the queue`, () => {
        const r = queueRun(lambda, c, customersAt(rho), {
          dist: 'exponential',
          meanMs: 1000 / MU,
        });
        const expected = mmcResponseMs(lambda, MU, c);
        expect(r.summary.errors).toEqual({});
        expect(relErr(r.summary.latencyMs.mean, expected)).toBeLessThan(0.02);
        // Little's law, measured: time-averaged queue = throughput × mean wait (all requests).
        const api = r.nodes['api']!;
        const throughput = api.requests / (r.durationS - r.warmupS);
        expect(
          relErr(api.queueDepth.mean, (throughput * api.queueWaitMs.mean) / 1000),
        ).toBeLessThan(0.01);
        expect(
          relErr(api.busy.mean + api.queueDepth.mean, (throughput * api.latencyMs.mean) / 1000),
        ).toBeLessThan(0.01);
        // ... and the queue against theory, Lq = λ·Wq, where there is a queue worth measuring.
        if (rho >= 0.8)
          expect(
            relErr(api.queueDepth.mean, (lambda * mmcWaitMs(lambda, MU, c)) / 1000),
          ).toBeLessThan(0.05);
        expect(api.utilisation).toBeCloseTo(rho, 2);
      });
    }
  }
});

describe('M/D/1 against Pollaczek–Khinchine', () => {
  it('ρ=0.8, constant 10 ms: W = 30 ms within 2 %', () => {
    const r = queueRun(80, 1, 1_000_000, { dist: 'constant', meanMs: 10 });
    expect(relErr(r.summary.latencyMs.mean, md1ResponseMs(80, MU))).toBeLessThan(0.02);
  });
});

describe('docs/semantics.md §3 worked example', () => {
  it('λ=180/s, μ=100/s, c=2 gives W ≈ 52.63 ms', () => {
    const r = queueRun(180, 2, 3_000_000, { dist: 'exponential', meanMs: 10 });
    expect(relErr(r.summary.latencyMs.mean, 52.63)).toBeLessThan(0.02);
  });
});

// The pod's inside against queueing theory and the kernel's own rules (docs/semantics.md "The
// pod's inside"); every expected value is derived here from the inputs:
//  - M/M/1 (Kleinrock, Queueing Systems vol. 1, §3.2): W = 1/(μ − λ); an event loop with one
//    worker is a FIFO server of the CPU work, and a constant off-CPU wait d adds d.
//  - A thread pool holds its thread through CPU and IO: T threads serve at most T / E[CPU + IO].
//  - M/G/1-PS (Kleinrock vol. 2, §4.4; Harchol-Balter, Performance Modeling and Design of
//    Computer Systems, ch. 22): E[T] = E[S] / (1 − ρ) whatever the distribution of S.
//  - CFS bandwidth control (Documentation/scheduler/sched-bwc.rst): quota = limit × period; a
//    cgroup that has spent it waits for the next period.
import { describe, expect, it } from 'vitest';
import { runToEnd, type RunResult } from '../../../shared/engine';
import { meanOf, type Distribution } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

type Runtime = Record<string, unknown>;

/** users → api (1 pod) in a zone of `cores` cores. */
function run(opts: {
  rps: number;
  runtime: Runtime;
  concurrency?: number;
  cpuLimit?: string;
  cores?: number;
  durationS: number;
  warmupS?: number;
  constant?: boolean;
}): RunResult {
  const b = buildDoc().group('machine');
  const doc = b
    .client('users', { rps: opts.rps, arrival: opts.constant === true ? 'constant' : 'poisson' })
    .service(
      'api',
      {
        replicas: 1,
        concurrency: opts.concurrency ?? 4,
        queueCapacity: 10_000_000,
        runtime: opts.runtime,
        ...(opts.cpuLimit === undefined ? {} : { resources: { limits: { cpu: opts.cpuLimit } } }),
      },
      'machine',
    )
    .call('users', 'api', direct)
    .scenario({ durationS: opts.durationS, warmupS: opts.warmupS ?? 5, seed: 7 })
    .build();
  (doc.groups as { cores?: number }[])[0]!.cores = opts.cores ?? 4;
  return runToEnd(doc);
}

/** Requests the api finished per second after the warm-up (its per-second `ok` series). */
function completionRate(r: RunResult, warmupS: number): number {
  const s = r.nodes['api']!.series;
  let n = 0;
  let secs = 0;
  s.t.forEach((t, i) => {
    if (t >= warmupS) {
      n += s.ok[i] as number;
      secs++;
    }
  });
  return n / secs;
}

const exact = { syscallsPerRequest: 0, contextSwitchUs: 0 };
const within = (got: number, want: number, rel: number) =>
  expect(Math.abs(got - want) / want).toBeLessThanOrEqual(rel);

describe('event loop and thread pool', () => {
  const cpuTime: Distribution = { dist: 'exponential', meanMs: 5 };
  const ioTime: Distribution = { dist: 'constant', meanMs: 20 };

  it('an event loop with one worker is M/M/1 for its CPU, plus the constant IO: 1/(μ − λ) + d within 2 %', () => {
    const lambda = 100 / 1000; // per ms
    const mu = 1 / 5;
    const d = 20;
    const want = 1 / (mu - lambda) + d;
    const r = run({
      rps: 100,
      durationS: 300,
      runtime: { model: 'eventLoop', workers: 1, cpuTime, ioTime, ...exact },
    });
    within(r.nodes['api']!.latencyMs.mean, want, 0.02);
    // The loop's utilisation is ρ = λ/μ (the share of time it runs callbacks, as Node's
    // eventLoopUtilization reads it), and the requests waiting for it are M/M/1's Lq = ρ²/(1 − ρ),
    // per second as over the run: not its slots' figures, which would read 0.
    const rho = lambda / mu;
    const api = r.nodes['api']!;
    within(api.utilisation, rho, 0.02);
    within(api.queueDepth.mean, rho ** 2 / (1 - rho), 0.06);
    within(api.cpu!.loopBusySeconds! / (r.ranS - r.warmupS), rho, 0.02);
    const perSecond = api.series.utilisation.slice(r.warmupS);
    within(perSecond.reduce((a, b) => a + b, 0) / perSecond.length, rho, 0.02);
  });

  it('the same load on a thread pool of T threads is capped at T / E[CPU + IO] within 1 %', () => {
    const threads = 2;
    // Each blocking wait (the IO) costs a switch out and one back in, counted as CPU: 2 × 3 µs.
    const perRequestMs = 5 + 20 + 2 * 0.003;
    const cap = (threads / perRequestMs) * 1000;
    const r = run({
      rps: 150,
      concurrency: threads,
      durationS: 60,
      runtime: { model: 'threadPool', cpuTime, ioTime, syscallsPerRequest: 0, contextSwitchUs: 3 },
    });
    expect(cap).toBeLessThan(150);
    within(completionRate(r, 5), cap, 0.01);
  });
});

describe('processor sharing and the CFS quota', () => {
  it('M/G/1-PS is insensitive: lognormal CPU times give E[S]/(1 − ρ) within 2 %', () => {
    const cpuTime: Distribution = { dist: 'lognormal', p50Ms: 4, p99Ms: 40 };
    const es = meanOf(cpuTime);
    const rho = 0.5;
    const rps = (rho / es) * 1000;
    const r = run({
      rps,
      cores: 1,
      concurrency: 10_000,
      durationS: 500,
      runtime: { model: 'threadPool', cpuTime, ...exact },
    });
    within(r.nodes['api']!.latencyMs.mean, es / (1 - rho), 0.02);
  });

  it('under overload a CPU limit L with constant CPU time c gives L / c within 1 %, nearly every period throttled', () => {
    const limit = 0.5;
    const c = 10;
    const r = run({
      rps: 100,
      concurrency: 4,
      cpuLimit: '500m',
      durationS: 60,
      runtime: { model: 'threadPool', cpuTime: { dist: 'constant', meanMs: c }, ...exact },
    });
    within(completionRate(r, 5), (limit / c) * 1000, 0.01);
    const cpu = r.nodes['api']!.cpu!;
    expect(cpu.throttledPeriods / cpu.periods).toBeGreaterThan(0.98);
    within(cpu.usageCores, limit, 0.01);
  });

  it('below the limit, throttled periods match a brute-force replay of every period', () => {
    // Constant arrivals (every 1000/rps ms, as arrivals.ts spaces them) of constant CPU work:
    // replayed here in 1 µs steps, period by period.
    const rps = 7;
    const c = 45;
    const limit = 0.4;
    const cores = 4;
    const durationS = 20;
    const r = run({
      rps,
      constant: true,
      concurrency: 4,
      cpuLimit: '400m',
      cores,
      durationS,
      warmupS: 0.001,
      runtime: { model: 'threadPool', cpuTime: { dist: 'constant', meanMs: c }, ...exact },
    });
    const replay = bruteForce(rps, c, limit, cores, durationS * 1000);
    const cpu = r.nodes['api']!.cpu!;
    expect(limit).toBeGreaterThan((rps * c) / 1000);
    expect(replay.throttled).toBeGreaterThan(0);
    expect(cpu.periods).toBe(replay.periods);
    expect(cpu.throttledPeriods).toBe(replay.throttled);
  });
});

/** Step through time in 1 µs: jobs share the cores, each period's quota, throttled when spent. */
function bruteForce(rps: number, c: number, limit: number, cores: number, endMs: number) {
  const arrivals: number[] = [];
  for (let t = 1000 / rps; t < endMs; t += 1000 / rps) arrivals.push(t);
  const step = 0.001;
  const work: number[] = [];
  let next = 0;
  let periods = 0;
  let throttled = 0;
  for (let p = 0; p * 100 < endMs; p++) {
    let quota = limit * 100;
    let active = false;
    let hit = false;
    const stop = Math.min((p + 1) * 100, endMs);
    for (let i = 0; p * 100 + i * step < stop; i++) {
      const t = p * 100 + i * step;
      while (next < arrivals.length && (arrivals[next] as number) <= t) {
        work.push(c);
        next++;
      }
      let live = 0;
      for (const w of work) if (w > 1e-9) live++;
      if (live === 0) {
        work.length = 0;
        continue;
      }
      active = true;
      if (quota <= 1e-9) {
        hit = true;
        continue;
      }
      const rate = Math.min(1, cores / live);
      const dt = Math.min(step, quota / Math.min(live, cores));
      for (let j = 0; j < work.length; j++)
        if ((work[j] as number) > 1e-9) work[j] = (work[j] as number) - rate * dt;
      quota -= Math.min(live, cores) * dt;
    }
    if (active) periods++;
    if (hit) throttled++;
  }
  return { periods, throttled };
}

// A pod-wide lock held for the whole of a request's CPU work (criticalShare 1), under overload
// (docs/semantics.md "The pod's inside", locks). Expected rates are derived here:
//  - the lock serialises the work: at most 1 / c requests per ms for any kind;
//  - spin, runnable ≤ cores: the next spinner takes the lock the instant it frees: 1 / c;
//  - mutex: the next owner sleeps and must be switched back in first: 1 / (c + s), s the switch;
//  - spin, T runnable > P cores: every thread spins or holds, the holder gets P / T of a core,
//    less the share CFS loses to preemption switches (one per slice: sched_latency × P / T, at
//    least min_granularity; both × (1 + log2 min(P, 8)), kernel/sched/fair.c): (P / T)(1 − s /
//    slice) / c.
import { describe, expect, it } from 'vitest';
import { runToEnd, type RunResult } from '../../../shared/engine';
import { buildDoc, direct } from '../../fixtures/build';

const C = 0.05; // ms of CPU per request, all inside the lock
const SWITCH_US = 3;

type Kind = 'spin' | 'mutex' | 'adaptive';

function run(kind: Kind, threads: number, cores: number): RunResult {
  const doc = buildDoc()
    .group('machine')
    .client('users', { rps: 25_000 })
    .service(
      'api',
      {
        replicas: 1,
        concurrency: threads,
        queueCapacity: 10_000_000,
        runtime: {
          model: 'threadPool',
          cpuTime: { dist: 'constant', meanMs: C },
          syscallsPerRequest: 0,
          contextSwitchUs: SWITCH_US,
          syscallUs: 0.5,
          lock: { kind, criticalShare: 1, spinLimitUs: 20 },
        },
      },
      'machine',
    )
    .call('users', 'api', direct)
    .scenario({ durationS: 2, warmupS: 1, seed: 3 })
    .build();
  (doc.groups as { cores?: number }[])[0]!.cores = cores;
  return runToEnd(doc);
}

/** Requests the api finished per ms after the warm-up. */
function rate(r: RunResult): number {
  const s = r.nodes['api']!.series;
  let n = 0;
  let secs = 0;
  s.t.forEach((t, i) => {
    if (t >= 1) {
      n += s.ok[i] as number;
      secs++;
    }
  });
  return n / (secs * 1000);
}

const s = SWITCH_US / 1000;

describe('locks with criticalShare 1', () => {
  it('no kind of lock lets more than 1 / c through, whatever the threads and cores', () => {
    for (const kind of ['spin', 'mutex', 'adaptive'] as const)
      for (const [threads, cores] of [
        [3, 4],
        [8, 2],
      ] as const)
        expect(rate(run(kind, threads, cores))).toBeLessThanOrEqual((1 / C) * 1.001);
  });

  it('while runnable threads ≤ cores, spin (1/c) beats mutex (1/(c + switch))', () => {
    const spin = rate(run('spin', 3, 4));
    const mutex = rate(run('mutex', 3, 4));
    expect(Math.abs(spin - 1 / C) / (1 / C)).toBeLessThan(0.01);
    expect(Math.abs(mutex - 1 / (C + s)) / (1 / (C + s))).toBeLessThan(0.01);
    expect(spin).toBeGreaterThan(mutex);
  });

  it('past the cores, mutex beats spin: spinners take the holder’s core and CFS preempts', () => {
    const threads = 8;
    const cores = 2;
    const f = 1 + Math.log2(Math.min(cores, 8));
    const slice = Math.max((6 * f * cores) / threads, 0.75 * f);
    const spinWant = ((cores / threads) * (1 - s / slice)) / C;
    const spin = rate(run('spin', threads, cores));
    const mutex = rate(run('mutex', threads, cores));
    expect(Math.abs(spin - spinWant) / spinWant).toBeLessThan(0.01);
    // The mutex keeps about one thread runnable, so its owner runs at full speed.
    expect(Math.abs(mutex - 1 / (C + s)) / (1 / (C + s))).toBeLessThan(0.01);
    expect(mutex).toBeGreaterThan(spin);
    const cpu = run('spin', threads, cores).nodes['api']!.cpu!;
    // Seven of the eight runnable threads spin: 7/8 of the CPU time (less the switches' share)
    // over the 1 s measured.
    const spinShare = ((threads - 1) / threads) * (1 - s / slice);
    expect(Math.abs(cpu.spinSeconds / (cpu.usageCores * 1) - spinShare)).toBeLessThan(0.01);
    expect(cpu.contextSwitches).toBeGreaterThan(0);
  });
});

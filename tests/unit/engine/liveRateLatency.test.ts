// Live edits of a client's rate (set-rps) and of a latency (set-latency): each changes the run
// from the simulated moment it is given, a forS restores the earlier value, and the recorded
// commands, made a timeline, replay to the same bytes.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd, type RunResult } from '../../../shared/engine';
import { commandsToTimeline, mergeTimeline } from '../../../shared/drills/replay';
import type { ArchDocument, Scenario } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

type Arrival = 'constant' | 'poisson';

function doc(arrival: Arrival, shapes: unknown[] = []): ArchDocument {
  const d = buildDoc()
    .client('users', { rps: 100, arrival, shapes } as never)
    .service('api', { replicas: 4, serviceTime: { dist: 'constant', meanMs: 10 } })
    .external('pay', { latency: { dist: 'constant', meanMs: 20 } })
    .call('users', 'api', { latencyMs: 1 })
    .call('api', 'pay', { latencyMs: 1 }).doc;
  const scenario: Scenario = {
    name: 'live',
    durationS: 20,
    seed: 3,
    warmupS: 0,
    timeline: [],
    slos: [],
  };
  return { ...d, scenarios: [scenario] };
}

type Command = Parameters<ReturnType<typeof createRun>['command']>[0];

/** Run `d`, giving `command` at 10 s of simulated time. */
function liveRun(d: ArchDocument, command: Command): RunResult {
  const sim = createRun(d, { scenario: 'live' });
  for (let t = 1000; t <= 10_000; t += 1000) sim.advanceTo(t);
  sim.command(command);
  sim.advanceTo(20_000);
  return sim.result();
}

function replayOf(d: ArchDocument, live: RunResult): RunResult {
  const scenario = d.scenarios[0] as Scenario;
  const timeline = mergeTimeline(scenario.timeline, commandsToTimeline(live.commands));
  return runToEnd({ ...d, scenarios: [{ ...scenario, timeline }] }, { scenario: 'live' });
}

/** Requests the client sent in each simulated second [from, to). */
const perSecond = (r: RunResult, from: number, to: number) => {
  const s = r.nodes['users']!.series;
  return s.t.flatMap((t, i) => (t >= from && t < to ? [s.rps[i]!] : []));
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const p50 = (r: RunResult, id: string, from: number, to: number) => {
  const s = r.nodes[id]!.series;
  return s.t.flatMap((t, i) => (t >= from && t < to ? [s.p50Ms[i]!] : []));
};

describe('set-rps, a live edit of a client’s rate', () => {
  for (const arrival of ['constant', 'poisson'] as const) {
    it(`doubles a ${arrival} client’s per-second count from that second, and replays exactly`, () => {
      const d = doc(arrival);
      const live = liveRun(d, { action: 'set-rps', target: 'users', params: { rps: 200 } });
      const before = perSecond(live, 1, 10);
      const after = perSecond(live, 11, 20);
      // Poisson: 900 and 1,800 requests, standard errors √900 = 30 and √1800 ≈ 42.
      expect(Math.abs(sum(before) - 900)).toBeLessThan(4 * 30);
      expect(Math.abs(sum(after) - 1800)).toBeLessThan(4 * 42.5);
      for (const n of after) expect(Math.abs(n - 200)).toBeLessThan(4 * Math.sqrt(200));
      if (arrival === 'constant') {
        expect(before.every((n) => n === 100)).toBe(true);
        expect(after.every((n) => n === 200)).toBe(true);
      }
      expect(live.events.some((e) => e.reason === 'RateChanged' && e.t === 10)).toBe(true);
      expect(JSON.stringify(replayOf(d, live).nodes)).toBe(JSON.stringify(live.nodes));
    });
  }

  it('returns to the earlier rate after forS', () => {
    const live = liveRun(doc('constant'), {
      action: 'set-rps',
      target: 'users',
      params: { rps: 200 },
      forS: 5,
    });
    expect(perSecond(live, 11, 15)).toEqual([200, 200, 200, 200]);
    expect(perSecond(live, 16, 20)).toEqual([100, 100, 100, 100]);
  });

  it('replaces the base rate a spike multiplies', () => {
    const d = doc('constant', [{ shape: 'spike', atS: 15, forS: 3, factor: 2 }]);
    const live = liveRun(d, { action: 'set-rps', target: 'users', params: { rps: 50 } });
    expect(perSecond(live, 11, 15)).toEqual([50, 50, 50, 50]);
    expect(perSecond(live, 16, 18)).toEqual([100, 100]);
    expect(perSecond(live, 19, 20)).toEqual([50]);
  });

  it('names a target that is not a client, and a rate its shapes would push past the limit', () => {
    const sim = (d = doc('constant')) => createRun(d, { scenario: 'live' });
    expect(() => sim().command({ action: 'set-rps', target: 'api', params: { rps: 10 } })).toThrow(
      /"api" is not a client/,
    );
    expect(() =>
      sim(doc('constant', [{ shape: 'spike', atS: 1, forS: 1, factor: 10 }])).command({
        action: 'set-rps',
        target: 'users',
        params: { rps: 5_000_000 },
      }),
    ).toThrow(/can reach 50,000,000; a client sends at most 10,000,000/);
  });
});

describe('set-error-rate with forS', () => {
  it('returns to the earlier share when forS ends', () => {
    const live = liveRun(doc('constant'), {
      action: 'set-error-rate',
      target: 'api',
      params: { errorRate: 1 },
      forS: 5,
    });
    const errors = live.nodes['api']!.series;
    const failed = (from: number, to: number) =>
      sum(
        errors.t.flatMap((t, i) =>
          t >= from && t < to ? Object.values(errors.errors).map((v) => v[i] ?? 0) : [],
        ),
      );
    expect(failed(11, 15)).toBe(400);
    expect(failed(16, 20)).toBe(0);
  });
});

describe('set-latency, a live edit of a link’s or a node’s latency', () => {
  it('moves the p50 of the seconds after a link’s latency changes, and replays exactly', () => {
    const d = doc('poisson');
    const live = liveRun(d, {
      action: 'set-latency',
      target: 'users-api',
      params: { latencyMs: 50 },
    });
    // Before: 1 + 10 + 1 + 20 + 1 + 1 ms = 34 ms; after, the users–api link adds 49 ms each way.
    for (const v of p50(live, 'users', 2, 10)) expect(Math.abs(v - 34)).toBeLessThan(3);
    for (const v of p50(live, 'users', 11, 20)) expect(Math.abs(v - 132)).toBeLessThan(5);
    expect(live.events.some((e) => e.reason === 'LatencyChanged' && e.t === 10)).toBe(true);
    expect(JSON.stringify(replayOf(d, live).nodes)).toBe(JSON.stringify(live.nodes));
  });

  it('changes a service’s time and an external API’s answer, and forS restores them', () => {
    const d = doc('constant');
    const service = liveRun(d, {
      action: 'set-latency',
      target: 'api',
      params: { latency: { dist: 'constant', meanMs: 40 } },
      forS: 5,
    });
    for (const v of p50(service, 'users', 11, 15)) expect(Math.abs(v - 64)).toBeLessThan(3);
    for (const v of p50(service, 'users', 16, 20)) expect(Math.abs(v - 34)).toBeLessThan(3);
    const external = liveRun(d, {
      action: 'set-latency',
      target: 'pay',
      params: { latency: { dist: 'constant', meanMs: 120 } },
    });
    for (const v of p50(external, 'users', 11, 20)) expect(Math.abs(v - 134)).toBeLessThan(5);
    expect(JSON.stringify(replayOf(d, external).nodes)).toBe(JSON.stringify(external.nodes));
  });

  it('names a field that does not fit the target', () => {
    const sim = () => createRun(doc('constant'), { scenario: 'live' });
    expect(() =>
      sim().command({ action: 'set-latency', target: 'api', params: { latencyMs: 5 } }),
    ).toThrow(/a service, pod or external API takes latency/);
    expect(() =>
      sim().command({
        action: 'set-latency',
        target: 'users-api',
        params: { latency: { dist: 'constant', meanMs: 5 } },
      }),
    ).toThrow(/a link takes latencyMs/);
    expect(() =>
      sim().command({ action: 'set-latency', target: 'users', params: { latencyMs: 5 } }),
    ).toThrow(/"users" is not a link, service, pod or external API/);
  });
});

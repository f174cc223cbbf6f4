// Live commands accept every fault and are recorded into result.commands; replayed in batch as
// timeline entries they give the identical result (a live command is applied once the clock has
// reached its instant, a timeline action after everything else due at that instant: the same point).
import { describe, expect, it } from 'vitest';
import { commandsToTimeline, mergeTimeline } from '../../../shared/drills/replay';
import { createRun, runToEnd, type RunResult } from '../../../shared/engine';
import type { Scenario } from '../../../shared/model';
import { buildDoc, withZones } from './build';

const doc = () =>
  withZones(
    buildDoc()
      .client('users', { rps: 150 })
      .gateway('edge', { overheadMs: 0.5 })
      .service('api', { replicas: 3, concurrency: 4, startupSeconds: 1 })
      .cache('cache', { hitRatio: 0.8 })
      .database('db', { replicas: 1, failoverSeconds: 2, writeRatio: 0.3 })
      .external('psp', { errorRate: 0.01 })
      .call('users', 'edge', { latencyMs: 1, timeoutMs: 800, retries: 1 })
      .call('edge', 'api', { latencyMs: 1, timeoutMs: 300, retries: 2, jitter: true })
      .call('api', 'cache', { latencyMs: 0.5, timeoutMs: 100 })
      .call('cache', 'db', { latencyMs: 0.5, timeoutMs: 150, retries: 1 })
      .call('api', 'psp', { latencyMs: 5, timeoutMs: 200 })
      .scenario({
        name: 'drill',
        durationS: 40,
        seed: 9,
        timeline: [{ atS: 3, action: 'latency', target: 'edge-api', params: { ms: 20 }, forS: 2 }],
      }),
    { a: ['edge', 'api', 'cache'], b: ['db'], c: ['psp'] },
  );

/** Everything a replay must repeat (events without who gave the command). */
function deterministic(r: RunResult): string {
  const events = r.events.map((e) => {
    const { live: _l, timeline: _t, ...data } = e.data;
    return { ...e, data };
  });
  return JSON.stringify({ ...r, commands: [], events });
}

const LIVE: [atMs: number, command: Parameters<ReturnType<typeof createRun>['command']>[0]][] = [
  [2_000, { action: 'abort', target: 'psp', params: { percent: 20, status: 503 }, forS: 3 }],
  [4_517, { action: 'partition', params: { zones: ['a', 'b'] }, forS: 2 }],
  [7_000, { action: 'packet-loss', target: 'api-psp', params: { percent: 15 }, forS: 4 }],
  [9_250, { action: 'db-failover', target: 'db', params: {}, forS: 6 }],
  [12_001, { action: 'cpu-stress', target: 'api', params: { load: 50 }, forS: 3 }],
  [15_000, { action: 'cache-flush', target: 'cache', params: { keys: 500 } }],
  [17_333, { action: 'pod-failure', target: 'api', params: {}, forS: 2 }],
  [
    19_000,
    {
      action: 'latency',
      target: 'db',
      params: { distribution: { dist: 'exponential', meanMs: 5 } },
      forS: 3,
    },
  ],
  [22_000, { action: 'zone-outage', target: 'c', params: {}, forS: 2 }],
  [25_500, { action: 'dependency-slowdown', target: 'psp', params: { factor: 4 }, forS: 3 }],
  [28_000, { action: 'pod-kill', target: 'api', params: { count: 2 } }],
  [30_000, { action: 'service-crash', target: 'api', params: {}, forS: 2 }],
  [33_000, { action: 'clock-skew', target: 'edge', params: { ms: 1500 }, forS: 2 }],
  [35_000, { action: 'partition', target: 'edge-api', params: { mode: 'reject' }, forS: 1 }],
];

describe('a live drill with every fault, replayed from its recorded timeline', () => {
  it('gives the identical result', () => {
    const d = doc();
    const sim = createRun(d, { scenario: 'drill' });
    // Like a live host: advance in whole milliseconds, act between steps.
    let t = 0;
    for (const [at, command] of LIVE) {
      for (; t + 1000 < at; t += 1000) sim.advanceTo(t + 1000);
      sim.advanceTo(at);
      t = at;
      sim.command(command);
    }
    sim.advanceTo(sim.durationMs);
    const live = sim.result();
    expect(live.commands.map((c) => [c.t, c.action])).toEqual(
      LIVE.map(([at, c]) => [at / 1000, c.action]),
    );
    const injected = live.events.filter((e) => e.reason === 'FaultInjected');
    expect(injected.length).toBeGreaterThanOrEqual(LIVE.length);

    const scenario = d.scenarios![0] as Scenario;
    const timeline = mergeTimeline(scenario.timeline, commandsToTimeline(live.commands));
    const replay = runToEnd(
      { ...d, scenarios: [{ ...scenario, timeline }] },
      { scenario: 'drill' },
    );
    expect(replay.commands).toEqual([]);
    expect(deterministic(replay)).toBe(deterministic(live));
  });

  it('a live command the engine cannot apply is refused with the path of what is wrong', () => {
    const sim = createRun(doc(), { scenario: 'drill' });
    expect(() => sim.command({ action: 'partition', params: { zones: ['a', 'x'] } })).toThrow(
      /unknown zone "x"/,
    );
    expect(sim.result().commands).toEqual([]);
  });
});

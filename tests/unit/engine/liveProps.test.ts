// An edit made during a live run goes to the engine as a recorded command: a service's error rate
// changes from that simulated moment on, and the timeline made of the recording replays it.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd, type RunResult } from '../../../shared/engine';
import { commandsToTimeline, mergeTimeline } from '../../../shared/drills/replay';
import type { ArchDocument, Scenario } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

function doc(): ArchDocument {
  const d = buildDoc()
    .client('users', { rps: 100, arrival: 'constant' })
    .service('api', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 10 } })
    .call('users', 'api').doc;
  const scenario: Scenario = {
    name: 'live',
    durationS: 20,
    seed: 1,
    warmupS: 0,
    timeline: [],
    slos: [],
  };
  return { ...d, scenarios: [scenario] };
}

const errorsIn = (r: RunResult, id: string, from: number, to: number) => {
  const s = r.nodes[id]!.series;
  let errors = 0;
  let done = 0;
  for (let i = 0; i < s.t.length; i++) {
    const t = s.t[i]!;
    if (t < from || t >= to) continue;
    const e = Object.values(s.errors).reduce((a, v) => a + (v[i] ?? 0), 0);
    errors += e;
    done += e + (s.ok[i] ?? 0);
  }
  return errors / done;
};

describe('set-error-rate, a live edit of a node’s error rate', () => {
  it('fails about that share of requests from the moment it was given, and replays exactly', () => {
    const d = doc();
    const sim = createRun(d, { scenario: 'live' });
    for (let t = 1000; t <= 10_000; t += 1000) sim.advanceTo(t);
    sim.command({ action: 'set-error-rate', target: 'api', params: { errorRate: 0.5 } });
    sim.advanceTo(20_000);
    const live = sim.result();
    expect(live.commands).toHaveLength(1);
    expect(errorsIn(live, 'api', 0, 10)).toBe(0);
    // 1,000 requests after the edit, each failing with probability 0.5: within 4 σ (σ ≈ 1.6 %).
    expect(Math.abs(errorsIn(live, 'api', 10, 20) - 0.5)).toBeLessThan(0.064);
    expect(live.events.some((e) => e.reason === 'ErrorRateChanged' && e.t === 10)).toBe(true);

    const scenario = d.scenarios[0] as Scenario;
    const timeline = mergeTimeline(scenario.timeline, commandsToTimeline(live.commands));
    const replay = runToEnd({ ...d, scenarios: [{ ...scenario, timeline }] }, { scenario: 'live' });
    expect(JSON.stringify(replay.nodes)).toBe(JSON.stringify(live.nodes));
  });

  it('names a target that has no error rate, and a share out of range', () => {
    const sim = () => createRun(doc(), { scenario: 'live' });
    expect(() =>
      sim().command({ action: 'set-error-rate', target: 'users', params: { errorRate: 0.1 } }),
    ).toThrow(/"users" is not a service, pod or external API/);
    expect(() =>
      sim().command({ action: 'set-error-rate', target: 'api', params: { errorRate: 2 } }),
    ).toThrow(/command.params.errorRate: must be ≤ 1/);
  });
});

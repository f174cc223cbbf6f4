// Drill verdicts worked by hand on small documents: constant arrivals and constant service times,
// so every figure can be counted on paper.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd, type RunResult } from '../../../shared/engine';
import { blastNodeIds, drillVerdict } from '../../../shared/drills/verdict';
import { commandsToTimeline, mergeTimeline } from '../../../shared/drills/replay';
import { faultById, FAULTS, unsupportedReason } from '../../../shared/drills/faults';
import type { ArchDocument, Edge, Scenario } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const constant = { dist: 'constant', meanMs: 10 } as const;

/** users (100 req/s, evenly spaced) → api (2 pods) → db, and users → search (no db). */
function shop(retries = 0): ArchDocument {
  const doc = buildDoc()
    .client('users', { rps: 100, arrival: 'constant' })
    .service('api', { replicas: 2, serviceTime: constant })
    .service('search', { replicas: 2, serviceTime: constant })
    .database('db')
    .call('users', 'api')
    .call('users', 'search')
    .call('api', 'db').doc;
  return {
    ...doc,
    edges: doc.edges.map((e): Edge =>
      e.id === 'api-db' && e.kind === 'call'
        ? { ...e, props: { ...e.props, retries, backoffBaseMs: 1, backoffMaxMs: 1 } }
        : e,
    ),
  };
}

function withScenario(doc: ArchDocument, s: Partial<Scenario>): ArchDocument {
  const scenario: Scenario = {
    name: 'drill',
    durationS: 30,
    seed: 1,
    warmupS: 0,
    timeline: [],
    slos: [{ name: 'errors < 1 %', metric: 'error-rate', op: '<', value: 0.01 }],
    ...s,
  };
  return { ...doc, scenarios: [scenario] };
}

const dbOutage = { atS: 10, action: 'fail-node', target: 'db', params: {}, forS: 5 };

describe('drillVerdict', () => {
  it('times a 5 s database outage: detected in its first second, recovered as it ends', () => {
    const doc = withScenario(shop(), { timeline: [dbOutage] });
    const result = runToEnd(doc, { scenario: 'drill' });
    const v = drillVerdict(doc, doc.scenarios[0], result);

    // 100 req/s for 5 s, every one of them through api to db: 500 of 3,000 fail end to end.
    expect(v.pass).toBe(false);
    expect(v.slos).toHaveLength(1);
    expect(v.slos[0]).toMatchObject({ pass: false, firstBrokeS: 10, secondsBroken: 5 });
    const [f] = v.faults;
    expect(f).toMatchObject({ source: 'timeline', fromS: 10, toS: 15 });
    expect(f?.detectedAtS).toBe(11);
    expect(f?.ttdS).toBe(1);
    expect(f?.recoveredAtS).toBe(15);
    expect(f?.ttrS).toBe(0);
    expect(f?.events.map((e) => `${e.t} ${e.reason} ${e.object}`)).toEqual([
      '10 FaultInjected db',
      '15 FaultCleared db',
    ]);
  });

  it('traces the blast radius from the failed node to its callers, not to their other callees', () => {
    const doc = withScenario(shop(), { timeline: [dbOutage] });
    const v = drillVerdict(doc, doc.scenarios[0], runToEnd(doc, { scenario: 'drill' }));
    const blast = v.faults[0]?.blastRadius ?? [];
    expect(blast.map((b) => [b.id, b.hops, b.via, b.errors])).toEqual([
      ['db', 0, null, 500],
      ['api', 1, 'db', 500],
      ['users', 2, 'api', 500],
    ]);
    expect(blast[1]?.causes).toEqual({ unavailable: 500 });
    expect(blastNodeIds(v)).not.toContain('search');
  });

  it('an edge fault stands for its caller; a fault with no effect has no blast radius', () => {
    const timeline = [
      { atS: 5, action: 'add-latency', target: 'users-search', params: { ms: 1 }, forS: 5 },
    ];
    const doc = withScenario(shop(), { timeline });
    const v = drillVerdict(doc, doc.scenarios[0], runToEnd(doc, { scenario: 'drill' }));
    expect(v.pass).toBe(true);
    expect(v.faults[0]).toMatchObject({ detectedAtS: null, recoveredAtS: 10, ttrS: 0 });
    expect(v.faults[0]?.blastRadius).toEqual([]);
  });

  it('waits for N healthy seconds in a row before calling it recovered', () => {
    const doc = withScenario(shop(), { timeline: [dbOutage], durationS: 18 });
    const result = runToEnd(doc, { scenario: 'drill' });
    // Seconds 15, 16, 17 are healthy: 3 in a row, not 5.
    expect(drillVerdict(doc, doc.scenarios[0], result).faults[0]?.recoveredAtS).toBeNull();
    expect(
      drillVerdict(doc, doc.scenarios[0], result, { recoverForS: 3 }).faults[0]?.recoveredAtS,
    ).toBe(15);
  });

  it('counts retry amplification as attempts per user request on each hop', () => {
    // api → db retries twice: for 5 s each of 100 req/s tries db 3 times; otherwise once.
    const doc = withScenario(shop(2), { timeline: [dbOutage] });
    const result = runToEnd(doc, { scenario: 'drill' });
    const v = drillVerdict(doc, doc.scenarios[0], result);
    const users = v.hops.find((h) => h.edge === 'users-api');
    const db = v.hops.find((h) => h.edge === 'api-db');
    expect(users?.perUserRequest).toBe(1);
    expect(db?.retries).toBe(1000);
    // 2,999 user requests (the first at 10 ms, the last at 29.99 s); 500 of them in the outage
    // try db three times, the rest once (the one still in flight at the end: not yet).
    expect(db?.userRequests).toBe(2999);
    expect(db?.attempts).toBe(2998 + 1000);
    expect(db?.perUserRequest).toBe(Math.round((3998 / 2999) * 1000) / 1000);
    const path = v.paths.find((p) => p.edges.join(' ') === 'users-api api-db');
    expect(path?.amplification).toBe(db?.perUserRequest);
  });

  it('reads live commands as faults of their own', () => {
    const doc = withScenario(shop(), {});
    const sim = createRun(doc, { scenario: 'drill' });
    sim.advanceTo(10_000);
    sim.command({ action: 'fail-node', target: 'db', params: {}, forS: 5 });
    sim.advanceTo(sim.durationMs);
    const v = drillVerdict(doc, doc.scenarios[0], sim.result());
    expect(v.faults.map((f) => [f.source, f.action, f.fromS, f.toS])).toEqual([
      ['live', 'fail-node', 10, 15],
    ]);
    expect(v.faults[0]?.blastRadius.map((b) => b.id)).toEqual(['db', 'api', 'users']);
  });
});

describe('a verdict says what happened', () => {
  it('without SLOs says there was nothing to judge and still gives error rate, worst p99, blast radius', () => {
    // db fails for the whole run: every request through api fails; search still answers.
    const timeline = [{ atS: 0, action: 'fail-node', target: 'db', params: {} }];
    const doc = withScenario(shop(), { timeline, slos: [], durationS: 10 });
    const v = drillVerdict(doc, doc.scenarios[0], runToEnd(doc, { scenario: 'drill' }));
    expect(v.outcome).toBe('NO SLOS');
    expect(v.pass).toBe(false);
    // users calls api and search in turn: each user request fails when its api call does.
    expect(v.headline.errorRate).toBe(1);
    expect(v.headline.worstP99Ms).toBeGreaterThan(0);
    expect(v.headline.blastRadius).toEqual(['db', 'api', 'users']);
  });

  it('a run stopped early: faults not reached are "not reached", SLOs judged on the part run', () => {
    const doc = withScenario(shop(), {
      timeline: [
        { atS: 2, action: 'add-latency', target: 'api', params: { ms: 1 }, forS: 2 },
        dbOutage,
      ],
    });
    const sim = createRun(doc, { scenario: 'drill' });
    sim.advanceTo(6_000);
    const result = sim.result();
    expect(result.ranS).toBe(6);
    expect(result.durationS).toBe(30);
    const v = drillVerdict(doc, doc.scenarios[0], result);
    expect(v.coverage).toEqual({ ranS: 6, durationS: 30, early: true });
    expect(v.faults.map((f) => [f.action, f.reached])).toEqual([
      ['add-latency', true],
      ['fail-node', false],
    ]);
    const notReached = v.faults[1];
    expect(notReached).toMatchObject({ detectedAtS: null, recoveredAtS: null, blastRadius: [] });
    // The SLO held on the 6 s that ran, and the verdict says it was judged on those only.
    expect(v.outcome).toBe('PASSED');
    expect(v.slos[0]?.pass).toBe(true);
  });
});

/** The parts of a result a replay must repeat exactly (events without who gave the command). */
function deterministic(r: RunResult) {
  const events = r.events.map((e) => {
    const { live: _l, timeline: _t, ...data } = e.data;
    return { ...e, data };
  });
  return JSON.stringify({
    summary: r.summary,
    nodes: r.nodes,
    edges: r.edges,
    slos: r.slos,
    events,
  });
}

describe('a live drill replayed from its recorded timeline', () => {
  it('gives the identical result', () => {
    const doc = withScenario(shop(1), {
      timeline: [{ atS: 20, action: 'add-latency', target: 'api', params: { ms: 30 }, forS: 4 }],
    });
    const sim = createRun(doc, { scenario: 'drill' });
    // Like a live host: advance a second at a time, act between steps.
    for (let t = 1000; t <= 7000; t += 1000) sim.advanceTo(t);
    sim.advanceTo(7_253);
    sim.command({ action: 'kill-pod', target: 'api', params: {} });
    sim.advanceTo(11_517);
    sim.command({ action: 'fail-node', target: 'db', params: {}, forS: 3.5 });
    for (let t = 12_000; t <= 30_000; t += 1000) sim.advanceTo(t);
    const live = sim.result();
    expect(live.commands).toHaveLength(2);

    const scenario = doc.scenarios[0] as Scenario;
    const timeline = mergeTimeline(scenario.timeline, commandsToTimeline(live.commands));
    expect(timeline.map((e) => [e.atS, e.action])).toEqual([
      [7.253, 'kill-pod'],
      [11.517, 'fail-node'],
      [20, 'add-latency'],
    ]);
    const replayDoc = { ...doc, scenarios: [{ ...scenario, timeline }] };
    const replay = runToEnd(replayDoc, { scenario: 'drill' });
    expect(replay.commands).toEqual([]);
    expect(deterministic(replay)).toBe(deterministic(live));
  });
});

describe('the fault library', () => {
  it('names faults as chaos engineers do and asks the engine which it applies', () => {
    for (const id of [
      'pod-kill',
      'container-kill',
      'pod-failure',
      'latency',
      'partition',
      'zone-outage',
      'cache-flush',
      'clock-skew',
    ])
      expect(faultById(id)).toBeDefined();
    expect(unsupportedReason('kill-pod')).toBeNull();
    expect(unsupportedReason('add-latency')).toBeNull();
    expect(unsupportedReason('no-such-action')).toMatch(/unknown action "no-such-action"/);
    const supported = FAULTS.filter((f) => unsupportedReason(f.action) === null).map((f) => f.id);
    expect(supported).toEqual(
      expect.arrayContaining(['pod-kill', 'latency', 'service-crash', 'database-outage', 'scale']),
    );
  });
});

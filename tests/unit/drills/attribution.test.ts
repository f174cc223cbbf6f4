// A collapse is the fault's that started it: a fault that begins while the system is already
// failing is judged on what changed after it; and a retried hop past ×2 is named a retry storm.
// Engine runs of small drills (constant arrivals, constant service times).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { drillVerdict, RETRY_STORM_AT } from '../../../shared/drills/verdict';
import { figuresLine } from '../../../shared/slo/text';
import type { ArchDocument, Edge, Scenario } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const constant = { dist: 'constant', meanMs: 10 } as const;

/** users (100 req/s) → api (2 pods) → db, api → db retried `retries` times; users → search. */
function shop(retries: number): ArchDocument {
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

function drill(doc: ArchDocument, timeline: Scenario['timeline']) {
  const scenario: Scenario = {
    name: 'drill',
    durationS: 60,
    seed: 1,
    warmupS: 0,
    timeline,
    slos: [{ name: 'errors < 1 %', metric: 'error-rate', op: '<', value: 0.01 }],
  };
  const d = { ...doc, scenarios: [scenario] };
  return drillVerdict(d, scenario, runToEnd(d, { scenario: 'drill' }));
}

/** db fails at 20 s for good (the collapse); 200 ms latency on users → api at 35 s for 10 s. */
const collapseThenLatency: Scenario['timeline'] = [
  { atS: 20, action: 'fail-node', target: 'db', params: {} },
  { atS: 35, action: 'add-latency', target: 'users-api', params: { ms: 200 }, forS: 10 },
];

describe('a fault that begins while the system is already failing', () => {
  it('leaves the collapse with the fault that started it', () => {
    const v = drillVerdict_(collapseThenLatency);
    const [outage, latency] = v.faults;
    expect(outage?.alreadyFailing).toBeNull();
    expect(outage?.blastRadius.map((b) => b.id)).toEqual(['db', 'api', 'users']);
    expect(outage?.blastRadius.find((b) => b.id === 'db')?.errorRate).toBe(1);
    // The latency fault changed nothing that was not already failing: no blast radius of its own.
    expect(latency?.alreadyFailing).toEqual({ index: 0, label: 'fail-node db', sinceS: 20 });
    expect(latency?.blastRadius).toEqual([]);
    expect(latency?.detectedAtS).toBeNull();
  });

  it('still counts what a later fault adds, compared with the seconds before it', () => {
    // Half of api's db calls are aborted from 20 s on; at 35 s db fails outright for 10 s.
    const v = drill(shop(0), [
      { atS: 20, action: 'abort', target: 'api-db', params: { percent: 50, status: 503 } },
      { atS: 35, action: 'fail-node', target: 'db', params: {}, forS: 10 },
    ]);
    const second = v.faults[1];
    expect(second?.alreadyFailing?.label).toBe('abort api → db');
    expect(second?.blastRadius.map((b) => b.id)).toEqual(['db', 'api', 'users']);
    // users was already failing half its requests; it is compared with that, not with zero.
    const users = second?.blastRadius.find((b) => b.id === 'users');
    expect(users?.baselineRate).toBeCloseTo(0.5, 1);
    expect(users?.errorRate).toBeGreaterThan(0.9);
    expect(second?.detectedAtS).toBe(36);
  });

  it('judges a fault on a healthy system as before', () => {
    const v = drill(shop(0), [
      { atS: 10, action: 'fail-node', target: 'db', params: {}, forS: 5 },
      { atS: 30, action: 'fail-node', target: 'db', params: {}, forS: 5 },
    ]);
    expect(v.faults.map((f) => f.alreadyFailing)).toEqual([null, null]);
    expect(v.faults.map((f) => f.blastRadius.map((b) => b.id))).toEqual([
      ['db', 'api', 'users'],
      ['db', 'api', 'users'],
    ]);
  });
});

describe('a retry storm', () => {
  it('is named when a retried hop passes ×2 attempts per user request', () => {
    const v = drillVerdict_(collapseThenLatency);
    // 20 s at one attempt per request, then 40 s at three (two retries): ≈ ×2.33 on api → db.
    expect(v.retryStorms).toHaveLength(1);
    const storm = v.retryStorms[0];
    expect(storm?.edge).toBe('api-db');
    expect(storm?.perUserRequest).toBeGreaterThan(RETRY_STORM_AT);
    const line = figuresLine({
      outcome: v.outcome,
      sloCount: 1,
      failed: 1,
      coverage: v.coverage,
      errorRate: v.headline.errorRate,
      worstP99Ms: v.headline.worstP99Ms,
      blastRadius: ['db', 'api', 'users'],
      retryStorms: v.retryStorms,
    });
    expect(line).toMatch(/Retry storm: api → db ×2\.\d+ attempts per user request/);
  });

  it('is not named for retries that stay below ×2, nor for fan-out without retries', () => {
    const brief = drill(shop(2), [
      { atS: 20, action: 'fail-node', target: 'db', params: {}, forS: 5 },
    ]);
    expect(brief.retryStorms).toEqual([]);
    const none = drill(shop(0), collapseThenLatency);
    expect(none.retryStorms).toEqual([]);
  });
});

function drillVerdict_(timeline: Scenario['timeline']) {
  return drill(shop(2), timeline);
}

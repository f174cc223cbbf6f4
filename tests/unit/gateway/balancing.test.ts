// Gateway load balancing, retry budget and outlier detection through the whole engine.
// Sources: Envoy docs — "Supported load balancers" (round robin; weighted round robin; least
// request with the power of two choices; ring hash: consistent hashing, a host leaving moves only
// its ~1/n of the keys), route "weighted_clusters" (a random split by weight), cluster
// circuit_breakers.thresholds.retry_budget (budget_percent of active requests, min_retry_concurrency
// 3), "Outlier detection" (consecutive_5xx 5, interval 10 s, base_ejection_time 30 s × times
// ejected, max_ejection_percent 10 % but at least one host). docs/semantics.md §11.2.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { buildRing, ringLookup } from '../../../shared/engine/control/loadBalancer';
import { USERS_PER_CLIENT } from '../../../shared/engine/gateway/balancer';
import { buildDoc } from '../../fixtures/build';

const constant = (meanMs: number) => ({ dist: 'constant' as const, meanMs });
type Policy = 'round-robin' | 'weighted' | 'least-request' | 'ring-hash';

const lbOf = (r: ReturnType<typeof runToEnd>, edge: string) => {
  const lb = r.edges[edge]!.lb;
  if (lb === undefined) throw new Error(`no balancer on ${edge}`);
  return lb;
};

describe('round robin over the ready pods (bypassing kube-proxy)', () => {
  it('3 pods behind an iptables (random) Service: the gateway still spreads 1,000 requests 334/333/333', () => {
    const doc = (policy: Policy) =>
      buildDoc()
        .client('users', { rps: 100, arrival: 'constant' })
        .gateway('edge', { overheadMs: 0, loadBalancing: policy })
        .service('api', {
          replicas: 3,
          concurrency: 10,
          serviceTime: constant(1),
          proxyMode: 'iptables',
        })
        .call('users', 'edge', { latencyMs: 0 })
        .call('edge', 'api', { latencyMs: 0 })
        .scenario({ durationS: 10.005, seed: 1 })
        .build();
    const r = runToEnd(doc('round-robin'));
    const picks = Object.values(lbOf(r, 'edge-api').picks).sort();
    // Arrivals at 10, 20, … 10,000 ms: 1,000 requests, one pod after the other.
    expect(picks).toEqual([333, 333, 334]);
  });
});

describe('weighted', () => {
  it('route weights 9:1 (a canary) split 2,000 requests within 4σ of the binomial mean', () => {
    const doc = buildDoc()
      .client('users', { rps: 200, arrival: 'constant' })
      .gateway('edge', {
        overheadMs: 0,
        loadBalancing: 'weighted',
        routes: [
          { prefix: '/', target: 'stable', weight: 9 },
          { prefix: '/', target: 'canary', weight: 1 },
        ],
      })
      .service('stable', { replicas: 3, concurrency: 10, serviceTime: constant(1) })
      .service('canary', { replicas: 1, concurrency: 10, serviceTime: constant(1) })
      .call('users', 'edge', { latencyMs: 0 })
      .call('edge', 'stable', { latencyMs: 0 })
      .call('edge', 'canary', { latencyMs: 0 })
      .scenario({ durationS: 10.002, seed: 7 })
      .build();
    const r = runToEnd(doc);
    const n = r.nodes['users']!.requests;
    expect(n).toBe(2000);
    const canary = r.nodes['canary']!.requests;
    expect(canary + r.nodes['stable']!.requests).toBe(n);
    // Binomial(2000, 0.1): mean 200, σ = √(2000·0.1·0.9) ≈ 13.4.
    const sigma = Math.sqrt(n * 0.1 * 0.9);
    expect(Math.abs(canary - 200)).toBeLessThan(4 * sigma);
    // Within a service, equal pods (equal slots = equal weights) get equal shares: 600 each ±1.
    const stablePicks = Object.values(lbOf(r, 'edge-stable').picks);
    expect(stablePicks).toHaveLength(3);
    for (const p of stablePicks)
      expect(Math.abs(p - r.nodes['stable']!.requests / 3)).toBeLessThanOrEqual(1);
  });
});

/** 4 pods of v1 and, after a rollout that waits minReadySeconds, one pod of v2 with a bug. */
const mixed = (
  policy: Policy,
  bug: Record<string, unknown>,
  call: Record<string, unknown> = {},
  rps = 200,
) =>
  buildDoc()
    .client('users', { rps, arrival: 'constant' })
    .gateway('edge', { overheadMs: 0, loadBalancing: policy })
    .service('api', {
      replicas: 4,
      concurrency: 20,
      queueCapacity: 1000,
      serviceTime: constant(5),
      startupSeconds: 1,
      minReadySeconds: 3600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    })
    .call('users', 'edge', { latencyMs: 0, timeoutMs: 10_000 })
    .call('edge', 'api', { latencyMs: 0, timeoutMs: 10_000, ...call })
    .scenario({
      durationS: 120,
      seed: 3,
      timeline: [{ atS: 1, action: 'rollout', target: 'api', params: bug }],
    })
    .build();

describe('least request, power of two choices', () => {
  it('sends a slow pod (5 ms + 100 ms) far less than its 1/5 share; round robin gives it exactly 1/5', () => {
    const p2c = runToEnd(mixed('least-request', { version: 'v2', latencyMs: 100 }));
    const picks = lbOf(p2c, 'edge-api').picks;
    const names = Object.keys(picks);
    expect(names).toHaveLength(5);
    // The v2 pod has its own pod-template-hash: the one name whose ReplicaSet differs.
    const rs = (n: string) => n.slice(0, n.lastIndexOf('-'));
    const v2 = names.find((n) => names.filter((m) => rs(m) === rs(n)).length === 1) as string;
    const total = Object.values(picks).reduce((a, b) => a + b, 0);
    // The slow pod holds ~10× the requests in flight of a fast one for the same share, so P2C
    // prefers the other host whenever the slow one is drawn with it (8 of its 9 draws as a pair).
    expect(picks[v2]! / total).toBeLessThan(0.1);
    for (const n of names) if (n !== v2) expect(picks[n]! / total).toBeGreaterThan(0.2);
    // Round robin (the gateway's own counter) gives every ready pod the same share once v2 is in.
    const rr = runToEnd(mixed('weighted', { version: 'v2', latencyMs: 100 }));
    const rrPicks = lbOf(rr, 'edge-api').picks;
    const rrV2 = Object.keys(rrPicks).find(
      (n) => Object.keys(rrPicks).filter((m) => rs(m) === rs(n)).length === 1,
    ) as string;
    expect(rrPicks[rrV2]! / total).toBeGreaterThan(0.18);
    expect(p2c.summary.latencyMs.mean).toBeLessThan(rr.summary.latencyMs.mean);
  });
});

describe('ring hash', () => {
  it('a killed pod moves only the keys it owned (~1/5), exactly those the ring predicts', () => {
    const doc = buildDoc()
      .client('users', { rps: 200, arrival: 'constant' })
      .gateway('edge', { overheadMs: 0, loadBalancing: 'ring-hash' })
      .service('api', {
        replicas: 5,
        concurrency: 20,
        serviceTime: constant(2),
        startupSeconds: 3600, // the replacement never comes up during the run
      })
      .call('users', 'edge', { latencyMs: 0 })
      .call('edge', 'api', { latencyMs: 0 })
      .scenario({
        durationS: 30,
        seed: 5,
        timeline: [{ atS: 10, action: 'kill-pod', target: 'api', params: { pod: 0 } }],
      })
      .build();
    const r = runToEnd(doc);
    const lb = lbOf(r, 'edge-api');
    const names = Object.keys(lb.picks);
    expect(names).toHaveLength(5);
    // The killed pod: picked for 10–11 s only (until the endpoints drop it), the fewest picks.
    const killed = names.reduce((a, b) => (lb.picks[a]! <= lb.picks[b]! ? a : b));
    const before = buildRing(names);
    const after = buildRing(names.filter((n) => n !== killed));
    let owned = 0;
    for (let u = 0; u < USERS_PER_CLIENT; u++) {
      const key = `users#${u}`;
      if (ringLookup(before, key) !== ringLookup(after, key)) {
        expect(ringLookup(before, key)).toBe(killed); // only the dead pod's keys move
        owned++;
      }
    }
    expect(owned / USERS_PER_CLIENT).toBeGreaterThan(0.1);
    expect(owned / USERS_PER_CLIENT).toBeLessThan(0.3);
    // 6,000 requests over 1,000 users: nearly every user is seen. A key counts as moved when it
    // was seen on the dead pod before 10 s and elsewhere after: 2,000 requests before the kill
    // miss a given user with probability (1 − 1/1000)^2000 ≈ e^−2, so ≈ owned × (1 − e^−2) move.
    expect(lb.keys).toBeGreaterThan(0.99 * USERS_PER_CLIENT);
    const p = 1 - Math.exp(-2);
    const sigma = Math.sqrt(owned * p * (1 - p));
    expect(lb.keysMoved).toBeLessThanOrEqual(owned);
    expect(Math.abs(lb.keysMoved! - owned * p)).toBeLessThan(4 * sigma);
    // Modulo hashing over 5 → 4 hosts would move ~4/5 of the keys.
  });
});

describe('retry budget (Envoy retry_budget)', () => {
  const doc = (rps: number, budget: number | undefined) =>
    buildDoc()
      .client('users', { rps, arrival: 'constant' })
      .gateway('edge', {
        overheadMs: 0,
        ...(budget === undefined ? {} : { retryBudgetPercent: budget }),
      })
      .service('api', { replicas: 2, concurrency: 50, serviceTime: constant(10), errorRate: 1 })
      .call('users', 'edge', { latencyMs: 0, timeoutMs: 10_000 })
      .call('edge', 'api', { latencyMs: 0, retries: 3, jitter: false, timeoutMs: 10_000 })
      .scenario({ durationS: 10, seed: 1 })
      .build();

  it('without a budget every request retries 3 times against a failing upstream', () => {
    const r = runToEnd(doc(100, undefined));
    const n = r.edges['users-edge']!.attempts;
    // Requests still in flight at the end have made only some of their retries.
    expect(r.edges['edge-api']!.retries).toBeGreaterThanOrEqual(3 * (n - r.summary.inFlightAtEnd));
    expect(r.edges['edge-api']!.retries).toBeLessThanOrEqual(3 * n);
    expect(r.edges['edge-api']!.retriesDenied).toBeUndefined();
  });

  it('at 100 rps, 20 % of ~20 active requests allows ~4 retries at once: most are denied, failing with the original cause', () => {
    // Each request: 10 ms attempt, then backoffs 25, 50, 100 ms (no jitter) → ~215 ms and ~21
    // visits active at 100 rps; 20 % of them is ~4 concurrent retries, far fewer than needed.
    const r = runToEnd(doc(100, 20));
    const e = r.edges['edge-api']!;
    const requests = r.edges['users-edge']!.attempts;
    expect(e.retriesDenied).toBeGreaterThan(0);
    expect(e.retries).toBeLessThan(3 * requests);
    // Every failed attempt is retried, denied, or the last of 4.
    expect(e.retries + e.retriesDenied!).toBeLessThanOrEqual(3 * requests);
    expect(Object.keys(r.summary.errors)).toEqual(['internal']);
  });

  it('at 1 rps at most one retry is active: min_retry_concurrency 3 never denies', () => {
    const r = runToEnd(doc(1, 20));
    expect(r.edges['edge-api']!.retriesDenied).toBeUndefined();
    expect(r.edges['edge-api']!.retries).toBe(3 * r.edges['users-edge']!.attempts);
  });
});

describe('outlier detection on a call edge', () => {
  it('ejects a failing pod at its 5th consecutive 5xx and returns it at the first 10 s sweep 30 s later', () => {
    const r = runToEnd(
      mixed('round-robin', { version: 'v2', errorRate: 1 }, { outlierDetection: {} }, 100),
    );
    const ev = r.events.filter((e) => e.reason.startsWith('Outlier'));
    const first = ev[0]!;
    expect(first).toMatchObject({ reason: 'OutlierEjected', type: 'Warning', object: 'edge-api' });
    expect(first.data).toMatchObject({
      type: 'CONSECUTIVE_5XX',
      ejectionMs: 30_000,
      timesEjected: 1,
    });
    const host = first.data['host'] as string;
    const t0 = first.t;
    // 100 rps round robin over 5 pods: the v2 pod gets every 5th request (50 ms apart); its 5
    // failures take 200 ms after its first request, so no more than ~5 internal errors before t0.
    const back = ev.find((e) => e.reason === 'OutlierUnejected' && e.data['host'] === host)!;
    const sweep = Math.ceil((t0 + 30) / 10) * 10;
    expect(back.t).toBeCloseTo(sweep, 6);
    // While ejected it gets no traffic from the gateway: no internal errors in those seconds.
    const internal = r.nodes['users']!.series.errors['internal']!;
    for (let s = Math.ceil(t0) + 1; s < Math.floor(back.t); s++) expect(internal[s] ?? 0).toBe(0);
    // Back in, it fails 5 more in a row and is ejected again for 2 × 30 s.
    const second = ev.find((e) => e.reason === 'OutlierEjected' && e.t > back.t)!;
    expect(second.data).toMatchObject({ host, ejectionMs: 60_000, timesEjected: 2 });
    expect(second.t - back.t).toBeLessThan(1);
    expect(r.edges['edge-api']!.lb!.ejections).toBeGreaterThanOrEqual(2);
  });
});

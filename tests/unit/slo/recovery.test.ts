// Recovery SLOs: "recovers within N s after the fault ends".
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd, CompileError } from '../../../shared/engine';
import { shop, stressed } from './docs';

const within5 = { name: 'recovers within 5 s', metric: 'recovery', op: '<=', value: 5 } as const;

describe('recovery SLOs', () => {
  it('a CPU stress with spare capacity: back to normal 1 s after it ends — passes', () => {
    // 2 pods at 50 req/s each under stress still serve 80 req/s: no backlog, 20 ms a request.
    // Second 15 still finishes one request served under stress (20 ms > 1.5 × 10 ms): seconds
    // 16, 17, 18 are the first three healthy ones → recovered at 16 s, 1 s after the end.
    const r = runToEnd(stressed(2, [within5, { ...within5, target: 'api' }]), {
      scenario: 'drill',
    });
    for (const s of r.slos) {
      expect(s).toMatchObject({ metric: 'recovery', value: 1, pass: true, requests: 0 });
      expect(s.recoveries).toEqual([
        { label: 'cpu-stress api', fromS: 10, toS: 15, recoveredAtS: 16, recoveryS: 1 },
      ]);
      expect(s.recoveryRule).toEqual({ errorRate: 0.01, baselineP99Ms: 10, p99Ms: 15, forS: 3 });
    }
  });

  it('a CPU stress on a single pod: the backlog drains for 7.5 s — fails a 5 s SLO', () => {
    // 1 pod at 50 req/s under 80 req/s for 5 s: 30 × 5 = 150 requests queued by 15 s, drained at
    // 100 − 80 = 20 req/s → empty at 22.5 s. Second 22 still has a 140 ms p99; 23, 24, 25 are
    // healthy → recovered at 23 s: 8 s after the end.
    const r = runToEnd(stressed(1, [within5, { ...within5, name: 'within 10 s', value: 10 }]), {
      scenario: 'drill',
    });
    expect(r.slos[0]).toMatchObject({ value: 8, pass: false });
    expect(r.slos[0]?.message).toBe('worst: cpu-stress api ended at 15 s, recovered at 23 s (8 s)');
    expect(r.slos[1]).toMatchObject({ value: 8, pass: true });
    expect(r.nodes['users']?.series.p99Ms[22]).toBe(140);
  });

  it('never recovered before the run ended: Infinity, and says so', () => {
    const r = runToEnd(stressed(1, [within5], 20), { scenario: 'drill' });
    expect(r.slos[0]).toMatchObject({ value: Infinity, pass: false });
    expect(r.slos[0]?.recoveries?.[0]).toMatchObject({ recoveredAtS: null, recoveryS: null });
    expect(r.slos[0]?.message).toBe(
      'cpu-stress api ended at 15 s and had not recovered by the end of the run (20 s)',
    );
    expect(JSON.parse(JSON.stringify(r)).slos[0].value).toBeNull();
  });

  it('a database outage recovers as it ends; the error threshold is the SLO’s', () => {
    const dbOutage = { atS: 10, action: 'fail-node', target: 'db', params: {}, forS: 5 };
    const r = runToEnd(shop([{ ...within5, value: 0 }], [dbOutage]), { scenario: 'drill' });
    // Errors stop with the fault: seconds 15, 16, 17 are healthy → 0 s. Baseline: the median
    // per-second end-to-end p99 of seconds 0…9.
    expect(r.slos[0]).toMatchObject({ value: 0, pass: true });
    expect(r.slos[0]?.recoveries?.[0]).toMatchObject({ toS: 15, recoveredAtS: 15 });
    // A fault still running at the end is not judged; none judged: holds with 0.
    const open = { ...dbOutage, forS: 100 };
    const o = runToEnd(shop([within5], [open]), { scenario: 'drill' });
    expect(o.slos[0]).toMatchObject({ value: 0, pass: true, recoveries: [] });
    expect(o.slos[0]?.message).toMatch(/^no fault with a duration ended during the run \(1 fault/);
  });

  it('live commands with a duration count as faults', () => {
    const sim = createRun(stressed(1, [within5]), { scenario: 'drill' });
    sim.advanceTo(28_000);
    sim.command({ action: 'cpu-stress', target: 'api', params: { load: 50 }, forS: 2 });
    sim.advanceTo(sim.durationMs);
    const r = sim.result();
    // The live stress at 28…30 s: 30 × 2 = 60 queued, drained at 20/s by 33 s; 33, 34, 35 → 3 s.
    expect(r.slos[0]?.recoveries?.map((f) => [f.label, f.toS, f.recoveryS])).toEqual([
      ['cpu-stress api', 15, 8],
      ['cpu-stress api', 30, 3],
    ]);
    expect(r.slos[0]).toMatchObject({ value: 8, pass: false });
  });

  it('compiles (no longer a problem) but refuses a window on a recovery SLO', () => {
    expect(() => createRun(stressed(1, [within5]), { scenario: 'drill' })).not.toThrow();
    try {
      createRun(stressed(1, [{ ...within5, windowS: 10 }]), { scenario: 'drill' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      expect((e as CompileError).problems.map((p) => p.path)).toEqual([
        'scenarios[0].slos[0].windowS',
      ]);
    }
  });
});

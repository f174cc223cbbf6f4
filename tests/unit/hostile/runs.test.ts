// Runs that cannot hang or eat the machine: each test is an attack from the hardening review,
// replayed against the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetError, CompileError, createRun, runToEnd } from '../../../shared/engine';
import { EV_TIMER } from '../../../shared/engine/world';
import { ArchDocument } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

const root = join(__dirname, '../../..');
const webShop = (): { nodes: { id: string; props: Record<string, unknown> }[] } =>
  JSON.parse(readFileSync(join(root, 'assets/samples/web-shop.archlab.json'), 'utf8'));

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof CompileError) return e.problems;
    throw e;
  }
  return [];
};

describe('the memory budget', () => {
  it('stops the web-shop sample at 10,000,000 requests/s with what the run holds', () => {
    const doc = webShop();
    const shoppers = doc.nodes.find((n) => n.id === 'shoppers')!;
    shoppers.props['rps'] = 10_000_000;
    expect(ArchDocument.safeParse(doc).success).toBe(true);
    // 64 MB, reached in the first simulated tenth of a second, keeps the test short; the default
    // 1,024 MB holds the same way after a few minutes (the run grew past 6 GB before).
    const stopped = (() => {
      try {
        runToEnd(doc, { memoryBudgetMB: 64 });
      } catch (e) {
        return e;
      }
    })();
    expect(stopped).toBeInstanceOf(BudgetError);
    expect((stopped as Error).message).toMatch(
      /^Memory budget exceeded at t=[\d.]+ s: .*requests in flight/,
    );
  });

  it('counts attempts waiting on a timeout, which grow while requests in flight stay flat', () => {
    // Every call is answered at once, so few requests are in flight; each attempt still waits in
    // its edge's timeout ring for 60 s.
    const doc = buildDoc()
      .client('users', { rps: 2_000_000, arrival: 'constant' })
      .external('x', { latency: { dist: 'constant', meanMs: 0 } })
      .call('users', 'x', { latencyMs: 0, timeoutMs: 60_000, retries: 0 })
      .scenario({ durationS: 60 })
      .build();
    expect(() => runToEnd(doc, { memoryBudgetMB: 32 })).toThrow(/attempts waiting on a timeout/);
  });
});

describe('rates are bounded', () => {
  it('rejects a step or ramp to 1e308 requests/s in the schema', () => {
    const doc = buildDoc()
      .client('users', {
        shapes: [
          { shape: 'step', atS: 1, rps: 1e308 },
          { shape: 'ramp', fromS: 1, toS: 2, toRps: 1e308 },
        ],
      })
      .build();
    const parsed = ArchDocument.safeParse(doc);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['nodes.0.props.shapes.0.rps', 'nodes.0.props.shapes.1.toRps']);
  });

  it('rejects a trace above the bound and shapes that multiply past it', () => {
    const doc = buildDoc()
      .client('a', { shapes: [{ shape: 'trace', csv: 't,rps\n0,10\n5,20000000\n' }] })
      .client('b', { rps: 1_000_000, shapes: [{ shape: 'spike', atS: 1, forS: 1, factor: 100 }] })
      .external('x')
      .call('a', 'x', direct)
      .call('b', 'x', direct)
      .build();
    expect(problemsOf(() => runToEnd(doc))).toEqual([
      {
        path: 'nodes[0].props.shapes[0].csv',
        message: 'line 3: 20000000 requests/s is above the most a client may send (10,000,000)',
      },
      {
        path: 'nodes[1].props.shapes',
        message:
          'the shapes can raise the rate to 100,000,000 requests/s; a client sends at most 10,000,000',
      },
    ]);
  });
});

describe('every loop makes progress', () => {
  it('thins Poisson arrivals second by second, so a rate far below its peak does not spin', () => {
    // 0.01 requests/s for an hour, then a step to the maximum that the run never reaches. Thinned
    // against the peak, each arrival took ~10⁹ rejected candidates (the run never ended).
    const doc = buildDoc()
      .client('users', { rps: 0.01, shapes: [{ shape: 'step', atS: 7200, rps: 10_000_000 }] })
      .external('x', { latency: { dist: 'constant', meanMs: 1 } })
      .call('users', 'x', direct)
      .scenario({ durationS: 3600, seed: 3 })
      .build();
    const r = runToEnd(doc);
    // Poisson with mean 36: well inside 36 ± 5σ.
    expect(r.summary.requests).toBeGreaterThan(6);
    expect(r.summary.requests).toBeLessThan(66);
  });

  it('follows a step inside a second exactly (the bound holds for the whole second)', () => {
    const doc = buildDoc()
      .client('users', { rps: 10, shapes: [{ shape: 'step', atS: 10.5, rps: 2000 }] })
      .external('x', { latency: { dist: 'constant', meanMs: 1 } })
      .call('users', 'x', direct)
      .scenario({ durationS: 20 })
      .build();
    const rps = runToEnd(doc).nodes['users']!.series.rps;
    // Second 10 is half at 10/s and half at 2000/s: about 1005.
    expect(rps[5]).toBeLessThan(30);
    expect(rps[10]).toBeGreaterThan(900);
    expect(rps[10]).toBeLessThan(1110);
    expect(rps[15]).toBeGreaterThan(1850);
  });

  it('stops a run whose clock no longer advances instead of spinning', () => {
    const sim = createRun(buildDoc().client('users', { rps: 1 }).build(), {
      maxEventsAtOneInstant: 100_000,
    });
    // An event that schedules itself at the same instant, for ever.
    const again = { fire: () => sim.w.k.at(sim.w.k.now, EV_TIMER, again, 0) };
    sim.w.k.at(5, EV_TIMER, again, 0);
    expect(() => sim.advanceTo(sim.durationMs)).toThrow(
      /stopped at t=0.005 s: more than 100,000 events at the same instant/,
    );
  });
});

describe('warm-up and SLOs without data', () => {
  const doc = (warmupS: number, durationS = 10) =>
    buildDoc()
      .client('users', { rps: 50 })
      .external('x')
      .call('users', 'x', direct)
      .scenario({
        durationS,
        warmupS,
        slos: [{ name: 'p99 < 500 ms', metric: 'p99', op: '<', value: 500 }],
      })
      .build();

  it('rejects a warm-up as long as the run', () => {
    expect(problemsOf(() => runToEnd(doc(10)))).toEqual([
      {
        path: 'scenarios[0].warmupS',
        message:
          'the warm-up (10 s) must be shorter than the run (10 s): nothing after it would be measured',
      },
    ]);
    // The CLI's --duration counts too.
    expect(problemsOf(() => runToEnd(doc(5, 60), { durationS: 5 }))).toHaveLength(1);
  });

  it('never passes an SLO that had no request to judge', () => {
    const quiet = buildDoc()
      .client('users', { rps: 0 })
      .external('x')
      .call('users', 'x', direct)
      .scenario({ slos: [{ name: 'errors < 1 %', metric: 'error-rate', op: '<', value: 0.01 }] })
      .build();
    const [slo] = runToEnd(quiet).slos;
    expect(slo).toMatchObject({ pass: false, requests: 0 });
    expect(slo!.message).toBe(
      'no request was measured end to end after the warm-up, so the SLO cannot be judged',
    );
    expect(runToEnd(doc(2)).slos[0]!.pass).toBe(true);
  });
});

describe('ids', () => {
  it('rejects __proto__ and other ids that do not start with a letter or digit', () => {
    for (const id of ['__proto__', '_x', '.hidden', '-flag']) {
      const parsed = ArchDocument.safeParse(buildDoc().client(id).build());
      expect(parsed.success, id).toBe(false);
      expect(parsed.error!.issues[0]!.message).toMatch(/must start with a letter or digit/);
    }
  });

  it('builds results keyed by id on maps with no prototype', () => {
    const doc = buildDoc()
      .client('constructor', { rps: 10 })
      .external('toString')
      .call('constructor', 'toString', direct, 'hasOwnProperty')
      .scenario({ durationS: 2 })
      .build();
    const r = runToEnd(doc);
    expect(Object.getPrototypeOf(r.nodes)).toBe(null);
    expect(Object.getPrototypeOf(r.edges)).toBe(null);
    expect(r.nodes['toString']!.requests).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(r)).edges.hasOwnProperty.attempts).toBeGreaterThan(0);
  });
});

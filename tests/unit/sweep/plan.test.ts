// Planning a sweep: fields addressed as the inspector names them, the grid as the product of the
// parameters with the same seeds in every cell, and bad sweeps refused with the path at fault.
import { describe, expect, it } from 'vitest';
import { applyOps, parseDocument } from '../../../shared/model';
import { cellOps } from '../../../shared/sweep/apply';
import { footprint } from '../../../shared/sweep/cost';
import { SweepError } from '../../../shared/sweep/paths';
import { cellDocument, planSweep, rangeValues } from '../../../shared/sweep/plan';
import { replicasDoc } from './docs';

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof SweepError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('no SweepError');
}

describe('the grid', () => {
  it('is the product of the parameters, last changing fastest, every cell with the same seeds', () => {
    const doc = replicasDoc({
      parameters: [
        { path: 'nodes.orders.props.replicas', values: { from: 1, to: 3, step: 1 } },
        { path: 'clients.rps', values: [100, 200] },
      ],
      seeds: 4,
    });
    const plan = planSweep(doc);
    expect(plan.cells.map((c) => Object.values(c.params))).toEqual([
      [1, 100],
      [1, 200],
      [2, 100],
      [2, 200],
      [3, 100],
      [3, 200],
    ]);
    // The scenario's seed 3, then 4, 5, 6 — in every cell (common random numbers).
    expect(plan.seeds).toEqual([3, 4, 5, 6]);
    expect(plan.runs).toBe(24);
  });

  it('sets the fields the paths name, on every client for clients.*', () => {
    const doc = replicasDoc({
      parameters: [
        { path: 'nodes.orders.props.serviceTime.meanMs', values: [5, 20] },
        { path: 'edges.users-orders.props.retries', values: [0, 2] },
        { path: 'clients.rps', values: [300] },
      ],
      seeds: [9, 1],
    });
    const plan = planSweep(doc);
    const d = cellDocument(doc, plan, plan.cells[3]!);
    const orders = d.nodes.find((n) => n.id === 'orders');
    expect(orders?.kind === 'service' && orders.props.serviceTime).toEqual({
      dist: 'exponential',
      meanMs: 20,
    });
    expect(d.edges[0]?.props).toMatchObject({ retries: 2 });
    expect(d.nodes.find((n) => n.id === 'users')?.props).toMatchObject({ rps: 300 });
    // The original document is left as it was.
    expect(doc.nodes.find((n) => n.id === 'users')?.props).toMatchObject({ rps: 150 });
    expect(plan.seeds).toEqual([9, 1]);
  });

  it('steps a range without float noise', () => {
    expect(rangeValues({ from: 0.1, to: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ from: 1, to: 4, step: 2 })).toEqual([1, 3]);
  });

  it('its id changes with the document and the sweep, not between two plans of the same', () => {
    const sweep = { parameters: [{ path: 'clients.rps', values: [1, 2] }], seeds: 2 };
    expect(planSweep(replicasDoc(sweep)).id).toBe(planSweep(replicasDoc(sweep)).id);
    expect(planSweep(replicasDoc({ ...sweep, seeds: 3 })).id).not.toBe(
      planSweep(replicasDoc(sweep)).id,
    );
  });
});

describe('bad sweeps get clear errors that name the path', () => {
  it('an unknown node, an unknown field, a path outside nodes/edges/clients', () => {
    const doc = replicasDoc({
      parameters: [
        { path: 'nodes.order.props.replicas', values: [1] },
        { path: 'nodes.orders.props.replica', values: [1] },
        { path: 'scenarios.0.durationS', values: [1] },
      ],
    });
    const problems = problemsOf(() => planSweep(doc));
    expect(problems[0]).toMatch(
      /^scenarios\[0\]\.sweep\.parameters\[0\]\.path: "nodes\.order\.props\.replicas" names no node .*ids: users, orders/,
    );
    expect(problems[1]).toMatch(
      /parameters\[1\]\.path: .*service "orders" has no field "replica" \(numeric fields: .*replicas/,
    );
    expect(problems[2]).toMatch(
      /parameters\[2\]\.path: .*must start with nodes\., edges\. or clients\./,
    );
  });

  it('a value the field refuses names the value', () => {
    const doc = replicasDoc({
      parameters: [{ path: 'nodes.orders.props.replicas', values: [2, -1] }],
    });
    expect(problemsOf(() => planSweep(doc))).toEqual([
      expect.stringMatching(
        /^scenarios\[0\]\.sweep\.parameters\[0\]\.values\[1\]: -1 for replicas: /,
      ),
    ]);
  });

  it('an empty value list is refused when the document loads, with its path', () => {
    const doc = replicasDoc({ parameters: [{ path: 'clients.rps', values: [1] }] });
    const raw = JSON.parse(JSON.stringify(doc)) as {
      scenarios: { sweep: { parameters: { values: unknown }[] } }[];
    };
    raw.scenarios[0]!.sweep.parameters[0]!.values = [];
    const loaded = parseDocument(raw);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.problems).toContainEqual({
        path: 'scenarios[0].sweep.parameters[0].values',
        message: expect.stringMatching(/at least one/) as unknown as string,
      });
  });

  it('a grid of more than 100,000 runs needs confirming', () => {
    const doc = replicasDoc({
      parameters: [{ path: 'clients.rps', values: { from: 1, to: 1001, step: 1 } }],
      seeds: 100,
    });
    expect(problemsOf(() => planSweep(doc))).toEqual([
      'scenarios[0].sweep: 100,100 runs (1001 cells × 100 seeds) is over 100,000: confirm with --yes, or sweep fewer values or seeds',
    ]);
    expect(planSweep(doc, undefined, { confirmed: true }).runs).toBe(100_100);
  });

  it('a scenario without a sweep, or one that does not exist', () => {
    const doc = replicasDoc({});
    const none = { ...doc, scenarios: doc.scenarios.map((s) => ({ ...s, sweep: undefined })) };
    expect(problemsOf(() => planSweep(none))[0]).toMatch(/has no sweep/);
    expect(problemsOf(() => planSweep(doc, 'cyber monday'))[0]).toBe(
      'scenarios: no scenario "cyber monday" (scenarios: "black friday")',
    );
  });
});

describe('footprint', () => {
  it("counts replicas × each pod's requests, priced per core-hour and GiB-hour", () => {
    const doc = replicasDoc({ parameters: [{ path: 'nodes.orders.props.replicas', values: [4] }] });
    const plan = planSweep(doc);
    // 4 pods × (0.5 core × 0.04 + 1 GiB × 0.005) = 0.1 per hour.
    expect(footprint(cellDocument(doc, plan, plan.cells[0]!))).toEqual({
      replicas: 4,
      cpu: 2,
      memoryGiB: 4,
      costPerHour: 0.1,
    });
  });
});

describe("applying a cell's answer", () => {
  it('gives the edits that turn the document into the cell’s, in one apply', () => {
    const doc = replicasDoc({
      parameters: [
        { path: 'nodes.orders.props.replicas', values: [2, 4] },
        { path: 'nodes.orders.props.serviceTime.meanMs', values: [10, 7] },
        { path: 'edges.users-orders.props.retries', values: [1] },
      ],
    });
    const plan = planSweep(doc);
    const ops = cellOps(doc, plan, 3);
    expect(ops).toEqual([
      {
        type: 'updateNode',
        id: 'orders',
        props: { replicas: 4, serviceTime: { dist: 'exponential', meanMs: 7 } },
      },
      { type: 'updateEdge', id: 'users-orders', props: { retries: 1 } },
    ]);
    const applied = applyOps(doc, ops);
    expect(applied.ok && applied.doc.nodes).toEqual(cellDocument(doc, plan, plan.cells[3]!).nodes);
  });
});

// Documents that cannot run: every problem names its JSON path and the ids involved.
import { describe, expect, it } from 'vitest';
import { BudgetError, CompileError, compile, createRun, runToEnd } from '../../../shared/engine';
import { ArchDocument } from '../../../shared/model';
import { buildDoc, treeDoc } from '../../fixtures/build';

function problemsOf(doc: unknown, options = {}): { path: string; message: string }[] {
  try {
    createRun(doc, options);
  } catch (e) {
    if (e instanceof CompileError) return e.problems;
    throw e;
  }
  return [];
}

describe('compile problems', () => {
  it('names dangling edges, wrong edge kinds and empty services by path', () => {
    const doc = buildDoc()
      .client('users')
      .service('api', { replicas: 0 })
      .queue('jobs')
      .database('db')
      .call('users', 'api')
      .call('users', 'ghost')
      .call('api', 'jobs')
      .publish('api', 'db')
      .call('jobs', 'db')
      .call('api', 'users')
      .build();
    const problems = problemsOf(doc);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual([
      'edges[1].to',
      'edges[2].kind',
      'edges[3].to',
      'edges[4].to',
      'edges[5].to',
      'nodes[1].props.replicas',
    ]);
    expect(problems[0]!.message).toContain('"ghost"');
    expect(problems[5]!.message).toContain('"api" has 0 replicas');
  });

  it('reports a call cycle without a depth limit, and accepts one with maxDepth', () => {
    const cyclic = (maxDepth?: number) =>
      buildDoc()
        .client('users', { rps: 10 })
        .service('a', { concurrency: 50 })
        .service('b', { concurrency: 50 })
        .call('users', 'a')
        .call('a', 'b')
        .call('b', 'a', maxDepth === undefined ? {} : { maxDepth })
        .scenario({ durationS: 5 })
        .build();
    const problems = problemsOf(cyclic());
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/call cycle a → b → a/);
    const r = runToEnd(cyclic(2));
    expect(r.summary.errors).toEqual({});
    // users → a → b → a → b → a (b → a taken twice, then skipped)
    expect(r.nodes['a']!.requests).toBe(3 * r.nodes['users']!.requests);
  });

  it('names bad timeline entries and SLO targets by path', () => {
    const doc = buildDoc()
      .client('users')
      .service('api')
      .call('users', 'api')
      .scenario({
        timeline: [
          { atS: 1, action: 'kill-pod', target: 'api' },
          { atS: 2, action: 'scale', target: 'api', params: { replicas: -1 } },
          { atS: 3, action: 'rollout-v3', target: 'api' },
          { atS: 4, action: 'fail-node', target: 'nope' },
        ],
        slos: [{ name: 'p99', metric: 'p99', value: 100, target: 'nope' }],
      })
      .build();
    expect(problemsOf(doc).map((p) => p.path)).toEqual([
      'scenarios[0].timeline[1].params.replicas',
      'scenarios[0].timeline[2].action',
      'scenarios[0].timeline[3].target',
      'scenarios[0].slos[0].target',
    ]);
  });

  it('names schema errors by path and unknown scenarios', () => {
    const doc = buildDoc().client('users', { rps: -5 }).build();
    expect(problemsOf(doc)[0]!.path).toBe('nodes[0].props.rps');
    const ok = buildDoc().client('users').build();
    expect(problemsOf(ok, { scenario: 'nightly' })[0]).toMatchObject({ path: 'scenarios' });
  });

  // Its speed (the "under a second") is measured by `npm run bench compile`, not here.
  it('compiles a 10,000-node document', () => {
    const g = compile(ArchDocument.parse(treeDoc(10_000)));
    expect(g.nodes).toHaveLength(10_000);
    expect(g.edges).toHaveLength(9_999);
  });
});

describe('memory budget', () => {
  it('stops an unbounded backlog with a clear BudgetError', () => {
    const doc = buildDoc()
      .client('users', { rps: 100_000 })
      .service('api', {
        replicas: 1,
        concurrency: 1,
        queueCapacity: 10_000_000,
        serviceTime: { dist: 'constant', meanMs: 1 },
      })
      .call('users', 'api', { latencyMs: 0, timeoutMs: 0 })
      .scenario({ durationS: 600 })
      .build();
    const run = () => runToEnd(doc, { memoryBudgetMB: 50 });
    expect(run).toThrow(BudgetError);
    expect(run).toThrow(/requests in flight/);
  });

  it('refuses series that would not fit before starting', () => {
    const b = buildDoc();
    for (let i = 0; i < 200; i++) b.external(`x${i}`);
    const doc = b.scenario({ durationS: 86_400 }).build();
    expect(() => createRun(doc, { memoryBudgetMB: 100 })).toThrow(/per-second series/);
  });
});

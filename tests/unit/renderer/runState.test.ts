// Runs belong to the document they ran: the run slice keeps each finished run with its document,
// loading another document shows that document's runs only (none, or those of an earlier load of
// the same file), and an edit during a live run becomes a live command where the running system
// can take it.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../../../shared/engine';
import { emptyDocument, loadDocument, type ArchDocument } from '../../../shared/model';
import { useStore } from '../../../renderer/src/store';
import { docRuns, shownRun, verdictOf } from '../../../renderer/src/store/runSelectors';
import { planLiveEdit } from '../../../renderer/src/run/liveEdits';

const s = () => useStore.getState();

function sample(name: string): ArchDocument {
  const r = loadDocument(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8'));
  if (!r.ok) throw new Error(name);
  return r.doc;
}

function finish(doc: ArchDocument) {
  s().resetRun({ id: 'r', status: 'starting', doc, docVersion: s().docVersion });
  s().finishRun(runToEnd(doc, {}), false);
}

describe('run state per document', () => {
  beforeEach(() => s().loadDocument(emptyDocument('Empty'), { name: 'empty.archlab.json' }));

  it('shows a document’s own runs, and brings them back when the same file opens again', () => {
    const shop = sample('k8s-rollout');
    s().loadDocument(shop, { name: 'k8s-rollout.archlab.json', path: '/d/k8s.archlab.json' });
    finish(shop);
    expect(shownRun(s())?.docName).toBe('Kubernetes rolling update');
    expect(verdictOf(shownRun(s()))).toBe(verdictOf(shownRun(s())));

    s().loadDocument(emptyDocument('Other'), { name: 'other.archlab.json' });
    expect(s().run.status).toBe('idle');
    expect(shownRun(s())).toBeUndefined();
    expect(docRuns(s())).toEqual([]);

    s().loadDocument(shop, { name: 'k8s-rollout.archlab.json', path: '/d/k8s.archlab.json' });
    expect(shownRun(s())?.result.scenario).toBe('baseline');
  });

  it('shows no finished run while a new one goes', () => {
    const shop = sample('k8s-rollout');
    s().loadDocument(shop, { name: 'k8s-rollout.archlab.json', key: 'sample:k8s' });
    finish(shop);
    s().resetRun({ id: 'r2', status: 'running' });
    expect(shownRun(s())).toBeUndefined();
  });
});

describe('an edit during a live run', () => {
  it('sends replicas, version and error rate live, and names the rest for the next run', () => {
    const before = sample('web-shop');
    const after: ArchDocument = {
      ...before,
      nodes: before.nodes.map((n) =>
        n.id === 'orders' && n.kind === 'service'
          ? {
              ...n,
              props: { ...n.props, replicas: 5, version: 'v3', errorRate: 0.5, concurrency: 2 },
            }
          : n,
      ),
    };
    const plan = planLiveEdit(before, after);
    expect(plan.commands).toHaveLength(3);
    expect(plan.commands).toEqual(
      expect.arrayContaining([
        { action: 'scale', target: 'orders', params: { replicas: 5 } },
        { action: 'rollout', target: 'orders', params: { version: 'v3' } },
        { action: 'set-error-rate', target: 'orders', params: { errorRate: 0.5 } },
      ]),
    );
    expect(plan.nextRun).toEqual(['orders concurrency']);
  });
});

describe('a rate or latency edit during a live run', () => {
  it('sends a client’s rate, a service time, an external API’s and a link’s latency live', () => {
    const before = sample('web-shop');
    const slow = { dist: 'constant' as const, meanMs: 80 };
    const after: ArchDocument = {
      ...before,
      nodes: before.nodes.map((n) => {
        if (n.id === 'shoppers' && n.kind === 'client')
          return { ...n, props: { ...n.props, rps: 300 } };
        if (n.id === 'orders' && n.kind === 'service')
          return { ...n, props: { ...n.props, serviceTime: slow } };
        if (n.id === 'card-network' && n.kind === 'external')
          return { ...n, props: { ...n.props, latency: slow } };
        return n;
      }),
      edges: before.edges.map((e) =>
        e.id === 'e-orders-payments' && e.kind === 'call'
          ? { ...e, props: { ...e.props, latencyMs: 40, retries: 3 } }
          : e,
      ),
    };
    const plan = planLiveEdit(before, after);
    expect(plan.commands).toEqual([
      { action: 'set-rps', target: 'shoppers', params: { rps: 300 } },
      { action: 'set-latency', target: 'orders', params: { latency: slow } },
      { action: 'set-latency', target: 'card-network', params: { latency: slow } },
      { action: 'set-latency', target: 'e-orders-payments', params: { latencyMs: 40 } },
    ]);
    expect(plan.nextRun).toEqual(['link orders → payments retries']);
    // The engine takes each of them as a live command of the running sample.
    const sim = createRun(before, {});
    sim.advanceTo(1000);
    for (const c of plan.commands) sim.command(c);
    sim.advanceTo(2000);
    expect(sim.result().commands).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyOps,
  canConnect,
  newEdge,
  newGroup,
  newNode,
  validateDocument,
  type ArchDocument,
  type Op,
} from '../../../shared/model';
import { shop } from '../../fixtures/build';

function apply(doc: ArchDocument, ops: Op[]) {
  const result = applyOps(doc, ops);
  if (!result.ok) throw new Error(`${result.opIndex}: ${JSON.stringify(result.problems)}`);
  return result;
}

/** Apply, check the result is valid, undo, and check the undo gives back `doc` exactly. */
function roundTrip(doc: ArchDocument, ops: Op[]): ArchDocument {
  const done = apply(doc, ops);
  expect(validateDocument(done.doc)).toEqual([]);
  expect(apply(done.doc, done.inverse).doc).toEqual(doc);
  return done.doc;
}

describe('applyOps', () => {
  it('adds a node with its defaults and removes it on undo', () => {
    const after = roundTrip(shop(), [
      { type: 'addNode', node: newNode('cache', 'c1', { x: 5, y: 6 }) },
    ]);
    const added = after.nodes.at(-1);
    expect(added?.kind === 'cache' && added.props.hitRatio).toBe(0.8);
  });

  it('removes a node with its edges and what referred to it, and undo puts all back in place', () => {
    const base = shop();
    const doc = apply(base, [
      { type: 'updateNode', id: 'gw', props: { routes: [{ prefix: '/o', target: 'orders' }] } },
      {
        type: 'updateScenario',
        name: 'baseline',
        patch: {
          timeline: [{ atS: 5, action: 'kill-pod', target: 'orders', params: {} }],
          slos: [{ name: 'p99', metric: 'p99', op: '<', value: 100, target: 'orders' }],
        },
      },
      {
        type: 'addTransaction',
        transaction: {
          id: 't',
          name: 'T',
          protocol: 'saga',
          steps: [{ participant: 'orders', action: 'x' }],
        },
      },
    ]).doc;
    const after = roundTrip(doc, [{ type: 'removeNode', id: 'orders' }]);
    expect(after.nodes.map((n) => n.id)).not.toContain('orders');
    expect(after.edges.map((e) => e.id)).toEqual(['users-gw', 'events-mailer']);
    expect(after.scenarios[0]?.timeline).toEqual([]);
    expect(after.scenarios[0]?.slos).toEqual([]);
    expect(after.transactions[0]?.steps).toEqual([]);
    expect(after.nodes.find((n) => n.id === 'gw')).toMatchObject({ props: { routes: [] } });
  });

  it('moves nodes and groups, and shares what it did not touch', () => {
    const doc = shop();
    const after = roundTrip(doc, [
      {
        type: 'moveNodes',
        moves: [
          { id: 'users', position: { x: 9, y: 9 } },
          { id: 'zone-a', position: { x: 1, y: 2 } },
        ],
      },
      {
        type: 'moveNodes',
        moves: [
          { id: 'users', position: { x: 10, y: 10 } },
          { id: 'users', position: { x: 11, y: 11 } },
        ],
      },
    ]);
    expect(after.nodes[0]?.position).toEqual({ x: 11, y: 11 });
    expect(after.groups[0]?.position).toEqual({ x: 1, y: 2 });
    expect(after.nodes[1]).toBe(doc.nodes[1]);
    expect(after.edges).toBe(doc.edges);
  });

  it('updates props through the kind schema and never writes a bad value', () => {
    const doc = shop();
    roundTrip(doc, [{ type: 'updateNode', id: 'orders', label: 'Orders', props: { replicas: 5 } }]);
    roundTrip(doc, [
      {
        type: 'updateNode',
        id: 'orders',
        props: { readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 2 } },
      },
    ]);
    const bad = applyOps(doc, [
      { type: 'updateNode', id: 'orders', props: { replicas: 5 } },
      { type: 'updateNode', id: 'orders', props: { replicas: -1 } },
    ]);
    expect(bad).toEqual({
      ok: false,
      opIndex: 1,
      op: { type: 'updateNode', id: 'orders', props: { replicas: -1 } },
      problems: [{ path: 'nodes[2].props.replicas', message: 'must be ≥ 0' }],
    });
    expect(
      applyOps(doc, [{ type: 'updateNode', id: 'orders', props: { replcas: 1 } }]),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'nodes[2].props.replcas', message: 'is not a known field' }],
    });
  });

  it('removes a label with null and restores it on undo', () => {
    const after = roundTrip(shop(), [{ type: 'updateNode', id: 'users', label: null }]);
    expect('label' in (after.nodes[0] ?? {})).toBe(false);
  });

  it('refuses a link canConnect refuses, with its reason', () => {
    const doc = shop();
    expect(canConnect(doc, 'db', 'orders', 'call')).toEqual({
      ok: false,
      reason: 'a database answers calls; it cannot call a service',
    });
    expect(applyOps(doc, [{ type: 'addEdge', edge: newEdge('x', 'db', 'orders') }])).toMatchObject({
      ok: false,
      problems: [
        {
          path: 'edges[5]',
          message: 'invalid link: a database answers calls; it cannot call a service',
        },
      ],
    });
    expect(canConnect(doc, 'mailer', 'gw', 'call')).toEqual({ ok: true });
    expect(canConnect(doc, 'orders', 'gw', 'call')).toEqual({
      ok: false,
      reason: 'it would make a call cycle: gw → orders → gw (set maxDepth on the edge to bound it)',
    });
  });

  it('lets a call edge with maxDepth close a cycle, and keeps maxDepth while it is needed', () => {
    const doc = shop();
    const plain = newEdge('back', 'orders', 'gw');
    if (plain.kind !== 'call') throw new Error('newEdge makes call edges');
    const back = { ...plain, props: { ...plain.props, maxDepth: 2 } };
    const after = roundTrip(doc, [{ type: 'addEdge', edge: back }]);
    expect(
      applyOps(after, [{ type: 'updateEdge', id: 'back', props: { maxDepth: undefined } }]),
    ).toMatchObject({
      ok: false,
      problems: [
        {
          path: 'edges[5].props.maxDepth',
          message:
            'is needed: it would make a call cycle: gw → orders → gw (set maxDepth on the edge to bound it)',
        },
      ],
    });
  });

  it('adds, updates and removes edges', () => {
    const doc = shop();
    roundTrip(doc, [{ type: 'addEdge', edge: newEdge('m-db', 'mailer', 'db'), index: 1 }]);
    roundTrip(doc, [
      {
        type: 'updateEdge',
        id: 'gw-orders',
        label: 'orders API',
        props: { timeoutMs: 250, retries: 3 },
      },
    ]);
    roundTrip(doc, [{ type: 'removeEdge', id: 'gw-orders' }]);
    expect(
      applyOps(doc, [{ type: 'updateEdge', id: 'gw-orders', props: { retries: 11 } }]),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'edges[1].props.retries', message: 'must be ≤ 10' }],
    });
  });

  it('refuses ids already used by a node, edge or group', () => {
    const result = applyOps(shop(), [
      { type: 'addGroup', group: newGroup('team', 'orders', { x: 0, y: 0 }) },
    ]);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: 'groups[1].id', message: 'id "orders" is already used' }],
    });
  });

  it('ungroups: members keep their place on the canvas, and undo regroups them', () => {
    const doc = apply(shop(), [
      { type: 'moveNodes', moves: [{ id: 'zone-a', position: { x: 100, y: 50 } }] },
    ]).doc;
    const orders = doc.nodes.find((n) => n.id === 'orders');
    const after = roundTrip(doc, [{ type: 'removeGroup', id: 'zone-a' }]);
    const moved = after.nodes.find((n) => n.id === 'orders');
    expect(moved?.parentId).toBeUndefined();
    expect(moved?.position).toEqual({ x: (orders?.position.x ?? 0) + 100, y: 50 });
  });

  it('sets parents keeping canvas positions, and refuses cycles', () => {
    const doc = apply(shop(), [
      { type: 'addGroup', group: newGroup('team', 'team-a', { x: 300, y: 300 }) },
      { type: 'setParent', id: 'team-a', parentId: 'zone-a' },
    ]).doc;
    expect(doc.groups[1]).toMatchObject({ parentId: 'zone-a', position: { x: 300, y: 300 } });
    const after = roundTrip(doc, [{ type: 'setParent', id: 'users', parentId: 'team-a' }]);
    expect(after.nodes[0]).toMatchObject({ parentId: 'team-a', position: { x: -300, y: -300 } });
    roundTrip(doc, [{ type: 'setParent', id: 'orders', parentId: null }]);
    expect(applyOps(doc, [{ type: 'setParent', id: 'zone-a', parentId: 'team-a' }])).toMatchObject({
      ok: false,
      problems: [{ path: 'zone-a', message: 'group "zone-a" cannot be put inside itself' }],
    });
    expect(applyOps(doc, [{ type: 'setParent', id: 'users', parentId: 'orders' }])).toMatchObject({
      ok: false,
      problems: [{ message: 'group "orders" is a node, not a group' }],
    });
  });

  it('sets and clears the description, refusing one over 4000 characters', () => {
    const described = applyOps(shop(), [{ type: 'setDescription', description: '  Why.  ' }]);
    expect(described.ok && described.doc.description).toBe('Why.');
    if (!described.ok) return;
    const cleared = applyOps(described.doc, [{ type: 'setDescription', description: ' ' }]);
    expect(cleared.ok && 'description' in cleared.doc).toBe(false);
    const long = applyOps(shop(), [{ type: 'setDescription', description: 'x'.repeat(4001) }]);
    expect(long.ok ? [] : long.problems.map((p) => p.path)).toEqual(['description']);
  });

  it('updates groups, the name, scenarios and transactions', () => {
    const doc = shop();
    roundTrip(doc, [
      {
        type: 'updateGroup',
        id: 'zone-a',
        label: 'AZ a',
        kind: 'team',
        size: { width: 90, height: 90 },
      },
    ]);
    roundTrip(doc, [{ type: 'setName', name: 'Renamed' }]);
    roundTrip(doc, [{ type: 'setDescription', description: 'Teaches a lesson.' }]);
    roundTrip(doc, [
      {
        type: 'addScenario',
        scenario: { name: 'spike', durationS: 30, seed: 2, warmupS: 0, timeline: [], slos: [] },
      },
      { type: 'updateScenario', name: 'spike', patch: { name: 'spike-2', durationS: 90 } },
      { type: 'removeScenario', name: 'baseline' },
      { type: 'addTransaction', transaction: { id: 't', name: 'T', protocol: '2pc', steps: [] } },
      {
        type: 'updateTransaction',
        id: 't',
        patch: { protocol: 'tcc', steps: [{ participant: 'db', action: 'w' }] },
      },
    ]);
    roundTrip(
      apply(doc, [
        { type: 'addTransaction', transaction: { id: 't', name: 'T', protocol: '2pc', steps: [] } },
      ]).doc,
      [{ type: 'removeTransaction', id: 't' }],
    );
    expect(
      applyOps(doc, [{ type: 'updateScenario', name: 'baseline', patch: { durationS: 0 } }]),
    ).toMatchObject({
      ok: false,
      problems: [{ path: 'scenarios[0].durationS', message: 'must be > 0' }],
    });
    expect(
      applyOps(doc, [
        {
          type: 'addScenario',
          scenario: { name: 'baseline', durationS: 1, seed: 1, warmupS: 0, timeline: [], slos: [] },
        },
      ]),
    ).toMatchObject({
      ok: false,
      problems: [{ message: 'a scenario named "baseline" already exists' }],
    });
  });

  it('stops at the first failing op and changes nothing', () => {
    const doc = shop();
    const result = applyOps(doc, [
      { type: 'setName', name: 'ok' },
      { type: 'removeNode', id: 'ghost' },
    ]);
    expect(result).toMatchObject({
      ok: false,
      opIndex: 1,
      problems: [{ path: 'ghost', message: 'there is no node "ghost"' }],
    });
    expect(doc.name).toBe('Test');
  });
});

// Deriving React Flow's nodes from the document keeps unchanged objects (so only changed nodes
// re-render), puts parents first, and the ELK layout runs left to right inside groups.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { applyOps, emptyDocument, newEdge, newGroup, newNode } from '../../../shared/model';
import { groupAt, syncNodes } from '../../../renderer/src/canvas/flowModel';
import { elkGraph, opsFromLayout } from '../../../renderer/src/canvas/layout';

function shop() {
  const r = applyOps(emptyDocument('Shop'), [
    { type: 'addNode', node: newNode('client', 'users', { x: 500, y: 0 }) },
    { type: 'addNode', node: newNode('gateway', 'gw', { x: 0, y: 300 }) },
    { type: 'addNode', node: newNode('service', 'orders', { x: 200, y: 200 }) },
    { type: 'addNode', node: newNode('database', 'db', { x: 0, y: 0 }) },
    {
      type: 'addGroup',
      group: newGroup('zone', 'zone-a', { x: 0, y: 0 }, { width: 900, height: 600 }),
    },
    { type: 'setParent', id: 'orders', parentId: 'zone-a' },
    { type: 'setParent', id: 'db', parentId: 'zone-a' },
    { type: 'addEdge', edge: newEdge('e1', 'users', 'gw') },
    { type: 'addEdge', edge: newEdge('e2', 'gw', 'orders') },
    { type: 'addEdge', edge: newEdge('e3', 'orders', 'db') },
  ]);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.doc;
}

describe('flow nodes from the document', () => {
  it('puts groups before their members and reuses unchanged nodes', () => {
    const doc = shop();
    const first = syncNodes([], doc, new Set());
    expect(first[0]?.id).toBe('zone-a');
    const moved = applyOps(doc, [
      { type: 'moveNodes', moves: [{ id: 'gw', position: { x: 8, y: 8 } }] },
    ]);
    if (!moved.ok) throw new Error('move refused');
    const second = syncNodes(first, moved.doc, new Set());
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['gw']);
    const selected = syncNodes(second, moved.doc, new Set(['db']));
    expect(selected.filter((n, i) => n !== second[i]).map((n) => n.id)).toEqual(['db']);
  });

  it('finds the innermost group under a point', () => {
    const doc = shop();
    expect(groupAt(doc, { x: 10, y: 10 })?.id).toBe('zone-a');
    expect(groupAt(doc, { x: 1000, y: 10 })).toBeUndefined();
  });
});

describe('auto-layout', () => {
  it('lays out left to right by call direction and keeps members in their zone', async () => {
    const doc = shop();
    const laid = await new ELK().layout(elkGraph(doc, () => ({ width: 180, height: 70 })));
    const r = applyOps(doc, opsFromLayout(doc, laid));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const abs = (id: string) => {
      const n = r.doc.nodes.find((x) => x.id === id)!;
      const g = r.doc.groups.find((x) => x.id === n.parentId);
      return n.position.x + (g?.position.x ?? 0);
    };
    expect(abs('users')).toBeLessThan(abs('gw'));
    expect(abs('gw')).toBeLessThan(abs('orders'));
    expect(abs('orders')).toBeLessThan(abs('db'));
    expect(r.doc.nodes.find((n) => n.id === 'db')?.parentId).toBe('zone-a');
    const zone = r.doc.groups[0]!;
    const db = r.doc.nodes.find((n) => n.id === 'db')!;
    expect(db.position.x + 180).toBeLessThanOrEqual(zone.size.width);
  });
});

// The document store: every change goes through the model's operations, one `apply` is one undo
// step, refused edits change nothing, selection is never undone, and the dirty flag follows the
// document (back to clean when undone to the saved state).
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDocument, newEdge, newNode, type Op } from '../../../shared/model';
import { canRedo, canUndo, redo, undo, useStore } from '../../../renderer/src/store';

const s = () => useStore.getState();
const history = () => useStore.temporal.getState();

function fresh() {
  s().loadDocument(emptyDocument('Test'), { name: 'test.archlab.json' });
}

describe('the document store', () => {
  beforeEach(fresh);

  it('starts clean with no history after a load', () => {
    expect(s().file.dirty).toBe(false);
    expect(canUndo()).toBe(false);
    expect(canRedo()).toBe(false);
  });

  it('applies operations, and undoes and redoes them one call at a time', () => {
    const original = s().doc;
    s().apply([{ type: 'addNode', node: newNode('service', 'orders', { x: 0, y: 0 }) }]);
    s().apply([{ type: 'addNode', node: newNode('database', 'db', { x: 300, y: 0 }) }]);
    const two = s().doc;
    expect(two.nodes.map((n) => n.id)).toEqual(['orders', 'db']);
    undo();
    expect(s().doc.nodes.map((n) => n.id)).toEqual(['orders']);
    undo();
    expect(s().doc).toBe(original);
    redo();
    redo();
    expect(s().doc).toBe(two);
  });

  it('makes one gesture one step, however many operations it holds', () => {
    s().apply([
      { type: 'addNode', node: newNode('service', 'a', { x: 0, y: 0 }) },
      { type: 'addNode', node: newNode('database', 'b', { x: 0, y: 0 }) },
    ]);
    const before = s().doc;
    // A whole drag: committed once, at drag stop.
    s().apply([
      {
        type: 'moveNodes',
        moves: [
          { id: 'a', position: { x: 160, y: 96 } },
          { id: 'b', position: { x: 400, y: 96 } },
        ],
      },
    ]);
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(s().doc).toBe(before);
  });

  it('changes nothing and records nothing when an operation is refused', () => {
    s().apply([
      { type: 'addNode', node: newNode('client', 'users', { x: 0, y: 0 }) },
      { type: 'addNode', node: newNode('database', 'db', { x: 0, y: 0 }) },
    ]);
    const before = s().doc;
    const steps = history().pastStates.length;
    const bad: Op[] = [
      { type: 'updateNode', id: 'db', props: { poolSize: 5 } },
      { type: 'addEdge', edge: newEdge('e1', 'db', 'users') },
    ];
    const r = s().apply(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('a client only sends traffic');
    expect(s().doc).toBe(before);
    expect(history().pastStates).toHaveLength(steps);
  });

  it('keeps selection out of the history', () => {
    s().apply([{ type: 'addNode', node: newNode('service', 'a', { x: 0, y: 0 }) }]);
    const steps = history().pastStates.length;
    s().select(['a']);
    s().select([]);
    s().select(['a']);
    expect(history().pastStates).toHaveLength(steps);
    expect(s().selectedNodes).toEqual(['a']);
  });

  it('drops deleted items from the selection, also when an undo removes them', () => {
    s().apply([{ type: 'addNode', node: newNode('service', 'a', { x: 0, y: 0 }) }]);
    s().select(['a']);
    undo();
    expect(s().selectedNodes).toEqual([]);
  });

  it('marks the document dirty on a change and clean again when undone to the saved state', () => {
    s().apply([{ type: 'setName', name: 'Shop' }]);
    expect(s().file.dirty).toBe(true);
    undo();
    expect(s().file.dirty).toBe(false);
    redo();
    s().markSaved({ path: '/tmp/shop.archlab.json', name: 'shop.archlab.json' });
    expect(s().file.dirty).toBe(false);
    // History survives a save.
    expect(canUndo()).toBe(true);
    undo();
    expect(s().file.dirty).toBe(true);
  });

  it('marks a restored recovery copy dirty, and starts its history afresh', () => {
    s().apply([{ type: 'setName', name: 'Shop' }]);
    s().loadDocument(emptyDocument('Restored'), { name: 'x.archlab.json', dirty: true });
    expect(s().file.dirty).toBe(true);
    expect(canUndo()).toBe(false);
  });
});

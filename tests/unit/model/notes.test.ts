// Notes on the canvas: kept in the document, undoable, ignored by the engine.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import {
  ArchDocument,
  applyOps,
  copyToText,
  loadDocument,
  pasteOps,
  type Note,
} from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const sticky: Note = {
  id: 'note-1',
  kind: 'sticky',
  text: 'Orders is the bottleneck at 200 rps',
  position: { x: 10, y: 300 },
  size: { width: 200, height: 120 },
  color: 'yellow',
};

describe('notes', () => {
  const doc = buildDoc().client('users', { rps: 50 }).service('api').call('users', 'api').doc;

  it('are added, edited, moved and removed by operations that undo exactly', () => {
    const added = applyOps(doc, [{ type: 'addNote', note: sticky }]);
    expect(added.ok && added.doc.notes).toEqual([sticky]);
    if (!added.ok) return;
    const edited = applyOps(added.doc, [
      { type: 'updateNote', id: 'note-1', patch: { text: 'fixed', color: 'blue' } },
      { type: 'moveNodes', moves: [{ id: 'note-1', position: { x: 50, y: 60 } }] },
    ]);
    expect(edited.ok && edited.doc.notes?.[0]).toMatchObject({
      text: 'fixed',
      color: 'blue',
      position: { x: 50, y: 60 },
    });
    if (!edited.ok) return;
    const back = applyOps(edited.doc, edited.inverse);
    expect(back.ok && back.doc).toEqual(added.doc);
    const removed = applyOps(added.doc, [{ type: 'removeNote', id: 'note-1' }]);
    expect(removed.ok && removed.doc).toEqual(doc);
    expect(removed.ok && 'notes' in removed.doc).toBe(false);
  });

  it('refuse an id already used by a node, and bad sizes, naming the field', () => {
    const r = applyOps(doc, [{ type: 'addNote', note: { ...sticky, id: 'api' } }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toContain('already used');
    const small = applyOps(doc, [
      { type: 'addNote', note: { ...sticky, size: { width: 1, height: 1 } } },
    ]);
    expect(!small.ok && small.problems[0]?.path).toMatch(/^notes\[0\]\.size/);
  });

  it('survive a save and load, and a file without notes stays without', () => {
    const withNote = { ...doc, notes: [sticky] };
    const loaded = loadDocument(JSON.stringify(withNote));
    expect(loaded.ok && loaded.doc.notes).toEqual([sticky]);
    const plain = ArchDocument.parse(JSON.parse(JSON.stringify(doc)));
    expect('notes' in plain).toBe(false);
  });

  it('do not change a run', () => {
    const a = runToEnd(doc, { durationS: 5 });
    const b = runToEnd({ ...doc, notes: [sticky] }, { durationS: 5 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('are copied and pasted as a new note beside the original', () => {
    const withNote = { ...doc, notes: [sticky] };
    const pasted = pasteOps(withNote, copyToText(withNote, ['note-1']));
    expect(pasted.ok).toBe(true);
    if (!pasted.ok) return;
    const r = applyOps(withNote, pasted.ops);
    expect(r.ok && r.doc.notes?.map((n) => [n.id, n.text, n.position])).toEqual([
      ['note-1', sticky.text, sticky.position],
      ['note-2', sticky.text, { x: 50, y: 340 }],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyOps,
  copySelection,
  copyToText,
  emptyDocument,
  pasteOps,
  readClipboard,
  serializeDocument,
  validateDocument,
  type ArchDocument,
} from '../../../shared/model';
import { shop } from '../../fixtures/build';

function paste(doc: ArchDocument, text: string) {
  const ops = pasteOps(doc, text);
  if (!ops.ok) throw new Error(ops.reason);
  const result = applyOps(doc, ops.ops);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { ...result, ids: ops.ids };
}

describe('clipboard', () => {
  it('copies nodes, the edges between them, and what is inside copied groups', () => {
    const content = copySelection(shop(), ['zone-a', 'db', 'users']);
    expect(content.format).toBe('archlab-clipboard');
    expect(content.groups.map((g) => g.id)).toEqual(['zone-a']);
    expect(content.nodes.map((n) => n.id)).toEqual(['users', 'orders', 'db']);
    expect(content.edges.map((e) => e.id)).toEqual(['orders-db']);
  });

  it('pastes into the same document with fresh ids, offset positions, one undo step', () => {
    const doc = shop();
    const { doc: after, inverse, ids } = paste(doc, copyToText(doc, ['orders', 'db']));
    expect(ids).toEqual(['orders-1', 'db-1', 'orders-db-1']);
    expect(validateDocument(after)).toEqual([]);
    const orders = doc.nodes.find((n) => n.id === 'orders');
    const copy = after.nodes.find((n) => n.id === 'orders-1');
    expect(copy?.parentId).toBeUndefined();
    expect(copy?.position).toEqual({ x: (orders?.position.x ?? 0) + 40, y: 40 });
    expect(after.edges.at(-1)).toMatchObject({ id: 'orders-db-1', from: 'orders-1', to: 'db-1' });
    expect(applyOps(after, inverse)).toEqual({
      ok: true,
      doc,
      inverse: expect.any(Array) as unknown,
    });
  });

  it('round-trips into an empty document of another window with the same ids', () => {
    const doc = shop();
    const all = [...doc.nodes, ...doc.groups].map((x) => x.id);
    const { doc: other } = paste(emptyDocument('Other'), copyToText(doc, all));
    expect(other.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    expect(other.edges).toEqual(doc.edges);
    expect(other.groups[0]).toEqual({ ...doc.groups[0], position: { x: 40, y: 40 } });
    expect(other.nodes.find((n) => n.id === 'orders')).toEqual(
      doc.nodes.find((n) => n.id === 'orders'),
    );
    expect(serializeDocument(paste(other, copyToText(other, all)).doc)).toContain('"zone-a-1"');
  });

  it.each([
    ['plain text', 'hello', 'The clipboard does not hold ArchLab content'],
    ['other JSON', '{"a":1}', 'The clipboard does not hold ArchLab content'],
    [
      'a whole document',
      serializeDocument(emptyDocument()),
      'The clipboard holds a whole ArchLab document; open it as a file instead',
    ],
    [
      'damaged content',
      '{"format":"archlab-clipboard","version":1,"nodes":[{}],"edges":[],"groups":[]}',
      'The copied ArchLab content is damaged',
    ],
  ])('refuses %s cleanly', (_name, text, reason) => {
    expect(readClipboard(text)).toEqual({ ok: false, reason });
    expect(pasteOps(shop(), text)).toEqual({ ok: false, reason });
  });
});

// Files that cannot freeze anything: linear-time reading of pictures, and no spread of an
// unbounded array into a call (which overflows the stack past ~100,000 arguments).
import { describe, expect, it } from 'vitest';
import { fromSvg, toSvg } from '../../../shared/io/svg';
import { loadDocument, serializeDocument } from '../../../shared/model';
import { buildDoc, direct } from '../../fixtures/build';

describe('fromSvg', () => {
  it('reads 6.4 MB of unclosed <metadata tags at once (the pattern took 58 s on 640 KB)', () => {
    // Quadratic work on this input would be ~10¹³ steps: the test could not end.
    const r = fromSvg(`<svg>${'<metadata '.repeat(640_000)}`);
    expect(r.ok).toBe(false);
    const many = fromSvg(`<svg>${'<metadata id="x">'.repeat(200_000)}`);
    expect(many.ok).toBe(false);
  });

  it('still opens an exported picture, and skips other metadata before it', () => {
    const doc = loadDocument(
      serializeDocument(
        buildDoc().client('users').external('x').call('users', 'x', direct).build() as never,
      ),
    );
    if (!doc.ok) throw new Error('fixture');
    const svg = toSvg(doc.doc);
    const r = fromSvg(svg.replace('<svg', '<svg><metadata id="other">x</metadata><metadatax>'));
    expect(r.ok && r.doc.nodes.map((n) => n.id)).toEqual(['users', 'x']);
  });

  it('draws a 150,000-node chain (Math.min(...rects) overflowed the stack)', () => {
    let b = buildDoc();
    for (let i = 0; i < 150_000; i++) b = b.external(`n${i}`);
    const doc = loadDocument(JSON.stringify(b.build()));
    if (!doc.ok) throw new Error(doc.problems[0]!.message);
    expect(toSvg(doc.doc).length).toBeGreaterThan(150_000);
  });
});

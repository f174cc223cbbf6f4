import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/model';
import { toDrawio } from '../../../shared/io/drawio';
import { NODE_SIZES, groupLabel, nodeLabel } from '../../../shared/io/look';
import { DOCUMENTS, loadFile } from './samples';

interface Cell {
  id: string;
  value?: string;
  style?: string;
  parent?: string;
  vertex?: string;
  edge?: string;
  source?: string;
  target?: string;
  mxGeometry?: { x?: string; y?: string; width?: string; height?: string };
}

/** The cells of the one diagram, parsed the way draw.io reads them (entities decoded). */
function cellsOf(xml: string): Map<string, Cell> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => name === 'mxCell',
  }).parse(xml) as { mxfile: { diagram: { mxGraphModel: { root: { mxCell: Cell[] } } } } };
  const cells = parsed.mxfile.diagram.mxGraphModel.root.mxCell;
  return new Map(cells.map((c) => [c.id, c] as const));
}

describe('toDrawio', () => {
  for (const [name, doc] of DOCUMENTS) {
    it(`${name}: well-formed, a vertex per node and group, edges between existing cells`, () => {
      const cells = cellsOf(toDrawio(doc));
      expect(cells.get('0')).toBeDefined();
      expect(cells.get('1')?.parent).toBe('0');
      for (const node of doc.nodes) {
        const cell = cells.get(`node-${node.id}`);
        expect(cell?.vertex).toBe('1');
        expect(cell?.value?.startsWith(`${nodeLabel(node)}\n`)).toBe(true);
        const parent = node.parentId === undefined ? '1' : `group-${node.parentId}`;
        expect(cell?.parent).toBe(parent);
        expect(cells.get(parent)).toBeDefined();
      }
      for (const group of doc.groups) {
        const cell = cells.get(`group-${group.id}`);
        expect(cell?.vertex).toBe('1');
        expect(cell?.value).toBe(groupLabel(group));
        expect(cell?.style).toContain('container=1');
        expect(cell?.parent).toBe(group.parentId === undefined ? '1' : `group-${group.parentId}`);
      }
      for (const edge of doc.edges) {
        const cell = cells.get(`edge-${edge.id}`);
        expect(cell?.edge).toBe('1');
        expect(cells.get(cell?.source ?? '')?.vertex).toBe('1');
        expect(cells.get(cell?.target ?? '')?.vertex).toBe('1');
        expect(cell?.source).toBe(`node-${edge.from}`);
        expect(cell?.target).toBe(`node-${edge.to}`);
      }
      expect(cells.size).toBe(2 + doc.nodes.length + doc.groups.length + doc.edges.length);
    });
  }

  it('keeps each position relative to its group, and sizes nodes by kind', () => {
    const doc = loadFile('assets/samples/web-shop.archlab.json');
    const cells = cellsOf(toDrawio(doc));
    expect(cells.get('node-orders')?.mxGeometry).toMatchObject({ x: '40', y: '60', width: '200' });
    expect(cells.get('group-team-checkout')?.mxGeometry).toMatchObject({
      x: '500',
      y: '420',
      width: '560',
      height: '410',
    });
    expect(cells.get('node-shop-db')?.mxGeometry?.height).toBe(String(NODE_SIZES.database.height));
  });

  it('uses draw.io shapes by kind and dashes asynchronous edges', () => {
    const cells = cellsOf(toDrawio(loadFile('assets/samples/web-shop.archlab.json')));
    expect(cells.get('node-shop-db')?.style).toContain('shape=cylinder3');
    expect(cells.get('node-gateway')?.style).toContain('shape=hexagon');
    expect(cells.get('node-card-network')?.style).toContain('shape=cloud');
    expect(cells.get('node-orders')?.value).toBe('orders\n3 pods');
    expect(cells.get('edge-e-orders-events')?.style).toContain('dashed=1');
    expect(cells.get('edge-e-orders-inventory')?.style).not.toContain('dashed=1');
    expect(cells.get('edge-e-orders-inventory')?.value).toBe('timeout 500 ms, 2 retries');
  });

  it('nests groups in groups', () => {
    const cells = cellsOf(toDrawio(loadFile('tests/fixtures/io/tricky.archlab.json')));
    expect(cells.get('group-zone.a:1')?.parent).toBe('group-team-b');
    expect(cells.get('node-o')?.parent).toBe('group-zone.a:1');
    expect(cells.get('edge-e:1')?.value).toBe('HTTPS "/api" <v2>, no timeout, 2 retries');
  });

  it('escapes <, &, quotes and control characters in labels and the page name', () => {
    const doc = emptyDocument('A <b> & "c" \'d\'');
    const node = loadFile('tests/fixtures/io/tricky.archlab.json').nodes[0];
    if (!node) throw new Error('fixture has nodes');
    doc.nodes.push({ ...node, label: 'x < y && "z" \u0001 ]]> \ud800' });
    const xml = toDrawio(doc);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="A &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"');
    expect(cellsOf(xml).get(`node-${node.id}`)?.value?.split('\n')[0]).toBe(
      'x < y && "z"  ]]> \ufffd',
    );
  });
});

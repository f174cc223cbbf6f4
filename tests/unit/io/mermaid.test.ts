// @vitest-environment jsdom
// Mermaid's parser fills its flowchart database through DOMPurify, which needs a DOM: jsdom gives
// it one (happy-dom's DOMPurify drops the text before a <br>, so it would hide lost labels).
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/model';
import { toMermaid } from '../../../shared/io/mermaid';
import { nodeLabel } from '../../../shared/io/look';
import { DOCUMENTS, loadFile, oneLine } from './samples';

interface Parsed {
  vertices: Map<string, { id: string; text: string; type: string }>;
  edges: { start: string; end: string; text: string; stroke: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
}

/** Parse with mermaid's own parser and read back what its flowchart database holds. */
async function parse(text: string): Promise<Parsed> {
  await mermaid.parse(text); // throws on a syntax error
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { id: string; text: string; type: string }>;
    getEdges(): Parsed['edges'];
    getSubGraphs(): Parsed['subgraphs'];
  };
  const subgraphs = db.getSubGraphs();
  // A `style` line for a subgraph leaves a vertex of the subgraph's id in the database.
  const groupIds = new Set(subgraphs.map((s) => s.id));
  const vertices = new Map([...db.getVertices()].filter(([id]) => !groupIds.has(id)));
  return { vertices, edges: db.getEdges(), subgraphs };
}

/** Mermaid keeps entity codes encoded until it draws; decode them the way it will. */
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name: string) => named[name] ?? whole);
}

describe('toMermaid', () => {
  for (const [name, doc] of DOCUMENTS) {
    it(`${name}: parses, with every node, label, edge and group`, async () => {
      const text = toMermaid(doc);
      expect(text.split('\n').find((l) => !l.startsWith('%%'))).toBe('flowchart LR');
      const parsed = await parse(text);
      const texts = [...parsed.vertices.values()].map((v) => decode(v.text));
      expect(parsed.vertices.size).toBe(doc.nodes.length);
      for (const node of doc.nodes) {
        expect(texts.some((t) => t.startsWith(`${oneLine(nodeLabel(node))}<br>`))).toBe(true);
      }
      expect(parsed.edges).toHaveLength(doc.edges.length);
      expect(parsed.subgraphs).toHaveLength(doc.groups.length);
    });
  }

  it('shapes each kind and puts the pod count in a service label', async () => {
    const doc = loadFile('assets/samples/web-shop.archlab.json');
    const { vertices } = await parse(toMermaid(doc));
    const typeOf = (id: string) => vertices.get(`n_${id.replace(/-/g, '_')}`)?.type;
    expect(typeOf('shoppers')).toBe('stadium');
    expect(typeOf('gateway')).toBe('hexagon');
    expect(typeOf('orders')).toBe('round');
    expect(typeOf('shop-db')).toBe('cylinder');
    expect(typeOf('order-events')).toBe('odd');
    expect(typeOf('card-network')).toBe('lean_right');
    expect(vertices.get('n_orders')?.text).toBe('orders<br>3 pods');
  });

  it('draws calls solid with timeout and retries, publishes and deliveries dotted', async () => {
    const doc = loadFile('assets/samples/web-shop.archlab.json');
    const { edges } = await parse(toMermaid(doc));
    const edge = (from: string, to: string) =>
      edges.find((e) => e.start === `n_${from}` && e.end === `n_${to}`);
    expect(edge('orders', 'inventory')).toMatchObject({
      stroke: 'normal',
      text: 'timeout 500 ms, 2 retries',
    });
    expect(edge('orders', 'order_events')).toMatchObject({ stroke: 'dotted', text: 'publish' });
    expect(edge('order_events', 'notifications')).toMatchObject({ stroke: 'dotted' });
  });

  it('nests subgraphs as the groups nest, with nodes in their innermost group', async () => {
    const doc = loadFile('tests/fixtures/io/tricky.archlab.json');
    const { subgraphs } = await parse(toMermaid(doc));
    const byId = new Map(subgraphs.map((s) => [s.id, s] as const));
    expect(byId.get('g_zone_a_1')?.nodes.sort()).toEqual(['n_o', 'n_x']);
    expect(byId.get('g_team_b')?.nodes).toContain('g_zone_a_1');
    expect(byId.get('g_team_b')?.nodes).toContain('n_subgraph');
    expect(decode(byId.get('g_team_b')?.title ?? '')).toBe('Team "B" <core> & #1');
    expect(byId.get('g_empty')?.nodes).toEqual([]);
  });

  it('keeps ids apart that sanitise to the same text', async () => {
    const doc = emptyDocument('Ids');
    const base = { kind: 'pod' as const, position: { x: 0, y: 0 }, props: loadPodProps() };
    doc.nodes.push({ ...base, id: 'a.b' }, { ...base, id: 'a-b' }, { ...base, id: 'a_b' });
    const { vertices } = await parse(toMermaid(doc));
    expect([...vertices.keys()].sort()).toEqual(['n_a_b', 'n_a_b_2', 'n_a_b_3']);
  });

  it('is an empty flowchart for an empty document', async () => {
    const { vertices } = await parse(toMermaid(emptyDocument('')));
    expect(vertices.size).toBe(0);
  });
});

function loadPodProps() {
  const doc = loadFile('tests/fixtures/io/tricky.archlab.json');
  const pod = doc.nodes.find((n) => n.kind === 'pod');
  if (pod?.kind !== 'pod') throw new Error('the tricky fixture has a pod');
  return pod.props;
}

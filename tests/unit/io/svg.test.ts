import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/model';
import { fromSvg, toSvg } from '../../../shared/io/svg';
import { KIND_COLORS, THEME_COLORS, groupLabel, nodeLabel } from '../../../shared/io/look';
import { DOCUMENTS, loadFile, oneLine } from './samples';

/** Every piece of text content in the picture (entities decoded), in document order. */
function texts(svg: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    } else if (key === 'text' || key === '#text') found.push(String(value));
  };
  const parsed: unknown = new XMLParser({
    ignoreAttributes: false,
    processEntities: true,
    htmlEntities: true,
    parseTagValue: false,
    stopNodes: ['svg.metadata'],
  }).parse(svg);
  walk(parsed, '');
  return found;
}

describe('toSvg', () => {
  for (const [name, doc] of DOCUMENTS) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${name} (${theme}): well-formed, every label as text, the document round-trips`, () => {
        const svg = toSvg(doc, { theme });
        expect(XMLValidator.validate(svg)).toBe(true);
        const all = texts(svg);
        // A label may be broken into lines between words; its words read in order.
        const words = all.join(' ').split(/\s+/).join(' ');
        for (const node of doc.nodes)
          expect(words).toContain(oneLine(nodeLabel(node)).split(/\s+/).join(' '));
        for (const group of doc.groups) expect(all).toContain(groupLabel(group));
        expect(svg).toContain(THEME_COLORS[theme].background);
        const back = fromSvg(svg);
        expect(back.ok && back.doc).toEqual(doc);
      });
    }
  }

  it('draws each node in its kind colour, edges as curves with arrowheads, zones dashed', () => {
    const svg = toSvg(loadFile('assets/samples/web-shop.archlab.json'), { theme: 'dark' });
    expect(svg).toMatch(/data-id="shop-db" data-kind="database">.*stroke="#4cc79d"/);
    expect(svg).toContain(`stroke="${KIND_COLORS.dark.service}"`);
    expect(svg).toMatch(/data-id="e-orders-inventory".*marker-end="url\(#arrow\)"/);
    expect(svg).toMatch(/data-id="e-orders-events".*stroke-dasharray="6 4".*url\(#arrow-open\)/);
    // As on the canvas: a zone's border is dashed, a team's solid; links are React Flow's curves.
    expect(svg).not.toMatch(/data-id="team-checkout"[^\n]*stroke-dasharray/);
    expect(svg).toMatch(
      /data-id="e-orders-inventory" data-kind="call"><path d="M[\d.-]+,[\d.-]+ C/,
    );
    expect(texts(svg)).toContain('3 pods');
    expect(texts(svg)).toContain('timeout 500 ms, 2 retries');
  });

  it('leaves the background out when transparent and scales the size, not the viewBox', () => {
    const doc = loadFile('assets/samples/k8s-rollout.archlab.json');
    const plain = toSvg(doc, { theme: 'light' });
    const clear = toSvg(doc, { theme: 'light', transparent: true, scale: 2 });
    expect(plain).toContain(`fill="${THEME_COLORS.light.background}"/>`);
    expect(clear).not.toContain(`fill="${THEME_COLORS.light.background}"/>`);
    const size = (svg: string) => /width="([\d.]+)" height="([\d.]+)" viewBox="([^"]+)"/.exec(svg);
    const [, w1, h1, box1] = size(plain) ?? [];
    const [, w2, h2, box2] = size(clear) ?? [];
    expect(Number(w2)).toBe(2 * Number(w1));
    expect(Number(h2)).toBe(2 * Number(h1));
    expect(box2).toBe(box1);
  });

  it('draws nested groups at their absolute place', () => {
    const svg = toSvg(loadFile('tests/fixtures/io/tricky.archlab.json'), { theme: 'light' });
    // zone.a:1 at (20, 120) inside team-b at (480, 0); node o at (20, 40) inside the zone.
    expect(svg).toMatch(/data-id="zone.a:1".*<rect x="500" y="120"/);
    expect(svg).toMatch(/data-id="o".*x="520" y="160"/);
  });

  it('round-trips labels XML cannot carry raw, and a CDATA-wrapped document', () => {
    const doc = loadFile('tests/fixtures/io/tricky.archlab.json');
    const first = doc.nodes[0];
    if (!first) throw new Error('fixture has nodes');
    const odd = { ...doc, nodes: [{ ...first, label: 'a\u0001b\uFFFEc ]]> </metadata> 🚀' }] };
    odd.edges = [];
    const svg = toSvg(odd, { theme: 'light' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const back = fromSvg(svg);
    expect(back.ok && back.doc).toEqual(odd);
    const json = JSON.stringify(loadFile('assets/samples/payments.archlab.json'));
    const wrapped = `<svg><metadata id="archlab-document"><![CDATA[${json}]]></metadata></svg>`;
    expect(fromSvg(wrapped).ok).toBe(true);
  });

  it('says why a picture cannot be opened', () => {
    const none = fromSvg('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(!none.ok && none.problems[0]?.message).toMatch(/no ArchLab document/);
    const bad = fromSvg('<svg><metadata id="archlab-document">{oops</metadata></svg>');
    expect(!bad.ok && bad.problems[0]?.message).toMatch(/damaged/);
    const wrong = fromSvg('<svg><metadata id="archlab-document">{"format":"x"}</metadata></svg>');
    expect(!wrong.ok && wrong.problems[0]?.path).toBe('format');
  });

  it('draws an empty document', () => {
    const svg = toSvg(emptyDocument('Empty'), { theme: 'light' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(fromSvg(svg).ok).toBe(true);
  });
});

describe('toSvg: labels are never cut', () => {
  const long = 'checkout (orchestrator) for the European storefront';
  const doc = emptyDocument();
  doc.nodes.push({
    id: 'n1',
    kind: 'pod',
    label: long,
    position: { x: 0, y: 0 },
    props: {},
  } as never);
  doc.nodes.push({
    id: 'n2',
    kind: 'pod',
    label: 'Supercalifragilisticexpialidociousservice',
    position: { x: 400, y: 0 },
    props: {},
  } as never);
  const svg = toSvg(doc, { theme: 'light' });
  const card = (id: string) => {
    const g = new RegExp(`<g data-id="${id}"[^>]*>(.*?)</g>`).exec(svg)?.[1] ?? '';
    const lines = [...g.matchAll(/<text data-part="label"[^>]*>(.*?)<\/text>/g)]
      .flatMap((m) => [...(m[1] ?? '').matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)])
      .map((m) => m[1] ?? '');
    const width = Number(/<rect data-part="outline"[^>]*? width="([\d.]+)"/.exec(g)?.[1]);
    const height = Number(/<rect data-part="outline"[^>]*? height="([\d.]+)"/.exec(g)?.[1]);
    return { g, lines, width, height };
  };

  it('breaks a long name between words, never inside one, and grows the card to hold it', () => {
    const { g, lines, height } = card('n1');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
    for (const line of lines) for (const w of line.split(' ')) expect(long.split(' ')).toContain(w);
    expect(height).toBeGreaterThan(60);
    expect(g).not.toContain('clip-path');
  });

  it('widens the card for a word longer than a line instead of clipping it', () => {
    const { lines, width } = card('n2');
    expect(lines).toEqual(['Supercalifragilisticexpialidociousservice']);
    expect(width).toBeGreaterThan(180);
  });
});

// Notes travel in every export: the picture, draw.io, Mermaid, the reports and the document.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { toDrawio } from '../../../shared/io/drawio';
import { toMermaid } from '../../../shared/io/mermaid';
import { reportHtml } from '../../../shared/io/report';
import { reportMarkdown } from '../../../shared/io/reportMarkdown';
import { fromSvg, toSvg } from '../../../shared/io/svg';
import type { ArchDocument, Note } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const notes: Note[] = [
  {
    id: 'note-1',
    kind: 'sticky',
    text: 'Orders is the bottleneck: raise its replicas before the sale & watch p99\nsecond line',
    position: { x: 0, y: 200 },
    size: { width: 160, height: 60 },
    color: 'pink',
  },
  {
    id: 'note-2',
    kind: 'text',
    text: 'Checkout flow',
    position: { x: 600, y: -120 },
    size: { width: 200, height: 40 },
    color: 'yellow',
  },
];
const base = buildDoc().client('users', { rps: 20 }).service('orders').call('users', 'orders').doc;
const doc: ArchDocument = { ...base, notes };

describe('notes in the exports', () => {
  it('SVG: each note drawn with all its words, grown to hold them, and the document round-trips', () => {
    const svg = toSvg(doc, { theme: 'dark' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const sticky = /<g data-id="note-1" data-kind="note-sticky">(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    const words = [...sticky.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((m) => m[1]).join(' ');
    expect(words).toBe(
      'Orders is the bottleneck: raise its replicas before the sale &amp; watch p99 second line',
    );
    expect(sticky).toContain('fill="#ffd6e4"');
    const height = Number(/<rect[^>]*? height="([\d.]+)"/.exec(sticky)?.[1]);
    expect(height).toBeGreaterThan(60);
    expect(svg).toContain('data-kind="note-text"');
    // The picture's box takes in the note placed above everything else.
    expect(svg).toMatch(/viewBox="-?\d+(\.\d+)? -144 /);
    const back = fromSvg(svg);
    expect(back.ok && back.doc.notes).toEqual(notes);
  });

  it('draw.io: a note shape in its colour and a text cell', () => {
    const xml = toDrawio(doc);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<mxCell id="note-note-1" value="Orders is the bottleneck[^"]*&amp;[^"]*"/);
    expect(xml).toContain('shape=note;');
    expect(xml).toContain('fillColor=#ffd6e4');
    expect(xml).toMatch(/<mxCell id="note-note-2" value="Checkout flow" style="text;/);
  });

  it('Mermaid: each note as a comment, every line of it', () => {
    const text = toMermaid(doc);
    expect(text).toContain('%% note: Orders is the bottleneck');
    expect(text).toContain('%%   second line');
    expect(text).toContain('%% text: Checkout flow');
  });

  it('reports: the diagram carries the notes', () => {
    const result = runToEnd(doc, { durationS: 2 });
    expect(reportHtml({ doc, result })).toContain('Checkout flow');
    const md = reportMarkdown({ doc, result });
    expect(md.charts.find((c) => c.file === 'diagram.png')?.svg).toContain('Checkout flow');
  });
});

// The exported SVG draws what the canvas draws: every node where the canvas has it, at the size the
// canvas drew it, links as the canvas's curves, and every link's label clear of every node.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function sample(name: string) {
  const loaded = loadDocument(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8'));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return loaded.doc;
}

const area = (b: Box) => b.width * b.height;
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
const iou = (a: Box, b: Box) => overlap(a, b) / (area(a) + area(b) - overlap(a, b));

describe.skipIf(!chromiumPath)(`the SVG export matches the canvas${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
  });
  afterAll(async () => {
    await lab?.close();
  });

  for (const name of ['web-shop', 'payments']) {
    it(`${name}: nodes where the canvas has them, curved links, labels clear of nodes`, async () => {
      const { page } = lab;
      const doc = sample(name);
      await page.evaluate(
        ([d, n]) => {
          const t = window.archlabTest;
          t.store.getState().loadDocument(d, { name: `${n as string}.archlab.json` });
        },
        [doc, name] as const,
      );
      await page.waitForTimeout(600);
      const ids = doc.nodes.map((n) => n.id);
      const canvas = await page.evaluate((list) => {
        const rf = window.archlabTest.flow();
        const out: Record<string, Box> = {};
        for (const id of list) {
          const n = rf?.getInternalNode(id);
          if (!n) continue;
          const p = n.internals.positionAbsolute;
          out[id] = {
            x: p.x,
            y: p.y,
            width: n.measured.width ?? 0,
            height: n.measured.height ?? 0,
          };
        }
        return out;
      }, ids);

      const waiting = page.waitForEvent('download');
      await page.keyboard.press('Control+k');
      await page.keyboard.type('Export as SVG');
      await page.keyboard.press('Enter');
      await page
        .getByRole('dialog', { name: 'Export picture' })
        .getByRole('button', { name: 'Export' })
        .click();
      const svg = readFileSync((await (await waiting).path()) as string, 'utf8');

      const view = await lab.context.newPage();
      await view.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
      const drawn = await view.evaluate(() => {
        const box = (el: SVGGraphicsElement) => {
          const b = el.getBBox();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        };
        const nodes: Record<string, Box> = {};
        for (const g of Array.from(
          document.querySelectorAll('g.nodes > g[data-id]'),
        ) as SVGGElement[]) {
          const outline = g.querySelector('[data-part="outline"]') as SVGGraphicsElement | null;
          if (outline) nodes[g.dataset['id'] as string] = box(outline);
        }
        const labels: { id: string; box: Box }[] = [];
        const paths: string[] = [];
        for (const g of Array.from(
          document.querySelectorAll('g.edges > g[data-id]'),
        ) as SVGGElement[]) {
          const text = g.querySelector('text') as SVGGraphicsElement | null;
          if (text && text.textContent)
            labels.push({ id: g.dataset['id'] as string, box: box(text) });
          paths.push(g.querySelector('path')?.getAttribute('d') ?? '');
        }
        return { nodes, labels, paths };
      });
      await view.screenshot({ path: shot(`svg-export-${name}.png`), fullPage: true });
      await view.close();

      for (const id of ids) {
        const a = drawn.nodes[id];
        const b = canvas[id];
        expect(a, `${id} in the SVG`).toBeDefined();
        expect(b, `${id} on the canvas`).toBeDefined();
        expect(iou(a as Box, b as Box), `${id}: SVG box against the canvas box`).toBeGreaterThan(
          0.9,
        );
      }
      expect(drawn.labels.length).toBe(doc.edges.length);
      for (const l of drawn.labels)
        for (const [id, n] of Object.entries(drawn.nodes))
          expect(overlap(l.box, n), `label of ${l.id} over node ${id}`).toBe(0);
      // React Flow draws links as cubic Béziers.
      for (const d of drawn.paths) expect(d).toMatch(/^M[-\d.]+,[-\d.]+ C/);
    });
  }
});

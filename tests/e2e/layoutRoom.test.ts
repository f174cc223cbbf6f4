// Layout that keeps out of the way: after auto-layout every node is in view, a node dropped at the
// palette's edge lands inside the canvas, a pasted copy lands on free space, and at a small window
// the panels leave the canvas most of the room, with a minimap that scales and can be hidden.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadDocument, type ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, skipReason, type Lab } from './harness';

function sample(name: string): ArchDocument {
  const loaded = loadDocument(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8'));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return loaded.doc;
}

async function load(page: Page, doc: ArchDocument, drawn = true) {
  await page.waitForFunction(() => 'archlabTest' in window);
  await page.evaluate((d) => {
    window.archlabTest.store.getState().loadDocument(d, { name: 'x.archlab.json', dirty: false });
  }, doc);
  if (drawn) await page.waitForSelector('.react-flow__node-arch');
  await page.waitForTimeout(400);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const box = async (page: Page, selector: string): Promise<Box> => {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not drawn`);
  return b;
};

/** Nodes whose drawn box is not wholly inside the canvas, clear of the minimap. */
async function hiddenNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    const map = document.querySelector('.canvas .react-flow__minimap')?.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node-arch'))) {
      const b = el.getBoundingClientRect();
      const inside =
        b.left >= pane.left - 1 &&
        b.top >= pane.top - 1 &&
        b.right <= pane.right + 1 &&
        b.bottom <= pane.bottom + 1;
      const underMap =
        map !== undefined &&
        b.right > map.left &&
        b.left < map.right &&
        b.bottom > map.top &&
        b.top < map.bottom;
      if (!inside || underMap) out.push(el.dataset['id'] ?? '?');
    }
    return out;
  });
}

const overlapping = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!chromiumPath)(`a layout that keeps out of the way${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ viewport: { width: 1024, height: 700 } });
    await lab.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(lab.url).origin,
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows every node after auto-layout, none behind the panels or the minimap', async () => {
    const { page } = lab;
    await load(page, sample('web-shop'));
    // The user had zoomed in on one corner before laying out.
    await page.evaluate(() => window.archlabTest.flow()?.setViewport({ x: 0, y: 0, zoom: 1.6 }));
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    const before = JSON.stringify(
      await page.evaluate(() => window.archlabTest.store.getState().doc.nodes),
    );
    await page.keyboard.press('Control+Shift+l');
    await page.waitForFunction(
      (old) => JSON.stringify(window.archlabTest.store.getState().doc.nodes) !== old,
      before,
    );
    await page.waitForTimeout(600);
    expect(await hiddenNodes(page)).toEqual([]);
  });

  it('drops a node dragged to the palette edge wholly inside the canvas', async () => {
    const { page } = lab;
    await load(page, { ...sample('web-shop'), nodes: [], edges: [], groups: [] }, false);
    const pane = await box(page, '.canvas .react-flow');
    await page
      .locator('.palette-item[data-kind="service"]')
      .dragTo(page.locator('.canvas .react-flow__pane'), { targetPosition: { x: 4, y: 6 } });
    const node = await box(page, '.react-flow__node-arch');
    expect(node.x).toBeGreaterThanOrEqual(pane.x);
    expect(node.y).toBeGreaterThanOrEqual(pane.y);
    const palette = await box(page, '.palette');
    expect(node.x).toBeGreaterThanOrEqual(palette.x + palette.width);
  });

  it('pastes a copy onto free space, overlapping no node', async () => {
    const { page } = lab;
    await load(page, sample('web-shop'));
    const first = await page.locator('.react-flow__node-arch').first().getAttribute('data-id');
    await page.locator(`.react-flow__node[data-id="${first}"]`).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.keyboard.press('Control+v');
    await page.waitForFunction(() => window.archlabTest.store.getState().selectedNodes.length > 0);
    await page.waitForTimeout(300);
    const boxes = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node-arch')).map((el) => {
        const b = el.getBoundingClientRect();
        return { id: el.dataset['id'], x: b.x, y: b.y, width: b.width, height: b.height };
      }),
    );
    const pasted = await page.evaluate(() => window.archlabTest.store.getState().selectedNodes);
    expect(pasted).toHaveLength(1);
    for (const id of [pasted[0], `${first}`]) {
      const me = boxes.find((b) => b.id === id)!;
      const others = boxes.filter((b) => b.id !== id && overlapping(b, me)).map((b) => b.id);
      expect(others, `${id} overlaps`).toEqual([]);
    }
  });
});

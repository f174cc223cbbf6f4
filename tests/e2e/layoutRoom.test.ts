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

async function command(page: Page, label: string) {
  await page.keyboard.press('Control+k');
  await page.locator('[cmdk-input]').fill(label);
  await page.locator('[cmdk-item]', { hasText: label }).first().click();
  await page.waitForTimeout(200);
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

  it('leaves the canvas most of a 1024×700 window, with a narrow inspector and a small minimap', async () => {
    const { page } = lab;
    await load(page, sample('web-shop'));
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]');
    await page.waitForTimeout(300);
    const canvas = await box(page, '.canvas');
    const work = await box(page, '.workspace');
    expect(canvas.height / work.height).toBeGreaterThan(0.66);
    expect(canvas.width / 1024).toBeGreaterThan(0.6);
    const inspector = await box(page, '.inspector');
    expect(inspector.width).toBeLessThanOrEqual(0.23 * 1024);
    const map = await box(page, '.canvas .react-flow__minimap');
    expect((map.width * map.height) / (canvas.width * canvas.height)).toBeLessThan(0.06);
    expect(await hiddenNodes(page)).toEqual([]);
  });

  it('keeps the canvas the larger share when the window shrinks from 1440×900', async () => {
    const big = await openLab({ viewport: { width: 1440, height: 900 } });
    try {
      const { page } = big;
      await load(page, sample('web-shop'));
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.waitForTimeout(400);
      const canvas = await box(page, '.canvas');
      const work = await box(page, '.workspace');
      expect(canvas.height / work.height).toBeGreaterThan(0.66);
      const map = await box(page, '.canvas .react-flow__minimap');
      expect(map.width / canvas.width).toBeLessThanOrEqual(0.2);
    } finally {
      await big.close();
    }
  });

  it('collapses the run panel and brings it back', async () => {
    const { page } = lab;
    const before = (await box(page, '.canvas')).height;
    await page.keyboard.press('Control+j');
    await page.waitForTimeout(300);
    const collapsed = (await box(page, '.canvas')).height;
    expect(collapsed).toBeGreaterThan(before + 100);
    await page.keyboard.press('Control+j');
    await page.waitForTimeout(300);
    expect(Math.abs((await box(page, '.canvas')).height - before)).toBeLessThan(4);
  });

  it('hides the minimap from the View commands, and remembers it after a reload', async () => {
    const { page } = lab;
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(1);
    await command(page, 'Toggle Minimap');
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(0);
    // The earlier tests' edits left a recovery copy (autosave): a saved-state document and no copy,
    // so the reload opens straight on the canvas instead of offering to restore.
    await load(page, sample('web-shop'));
    await page.evaluate(async () => {
      const recovery = window.archlabTest.platform.recovery;
      for (const copy of await recovery.read()) await recovery.clear(copy.key);
    });
    await page.reload();
    await load(page, sample('web-shop'));
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(0);
    await command(page, 'Toggle Minimap');
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(1);
  });
});

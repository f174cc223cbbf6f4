// Right-click menus on the canvas and the keyboard on it: a visible focus ring, Enter selects,
// arrows move, Delete deletes, Connect to… links by name, Ctrl+Y redoes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const WEB_SHOP = readFileSync('assets/samples/web-shop.archlab.json', 'utf8');

const state = (page: Page) =>
  page.evaluate(() => {
    const s = window.archlabTest.store.getState();
    return {
      nodes: s.doc.nodes.map((n) => n.id),
      edges: s.doc.edges.map((e) => `${e.from}>${e.to}`),
      selectedNodes: s.selectedNodes,
      selectedEdges: s.selectedEdges,
    };
  });
const positionOf = (page: Page, id: string) =>
  page.evaluate(
    (nid) => window.archlabTest.store.getState().doc.nodes.find((n) => n.id === nid)?.position,
    id,
  );

async function openShop(page: Page) {
  await page.evaluate(
    (text) => window.archlabTest.loadText(text, { name: 'web-shop.archlab.json' }),
    WEB_SHOP,
  );
  await page.waitForFunction(
    () => document.querySelectorAll('.react-flow__node-arch').length === 12,
  );
  await page.waitForTimeout(400);
}

describe.skipIf(!chromiumPath)(
  `right-click menus and the keyboard on the canvas${skipReason}`,
  () => {
    let lab: Lab;
    beforeAll(async () => {
      lab = await openLab();
      await openShop(lab.page);
    });
    afterAll(async () => {
      await lab?.close();
    });

    it('right-click on a component: its menu acts on it (Duplicate)', async () => {
      const { page } = lab;
      await page.locator('.react-flow__node[data-id="cart"]').click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Component' });
      await menu.waitFor();
      expect((await state(page)).selectedNodes).toEqual(['cart']);
      await expect(menu.getByRole('menuitem').allInnerTexts()).resolves.toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Connect to…/),
          expect.stringMatching(/^Delete/),
        ]),
      );
      await page.screenshot({ path: shot('context-node.png') });
      await menu.getByRole('menuitem', { name: /^Duplicate/ }).click();
      await expect(menu.count()).resolves.toBe(0);
      expect((await state(page)).nodes).toHaveLength(13);
      await page.keyboard.press('Control+z');
      expect((await state(page)).nodes).toHaveLength(12);
    });

    it('right-click on a link: Delete removes that link', async () => {
      const { page } = lab;
      const edge = page.locator('.react-flow__edge[data-id="e-shoppers-gateway"]');
      await edge.click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Link' });
      await menu.waitFor();
      expect((await state(page)).selectedEdges).toEqual(['e-shoppers-gateway']);
      await page.screenshot({ path: shot('context-edge.png') });
      // The keyboard works inside it: Enter on the first item (Delete).
      await page.keyboard.press('Enter');
      expect((await state(page)).edges).not.toContain('shoppers>gateway');
      await page.keyboard.press('Control+z');
      expect((await state(page)).edges).toContain('shoppers>gateway');
    });

    it('right-click on a team and on the empty canvas give their own menus', async () => {
      const { page } = lab;
      await page
        .locator(
          '.react-flow__node[data-id="team-catalog"] .group-label, .react-flow__node[data-id="team-catalog"]',
        )
        .first()
        .click({ button: 'right', position: { x: 30, y: 8 } });
      const group = page.getByRole('menu', { name: 'Zone or team' });
      await group.waitFor();
      await expect(group.getByRole('menuitem', { name: /^Ungroup/ }).count()).resolves.toBe(1);
      await page.keyboard.press('Escape');
      await expect(group.count()).resolves.toBe(0);
      const pane = page.locator('.canvas .react-flow__pane');
      await pane.click({ button: 'right', position: { x: 30, y: 30 } });
      const canvas = page.getByRole('menu', { name: 'Canvas' });
      await canvas.waitFor();
      await page.screenshot({ path: shot('context-canvas.png') });
      await canvas.getByRole('menuitem', { name: /^Select All/ }).click();
      expect((await state(page)).selectedNodes.length).toBeGreaterThanOrEqual(12);
      await pane.click({ position: { x: 30, y: 30 } });
    });

    it('shows a focus ring on a component reached with Tab; Enter selects, arrows move, Delete deletes', async () => {
      const { page } = lab;
      await page.locator('.canvas .react-flow__pane').click({ position: { x: 30, y: 30 } });
      let focused: string | null = null;
      for (let i = 0; i < 80 && focused !== 'cart'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() =>
          document.activeElement?.classList.contains('react-flow__node')
            ? document.activeElement.getAttribute('data-id')
            : null,
        );
      }
      expect(focused).toBe('cart');
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { style: s.outlineStyle, width: s.outlineWidth };
      });
      expect(ring).toEqual({ style: 'dashed', width: '2px' });
      await page.screenshot({ path: shot('focus-ring.png') });
      expect((await state(page)).selectedNodes).toEqual([]);
      await page.keyboard.press('Enter');
      expect((await state(page)).selectedNodes).toEqual(['cart']);
      const before = (await positionOf(page, 'cart'))!;
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      expect(await positionOf(page, 'cart')).toEqual({ x: before.x + 1, y: before.y + 32 });
      await page.keyboard.press('Delete');
      expect((await state(page)).nodes).not.toContain('cart');
      await page.keyboard.press('Control+z');
      expect((await state(page)).nodes).toContain('cart');
    });

    it('shows a focus ring on a link reached with Tab, and Enter selects it', async () => {
      const { page } = lab;
      let focused: string | null = null;
      for (let i = 0; i < 80 && !focused; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() =>
          document.activeElement?.classList.contains('react-flow__edge')
            ? document.activeElement.getAttribute('data-id')
            : null,
        );
      }
      expect(focused).not.toBeNull();
      const stroke = await page.evaluate(
        () =>
          getComputedStyle(document.activeElement!.querySelector('.react-flow__edge-path')!)
            .strokeWidth,
      );
      expect(stroke).toBe('4px');
      await page.screenshot({ path: shot('focus-ring-edge.png') });
      await page.keyboard.press('Enter');
      expect((await state(page)).selectedEdges).toEqual([focused]);
    });

    it('Connect to… links the selected component to one picked by name; Ctrl+Y redoes', async () => {
      const { page } = lab;
      await page.evaluate(() => window.archlabTest.store.getState().select(['cart']));
      await page.keyboard.press('Control+l');
      await page.waitForSelector('[cmdk-dialog]');
      await page.keyboard.type('order ev');
      await page.screenshot({ path: shot('connect-to.png') });
      await page.keyboard.press('Enter');
      expect((await state(page)).edges).toContain('cart>order-events');
      await page.keyboard.press('Control+z');
      expect((await state(page)).edges).not.toContain('cart>order-events');
      await page.keyboard.press('Control+y');
      expect((await state(page)).edges).toContain('cart>order-events');
    });

    it('Shift+F10 opens the focused component’s menu; Escape gives the focus back to it', async () => {
      const { page } = lab;
      await page.locator('.canvas .react-flow__pane').click({ position: { x: 30, y: 30 } });
      const focusedNode = () =>
        page.evaluate(() =>
          document.activeElement?.classList.contains('react-flow__node')
            ? document.activeElement.getAttribute('data-id')
            : null,
        );
      for (let i = 0; i < 80 && (await focusedNode()) !== 'orders'; i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+F10');
      const menu = page.getByRole('menu', { name: 'Component' });
      await menu.waitFor();
      expect((await state(page)).selectedNodes).toEqual(['orders']);
      await expect(
        page.evaluate(() => document.activeElement?.getAttribute('data-command')),
      ).resolves.toBe('edit.connectTo');
      await page.keyboard.press('Escape');
      await expect(menu.count()).resolves.toBe(0);
      await expect(focusedNode()).resolves.toBe('orders');
    });
  },
);

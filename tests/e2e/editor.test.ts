// Building an architecture from an empty canvas with the mouse and keyboard, as a user would:
// palette drags, connections, the inspector, groups, undo/redo, copy/paste, auto-layout, then
// save, reload, open, and the same document comes back.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const docOf = (page: Page): Promise<ArchDocument> =>
  page.evaluate(() => window.archlabTest.store.getState().doc);

const noFileSystemAccess = () => {
  delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
  delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
};

async function dropKind(page: Page, kind: string, x: number, y: number) {
  await page
    .locator(`.palette-item[data-kind="${kind}"]`)
    .dragTo(page.locator('.canvas .react-flow__pane'), { targetPosition: { x, y } });
}

async function connect(page: Page, from: string, to: string) {
  const src = page.locator(`.react-flow__node[data-id="${from}"] .react-flow__handle.source`);
  const dst = page.locator(`.react-flow__node[data-id="${to}"] .react-flow__handle.target`);
  const a = (await src.boundingBox())!;
  const b = (await dst.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

describe.skipIf(!chromiumPath)(`the editor, as a user drives it${skipReason}`, () => {
  let lab: Lab;
  let saved = '';
  beforeAll(async () => {
    lab = await openLab({ init: noFileSystemAccess });
    await lab.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(lab.url).origin,
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('adds components by dragging them from the palette', async () => {
    const { page } = lab;
    await dropKind(page, 'client', 120, 200);
    await dropKind(page, 'gateway', 360, 200);
    await dropKind(page, 'service', 600, 200);
    await dropKind(page, 'database', 600, 420);
    await dropKind(page, 'queue', 360, 420);
    const doc = await docOf(page);
    expect(doc.nodes.map((n) => n.id)).toEqual([
      'client-1',
      'gateway-1',
      'service-1',
      'database-1',
      'queue-1',
    ]);
    await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(5);
    // A service draws one pod per replica (2 by default).
    await expect(node(page, 'service-1').locator('.pod').count()).resolves.toBe(2);
  });

  it('connects them, and refuses an invalid link with the reason', async () => {
    const { page } = lab;
    await connect(page, 'client-1', 'gateway-1');
    await connect(page, 'gateway-1', 'service-1');
    await connect(page, 'service-1', 'database-1');
    await connect(page, 'service-1', 'queue-1');
    const doc = await docOf(page);
    expect(doc.edges.map((e) => `${e.from}>${e.to}:${e.kind}`)).toEqual([
      'client-1>gateway-1:call',
      'gateway-1>service-1:call',
      'service-1>database-1:call',
      'service-1>queue-1:publish',
    ]);
    await connect(page, 'database-1', 'gateway-1');
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    expect(await toast.innerText()).toContain('a database answers calls');
    expect((await docOf(page)).edges).toHaveLength(4);
    // The selected edge shows its settings.
    await expect(page.locator('.edge-label').first().innerText()).resolves.toContain(
      'publish · 1 ms',
    );
  });

  it('edits a field in the inspector, and shows a bad value without writing it', async () => {
    const { page } = lab;
    await node(page, 'service-1').click();
    const replicas = page.getByLabel('Replicas');
    await replicas.fill('4');
    await replicas.press('Enter');
    await expect(node(page, 'service-1').locator('.pod').count()).resolves.toBe(4);
    await expect(node(page, 'service-1').innerText()).resolves.toContain('4 pods');
    await page.getByLabel('Replicas').fill('-3');
    await page.getByLabel('Replicas').press('Enter');
    const error = page.locator('.field.invalid .field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('must be ≥ 0');
    const doc = await docOf(page);
    const service = doc.nodes.find((n) => n.id === 'service-1');
    expect(service?.kind === 'service' && service.props.replicas).toBe(4);
    await page.screenshot({ path: shot('editor-field-error.png') });
  });

  it('groups a selection into a zone, then undoes and redoes it', async () => {
    const { page } = lab;
    await node(page, 'service-1').click();
    await node(page, 'database-1').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+g');
    let doc = await docOf(page);
    expect(doc.groups.map((g) => g.kind)).toEqual(['zone']);
    expect(doc.nodes.find((n) => n.id === 'database-1')?.parentId).toBe('zone-1');
    await page.screenshot({ path: shot('editor-zone.png') });
    await page.keyboard.press('Control+z');
    doc = await docOf(page);
    expect(doc.groups).toHaveLength(0);
    expect(doc.nodes.find((n) => n.id === 'database-1')?.parentId).toBeUndefined();
    await page.keyboard.press('Control+Shift+z');
    doc = await docOf(page);
    expect(doc.groups).toHaveLength(1);
  });

  it('makes a whole drag one undo step, and drags a node out of its zone', async () => {
    const { page } = lab;
    const before = (await docOf(page)).nodes.find((n) => n.id === 'database-1');
    const box = (await node(page, 'database-1').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 15);
    await page.mouse.down();
    await page.mouse.move(box.x + 40, box.y + 230, { steps: 20 });
    await page.mouse.up();
    const after = (await docOf(page)).nodes.find((n) => n.id === 'database-1');
    expect(after?.parentId).toBeUndefined();
    await page.keyboard.press('Control+z');
    const undone = (await docOf(page)).nodes.find((n) => n.id === 'database-1');
    expect(undone).toEqual(before);
  });

  it('copies and pastes through the system clipboard, also into a second window', async () => {
    const { page, context } = lab;
    await node(page, 'database-1').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    let doc = await docOf(page);
    expect(doc.nodes.filter((n) => n.kind === 'database')).toHaveLength(2);
    await page.keyboard.press('Control+z');
    doc = await docOf(page);
    expect(doc.nodes.filter((n) => n.kind === 'database')).toHaveLength(1);

    const other = await context.newPage();
    await other.goto(lab.url);
    await other.waitForSelector('.topbar');
    await other.locator('.canvas .react-flow__pane').click({ position: { x: 50, y: 50 } });
    await other.keyboard.press('Control+v');
    await other.waitForFunction(() => window.archlabTest.store.getState().doc.nodes.length === 1);
    await other.close();
  });

  it('lays the graph out left to right by call direction', async () => {
    const { page } = lab;
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 30, y: 30 } });
    const before = await docOf(page);
    await page.keyboard.press('Control+Shift+l');
    await page.waitForFunction(
      (old) => JSON.stringify(window.archlabTest.store.getState().doc.nodes) !== old,
      JSON.stringify(before.nodes),
    );
    const doc = await docOf(page);
    const x = (id: string) => {
      const n = doc.nodes.find((m) => m.id === id)!;
      const g = doc.groups.find((gr) => gr.id === n.parentId) as
        { position?: { x: number } } | undefined;
      return n.position.x + (g?.position?.x ?? 0);
    };
    expect(x('client-1')).toBeLessThan(x('gateway-1'));
    expect(x('gateway-1')).toBeLessThan(x('service-1'));
    expect(x('service-1')).toBeLessThan(x('database-1'));
    await page.keyboard.press('Shift+1');
    await page.waitForTimeout(400);
    await page.screenshot({ path: shot('editor-built-light.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: shot('editor-built-dark.png') });
  });

  it('saves, and after a reload opens the same document', async () => {
    const { page } = lab;
    await expect(page.title()).resolves.toMatch(/^• /);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const file = await download;
    const path = await file.path();
    saved = readFileSync(path, 'utf8');
    await expect(page.title()).resolves.not.toMatch(/^• /);
    const before = await docOf(page);
    await page.reload();
    await page.waitForSelector('.topbar');
    await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(0);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    await (
      await chooser
    ).setFiles({
      name: 'shop.archlab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(saved),
    });
    await page.waitForFunction(() => document.title.startsWith('shop.archlab.json'));
    const after = await docOf(page);
    expect(after).toEqual(before);
    await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(before.nodes.length);
  });
});

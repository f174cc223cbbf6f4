// The web edition's recent files survive a reload: a file opened through the File System Access
// API keeps its handle (in IndexedDB), so after a reload Open Recent and the start page list it
// and open it again. The file lives in the origin's private file system, which hands out real
// FileSystemFileHandles without a native dialog.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const NAME = 'orders.archlab.json';

describe.skipIf(!chromiumPath)(`recent files in the web edition${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({
      init: () => {
        // The open dialog picks the one file of the origin's private file system.
        (window as unknown as { showOpenFilePicker: unknown }).showOpenFilePicker = async () => {
          const root = await navigator.storage.getDirectory();
          return [await root.getFileHandle('orders.archlab.json')];
        };
      },
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('lists a file opened before a reload and opens it again', async () => {
    const { page } = lab;
    const text = readFileSync('assets/samples/slow-database.archlab.json', 'utf8');
    await page.evaluate(
      async ([name, body]) => {
        const root = await navigator.storage.getDirectory();
        const handle = await root.getFileHandle(name!, { create: true });
        const w = await handle.createWritable();
        await w.write(body!);
        await w.close();
      },
      [NAME, text],
    );
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+o');
    await page.waitForFunction((n) => document.title.startsWith(n), NAME);
    // A plain reload: no recovery copy to offer.
    await page.evaluate(async () => {
      const { platform } = window.archlabTest;
      for (const copy of await platform.recovery.read()) await platform.recovery.clear(copy.key);
      for (const key of Object.keys(sessionStorage)) sessionStorage.removeItem(key);
    });
    await page.reload();
    await page.waitForSelector('.topbar');
    expect(await page.title()).not.toContain(NAME);

    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'Start Page' }).click();
    const start = page.getByTestId('start-page');
    await start.getByRole('button', { name: NAME }).waitFor();
    await start.screenshot({ path: shot('recent-after-reload.png') });
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+Shift+o');
    await page.locator('[cmdk-item]', { hasText: NAME }).click();
    await page.waitForFunction((n) => document.title.startsWith(n), NAME);
    const nodes = await page.evaluate(() =>
      window.archlabTest.store.getState().doc.nodes.map((n) => n.id),
    );
    expect(nodes).toContain('orders-loop');
  });
});

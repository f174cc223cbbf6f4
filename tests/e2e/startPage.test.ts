// A new user's first minutes: the start page of a new window, the menu bar, Help.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const sampleName = (id: string) =>
  (JSON.parse(readFileSync(`assets/samples/${id}.archlab.json`, 'utf8')) as { name: string }).name;

describe.skipIf(!chromiumPath)(`the start page and the menu bar${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ startPage: true });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('opens with the samples as cards, each with a picture and what it teaches', async () => {
    const { page } = lab;
    const start = page.getByTestId('start-page');
    await start.waitFor();
    const cards = page.locator('.sample-card');
    // One card a sample the lab ships.
    const ids = readdirSync('assets/samples')
      .filter((f) => f.endsWith('.archlab.json'))
      .map((f) => f.replace('.archlab.json', ''));
    expect(ids.length).toBeGreaterThanOrEqual(6);
    await expect(cards.count()).resolves.toBe(ids.length);
    for (const id of ids) {
      const card = page.locator(`.sample-card[data-sample="${id}"]`);
      await expect(card.locator('.sample-title').innerText()).resolves.toBe(sampleName(id));
      await expect(card.locator('.sample-lesson').innerText()).resolves.toMatch(/^Teaches .*\.$/);
      // The picture is the sample's diagram as the SVG export draws it, loaded and drawn.
      const drawn = await card
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100);
      expect(drawn).toBe(true);
    }
    await page.screenshot({ path: shot('start-page-light.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('start-page-dark.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });
});

describe.skipIf(!chromiumPath)(`opening from the start page${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ startPage: true, viewport: { width: 1024, height: 700 } });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('fits 1024×700, opens a sample from its card, and comes back from Help › Start Page', async () => {
    const { page } = lab;
    await page.getByTestId('start-page').waitFor();
    // Each picture stays inside its card's preview box, clear of the text below it.
    const inside = await page.locator('.sample-preview').evaluateAll((boxes) =>
      boxes.every((b) => {
        const img = b.querySelector('img')!.getBoundingClientRect();
        const box = b.getBoundingClientRect();
        return img.top >= box.top - 0.5 && img.bottom <= box.bottom + 0.5;
      }),
    );
    expect(inside).toBe(true);
    await page.screenshot({ path: shot('start-page-1024.png') });
    await page.locator('.sample-card[data-sample="web-shop"]').click();
    await page.waitForFunction(() => document.title.startsWith('web-shop.archlab.json'));
    await expect(page.getByTestId('start-page').count()).resolves.toBe(0);
    await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(12);
    // The document inspector shows the description, and edits it as one undoable step.
    const described = page.getByLabel('Document description');
    await expect(described.inputValue()).resolves.toMatch(/^Teaches how a request fans out/);
    await described.fill('Shows a shop.');
    await page.getByLabel('Document name').click();
    await page.waitForFunction(
      () => window.archlabTest.store.getState().doc.description === 'Shows a shop.',
    );
    await page.screenshot({ path: shot('start-page-opened-1024.png') });
    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'Start Page' }).click();
    await page.getByTestId('start-page').waitFor();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('start-page').count()).resolves.toBe(0);
  });

  it('is not shown at the next start once its box is unticked', async () => {
    const { page } = lab;
    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'Start Page' }).click();
    await page.getByLabel('Show this page when ArchLab starts').uncheck();
    await page.keyboard.press('Escape');
    // The earlier tests' edits are set aside (no recovery copy), so the next start is a plain one.
    await page.evaluate(async () => {
      const { store, platform } = window.archlabTest;
      store.getState().loadDocument(store.getState().doc, { name: 'kept.archlab.json' });
      for (const copy of await platform.recovery.read()) await platform.recovery.clear(copy.key);
    });
    await page.reload();
    await page.waitForSelector('.topbar');
    await expect(page.getByTestId('start-page').count()).resolves.toBe(0);
    // The empty canvas still offers it.
    await page.getByRole('button', { name: 'Show the start page' }).click();
    await page.getByTestId('start-page').waitFor();
  });
});

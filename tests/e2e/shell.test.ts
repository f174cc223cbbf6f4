// The empty lab as a user first sees it, in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

describe.skipIf(!chromiumPath)(`the lab in a browser${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows the top bar, palette, canvas, inspector and run panel', async () => {
    const { page } = lab;
    for (const label of ['Main toolbar', 'Palette', 'Canvas', 'Inspector', 'Run panel']) {
      await expect(page.getByLabel(label, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    await expect(page.locator('.palette-item').count()).resolves.toBe(8);
    await expect(page.locator('.react-flow__minimap').isVisible()).resolves.toBe(true);
    await expect(page.locator('.react-flow__controls').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('dot-grid').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: shot('shell-light.png') });
  });

  it('follows the system theme, then switches on request', async () => {
    const { page } = lab;
    const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
    await expect(theme()).resolves.toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await page.screenshot({ path: shot('shell-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
    // system → light → dark: two clicks force dark although the system is light.
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    await expect(theme()).resolves.toBe('dark');
    const bg = await page.evaluate(
      () => getComputedStyle(document.querySelector('.topbar')!).backgroundColor,
    );
    expect(bg).toBe('rgb(27, 31, 39)');
    await page.getByTestId('theme-toggle').click();
    await expect(theme()).resolves.toBe('light');
  });

  it('collapses and restores panels from the keyboard', async () => {
    const { page } = lab;
    const width = () =>
      page
        .getByLabel('Inspector', { exact: true })
        .evaluate((e) => e.getBoundingClientRect().width);
    expect(await width()).toBeGreaterThan(200);
    await page.locator('.canvas').click({ position: { x: 300, y: 200 } });
    await page.keyboard.press('Control+2');
    await page.waitForFunction(
      () =>
        (document.querySelector('[aria-label="Inspector"]')?.getBoundingClientRect().width ?? 0) <
        2,
    );
    await page.keyboard.press('Control+2');
    await page.waitForFunction(
      () =>
        (document.querySelector('[aria-label="Inspector"]')?.getBoundingClientRect().width ?? 0) >
        200,
    );
  });

  it('resizes a panel by dragging its separator', async () => {
    const { page } = lab;
    const panel = page.getByLabel('Palette', { exact: true });
    const before = await panel.evaluate((e) => e.getBoundingClientRect().width);
    const sep = page.locator('.separator.vertical').first();
    const box = (await sep.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + 200, { steps: 8 });
    await page.mouse.up();
    const after = await panel.evaluate((e) => e.getBoundingClientRect().width);
    expect(after).toBeGreaterThan(before + 40);
  });

  it('opens the command palette with Ctrl+K and runs a command from it', async () => {
    const { page } = lab;
    await page.keyboard.press('Control+k');
    await page.waitForSelector('[cmdk-input]');
    await page.keyboard.type('theme dark');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('follow system');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
  });
});

// The web edition's menu bar: the catalogue's menus, driven by mouse and by keyboard, and Help.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

describe.skipIf(!chromiumPath)(`the menu bar${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows File, Edit, Arrange, View, Run and Help as an ARIA menubar', async () => {
    const { page } = lab;
    const bar = page.getByRole('menubar', { name: 'Menu bar' });
    const names = await bar.locator(':scope > .menubar-slot > [role="menuitem"]').allInnerTexts();
    expect(names).toEqual(['File', 'Edit', 'Arrange', 'View', 'Run', 'Help']);
  });

  it('runs a command by mouse: File › Open Sample… then a sample', async () => {
    const { page } = lab;
    await page.getByRole('menuitem', { name: 'File' }).click();
    const menu = page.getByRole('menu', { name: 'File' });
    await menu.waitFor();
    await expect(menu.getByRole('menuitem', { name: /^Save As…/ }).innerText()).resolves.toContain(
      'Ctrl+Shift+S',
    );
    await page.screenshot({ path: shot('menu-file.png') });
    await menu.getByRole('menuitem', { name: 'Open Sample…' }).click();
    await page.locator('[cmdk-item]', { hasText: 'payments.archlab.json' }).click();
    await page.waitForFunction(() => document.title.startsWith('payments.archlab.json'));
    await expect(menu.count()).resolves.toBe(0);
  });

  it('is driven by the keyboard: arrows between and within menus, Enter runs, Escape closes', async () => {
    const { page } = lab;
    const file = page.getByRole('menuitem', { name: 'File' });
    await file.focus();
    await page.keyboard.press('ArrowRight'); // Edit
    await page.keyboard.press('ArrowRight'); // Arrange
    await page.keyboard.press('ArrowRight'); // View
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('View');
    await page.keyboard.press('Enter');
    const view = page.getByRole('menu', { name: 'View' });
    await view.waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe(
      'menuitem',
    );
    // Escape closes and gives the focus back to the menu's title.
    await page.keyboard.press('Escape');
    await expect(view.count()).resolves.toBe(0);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('View');
    await page.keyboard.press('ArrowDown');
    await view.waitFor();
    // Down through the menu to Theme: Dark, then Enter.
    for (let i = 0; i < 20; i++) {
      const at = await page.evaluate(() => document.activeElement?.getAttribute('data-command'));
      if (at === 'view.theme.dark') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.screenshot({ path: shot('menu-view-keyboard.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await expect(view.count()).resolves.toBe(0);
    // Left from an open menu opens its neighbour.
    await page.keyboard.press('ArrowDown');
    await view.waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('menu', { name: 'Arrange' }).waitFor();
    await page.screenshot({ path: shot('menu-arrange-dark.png') });
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });

  it('greys out a command that cannot run, and does nothing when it is chosen', async () => {
    const { page } = lab;
    await page.evaluate(() => window.archlabTest.store.getState().select([]));
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dup = page
      .getByRole('menu', { name: 'Edit' })
      .getByRole('menuitem', { name: /^Duplicate/ });
    await expect(dup.getAttribute('aria-disabled')).resolves.toBe('true');
    const before = await page.evaluate(() => window.archlabTest.store.getState().doc.nodes.length);
    await dup.click({ force: true });
    await expect(
      page.evaluate(() => window.archlabTest.store.getState().doc.nodes.length),
    ).resolves.toBe(before);
    await page.keyboard.press('Escape');
  });

  it('Help › Keyboard Shortcuts lists the registry, Redo under both its keys', async () => {
    const { page } = lab;
    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: /^Keyboard Shortcuts/ }).click();
    const sheet = page.getByTestId('shortcuts');
    await sheet.waitFor();
    const redo = sheet.locator('tr', { hasText: /^Redo/ });
    await expect(redo.innerText()).resolves.toMatch(/Ctrl\+Shift\+Z\s+or\s+Ctrl\+Y/);
    await expect(sheet.locator('tr', { hasText: 'Connect to…' }).innerText()).resolves.toContain(
      'Ctrl+L',
    );
    await page.screenshot({ path: shot('help-shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect(sheet.count()).resolves.toBe(0);
  });

  it('Help › Documentation shows the shipped docs and follows a link between them', async () => {
    const { page } = lab;
    await page.keyboard.press('F1');
    const body = page.getByTestId('doc-body');
    await body.locator('h2').first().waitFor();
    await page.getByRole('button', { name: /How ArchLab is built/ }).click();
    await expect(body.locator('h2').first().innerText()).resolves.toBe('How ArchLab is built');
    await expect(body.locator('table').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: shot('help-docs.png') });
    await body.getByRole('link', { name: 'semantics.md' }).first().click();
    await expect(
      page.getByRole('button', { name: /How the model behaves/ }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await page.keyboard.press('Escape');
  });

  it('Help › About names the app version and the engine version', async () => {
    const { page } = lab;
    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByRole('menuitem', { name: 'About ArchLab' }).click();
    const facts = await page.getByTestId('about-versions').innerText();
    expect(facts).toMatch(/Version\s+0\.1\.0/);
    expect(facts).toMatch(/Engine\s+0\.1\.0/);
    await page.getByRole('button', { name: 'OK' }).click();
  });
});

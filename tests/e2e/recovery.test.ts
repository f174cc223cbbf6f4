// Recovery copies belong to the window that wrote them: a second window does not offer to restore
// the first window's unsaved work while the first is open; once it is closed, the next window
// does, and restoring it brings the edit back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const RESTORE = 'Restore unsaved work?';

describe.skipIf(!chromiumPath)(`recovery copies per window${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function openWindow() {
    const page = await lab.context.newPage();
    await page.goto(lab.url);
    await page.waitForSelector('.topbar');
    // offerRecovery asks 300 ms after start; give it time to (not) ask.
    await page.waitForTimeout(1200);
    return page;
  }

  it('a second window does not offer the first window’s autosave while the first is open', async () => {
    const first = lab.page;
    const name = first.getByLabel('Inspector').getByRole('textbox', { name: 'Name' });
    await name.fill('Draft of the shop');
    await name.press('Enter');
    await first.waitForFunction(() => document.title.startsWith('• '));
    // Autosave writes every 3 s while there are unsaved changes.
    await first.waitForTimeout(3600);
    const second = await openWindow();
    await expect(second.getByText(RESTORE).count()).resolves.toBe(0);
    await second.screenshot({ path: shot('recovery-second-window.png') });
    await second.close();
  });

  it('once the first window is gone, the next window offers its copy and restores it', async () => {
    await lab.page.close({ runBeforeUnload: false });
    const next = await openWindow();
    await next.getByText(RESTORE).waitFor();
    await next.screenshot({ path: shot('recovery-offered.png') });
    await next.getByRole('button', { name: 'Restore' }).click();
    await next.waitForFunction(() => document.title.includes('Draft of the shop'));
    lab.page = next;
  });
});

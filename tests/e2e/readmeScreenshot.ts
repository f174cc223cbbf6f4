// The README's picture: the start page of a new window with the web menu bar's Help menu open,
// drawn by the built web edition in Chromium. Run by hand after `npm run build:web`:
//   node --import tsx tests/e2e/readmeScreenshot.ts
import { openLab } from './harness';

const lab = await openLab({ startPage: true, viewport: { width: 1280, height: 800 } });
try {
  const { page } = lab;
  await page.getByTestId('start-page').waitFor();
  await page.getByRole('menuitem', { name: 'Help' }).click();
  const help = page.getByRole('menu', { name: 'Help' });
  await help.waitFor();
  await help.getByRole('menuitem', { name: /^Keyboard Shortcuts/ }).hover();
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'docs/start-page.png' });
} finally {
  await lab.close();
}

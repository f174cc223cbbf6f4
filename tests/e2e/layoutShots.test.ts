// Screenshots to look at, in both themes at 1024×700 and 1440×900: the canvas after auto-layout
// with the run panel below, the load chart on its two axes, and the Transactions tab's sequence
// diagram with the run panel given most of the window.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason } from './harness';

function payments() {
  const loaded = loadDocument(readFileSync('assets/samples/payments.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('payments does not load');
  return loaded.doc;
}

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;

describe.skipIf(!chromiumPath)(`the layout as a user sees it${skipReason}`, () => {
  for (const size of SIZES)
    for (const theme of THEMES) {
      const tag = `${size.width}x${size.height}-${theme}`;
      it(`at ${tag}: canvas, load chart and sequence diagram`, async () => {
        const lab = await openLab({ viewport: size, colorScheme: theme });
        try {
          const { page } = lab;
          await page.waitForFunction(() => 'archlabTest' in window);
          await page.evaluate((doc) => {
            const t = window.archlabTest;
            t.store.getState().loadDocument(doc, { name: 'payments.archlab.json', dirty: false });
          }, payments());
          await page.waitForSelector('.react-flow__node-arch');
          await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
          await page.keyboard.press('Control+Shift+l');
          await page.waitForTimeout(800);
          await page.getByLabel('Scenario').selectOption('2pc coordinator crash');
          await page.getByRole('radio', { name: 'Batch' }).click();
          await page.locator('.run-controls .tool.primary').click();
          await page.waitForSelector('text=Finished', { timeout: 30_000 });
          await page.screenshot({ path: shot(`layout-main-${tag}.png`) });

          await page.locator('.react-flow__node[data-id="checkout"]').click();
          await page.getByRole('tab', { name: 'Charts' }).click();
          await page.waitForSelector('.chart canvas');
          const load = page.getByTestId('chart-Load');
          await load.scrollIntoViewIfNeeded();
          await load.screenshot({ path: shot(`layout-load-chart-${tag}.png`) });

          await page.getByRole('tab', { name: 'Transactions' }).click();
          await page.waitForSelector('[data-testid="sequence-diagram"]');
          const sep = (await page.locator('.separator.horizontal').boundingBox())!;
          await page.mouse.move(sep.x + sep.width / 2, sep.y + sep.height / 2);
          await page.mouse.down();
          await page.mouse.move(sep.x + sep.width / 2, 140, { steps: 8 });
          await page.mouse.up();
          await page.waitForTimeout(300);
          await page.screenshot({ path: shot(`layout-transactions-${tag}.png`) });
          const diagram = page.getByTestId('sequence-diagram');
          await diagram.scrollIntoViewIfNeeded();
          await diagram.screenshot({ path: shot(`layout-sequence-${tag}.png`) });
          await expect(diagram.count()).resolves.toBe(1);
        } finally {
          await lab.close();
        }
      }, 90_000);
    }
});

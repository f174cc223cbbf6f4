// A failure drill built and run in the app: a pod-kill fault and an SLO added in the Drill tab, a
// live run with a pod killed by right-click, the verdict, and the live action replayed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

function webShop() {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('web-shop does not load');
  return loaded.doc;
}

describe.skipIf(!chromiumPath)(`a failure drill in the app${skipReason}`, () => {
  let lab: Lab;
  /** The live pod killed by right-click (its recorded name replays the same pod). */
  let podName = '';
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    await lab.page.evaluate((doc) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(doc, { name: 'web-shop.archlab.json', dirty: false });
    }, webShop());
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('builds the drill in the Drill tab: a pod-kill on orders and an SLO', async () => {
    const { page } = lab;
    await page.getByRole('tab', { name: 'Drill' }).click();
    const form = page.getByRole('form', { name: 'Add fault' });
    await form.getByLabel('Fault').selectOption('pod-kill');
    // Every fault in the library is one the engine applies: none is listed disabled.
    await expect(form.locator('option[value="partition"]').isDisabled()).resolves.toBe(false);
    await expect(form.locator('option:disabled').count()).resolves.toBe(0);
    await form.getByLabel('Target').selectOption('orders');
    await form.getByLabel('At').fill('20');
    await form.getByLabel('At').press('Enter');
    await form.getByRole('button', { name: 'Add fault' }).click();
    await page.getByTestId('bar-0').waitFor();
    await page.getByRole('button', { name: 'Add SLO' }).click();
    const scenario = await page.evaluate(
      () => window.archlabTest.store.getState().doc.scenarios[0],
    );
    expect(scenario?.timeline).toEqual([
      { atS: 20, action: 'kill-pod', target: 'orders', params: {} },
    ]);
    expect(scenario?.slos).toHaveLength(3);
    await page.screenshot({ path: shot('drill-tab-light.png') });
  });

  it('moves a fault by dragging its bar: one undo step', async () => {
    const { page } = lab;
    const bar = page.getByTestId('bar-0');
    const box = await bar.boundingBox();
    const track = await page.locator('.lane-track').first().boundingBox();
    if (!box || !track) throw new Error('no bar');
    // 60 s across the track: a tenth of it is 6 s later.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + track.width / 10, box.y + 5, { steps: 5 });
    await page.mouse.up();
    const atS = await page.evaluate(
      () =>
        (window.archlabTest.store.getState().doc.scenarios[0]?.timeline[0] as { atS: number }).atS,
    );
    expect(atS).toBeCloseTo(26, 0);
  });

  it('runs it live, kills a pod by right-click, and shows the verdict', async () => {
    const { page } = lab;
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('10');
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForFunction(() => {
      const v = document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
      return Number(v) >= 15;
    });
    // Paused, the run is still live (a loaded machine could otherwise finish the 6 s run before
    // the right-click lands, and the menu would then be the editor's).
    await panel(page).getByRole('button', { name: 'Pause' }).click();
    await page.waitForSelector('text=— paused');
    // Right-click the second live pod of catalog: the menu offers to kill exactly that pod.
    const tile = page.locator('[data-node-id="catalog"] [data-pod-name]').nth(1);
    podName = (await tile.getAttribute('data-pod-name')) ?? '';
    expect(podName).toMatch(/^catalog-[a-z0-9]+-[a-z0-9]{5}$/);
    await tile.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Live drill' });
    await menu.getByRole('menuitem', { name: `Kill pod ${podName}` }).click();
    await panel(page).getByRole('button', { name: 'Resume' }).click();
    await page.waitForSelector('text=Finished', { timeout: 20_000 });
    await page.getByRole('tab', { name: 'Verdict' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    const faults = verdict.getByTestId('fault-verdict');
    await expect(faults.count()).resolves.toBe(2);
    const text = await verdict.textContent();
    expect(text).toMatch(/kill-pod/);
    expect(text).toMatch(/live/);
    expect(text).toMatch(/Time to detect/);
    expect(text).toMatch(/p99 < 500 ms/);
    await page.screenshot({ path: shot('drill-verdict-light.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.screenshot({ path: shot('drill-verdict-dark.png') });
    await page.getByRole('tab', { name: 'Drill' }).click();
    await page.screenshot({ path: shot('drill-tab-dark.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });

  it('adds the live action to the timeline, so the drill replays', async () => {
    const { page } = lab;
    await page.getByRole('tab', { name: 'Verdict' }).click();
    await page
      .getByRole('button', { name: 'Add this live action to the scenario timeline' })
      .click();
    const timeline = await page.evaluate(
      () => window.archlabTest.store.getState().doc.scenarios[0]?.timeline,
    );
    expect(timeline).toHaveLength(2);
    expect(timeline).toContainEqual(
      expect.objectContaining({ action: 'kill-pod', target: 'catalog', params: { name: podName } }),
    );
    await page.getByRole('radio', { name: 'Batch' }).click();
    await panel(page).getByRole('button', { name: 'Run again' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="fault-verdict"]').length === 2,
    );
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByTestId('compare').waitFor();
    await page.screenshot({ path: shot('drill-compare.png') });
  });
});

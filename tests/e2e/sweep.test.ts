// The Sweep tab as a user drives it: "Sweep" beside Replicas in the inspector, a run with its
// progress, the charts with interval bands, the cheapest design applied as one undo step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, openSample, shot, skipReason, type Lab } from './harness';

type Doc = {
  nodes: { id: string; props: { replicas?: number } }[];
  scenarios: { sweep?: { parameters: { path: string }[] } }[];
};
const docOf = (lab: Lab) => lab.page.evaluate(() => window.archlabTest.store.getState().doc as Doc);
const replicasOf = async (lab: Lab, id: string) =>
  (await docOf(lab)).nodes.find((n) => n.id === id)?.props.replicas;

/** The Sweep button beside a field (its name is "Sweep"; the field's label describes it). */
const sweepButton = (page: Lab['page'], label: string) =>
  page
    .locator('.field')
    .filter({ has: page.locator('label', { hasText: new RegExp(`^${label}`) }) })
    .getByRole('button', { name: 'Sweep', exact: true });

describe.skipIf(!chromiumPath)(`the Sweep tab${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ viewport: { width: 1440, height: 1000 } });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('sweeps a service’s replicas from the inspector, shows bands, applies the cheapest design', async () => {
    const { page } = lab;
    await openSample(lab, 'web-shop.archlab.json');
    await page.locator('.react-flow__node[data-id="orders"]').click();
    await sweepButton(page, 'Replicas').click();
    // The tab opens with the parameter; values around the current 3 replicas.
    await page.waitForSelector('.sweep-tab');
    const doc = await docOf(lab);
    expect(doc.scenarios[0]?.sweep?.parameters.map((p) => p.path)).toEqual([
      'nodes.orders.props.replicas',
    ]);
    await expect(
      page.getByLabel('Values of nodes.orders.props.replicas').inputValue(),
    ).resolves.toBe('1, 2, 3, 4, 5');
    // A second parameter, for the heatmap: the pods' concurrency at 8 or 16.
    await sweepButton(page, 'Concurrency').click();
    const conc = page.getByLabel('Values of nodes.orders.props.concurrency');
    await conc.fill('8, 16');
    await conc.blur();
    const seeds = page.getByLabel('Seeds per cell');
    await seeds.fill('2');
    await seeds.blur();
    await page.getByLabel('Cheapest design by').selectOption('replicas');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.waitForSelector('.sweep-run progress');
    await page.screenshot({ path: shot('sweep-running.png') });
    await page.waitForSelector('.sweep-best', { timeout: 120_000 });
    await expect(page.locator('.sweep-chart canvas').count()).resolves.toBe(4);
    // 5 replica counts × 2 concurrencies, the cheapest starred.
    await expect(page.locator('.sweep-heatmap tbody td').count()).resolves.toBe(10);
    await expect(page.locator('.sweep-heatmap td.best').count()).resolves.toBe(1);
    await page.screenshot({ path: shot('sweep-results.png') });
    // The panel scrolls: look at the charts, then at the bottom of the tab.
    await page.locator('.sweep-charts').evaluate((el) => el.scrollIntoView());
    await page.locator('.bottom-panel').screenshot({ path: shot('sweep-charts.png') });
    await page.locator('.sweep-heatmap').evaluate((el) => el.scrollIntoView());
    await page.locator('.bottom-panel').screenshot({ path: shot('sweep-heatmap.png') });
    const best = await page.locator('.sweep-best').innerText();
    const m = /nodes\.orders\.props\.replicas = (\d+)/.exec(best);
    expect(m, best).not.toBeNull();
    await page.getByRole('button', { name: 'Apply to the document' }).click();
    expect(await replicasOf(lab, 'orders')).toBe(Number(m![1]));
    // One undo step puts the replicas back and keeps the sweep.
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    expect(await replicasOf(lab, 'orders')).toBe(3);
    expect((await docOf(lab)).scenarios[0]?.sweep?.parameters).toHaveLength(2);
  });
});

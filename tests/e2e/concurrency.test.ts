// The Concurrency tab as a user drives it: open a pod sample, select a service, run the lab, see
// the throughput and p99 charts with the USL fits and the sentence on what limits the service;
// a second run cancelled midway stops and says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, openSample, shot, skipReason, type Lab } from './harness';

/** Drags the bottom panel's edge up so the lab's charts and table show at once. */
async function tallPanel(lab: Lab) {
  const box = await lab.page.locator('.separator.horizontal').boundingBox();
  if (box === null) return;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await lab.page.mouse.move(x, y);
  await lab.page.mouse.down();
  await lab.page.mouse.move(x, y - 420, { steps: 8 });
  await lab.page.mouse.up();
}

async function runLab(lab: Lab, maxN: string) {
  const { page } = lab;
  await page.getByRole('tab', { name: 'Concurrency' }).click();
  await page.waitForSelector('.lab-tab');
  await page.getByLabel('Largest N').fill(maxN);
  await page.getByLabel('Seeds per point').fill('1');
  await page.getByRole('button', { name: 'Run the lab' }).click();
}

describe.skipIf(!chromiumPath)(`the Concurrency tab${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ viewport: { width: 1440, height: 1000 } });
    await tallPanel(lab);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('sweeps a service’s threads per lock kind, fits the USL and says what limits it', async () => {
    const { page } = lab;
    await openSample(lab, 'spin-vs-mutex.archlab.json');
    await page.locator('.react-flow__node[data-id="cart-spin"]').click();
    await runLab(lab, '4');
    await page.waitForSelector('.lab-setup progress');
    await page.waitForSelector('[data-testid="lab-verdict"]', { timeout: 120_000 });
    await page.waitForSelector('.lab-setup button:has-text("Run the lab")', { timeout: 120_000 });
    await expect(page.locator('.lab-chart canvas').count()).resolves.toBe(2);
    // N = 1…4 and the service's own 16 threads, where the sentence is judged.
    await expect(page.locator('.lab-setup').innerText()).resolves.toMatch(/16 threads per pod/);
    // One row per model: the thread pool without its lock and the three lock kinds.
    const rows = page.locator('.lab-fits tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/spin lock/);
    const r2 = await page.locator('.lab-fits tbody tr >> nth=2 >> td >> nth=4').innerText();
    expect(Number(r2)).toBeGreaterThan(0.9);
    // At the sample's baseline load more threads soon serve every request offered: the page
    // says so, and the fits leave those points out instead of bending over the plateau.
    await expect(page.getByTestId('lab-kept-up').innerText()).resolves.toMatch(
      /served all of the offered load \(\d+ req\/s\)/,
    );
    const verdict = await page.getByTestId('lab-verdict').innerText();
    expect(verdict).toMatch(/limit/);
    await page.locator('.bottom-panel').screenshot({ path: shot('lab-spin-light.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.locator('.bottom-panel').screenshot({ path: shot('lab-spin-dark.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });

  it('raises the load until the threads, not the offered load, shape the curve', async () => {
    const { page } = lab;
    // Still the spin-vs-mutex sample and its baseline scenario, whose load 4 threads already serve.
    await page.getByLabel('Load ×').fill('3');
    await expect(page.locator('.lab-setup').innerText()).resolves.toMatch(/At 3× the load of/);
    await page.getByRole('button', { name: 'Run the lab' }).click();
    await page.waitForSelector('.lab-setup progress');
    await page.waitForSelector('.lab-setup button:has-text("Run the lab")', { timeout: 120_000 });
    // Three times the baseline is more than 4 threads can serve: N = 1…4 measure the threads, and
    // only the document's own 16 threads still serve all of it.
    const note = await page.getByTestId('lab-kept-up').innerText();
    expect(note).toMatch(/from N = 16 on/);
    expect(note).toMatch(/stop at N = 4\b/);
    await page.locator('.bottom-panel').screenshot({ path: shot('lab-spin-load3-light.png') });
    await page.getByLabel('Load ×').fill('1');
  });

  it.each([
    ['slow-database.archlab.json', 'orders-threads', 'slow database', 2],
    ['cpu-throttling.archlab.json', 'api-limited', 'busier', 2],
  ])('runs on %s (%s, scenario %s)', async (file, node, scenario, models) => {
    const { page } = lab;
    await openSample(lab, file);
    await page.getByLabel('Scenario').selectOption(scenario);
    await page.locator(`.react-flow__node[data-id="${node}"]`).click();
    await runLab(lab, '4');
    await page.waitForSelector('[data-testid="lab-verdict"]', { timeout: 120_000 });
    await page.waitForSelector('.lab-setup button:has-text("Run the lab")', { timeout: 120_000 });
    await expect(page.locator('.lab-fits tbody tr').count()).resolves.toBe(models);
    const name = file.replace('.archlab.json', '');
    await page.locator('.bottom-panel').screenshot({ path: shot(`lab-${name}-light.png`) });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.locator('.bottom-panel').screenshot({ path: shot(`lab-${name}-dark.png`) });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });

  it('cancel stops a running lab and says so', async () => {
    const { page } = lab;
    await openSample(lab, 'slow-database.archlab.json');
    await page.locator('.react-flow__node[data-id="orders-threads"]').click();
    await runLab(lab, '64');
    await page.waitForSelector('.lab-setup progress');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('.lab-setup button:has-text("Run the lab")', { timeout: 30_000 });
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Cancelled.');
  });
});

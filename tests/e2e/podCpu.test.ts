// The inside of the pods after a run, as a user reads it: the run summary of the CPU throttling
// sample's busier scenario has a table of both services' cores, quota and throttling, and the
// limited one shows most of its periods throttled while the unlimited one shows none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, openSample, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

describe.skipIf(!chromiumPath)(`the run summary's pods${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows cores, quota, throttling and switches for each service with a runtime', async () => {
    const { page } = lab;
    await openSample(lab, 'cpu-throttling.archlab.json');
    await page.getByLabel('Scenario').selectOption('busier');
    await page.getByRole('radio', { name: 'Batch' }).click();
    await panel(page).locator('.run-controls .tool.primary').click();
    await page.getByTestId('run-status').filter({ hasText: 'Finished' }).waitFor();
    await page.getByRole('tab', { name: /^Summary/ }).click();
    const table = page.getByRole('table', { name: 'Inside the pods' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const limited = await rows.nth(0).innerText();
    expect(limited).toMatch(/limit 1 core/);
    expect(limited).toMatch(/thread pool, 16 threads a pod/);
    const m = /(\d[\d,]*) of (\d[\d,]*) \((\d+) %\)/.exec(limited);
    expect(m).not.toBeNull();
    expect(Number(m![3])).toBeGreaterThanOrEqual(25);
    const unlimited = await rows.nth(1).innerText();
    expect(unlimited).toMatch(/none/);
    expect(unlimited).not.toMatch(/ of /);
    // And what limits each, in a sentence.
    const why = page.getByRole('list', { name: 'What limits each service' });
    await expect(why.locator('li').nth(0).innerText()).resolves.toMatch(/The CPU quota limits it/);
    // Each column says what it is.
    await expect(table.locator('th').nth(4).getAttribute('title')).resolves.toMatch(/nr_throttled/);
    await page.locator('.cpu-inside').screenshot({ path: shot('pod-cpu-light.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
    await page.locator('.cpu-inside').screenshot({ path: shot('pod-cpu-dark.png') });
    await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
  });

  it('charts the cores a service used and its throttled periods, second by second', async () => {
    const { page } = lab;
    await page.locator('.react-flow__node[data-id="api-limited"]').click();
    await page.getByRole('tab', { name: /^Charts/ }).click();
    await page.getByTestId('chart-CPU (all pods)').waitFor();
    await expect(page.locator('.chart-grid canvas').count()).resolves.toBe(4);
    await page.locator('.bottom-panel').screenshot({ path: shot('pod-cpu-chart-light.png') });
    // A service without a runtime has no CPU chart.
    await page.locator('.react-flow__node[data-id="users-a"]').click();
    await expect(page.locator('.chart-grid canvas').count()).resolves.toBe(3);
  });
});

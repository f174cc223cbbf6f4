// Running a scenario from the app: batch to a summary, live with pause and stop, charts and events.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

function sample(name: string) {
  const loaded = loadDocument(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8'));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return loaded.doc;
}

describe.skipIf(!chromiumPath)(`running scenarios in the app${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    await lab.page.evaluate((doc) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(doc, { name: 'web-shop.archlab.json', dirty: false });
    }, sample('web-shop'));
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('runs the baseline in batch and shows the figures, SLO verdicts and every node', async () => {
    const { page } = lab;
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]');
    const summary = page.getByTestId('run-summary');
    await expect(summary.textContent()).resolves.toMatch(/12,055\s*Requests/);
    await expect(page.locator('.slo-list li.pass').count()).resolves.toBe(2);
    await expect(page.locator('.node-table tbody tr').count()).resolves.toBe(12);
    await expect(page.getByTestId('run-status').textContent()).resolves.toContain(
      'Finished · baseline · seed 1',
    );
  });

  it('charts the selected node per simulated second', async () => {
    const { page } = lab;
    await page.locator('.node-table tbody tr', { hasText: 'orders' }).click();
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.waitForSelector('.chart canvas');
    await expect(page.locator('.chart').count()).resolves.toBe(3);
    await expect(page.locator('.charts').textContent()).resolves.toContain('orders');
    const legend = await page.locator('.chart').nth(1).textContent();
    expect(legend).toMatch(/p50.*p95.*p99/s);
    await page.screenshot({ path: shot('run-charts.png') });
  });

  it('paces a live run, pauses it, stops it early, and runs it again', async () => {
    const { page } = lab;
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('10');
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForFunction(
      () => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') !== '0',
    );
    // Every node on the canvas shows its live figures, coloured by health.
    const badge = page.getByTestId('live-orders');
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toMatch(/\d+ rps.*p99 \d+ ms/);
    await expect(badge.getAttribute('class')).resolves.toContain('health-ok');
    await panel(page).getByRole('button', { name: 'Pause' }).click();
    await page.waitForSelector('text=— paused');
    const at = await page.getAttribute('[role="progressbar"]', 'aria-valuenow');
    await page.waitForTimeout(600);
    await expect(page.getAttribute('[role="progressbar"]', 'aria-valuenow')).resolves.toBe(at);
    await panel(page).getByRole('button', { name: 'Resume' }).click();
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('text=Stopped early');
    // 60 s at 10× would take 6 s of wall time: the stop came well before the end.
    const result = await page.evaluate(() => {
      return window.archlabTest.store.getState().runs[0]?.result.summary.requests;
    });
    expect(result).toBeLessThan(12_055);
    await page.getByRole('radio', { name: 'Batch' }).click();
    await panel(page).getByRole('button', { name: 'Run again' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="run-summary"]')?.textContent?.includes('12,055'),
    );
  });

  it('names the problem when the document cannot run', async () => {
    const { page } = lab;
    await page.evaluate(
      (doc) => {
        const t = window.archlabTest;
        t.store.getState().loadDocument(doc, { name: 'broken.archlab.json', dirty: false });
      },
      {
        ...sample('web-shop'),
        scenarios: [
          {
            name: 'broken',
            durationS: 10,
            seed: 1,
            warmupS: 0,
            slos: [],
            timeline: [{ atS: 1, action: 'explode', params: {} }],
          },
        ],
      },
    );
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('.problems');
    await expect(page.locator('.problems').textContent()).resolves.toContain(
      'scenarios[0].timeline[0].action',
    );
  });
});

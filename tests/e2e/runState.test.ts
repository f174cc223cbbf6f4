// Run state belongs to its document: opening another document clears the run panel (summary,
// verdict, charts, events, transactions) or swaps in that document's own runs; Compare labels runs
// by document, scenario, seed and time and offers only this document's runs unless asked; a new
// live run does not show the previous verdict while it goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  openLab,
  openSample as openFromPalette,
  shot,
  skipReason,
  type Lab,
} from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

describe.skipIf(!chromiumPath)(`run state per document${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function openSample(name: string) {
    await openFromPalette(lab, `${name}.archlab.json`);
  }

  async function runBatch() {
    const { page } = lab;
    await page.getByRole('radio', { name: 'Batch' }).click();
    await panel(page).locator('.run-controls .tool.primary').click();
    await page.getByTestId('run-status').filter({ hasText: 'Finished' }).waitFor();
  }

  const tab = (name: string) => lab.page.getByRole('tab', { name: new RegExp(`^${name}`) });

  it('a drill on one document leaves nothing behind when another opens', async () => {
    const { page } = lab;
    await openSample('web-shop');
    await runBatch();
    await tab('Verdict').click();
    await page.getByTestId('verdict').waitFor();

    await openSample('k8s-rollout');
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Ready');
    await expect(page.getByTestId('verdict').count()).resolves.toBe(0);
    await expect(tab('Events').textContent()).resolves.toBe('Events');
    await tab('Summary').click();
    await expect(page.getByTestId('run-summary').count()).resolves.toBe(0);
    await tab('Charts').click();
    await expect(page.locator('.charts svg, .chart svg').count()).resolves.toBe(0);
    await tab('Transactions').click();
    await expect(
      panel(page).getByText('Run a scenario to see how each flow').count(),
    ).resolves.toBe(1);
    // No blast radius of the other document on this canvas.
    await expect(page.getByTestId('blast-outline').count()).resolves.toBe(0);
    await page.screenshot({ path: shot('run-state-after-open.png') });
  });

  it('Compare offers only this document’s runs, labelled by document, scenario, seed and time', async () => {
    const { page } = lab;
    await runBatch();
    await tab('Compare').click();
    await expect(page.getByTestId('compare').count()).resolves.toBe(0);
    await runBatch();
    await tab('Compare').click();
    await page.getByTestId('compare').waitFor();
    const options = await page.getByLabel('Before (A)').locator('option').allTextContents();
    expect(options).toHaveLength(2);
    for (const o of options) {
      expect(o).toContain('Kubernetes');
      expect(o).toMatch(/seed \d+/);
      expect(o).toMatch(/\d\d:\d\d:\d\d/);
    }
    await page.getByLabel('Runs of every document').check();
    await expect(tab('Events').textContent()).resolves.toMatch(/Events \(\d+\)/);
    const all = await page.getByLabel('Before (A)').locator('option').allTextContents();
    expect(all).toHaveLength(3);
    expect(all.some((o) => o.includes('Web shop'))).toBe(true);
    await page.screenshot({ path: shot('run-state-compare.png') });
  });

  it('reopening a document swaps its own last run back in', async () => {
    const { page } = lab;
    await openSample('web-shop');
    await tab('Verdict').click();
    await page.getByTestId('verdict').waitFor();
    await expect(page.getByTestId('verdict').textContent()).resolves.toContain('Web shop');
    // The rollout's events were of the other document.
    await expect(tab('Events').textContent()).resolves.toBe('Events');
    await tab('Summary').click();
    await page.getByTestId('run-summary').waitFor();
  });

  it('a new live run does not show the previous verdict while it goes', async () => {
    const { page } = lab;
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('1');
    await tab('Verdict').click();
    await panel(page).locator('.run-controls .tool.primary').click();
    await page.getByTestId('run-status').filter({ hasText: 'Running' }).waitFor();
    await expect(page.getByTestId('verdict').count()).resolves.toBe(0);
    await expect(panel(page).textContent()).resolves.toMatch(/verdict appears when this run/i);
    await page.screenshot({ path: shot('run-state-live.png') });
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('verdict').waitFor();
  });

  it('New clears the run panel', async () => {
    const { page } = lab;
    await page.locator('.topbar').getByRole('button', { name: 'New', exact: true }).click();
    await page.waitForFunction(() => document.title.startsWith('Untitled'));
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Ready');
    await tab('Verdict').click();
    await expect(page.getByTestId('verdict').count()).resolves.toBe(0);
  });
});

// Edits made during a live run: the error rate of a service, a client's rate, a service time and a
// link's latency apply to the run from that moment, recorded as live commands (so the drill
// replays); a field the running system cannot change says it applies to the next run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

async function startLiveRun(page: Lab['page']) {
  await page.getByRole('radio', { name: 'Live' }).click();
  await page.getByLabel('Speed').selectOption('1');
  await panel(page).locator('.run-controls .tool.primary').click();
  await page.waitForFunction(() => {
    const v = document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
    return Number(v) >= 3;
  });
}

async function setField(page: Lab['page'], label: string, value: string) {
  const field = page.getByLabel('Inspector').getByLabel(label, { exact: true }).first();
  await field.fill(value);
  await field.press('Enter');
}

describe.skipIf(!chromiumPath)(`edits during a live run${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('applies a service’s error rate live and records it; concurrency waits for the next run', async () => {
    const { page } = lab;
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Open Sample');
    await page.keyboard.press('Enter');
    await page.locator('[cmdk-item]', { hasText: 'web-shop.archlab.json' }).click();
    await page.waitForFunction(() => document.title.startsWith('web-shop.archlab.json'));
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('1');
    await panel(page).locator('.run-controls .tool.primary').click();
    await page.waitForFunction(() => {
      const v = document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
      return Number(v) >= 3;
    });
    await page.locator('[data-node-id="orders"]').click();
    const inspector = page.getByLabel('Inspector');
    await page.screenshot({ path: shot('live-edit-selected.png') });
    await inspector.getByTestId('live-note').waitFor();
    // The inspector shows a share in % (the file keeps 0…1).
    const rate = inspector.getByLabel('Error rate (%)', { exact: true });
    await rate.fill('50');
    await rate.press('Enter');
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /Applied to the live run: orders error rate 50 %/,
    );
    await page.screenshot({ path: shot('live-edit-applied.png') });
    const concurrency = inspector.getByLabel('Concurrency', { exact: true });
    await concurrency.fill('4');
    await concurrency.press('Enter');
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /orders concurrency: applies to the next run/,
    );
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('run-status').filter({ hasText: 'Finished' }).waitFor();
    const commands = await page.evaluate(
      () => window.archlabTest.store.getState().runs[0]?.result.commands,
    );
    expect(commands).toEqual([
      expect.objectContaining({
        action: 'set-error-rate',
        target: 'orders',
        params: { errorRate: 0.5 },
      }),
    ]);
    await page.getByRole('tab', { name: 'Verdict' }).click();
    await page
      .getByRole('button', { name: 'Add this live action to the scenario timeline' })
      .waitFor();
  });

  it('applies a client’s rate, a service time and a link’s latency live, and records them', async () => {
    const { page } = lab;
    await startLiveRun(page);
    const inspector = page.getByLabel('Inspector');
    await page.locator('[data-node-id="shoppers"]').click();
    await inspector.getByTestId('live-note').waitFor();
    await expect(inspector.getByTestId('live-note').innerText()).resolves.toMatch(
      /client rate, service time, an external API’s\s+latency and a link’s latency apply now/,
    );
    await setField(page, 'Rate (requests/s)', '300');
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /Applied to the live run: shoppers rate 300 requests\/s/,
    );
    await page.locator('[data-node-id="orders"]').click();
    // The sample's orders service takes a lognormal time: its median goes from 12 to 30 ms.
    await setField(page, 'Median (p50) (ms)', '30');
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /Applied to the live run: orders latency lognormal p50 30 ms, p99 60 ms/,
    );
    await page.evaluate(() =>
      window.archlabTest.store.getState().select([], ['e-orders-payments']),
    );
    await setField(page, 'Latency (ms)', '40');
    await expect(page.getByTestId('toast').textContent()).resolves.toMatch(
      /Applied to the live run: e-orders-payments latency 40 ms/,
    );
    await page.screenshot({ path: shot('live-edit-rate-latency.png') });
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.getByTestId('run-status').filter({ hasText: 'Finished' }).waitFor();
    // The newest run comes first.
    const result = await page.evaluate(() => window.archlabTest.store.getState().runs[0]?.result);
    expect(result?.commands.map((c) => [c.action, c.target, c.params])).toEqual([
      ['set-rps', 'shoppers', { rps: 300 }],
      ['set-latency', 'orders', { latency: { dist: 'lognormal', p50Ms: 30, p99Ms: 60 } }],
      ['set-latency', 'e-orders-payments', { latencyMs: 40 }],
    ]);
    expect(result?.events.filter((e) => e.reason === 'RateChanged')).toHaveLength(1);
    expect(result?.events.filter((e) => e.reason === 'LatencyChanged')).toHaveLength(2);
  });
});

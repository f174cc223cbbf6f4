// The timeline's forms offer every parameter an action takes, from the schema the engine checks:
// a rollout with a bad version (error rate, latency, crash on start, failing readiness) is set up
// from the app, and the entry editor shows the same fields with their values.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

function webShop() {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('web-shop does not load');
  return loaded.doc;
}

describe.skipIf(!chromiumPath)(`timeline forms from the action schemas${skipReason}`, () => {
  let lab: Lab;
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

  it('a rollout offers version, error rate, latency, crash on start and failing readiness', async () => {
    const { page } = lab;
    await page.getByRole('tab', { name: 'Drill' }).click();
    const form = page.getByRole('form', { name: 'Add fault' });
    await form.getByLabel('Fault').selectOption('rollout');
    await form.getByLabel('Target').selectOption('orders');
    await form.getByLabel('At', { exact: true }).fill('10');
    await form.getByLabel('At', { exact: true }).press('Enter');
    await form.getByLabel('Version', { exact: true }).fill('v9');
    await form.getByLabel('Version', { exact: true }).press('Enter');
    await form.getByLabel('Error rate').fill('0.3');
    await form.getByLabel('Error rate').press('Enter');
    await form.getByLabel('Latency').fill('250');
    await form.getByLabel('Latency').press('Enter');
    await form.getByLabel('Fail readiness').check();
    await expect(form.getByLabel('Crash on start').isChecked()).resolves.toBe(false);
    await page.screenshot({ path: shot('timeline-rollout-form.png') });
    await form.getByRole('button', { name: 'Add fault' }).click();
    await page.getByTestId('bar-0').waitFor();
    const timeline = await page.evaluate(
      () => window.archlabTest.store.getState().doc.scenarios[0]!.timeline,
    );
    expect(timeline).toEqual([
      {
        atS: 10,
        action: 'rollout',
        target: 'orders',
        params: { version: 'v9', errorRate: 0.3, latencyMs: 250, failReadiness: true },
      },
    ]);
  });

  it('the entry editor shows the same fields with the entry’s values, and edits them', async () => {
    const { page } = lab;
    await page.getByTestId('bar-0').click();
    const editor = page.getByLabel('Timeline entry');
    await editor.waitFor();
    await expect(editor.getByLabel('Version', { exact: true }).inputValue()).resolves.toBe('v9');
    await expect(editor.getByLabel('Error rate').inputValue()).resolves.toBe('0.3');
    await expect(editor.getByLabel('Fail readiness').isChecked()).resolves.toBe(true);
    await editor.getByLabel('Crash on start').check();
    const params = await page.evaluate(
      () => window.archlabTest.store.getState().doc.scenarios[0]!.timeline[0],
    );
    expect(params).toMatchObject({ params: { crashOnStart: true, version: 'v9' } });
    await page.screenshot({ path: shot('timeline-rollout-entry.png') });
  });
});

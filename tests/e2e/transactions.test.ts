// Transactions in the app: open the payments sample, define and inspect a flow in the
// Transactions tab, run the "2pc coordinator crash" drill, and read the outcome table and the
// sequence diagram of the instance that went in doubt.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

function payments() {
  const loaded = loadDocument(readFileSync('assets/samples/payments.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('payments does not load');
  return loaded.doc;
}

const flows = (page: Lab['page']) =>
  page.evaluate(() => window.archlabTest.store.getState().doc.transactions);

describe.skipIf(!chromiumPath)(`transactions in the app${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    await lab.page.evaluate((doc) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(doc, { name: 'payments.archlab.json', dirty: false });
    }, payments());
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('defines a flow in the Transactions tab: protocol, steps, compensations, options', async () => {
    const { page } = lab;
    await page.getByRole('tab', { name: 'Transactions' }).click();
    const tab = page.getByTestId('transactions-tab');
    await tab.getByRole('option', { name: /Place order \(2PC\)/ }).click();
    const form = tab.getByRole('form', { name: 'Flow Place order (2PC)' });
    await expect(form.getByLabel('Participant of step 2').inputValue()).resolves.toBe(
      'payments-db',
    );
    await form.getByLabel('Vote timeout').fill('1500');
    await form.getByLabel('Vote timeout').press('Enter');
    expect(
      (await flows(page)).find((f) => f.id === 'place-order-2pc')?.options?.['voteTimeoutMs'],
    ).toBe(1500);

    await tab.getByRole('button', { name: '+ Add flow' }).click();
    const added = tab.getByRole('form', { name: 'Flow Flow 3' });
    await added.getByLabel('Protocol').selectOption('saga');
    await added.getByRole('button', { name: '+ Add step' }).click();
    await added.getByLabel('Participant of step 1').selectOption('payments');
    await added.getByLabel('Compensation of step 1').fill('credit wallet');
    await added.getByLabel('Compensation of step 1').press('Enter');
    const f3 = (await flows(page)).find((f) => f.id === 'flow-3');
    expect(f3).toMatchObject({
      protocol: 'saga',
      steps: [{ participant: 'payments', action: 'debit wallet', compensation: 'credit wallet' }],
    });
    await page.screenshot({ path: shot('transactions-define.png') });
    await added.getByRole('button', { name: 'Delete flow' }).click();
    expect((await flows(page)).map((f) => f.id)).toEqual(['place-order-saga', 'place-order-2pc']);
  });

  it('runs the 2PC coordinator crash and shows the outcome table and the in-doubt instance', async () => {
    const { page } = lab;
    await page.getByLabel('Scenario').selectOption('2pc coordinator crash');
    await page.getByRole('radio', { name: 'Batch' }).click();
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('text=Finished', { timeout: 30_000 });
    await page.getByRole('tab', { name: 'Transactions' }).click();
    const table = page.getByRole('table', { name: 'Transaction outcomes' });
    const row = table.locator('tbody tr', { hasText: 'Place order (2PC)' });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Place order (2PC)', '2pc', '60', '0']);
    expect(cells[10]).toBe('1'); // went in doubt
    expect(cells[13]).toBe('conserved at every instant');
    const sagaRow = await table
      .locator('tbody tr', { hasText: 'Place order (saga)' })
      .locator('td')
      .allTextContents();
    expect(sagaRow[13]).toBe('conserved eventually');
    await expect(
      page.getByText(/Blocked: 1 instance went in doubt \(3 participants\)/).count(),
    ).resolves.toBe(1);

    const diagram = page.getByTestId('sequence-diagram');
    await expect(diagram.getAttribute('aria-label')).resolves.toBe(
      'Sequence diagram of place-order-2pc-21',
    );
    const lanes = await diagram.locator('.tx-lane-name').allTextContents();
    expect(lanes).toEqual(['checkout/tm-0', 'inventory-db', 'payments-db', 'orders-db']);
    const labels = await diagram.locator('text').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining(['ProcessCrashed', 'InDoubt', 'ProcessRecovered']),
    );
    expect(labels.some((l) => /COMMIT ×3 ✕ sender down/.test(l))).toBe(true);
    await expect(diagram.locator('.tx-lock').count()).resolves.toBe(3);
    // Give the run panel most of the window, as a user reading a diagram would.
    const sep = await page.locator('.separator.horizontal').boundingBox();
    if (sep) {
      await page.mouse.move(sep.x + sep.width / 2, sep.y + sep.height / 2);
      await page.mouse.down();
      await page.mouse.move(sep.x + sep.width / 2, 160, { steps: 8 });
      await page.mouse.up();
    }
    await page.screenshot({ path: shot('transactions-2pc-crash.png') });
    await diagram.screenshot({ path: shot('transactions-sequence.png') });
  });
});

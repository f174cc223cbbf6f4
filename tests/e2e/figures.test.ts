// Figures a user can trust, in the app: a run without SLOs is "no SLOs to judge" with the figures
// that matter, never PASSED; goodput beside the offered and failed rates; a run stopped early
// lists the faults it never reached; rates and ratios in the inspector in %.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, type ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

function webShop(): ArchDocument {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('web-shop does not load');
  return loaded.doc;
}

async function load(lab: Lab, doc: ArchDocument) {
  await lab.page.evaluate((d) => {
    const t = window.archlabTest;
    t.store.getState().loadDocument(d, { name: 'figures.archlab.json', dirty: false });
  }, doc);
}

describe.skipIf(!chromiumPath)(`figures a user can trust${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('a run without SLOs says there is nothing to judge, with error rate, worst p99, blast radius', async () => {
    const doc = webShop();
    const base = doc.scenarios[0]!;
    const outage = { atS: 0, action: 'fail-node', target: 'shop-db', params: {} };
    await load(lab, {
      ...doc,
      scenarios: [{ ...base, durationS: 20, slos: [], timeline: [outage] }],
    });
    const { page } = lab;
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]');
    const summary = (await page.getByTestId('run-summary').textContent()) ?? '';
    expect(summary).toMatch(/Offered/);
    expect(summary).toMatch(/Goodput \(ok\)/);
    expect(summary).toMatch(/Failed/);
    await page.getByRole('tab', { name: 'Verdict' }).click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    await expect(page.getByTestId('verdict-word').textContent()).resolves.toBe('NO SLOs TO JUDGE');
    const facts = (await page.getByTestId('verdict-facts').textContent()) ?? '';
    expect(facts).toMatch(
      /^No SLOs to judge\. Error rate [\d.]+ %, worst per-second p99 [\d.]+ ms, blast radius: .*shop DB/,
    );
    expect(await verdict.textContent()).not.toContain('PASSED');
    await expect(page.getByTestId('verdict-rates').textContent()).resolves.toMatch(
      /Offered [\d.]+\/s · goodput \(ok\) [\d.]+\/s · failed [\d.]+\/s/,
    );
    await page.screenshot({ path: shot('verdict-no-slos.png') });
  });

  it('a run stopped early lists the faults it never reached', async () => {
    const doc = webShop();
    const base = doc.scenarios[0]!;
    const late = { atS: 50, action: 'kill-pod', target: 'orders', params: {} };
    await load(lab, { ...doc, scenarios: [{ ...base, timeline: [late] }] });
    const { page } = lab;
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('1');
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) > 0,
    );
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('text=Stopped early');
    await page.getByRole('tab', { name: 'Verdict' }).click();
    const card = page.getByTestId('fault-verdict');
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(
      /Not reached: the run was stopped before 50 s/,
    );
    const facts = (await page.getByTestId('verdict-facts').textContent()) ?? '';
    expect(facts).toMatch(/judged on the first [\d.]+ s of 60 \(stopped early\)/);
    await page.screenshot({ path: shot('verdict-stopped-early.png') });
    await page.getByRole('radio', { name: 'Batch' }).click();
  });

  it('shows rates and ratios in %, whatever the file stores', async () => {
    const { page } = lab;
    await page.evaluate(() => window.archlabTest.store.getState().select(['catalog-cache']));
    const field = page.getByLabel('Hit ratio (%)');
    await field.waitFor();
    await expect(field.inputValue()).resolves.toBe('90');
    await page.evaluate(() => window.archlabTest.store.getState().select(['card-network']));
    await expect(page.getByLabel('Error rate (%)').inputValue()).resolves.toBe('0.2');
    await page.screenshot({ path: shot('inspector-percent.png') });
  });
});

// axe-core over the main views in both themes: the start page, the canvas with a document, the
// inspector, the run panel after a run, an open menu and a right-click menu. A serious or critical
// violation fails the test, naming the rule and the elements.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

// Evaluated through the debugging protocol: the page's CSP rightly refuses an injected <script>.
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const WEB_SHOP = readFileSync('assets/samples/web-shop.archlab.json', 'utf8');
const PAYMENTS = readFileSync('assets/samples/payments.archlab.json', 'utf8');
const THROTTLING = readFileSync('assets/samples/cpu-throttling.archlab.json', 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary: string }[];
}
interface AxeFinding extends Omit<Finding, 'nodes'> {
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical violations on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeFinding[] }> } }
    ).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => ({ target: n.target, summary: n.failureSummary ?? '' })),
    }));
  });
  return (found as Finding[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.summary.replace(/\n/g, ' ')}`).join('\n')}`,
    );
}

for (const theme of ['light', 'dark'] as const) {
  describe.skipIf(!chromiumPath)(`accessibility (axe) in the ${theme} theme${skipReason}`, () => {
    let lab: Lab;
    beforeAll(async () => {
      lab = await openLab({ startPage: true, colorScheme: theme });
    });
    afterAll(async () => {
      await lab?.close();
    });

    it('the start page', async () => {
      const { page } = lab;
      await page.getByTestId('start-page').waitFor();
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
    });

    it('the canvas with a document, and the inspector of a component', async () => {
      const { page } = lab;
      const found: string[] = [];
      await page.keyboard.press('Escape');
      await page.evaluate(
        (text) => window.archlabTest.loadText(text, { name: 'web-shop.archlab.json' }),
        WEB_SHOP,
      );
      await page.waitForFunction(
        () => document.querySelectorAll('.react-flow__node-arch').length === 12,
      );
      await page.waitForTimeout(400);
      found.push(...(await violations(page)));
      await page.locator('.react-flow__node[data-id="orders"]').click();
      await page.waitForTimeout(200);
      found.push(...(await violations(page)));
      expect(found).toEqual([]);
    });

    it('the run panel after a run', async () => {
      const { page } = lab;
      await page.locator('.run-controls .tool.primary').click();
      await page.waitForSelector('[data-testid="run-summary"]');
      await page.waitForTimeout(300);
      await page.screenshot({ path: shot(`a11y-run-${theme}.png`) });
      expect(await violations(page)).toEqual([]);
    });

    it('the transactions tab', async () => {
      const { page } = lab;
      await page.evaluate(
        (text) => window.archlabTest.loadText(text, { name: 'payments.archlab.json' }),
        PAYMENTS,
      );
      await page.getByRole('tab', { name: 'Transactions' }).click();
      await page.getByRole('button', { name: 'Delete flow' }).first().waitFor();
      await page.screenshot({ path: shot(`a11y-transactions-${theme}.png`) });
      expect(await violations(page)).toEqual([]);
    });

    it('an open menu and a right-click menu', async () => {
      const { page } = lab;
      const found: string[] = [];
      await page.getByRole('menuitem', { name: 'Edit' }).click();
      await page.getByRole('menu', { name: 'Edit' }).waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Escape');
      // The payments sample is open (the Transactions test): its orchestrator.
      await page.locator('.react-flow__node[data-id="checkout"]').click({ button: 'right' });
      await page.getByRole('menu', { name: 'Component' }).waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
    });

    it('the pods’ CPU after a run, and the inspector of a sticky note', async () => {
      const { page } = lab;
      const found: string[] = [];
      await page.evaluate(
        (text) => window.archlabTest.loadText(text, { name: 'cpu-throttling.archlab.json' }),
        THROTTLING,
      );
      await page.getByRole('tab', { name: /^Summary/ }).click();
      await page.locator('.run-controls .tool.primary').click();
      await page.getByRole('table', { name: 'Inside the pods' }).waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Control+k');
      await page.keyboard.type('Add Sticky Note');
      await page.keyboard.press('Enter');
      await page.getByRole('group', { name: 'Colour' }).waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
    });

    it('the help sheets', async () => {
      const { page } = lab;
      const found: string[] = [];
      await page.keyboard.press('Control+/');
      await page.getByTestId('shortcuts').waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.getByTestId('doc-body').locator('h2').first().waitFor();
      found.push(...(await violations(page)));
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
    });
  });
}

// The Transactions tab at a small window: the sequence diagram's labels overlap no arrow and no
// other label, and the outcome table scrolls instead of being cut, with its two "inconsistent"
// figures named apart.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

function payments() {
  const loaded = loadDocument(readFileSync('assets/samples/payments.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('payments does not load');
  return loaded.doc;
}

describe.skipIf(!chromiumPath)(`the Transactions tab at 1024×700${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ viewport: { width: 1024, height: 700 } });
    const { page } = lab;
    await page.waitForFunction(() => 'archlabTest' in window);
    await page.evaluate((doc) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(doc, { name: 'payments.archlab.json', dirty: false });
    }, payments());
    await page.getByLabel('Scenario').selectOption('2pc coordinator crash');
    await page.getByRole('radio', { name: 'Batch' }).click();
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('text=Finished', { timeout: 30_000 });
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.waitForSelector('[data-testid="sequence-diagram"]');
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('lays out the sequence diagram so no label overlaps an arrow or another label', async () => {
    const { page } = lab;
    const clashes = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="sequence-diagram"]')!;
      const boxes = Array.from(
        svg.querySelectorAll<SVGTextElement>('.tx-msg text, .tx-event text'),
      ).map((t) => ({ text: t.textContent ?? '', b: t.getBBox() }));
      const arrows = Array.from(svg.querySelectorAll<SVGLineElement>('.tx-msg line')).map((l) => ({
        x1: l.x1.baseVal.value,
        y1: l.y1.baseVal.value,
        x2: l.x2.baseVal.value,
        y2: l.y2.baseVal.value,
        own: l.parentElement?.querySelector('text')?.textContent ?? '',
      }));
      const hit = (a: DOMRect, b: DOMRect) =>
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      const crosses = (b: DOMRect, s: { x1: number; y1: number; x2: number; y2: number }) => {
        for (let i = 0; i <= 40; i++) {
          const x = s.x1 + ((s.x2 - s.x1) * i) / 40;
          const y = s.y1 + ((s.y2 - s.y1) * i) / 40;
          if (x > b.x + 1 && x < b.x + b.width - 1 && y > b.y + 1 && y < b.y + b.height - 1)
            return true;
        }
        return false;
      };
      const out: string[] = [];
      boxes.forEach((a, i) => {
        boxes.slice(i + 1).forEach((c) => {
          if (hit(a.b, c.b)) out.push(`"${a.text}" over "${c.text}"`);
        });
        for (const s of arrows)
          if (s.own !== a.text && crosses(a.b, s)) out.push(`"${a.text}" over the ${s.own} arrow`);
      });
      return out;
    });
    await page.getByTestId('sequence-diagram').screenshot({ path: shot('tx-sequence-1024.png') });
    expect(clashes).toEqual([]);
  });

  it('lets the outcome table scroll rather than cutting it, and names its two inconsistent figures apart', async () => {
    const { page } = lab;
    const table = page.getByRole('table', { name: 'Transaction outcomes' });
    const heads = await table.locator('thead th').allTextContents();
    // Every column has a name of its own, and the two that were both "Inconsistent" say what
    // they count in a tooltip: instances, and a time.
    expect(new Set(heads).size).toBe(heads.length);
    const count = await table
      .locator('thead th', { hasText: 'Ended inconsistent' })
      .getAttribute('title');
    expect(count).toMatch(/count of instances/);
    const time = await table
      .locator('thead th', { hasText: 'Total off for' })
      .getAttribute('title');
    expect(time).toMatch(/a duration/);
    // The last column can be reached: the table sits in a box that scrolls sideways.
    const last = table.locator('thead th').last();
    await last.scrollIntoViewIfNeeded();
    const cell = (await last.boundingBox())!;
    expect(cell.x + cell.width).toBeLessThanOrEqual(1024);
    expect(cell.x).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: shot('tx-table-1024.png') });
  });
});

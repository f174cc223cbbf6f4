// The text a user reads on the canvas: names (not ids) everywhere after a rename, what each
// figure is on hover, names that wrap between words, and notes on the canvas — in both themes
// and in a 1024×700 window.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, type ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

function webShop(): ArchDocument {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('web-shop does not load');
  const doc = loaded.doc;
  // A user renamed `orders` and `catalog`; their ids stay what they were.
  const nodes = doc.nodes.map((n) =>
    n.id === 'orders'
      ? { ...n, label: 'Order Service (EU)' }
      : n.id === 'catalog'
        ? { ...n, label: 'checkout (orchestrator) service' }
        : n,
  );
  const base = doc.scenarios[0]!;
  return { ...doc, nodes, scenarios: [{ ...base, durationS: 8, warmupS: 1 }] };
}

async function load(lab: Lab, doc: ArchDocument) {
  await lab.page.evaluate((d) => {
    window.archlabTest.store
      .getState()
      .loadDocument(d, { name: 'text.archlab.json', dirty: false });
  }, doc);
}

async function command(lab: Lab, label: string) {
  await lab.page.keyboard.press('Control+k');
  await lab.page.getByPlaceholder('Type a command…').fill(label);
  await lab.page.keyboard.press('Enter');
}

for (const theme of ['light', 'dark'] as const) {
  describe.skipIf(!chromiumPath)(`names, figures and notes (${theme})${skipReason}`, () => {
    let lab: Lab;
    beforeAll(async () => {
      lab = await openLab({ colorScheme: theme, viewport: { width: 1024, height: 700 } });
      await lab.page.waitForFunction(() => 'archlabTest' in window);
      await load(lab, webShop());
    });
    afterAll(async () => {
      await lab?.close();
    });

    it('breaks a long name between words only, with the whole name on hover', async () => {
      const label = lab.page.locator('[data-node-id="catalog"] .arch-node-label');
      await expect(label.getAttribute('title')).resolves.toBe('checkout (orchestrator) service');
      // Every word of the name sits on one line box: none is split across two lines.
      const split = await label.evaluate((el) => {
        const text = el.firstChild;
        if (!text) return ['no text'];
        const out: string[] = [];
        const re = /\S+/g;
        for (let m = re.exec(text.textContent ?? ''); m; m = re.exec(text.textContent ?? '')) {
          const r = document.createRange();
          r.setStart(text, m.index);
          r.setEnd(text, m.index + m[0].length);
          const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
          if (tops.size > 1) out.push(m[0]);
        }
        return out;
      });
      expect(split).toEqual([]);
      const style = await label.evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.overflowWrap, s.wordBreak, s.hyphens, s.textOverflow];
      });
      expect(style).toEqual(['normal', 'normal', 'manual', 'clip']);
    });

    it('names nodes by their names in the summary, the inspector and the pods after a run', async () => {
      const { page } = lab;
      await page.locator('.run-controls .tool.primary').click();
      await page.waitForSelector('[data-testid="run-summary"]', { timeout: 60_000 });
      const rows = await page.locator('.node-table tbody tr td:first-child').allTextContents();
      expect(rows).toContain('Order Service (EU)');
      expect(rows).not.toContain('orders');
      // Pods are named after the name, as Kubernetes would: lower-case, DNS-safe.
      const pods = await page.evaluate(() => {
        const last = window.archlabTest.store.getState().runs[0];
        return last?.result.nodes['orders']?.pods?.map((p) => p.name) ?? [];
      });
      expect(pods.length).toBeGreaterThan(0);
      for (const p of pods) expect(p).toMatch(/^order-service-eu-[a-z0-9]{10}-[a-z0-9]{5}$/);
      await page.evaluate(() =>
        window.archlabTest.store.getState().select([], ['e-gateway-orders']),
      );
      await expect(page.locator('.inspector-kind').first().textContent()).resolves.toBe(
        'Call API gateway → Order Service (EU)',
      );
      await page.screenshot({ path: shot(`canvas-text-names-${theme}-1024.png`) });
    });

    it('says on hover what each figure is: the last second on a badge, the whole run in the summary', async () => {
      const { page } = lab;
      const p99 = page.locator('.figures .figure', { hasText: 'p99' });
      await expect(p99.getAttribute('title')).resolves.toMatch(/whole run after warm-up/);
      const heads = await page
        .locator('.node-table th')
        .evaluateAll((ths) => ths.map((th) => th.getAttribute('title') ?? ''));
      expect(heads.every((t) => t.length > 20)).toBe(true);
      expect(heads.join(' ')).toMatch(/waits on downstream calls/);
      const badge = page.locator('[data-testid="live-orders"]');
      await expect(badge.getAttribute('title')).resolves.toMatch(/last simulated second only/);
      // At any zoom the badge stays inside its card (an exported picture would cut what sticks out).
      for (const zoom of [1, 0.4]) {
        await page.evaluate((z) => {
          const rf = window.archlabTest.flow();
          rf?.setCenter(300, 350, { zoom: z });
        }, zoom);
        await page.waitForTimeout(100);
        for (const id of ['shoppers', 'gateway', 'orders']) {
          const card = (await page.locator(`[data-node-id="${id}"]`).boundingBox())!;
          const live = (await page.locator(`[data-testid="live-${id}"]`).boundingBox())!;
          expect(live.x + live.width, `${id} at ${zoom}`).toBeLessThanOrEqual(card.x + card.width);
        }
        await page.screenshot({ path: shot(`canvas-text-badges-${theme}-zoom${zoom}.png`) });
      }
    });

    it('adds a sticky note, edits it in place, moves it, and undoes the edit', async () => {
      const { page } = lab;
      await page.evaluate(() => window.archlabTest.store.getState().select([]));
      await command(lab, 'Add Sticky Note');
      const note = page.locator('.note.note-sticky');
      await note.waitFor();
      await note.dblclick();
      await page.getByLabel('Note text').fill('Raise orders to 4 replicas before the sale');
      await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
      const text = () =>
        page.evaluate(() => window.archlabTest.store.getState().doc.notes?.[0]?.text ?? null);
      await expect(text()).resolves.toBe('Raise orders to 4 replicas before the sale');
      const before = await page.evaluate(
        () => window.archlabTest.store.getState().doc.notes?.[0]?.position,
      );
      const box = (await note.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
      await page.mouse.up();
      const after = await page.evaluate(
        () => window.archlabTest.store.getState().doc.notes?.[0]?.position,
      );
      expect(after!.x).toBeGreaterThan(before!.x + 20);
      await page.screenshot({ path: shot(`canvas-text-note-${theme}-1024.png`) });
      await page.keyboard.press('Control+z'); // the move
      await page.keyboard.press('Control+z'); // the text
      await expect(text()).resolves.toBe('');
      await command(lab, 'Add Text');
      await page.locator('.note.note-text').waitFor();
      const kinds = await page.evaluate(() =>
        (window.archlabTest.store.getState().doc.notes ?? []).map((n) => n.kind),
      );
      expect(kinds).toEqual(['sticky', 'text']);
    });

    it('colours a sticky note from its right-click menu and from the inspector, undoably', async () => {
      const { page } = lab;
      const note = page.locator('.note.note-sticky');
      const colour = () =>
        page.evaluate(() => window.archlabTest.store.getState().doc.notes?.[0]?.color ?? null);
      // Its corner: the free text added last sits over its middle.
      await note.click({ button: 'right', position: { x: 12, y: 12 } });
      const menu = page.locator('.context-menu[data-target="note"]');
      await menu.getByRole('menuitem', { name: 'Note Colour: Blue' }).click();
      await expect(colour()).resolves.toBe('blue');
      await expect(note.getAttribute('class')).resolves.toMatch(/note-blue/);
      // The inspector shows the note, not the document, with its colour checked.
      const inspector = page.getByLabel('Inspector');
      await expect(inspector.locator('.inspector-kind').textContent()).resolves.toBe('Sticky note');
      await expect(inspector.getByLabel('Blue').isChecked()).resolves.toBe(true);
      await inspector.getByLabel('Pink').check();
      await expect(colour()).resolves.toBe('pink');
      await page.screenshot({ path: shot(`canvas-text-note-colour-${theme}.png`) });
      await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
      await page.keyboard.press('Control+z');
      await expect(colour()).resolves.toBe('blue');
    });
  });
}

// Opening a file parses it in a worker: while a large hostile picture is read, the page keeps
// answering and drawing, and at the end a clear error names the file; a picture ArchLab exported
// still opens as its document.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSvg } from '../../shared/io/svg';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

describe.skipIf(!chromiumPath)(`opening a file off the UI thread${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({
      init: () => {
        // Drive the file-input fallback, which headless Chromium can answer.
        delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
      },
    });
    await lab.page.waitForFunction(() => 'archlabTest' in window);
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function choose(name: string, mimeType: string, buffer: Buffer) {
    const { page } = lab;
    await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    await (await chooser).setFiles({ name, mimeType, buffer });
  }

  it('keeps answering while a 40 MB hostile picture is parsed, then names what is wrong', async () => {
    const { page } = lab;
    const before = await page.title();
    // The attack on the metadata search: millions of unclosed `<metadata ` tags.
    const hostile = Buffer.from('<svg>' + '<metadata '.repeat(4_000_000));
    await choose('hostile.svg', 'image/svg+xml', hostile);
    const dialog = page.getByRole('alertdialog');
    // While the parse runs ("Opening …" shows), the page answers a frame at a time.
    await page.locator('.toast', { hasText: 'Opening hostile.svg' }).waitFor();
    const gaps: number[] = [];
    while (!(await dialog.isVisible())) {
      const t0 = Date.now();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
      gaps.push(Date.now() - t0);
    }
    console.log(
      `main thread answered ${gaps.length} times while parsing; slowest ${Math.max(...gaps)} ms`,
    );
    expect(gaps.length).toBeGreaterThan(3);
    expect(Math.max(...gaps)).toBeLessThan(500);
    const text = await dialog.innerText();
    expect(text).toContain('Could not open hostile.svg');
    expect(text).toContain('has no ArchLab document in it');
    await page.screenshot({ path: shot('open-hostile-svg.png') });
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await page.title()).toBe(before);
  });

  it('opens a picture ArchLab exported as its document', async () => {
    const { page } = lab;
    const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
    if (!loaded.ok) throw new Error('web-shop does not load');
    await choose('shop.svg', 'image/svg+xml', Buffer.from(toSvg(loaded.doc)));
    // Opened from a picture: an unsaved document named for a document file, never the picture.
    await page.waitForFunction(() => document.title.startsWith('• shop.archlab.json'));
    await page.waitForTimeout(500);
    await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(
      loaded.doc.nodes.length,
    );
    await page.screenshot({ path: shot('open-exported-svg.png') });
  });
});

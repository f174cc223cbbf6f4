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
    // The page notes every frame it draws, and whether "Opening …" was showing then.
    await page.evaluate(() => {
      const frames: { t: number; opening: boolean }[] = [];
      (window as unknown as { frames_: typeof frames }).frames_ = frames;
      const tick = (t: number) => {
        const toast = document.querySelector('.toast')?.textContent ?? '';
        frames.push({ t, opening: toast.includes('Opening hostile.svg') });
        if (!document.querySelector('[role="alertdialog"]')) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await choose('hostile.svg', 'image/svg+xml', hostile);
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 60_000 });
    const frames = await page.evaluate(
      () => (window as unknown as { frames_: { t: number; opening: boolean }[] }).frames_,
    );
    const opening = frames.filter((f) => f.opening).length;
    // From the first frame showing "Opening …" to the error: the parse (choosing the file and
    // handing the browser 40 MB pauses frames before that, which is not the app's doing).
    const during = frames.slice(frames.findIndex((f) => f.opening));
    const slowest = Math.max(...during.slice(1).map((f, i) => f.t - (during[i]?.t ?? f.t)));
    console.log(
      `${opening} frames drawn while parsing; slowest frame gap ${Math.round(slowest)} ms`,
    );
    // Parsed on the page, no frame would show "Opening …" and the gap would be the whole parse.
    expect(opening).toBeGreaterThan(3);
    expect(slowest).toBeLessThan(1000);
    const text = await dialog.innerText();
    expect(text).toContain('Could not open hostile.svg');
    expect(text).toContain('has no ArchLab document in it');
    await expect(page.locator('.toast', { hasText: 'Opening' }).count()).resolves.toBe(0);
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

// File > Export from the app, checked as files: PNG (2× dimensions, the document in a tEXt chunk
// that opens again), SVG (parses, every node label), Mermaid (mermaid's own parser), draw.io (every
// node) and the HTML report of the last run (opened offline: verdict and charts).
import { readFileSync, writeFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPng, pngSize } from '../../shared/io/png';
import { fromSvg } from '../../shared/io/svg';
import { loadDocument, type ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

function webShop(): ArchDocument {
  const loaded = loadDocument(readFileSync('assets/samples/web-shop.archlab.json', 'utf8'));
  if (!loaded.ok) throw new Error('web-shop does not load');
  return loaded.doc;
}
const labels = (doc: ArchDocument) => doc.nodes.map((n) => n.label ?? n.id);

describe.skipIf(!chromiumPath)(`File > Export${skipReason}`, () => {
  let lab: Lab;
  const doc = webShop();
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    await lab.page.evaluate((d) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(d, { name: 'web-shop.archlab.json', dirty: false });
    }, doc);
    await lab.page.waitForTimeout(400);
  });
  afterAll(async () => {
    await lab?.close();
  });

  /** Run a command from the palette and return the downloaded file's bytes. */
  async function download(label: string, then?: () => Promise<void>): Promise<Buffer> {
    const { page } = lab;
    const waiting = page.waitForEvent('download');
    await page.keyboard.press('Control+k');
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
    if (then) await then();
    const d = await waiting;
    const path = await d.path();
    return readFileSync(path);
  }

  it('exports a PNG at 2× with the document embedded, and it opens again', async () => {
    const { page } = lab;
    const bounds = await page.evaluate(() => {
      const rf = window.archlabTest.flow();
      return rf ? rf.getNodesBounds(rf.getNodes()) : null;
    });
    if (!bounds) throw new Error('no canvas');
    const bytes = await download('Export as PNG', async () => {
      const dialog = page.getByRole('dialog', { name: 'Export picture' });
      await dialog.getByRole('radio', { name: '2×' }).click();
      await dialog.getByRole('button', { name: 'Export' }).click();
    });
    writeFileSync(shot('export-light-2x.png'), bytes);
    const size = pngSize(new Uint8Array(bytes));
    expect(size.width).toBe(Math.ceil(bounds.width + 48) * 2);
    expect(size.height).toBe(Math.ceil(bounds.height + 48) * 2);
    const opened = fromPng(new Uint8Array(bytes));
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(opened.doc).toEqual(doc);
  });

  it('exports a dark, transparent PNG', async () => {
    const { page } = lab;
    const bytes = await download('Export as PNG', async () => {
      const dialog = page.getByRole('dialog', { name: 'Export picture' });
      await dialog.getByRole('radio', { name: 'Dark' }).click();
      await dialog.getByRole('radio', { name: '1×' }).click();
      await dialog.getByLabel('Transparent background').check();
      await dialog.getByRole('button', { name: 'Export' }).click();
    });
    writeFileSync(shot('export-dark-1x.png'), bytes);
    expect(pngSize(new Uint8Array(bytes)).width).toBeGreaterThan(400);
  });

  it('exports an SVG that parses, has every node label, and opens again', async () => {
    const { page } = lab;
    const bytes = await download('Export as SVG', async () => {
      await page
        .getByRole('dialog', { name: 'Export picture' })
        .getByRole('button', { name: 'Export' })
        .click();
    });
    const text = bytes.toString('utf8');
    const parsed = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
    expect(parsed.querySelector('parsererror')).toBeNull();
    const all = parsed.documentElement.textContent ?? '';
    for (const label of labels(doc)) expect(all).toContain(label);
    const opened = fromSvg(text);
    expect(opened.ok && opened.doc.nodes.length).toBe(doc.nodes.length);
  });

  it('exports Mermaid that mermaid parses, with every node', async () => {
    const text = (await download('Export as Mermaid')).toString('utf8');
    const dom = new JSDOM('<!DOCTYPE html><body></body>');
    const g = globalThis as Record<string, unknown>;
    g['window'] = dom.window;
    g['document'] = dom.window.document;
    const mermaid = (await import('mermaid')).default;
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = (
      diagram.db as unknown as { getVertices(): Map<string, { text: string }> }
    ).getVertices();
    const texts = [...vertices.values()].map((v) => v.text).join('\n');
    for (const label of labels(doc)) expect(texts).toContain(label);
  });

  it('exports draw.io XML with every node', async () => {
    const text = (await download('Export as draw.io')).toString('utf8');
    const xml = new JSDOM(text, { contentType: 'text/xml' }).window.document;
    expect(xml.querySelector('parsererror')).toBeNull();
    const values = Array.from(xml.querySelectorAll('mxCell[vertex="1"]')).map(
      (c) => c.getAttribute('value') ?? '',
    );
    for (const label of labels(doc)) expect(values.join('\n')).toContain(label);
  });

  it('exports the HTML report of the last run, which shows the verdict and charts offline', async () => {
    const { page } = lab;
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]');
    const html = (await download('Export Run Report')).toString('utf8');
    const file = shot('export-report.html');
    writeFileSync(file, html);
    const offline = await lab.browser.newContext({ offline: true });
    const view = await offline.newPage();
    const requests: string[] = [];
    view.on('request', (r) => requests.push(r.url()));
    await view.goto(`file://${file}`);
    const body = (await view.textContent('body')) ?? '';
    expect(body).toMatch(/PASSED|FAILED/);
    await expect(view.locator('svg').count()).resolves.toBeGreaterThan(2);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await view.screenshot({ path: shot('export-report.png'), fullPage: false });
    await offline.close();
  });
});

// The HTML report of a drill opened offline in Chromium: the verdict and charts render with every
// request but the file itself aborted. Then the same report printed to PDF (electron/node/pdf.ts),
// and its first page rendered with pdftoppm for a look (test-results/report-pdf-1.png).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToPdf } from '../../electron/node/pdf';
import { runToEnd } from '../../shared/engine';
import { reportHtml } from '../../shared/io/report';
import { loadDocument } from '../../shared/model';
import { RESULTS_DIR, chromiumPath, shot, skipReason } from './harness';

const loaded = loadDocument(readFileSync('tests/fixtures/io/drill.archlab.json', 'utf8'));
if (!loaded.ok) throw new Error('the drill fixture does not load');
const doc = loaded.doc;
const result = runToEnd(doc, { scenario: 'payments slow' });
const html = reportHtml({ doc, result });
const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;
const pdftoppmSkip = hasPdftoppm
  ? ''
  : ' (skipped: pdftoppm not found; apt-get install -y poppler-utils)';

describe.skipIf(!chromiumPath)(`the HTML report in Chromium, offline${skipReason}`, () => {
  let browser: Browser;
  const file = shot('report.html');
  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(file, html);
    browser = await chromium.launch({
      executablePath: chromiumPath as string,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdict and every chart with a real size, asking the network for nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(file).href;
    const asked: string[] = [];
    await context.route('**', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      asked.push(u);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url);
    await expect
      .poll(() => page.locator('.verdict-line').innerText())
      .toMatch(/FAILED\s+4 of 4 SLOs broken/);
    const charts = page.locator('figure.chart svg');
    expect(await charts.count()).toBe(result.slos.length + 1);
    for (const svg of await charts.all()) {
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(100);
    }
    const diagram = await page.locator('section.diagram svg').boundingBox();
    expect(diagram?.width).toBeGreaterThan(300);
    expect(await page.locator('figure.slo-chart .fault-window rect').count()).toBe(
      2 * result.slos.length,
    );
    // The hostile label is on screen as text, and nothing ran.
    expect(await page.locator('section.nodes').innerText()).toContain(
      '<script>alert("x")</script> catalog',
    );
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: shot('report.png'), fullPage: true });
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!chromiumPath)(`the report as PDF${skipReason}`, () => {
  const pdf = shot('report.pdf');
  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    await htmlToPdf(html, pdf);
  });

  it('is a PDF of several A4 pages', () => {
    const bytes = readFileSync(pdf);
    const text = bytes.toString('latin1');
    expect(text.slice(0, 5)).toBe('%PDF-');
    // Chromium writes one page object per page (`/Type /Page`, not `/Pages`), each with its own
    // MediaBox: A4 is 595.28 × 841.89 pt.
    const pages = text.match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes).toHaveLength(pages.length);
    for (const [, w, h] of boxes) {
      expect(Number(w)).toBeCloseTo(595.28, 0);
      expect(Number(h)).toBeCloseTo(841.89, 0);
    }
  });

  it.skipIf(!hasPdftoppm)(`renders its first page with pdftoppm${pdftoppmSkip}`, () => {
    const prefix = shot('report-pdf');
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      prefix,
    ]);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 60 dpi A4: about 496 × 702 pixels.
    expect(png.readUInt32BE(16)).toBeGreaterThan(480);
    expect(png.readUInt32BE(20)).toBeGreaterThan(680);
    expect(existsSync(`${prefix}.png`)).toBe(true);
  });
});

// File › Import Traces in the browser: a Jaeger export calibrates into a new document, the
// report shows its figures, the inspector marks calibrated fields, and the document runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';
import { generate, otlpRequest, type GenSpan } from '../fixtures/traces/gen';

const jaeger = readFileSync(join(__dirname, '../fixtures/traces/jaeger-shop.json'));

/** OTLP NDJSON of `traces` generated traces, 200 traces a line (about 2.4 KB a trace). */
function otlpNdjson(traces: number): Buffer {
  const lines: string[] = [];
  let batch: GenSpan[][] = [];
  for (const t of generate({ traces })) {
    batch.push(t);
    if (batch.length === 200) {
      lines.push(otlpRequest(batch));
      batch = [];
    }
  }
  if (batch.length > 0) lines.push(otlpRequest(batch));
  return Buffer.from(lines.join('\n'));
}

async function command(lab: Lab, text: string) {
  await lab.page.keyboard.press('Control+k');
  await lab.page.waitForSelector('[cmdk-input]');
  await lab.page.keyboard.type(text);
  await lab.page.keyboard.press('Enter');
}

/** File › Import Traces with this file chosen (past an unsaved-changes prompt, if one comes). */
async function importTraceFile(lab: Lab, name: string, mimeType: string, buffer: Buffer) {
  const chooser = lab.page.waitForEvent('filechooser');
  await command(lab, 'Import Traces');
  const prompt = lab.page.getByRole('button', { name: 'Don’t Save' });
  if (await prompt.isVisible().catch(() => false)) await prompt.click();
  await (await chooser).setFiles({ name, mimeType, buffer });
}

describe.skipIf(!chromiumPath)(`trace import in the browser${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({
      colorScheme: 'light',
      init: () => {
        // Which workers the page starts, to see where the calibration ran.
        const started: string[] = [];
        (window as unknown as { startedWorkers: string[] }).startedWorkers = started;
        const Real = window.Worker;
        window.Worker = class extends Real {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            started.push(String(url));
          }
        };
      },
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('imports a Jaeger export: the report, the drawn services, the marks, and a run', async () => {
    const { page } = lab;
    const chooser = page.waitForEvent('filechooser');
    await command(lab, 'Import Traces');
    await (
      await chooser
    ).setFiles({
      name: 'jaeger-shop.json',
      mimeType: 'application/json',
      buffer: jaeger,
    });
    const dialog = page.locator('[role=dialog][aria-label="Calibration report"]');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('384 spans in 40 traces');
    expect(text).toMatch(/frontend → ads\s*\d+\.\d %\s*1\s*parallel/);
    expect(text).toMatch(/frontend → checkout\s*100\.0 %\s*2\s*sequential/);
    await page.screenshot({ path: shot('traces-report.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 6);
    const doc = await page.evaluate(() => window.archlabTest.store.getState().doc);
    expect(doc.nodes.map((n) => n.label).sort()).toEqual([
      'ads',
      'cart',
      'checkout',
      'frontend',
      'frontend clients',
      'orders-db',
    ]);
    // The inspector says where a calibrated field came from.
    const checkout = doc.nodes.find((n) => n.label === 'checkout');
    await page.evaluate(
      (id) => window.archlabTest.store.getState().select([id]),
      checkout?.id ?? '',
    );
    const note = page.locator('[data-calibrated="serviceTime"]');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/^from traces, [\d,]+ spans, 2026-05-28$/);
    await page.screenshot({ path: shot('traces-inspector.png') });
    // And it runs.
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]', { timeout: 60_000 });
    await expect(page.getByTestId('run-status').textContent()).resolves.toContain('Finished');
    await page.screenshot({ path: shot('traces-run.png') });
  });

  it('calibrates a large export in a worker while the page keeps drawing', async () => {
    const { page } = lab;
    const big = otlpNdjson(12_000);
    // Frames the page draws from the file's choice to the report.
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; counting: boolean };
      w.frames_ = [];
      w.counting = true;
      const tick = (t: number) => {
        w.frames_.push(t);
        if (w.counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await importTraceFile(lab, 'big.ndjson', 'application/x-ndjson', big);
    // Where the reading is, while it goes.
    await expect(page.getByTestId('trace-progress').innerText()).resolves.toMatch(
      /^Reading big\.ndjson: .* of 2\d MB/,
    );
    await page.screenshot({ path: shot('traces-progress.png') });
    const dialog = page.locator('[role=dialog][aria-label="Calibration report"]');
    await dialog.waitFor({ timeout: 60_000 });
    const { frames, workers } = await page.evaluate(() => {
      const w = window as unknown as {
        frames_: number[];
        counting: boolean;
        startedWorkers: string[];
      };
      w.counting = false;
      return { frames: w.frames_, workers: w.startedWorkers };
    });
    expect(workers.some((u) => /traceImport\.worker/.test(u))).toBe(true);
    expect(frames.length).toBeGreaterThanOrEqual(10);
    await expect(dialog.textContent()).resolves.toMatch(/spans in 12,000 traces/);
    await dialog.getByRole('button', { name: 'OK' }).click();
  });

  it('cancels a large import halfway, and nothing changes', async () => {
    const { page } = lab;
    const before = await page.evaluate(() => window.archlabTest.store.getState().doc);
    await importTraceFile(lab, 'big.ndjson', 'application/x-ndjson', otlpNdjson(12_000));
    const progress = page.getByTestId('trace-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('toast').innerText()).resolves.toBe(
      'Import cancelled: nothing changed.',
    );
    await expect(progress.count()).resolves.toBe(0);
    const after = await page.evaluate(() => window.archlabTest.store.getState().doc);
    expect(after).toEqual(before);
  });

  it('a truncated trace file is refused with where it ends, and nothing changes', async () => {
    const { page } = lab;
    const before = await page.evaluate(() => window.archlabTest.store.getState().doc.nodes.length);
    await importTraceFile(lab, 'cut.json', 'application/json', jaeger.subarray(0, 20_000));
    const alert = page.locator('[role=alertdialog]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('the JSON ends early');
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(
      page.evaluate(() => window.archlabTest.store.getState().doc.nodes.length),
    ).resolves.toBe(before);
  });
});

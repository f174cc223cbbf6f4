// Call patterns in the app: a document with parallel, repeated and partial calls opened in the
// editor shows the edge's new fields in the inspector and on its label, runs, and File › Export
// Run Traces (OpenTelemetry JSON) downloads its traces as OTLP JSON with the parallel calls in it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDoc } from '../fixtures/build';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const doc = buildDoc('Fan-out shop')
  .client('users', { rps: 50 })
  .service('frontend', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 2 } })
  .service('ads', { replicas: 1 })
  .service('catalog', { replicas: 2 })
  .service('recommend', { replicas: 1 })
  .call('users', 'frontend')
  .call('frontend', 'ads', { mode: 'parallel', probability: 0.1, optional: true })
  .call('frontend', 'catalog', { mode: 'parallel', calls: 2 })
  .call('frontend', 'recommend', { mode: 'parallel' })
  .scenario({ durationS: 20 }).doc;
// Laid out as a fan: the caller on the left, its three callees in a column.
const at: Record<string, { x: number; y: number }> = {
  users: { x: 0, y: 160 },
  frontend: { x: 320, y: 160 },
  ads: { x: 680, y: 0 },
  catalog: { x: 680, y: 160 },
  recommend: { x: 680, y: 320 },
};
for (const n of doc.nodes) n.position = at[n.id] ?? n.position;

describe.skipIf(!chromiumPath)(`call patterns in the app${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    await lab.page.evaluate((d) => {
      window.archlabTest.store.getState().loadDocument(d, { name: 'fan-out.archlab.json' });
    }, doc);
    await lab.page.waitForTimeout(400);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows probability, calls, mode and optional in the inspector and on the edge', async () => {
    const { page } = lab;
    await page.evaluate(() => window.archlabTest.store.getState().select([], ['frontend-ads']));
    await page.getByLabel('Probability').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('call-patterns-inspector.png') });
    await expect(page.getByLabel('Probability').inputValue()).resolves.toBe('10');
    await expect(page.getByLabel('Calls per request').inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('Mode', { exact: true }).inputValue()).resolves.toBe('parallel');
    await expect(page.getByLabel('Optional').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('edge-label-frontend-ads').innerText()).resolves.toContain(
      'parallel · 10 % of requests · optional',
    );
    // An edit through the inspector reaches the document.
    const calls = page.getByLabel('Calls per request');
    await calls.fill('3');
    await calls.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() => {
          const e = window.archlabTest.store
            .getState()
            .doc.edges.find((x) => x.id === 'frontend-ads');
          return e?.kind === 'call' ? e.props.calls : null;
        }),
      )
      .toBe(3);
  });

  it('runs, and exports the run traces as OTLP JSON with parallel client spans', async () => {
    const { page } = lab;
    await page.locator('.run-controls .tool.primary').click();
    await page.waitForSelector('[data-testid="run-summary"]', { timeout: 60_000 });
    const waiting = page.waitForEvent('download');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Export Run Traces');
    await page.keyboard.press('Enter');
    const d = await waiting;
    expect(d.suggestedFilename()).toBe('Fan-out shop.traces.json');
    const otlp = JSON.parse(readFileSync((await d.path()) as string, 'utf8')) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: {
          spans: { kind: number; attributes: { key: string; value: { stringValue?: string } }[] }[];
        }[];
      }[];
    };
    const services = otlp.resourceSpans.map(
      (rs) => rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
    );
    // ads takes 10 % of the requests: the few sampled traces may not reach it.
    expect(services).toEqual(expect.arrayContaining(['users', 'frontend', 'catalog', 'recommend']));
    const modes = otlp.resourceSpans
      .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))
      .filter((s) => s.kind === 3)
      .map((s) => s.attributes.find((a) => a.key === 'archlab.call.mode')?.value.stringValue);
    expect(modes).toContain('parallel');
    expect(modes).toContain('sequential');
  });
});

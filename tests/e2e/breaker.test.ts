// An edge's circuit breaker on the canvas: a live run of a small document whose callee always
// fails behind an edge with a Resilience4j breaker (window 5, minimumNumberOfCalls 5, 50 %): after
// 5 failed calls it opens, and the edge shows the OPEN badge (renderer/src/canvas/ArchEdge.tsx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const doc = {
  format: 'archlab',
  version: 1,
  name: 'breaker',
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, props: { rps: 20 } },
    {
      id: 'api',
      kind: 'service',
      position: { x: 320, y: 0 },
      props: { replicas: 2, errorRate: 1 },
    },
  ],
  edges: [
    {
      id: 'users-api',
      from: 'users',
      to: 'api',
      kind: 'call',
      props: {
        circuitBreaker: {
          slidingWindowType: 'COUNT_BASED',
          slidingWindowSize: 5,
          minimumNumberOfCalls: 5,
          failureRateThreshold: 50,
          waitDurationInOpenStateMs: 600_000,
        },
      },
    },
  ],
  scenarios: [{ name: 'failing', durationS: 60, seed: 1 }],
};

describe.skipIf(!chromiumPath)(`circuit breaker badge on an edge${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    const loaded = loadDocument(JSON.stringify(doc));
    if (!loaded.ok) throw new Error('the breaker document does not load');
    await lab.page.evaluate((d) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(d, { name: 'breaker.archlab.json', dirty: false });
    }, loaded.doc);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows OPEN on the edge once the breaker trips during a live run', async () => {
    const { page } = lab;
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('1');
    await page.locator('.run-controls .tool.primary').click();
    const badge = page.getByTestId('edge-breaker-users-api');
    await badge.waitFor({ timeout: 15_000 });
    await expect(badge.textContent()).resolves.toBe('OPEN');
    await expect(badge.getAttribute('class')).resolves.toContain('breaker-open');
    await page.screenshot({ path: shot('breaker-open.png') });
  });
});

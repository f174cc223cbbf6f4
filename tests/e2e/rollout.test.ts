// The Kubernetes rollout sample, run live in the app: the pods inside the `web` service change
// from v1 to v2 on the canvas as the Deployment rolls out (timeline `rollout` at 20 s).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const panel = (page: Lab['page']) => page.getByLabel('Run panel', { exact: true });

describe.skipIf(!chromiumPath)(`a rollout on the canvas${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    const loaded = loadDocument(readFileSync('assets/samples/k8s-rollout.archlab.json', 'utf8'));
    if (!loaded.ok) throw new Error('the rollout sample does not load');
    await lab.page.evaluate((doc) => {
      const t = window.archlabTest;
      t.store.getState().loadDocument(doc, { name: 'k8s-rollout.archlab.json', dirty: false });
    }, loaded.doc);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows the pods change version while the rollout runs live', async () => {
    const { page } = lab;
    const web = page.locator('[data-node-id="web"]');
    // Before a run: the document's 10 replicas.
    await expect(web.locator('.pod').count()).resolves.toBe(10);
    await page.getByRole('radio', { name: 'Live' }).click();
    await page.getByLabel('Speed').selectOption('10');
    await page.locator('.run-controls .tool.primary').click();
    // Live pods: ten v1 pods, Ready.
    await page.waitForSelector('[data-node-id="web"] [data-live-pods]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-node-id="web"] [data-pod-version="v1"]').length === 10,
    );
    // Mid-rollout (30–35 s): five v2 pods Ready, five v1 pods terminating (preStop 5 s), the
    // last v1 pods still serving and five more v2 pods starting.
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '[data-node-id="web"] [data-pod-version="v2"][data-pod-state="ready"]',
        ).length >= 3 &&
        document.querySelectorAll('[data-node-id="web"] [data-pod-state="terminating"]').length >=
          3,
      null,
      { timeout: 20_000 },
    );
    await web.screenshot({ path: shot('rollout-mid-node.png') });
    await page.screenshot({ path: shot('rollout-mid.png') });
    const v1 = await web.locator('[data-pod-version="v1"]').count();
    const v2 = await web.locator('[data-pod-version="v2"]').count();
    expect(v1).toBeGreaterThan(0);
    expect(v2).toBeGreaterThan(0);
    const title = await web.locator('[data-pod-version="v2"]').first().getAttribute('title');
    expect(title).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\nReplicaSet web-[a-z0-9]+\nv2 · /);
    // The rollout completes: ten v2 pods, Ready, and the events say so.
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '[data-node-id="web"] [data-pod-version="v2"][data-pod-state="ready"]',
        ).length === 10 &&
        document.querySelectorAll('[data-node-id="web"] [data-pod-version="v1"]').length === 0,
      null,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: shot('rollout-done.png') });
    await panel(page).getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('text=Stopped early');
  });
});

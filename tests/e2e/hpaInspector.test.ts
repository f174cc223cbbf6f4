// The HorizontalPodAutoscaler in the inspector: a version-1 document's HPA opens as autoscaling/v2
// props (metrics, behavior.scaleUp / scaleDown with their windows, selectPolicy and policies),
// grouped under the Deployment as a manifest reads; a selectPolicy picked in the form lands in the
// document; an HPA without behavior offers it as one block to add.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, type ArchDocument } from '../../shared/model';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const v1 = {
  format: 'archlab',
  version: 1,
  name: 'hpa',
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, props: { rps: 50 } },
    {
      id: 'web',
      kind: 'service',
      position: { x: 320, y: 0 },
      props: {
        replicas: 2,
        hpa: {
          minReplicas: 2,
          maxReplicas: 8,
          targetCPUUtilizationPercentage: 60,
          scaleDownStabilizationSeconds: 120,
        },
      },
    },
    { id: 'bare', kind: 'service', position: { x: 320, y: 240 }, props: { hpa: {} } },
  ],
  edges: [{ id: 'users-web', from: 'users', to: 'web', kind: 'call', props: {} }],
  scenarios: [{ name: 'baseline', durationS: 60, seed: 1 }],
};

const docOf = (lab: Lab) =>
  lab.page.evaluate(() => window.archlabTest.store.getState().doc as ArchDocument);

describe.skipIf(!chromiumPath)(`HPA fields in the inspector${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
    await lab.page.waitForFunction(() => 'archlabTest' in window);
    const loaded = loadDocument(JSON.stringify(v1));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    // The version-1 HPA without behavior fields gets the migration's behavior: drop it on
    // `bare` so the form offers it.
    const doc = loaded.doc;
    const bare = doc.nodes.find((n) => n.id === 'bare');
    if (bare?.kind === 'service' && bare.props.hpa) delete bare.props.hpa.behavior;
    await lab.page.evaluate((d) => {
      window.archlabTest.store.getState().loadDocument(d, { name: 'hpa.archlab.json' });
    }, doc);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('shows the migrated HPA as autoscaling/v2 fields and writes a selectPolicy back', async () => {
    const { page } = lab;
    await page.locator('.react-flow__node[data-id="web"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const text = await inspector.innerText();
    // Section headings are shown in capitals.
    expect(text).toMatch(/HorizontalPodAutoscaler/i);
    expect(text).toMatch(/behavior › scaleDown/i);
    const metrics = await inspector.getByLabel('Metrics').inputValue();
    expect(JSON.parse(metrics)).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
      },
    ]);
    const windows = inspector.getByLabel('Stabilization window');
    await expect(windows.count()).resolves.toBe(2);
    await expect(windows.nth(1).inputValue()).resolves.toBe('120');
    const select = inspector.getByLabel('Select policy').nth(1);
    await select.selectOption('Disabled');
    const web = (await docOf(lab)).nodes.find((n) => n.id === 'web');
    expect(web?.kind === 'service' && web.props.hpa?.behavior?.scaleDown.selectPolicy).toBe(
      'Disabled',
    );
    await inspector.getByLabel('Min replicas').scrollIntoViewIfNeeded();
    await inspector.screenshot({ path: shot('hpa-inspector-top.png') });
    await select.scrollIntoViewIfNeeded();
    await inspector.screenshot({ path: shot('hpa-inspector-scaledown.png') });
  });

  it('offers behavior as one block on an HPA without it', async () => {
    const { page } = lab;
    await page.locator('.react-flow__node[data-id="bare"]').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    const text = await inspector.innerText();
    expect(text).toMatch(/HorizontalPodAutoscaler › behavior: not set/i);
    await expect(inspector.getByLabel('Stabilization window').count()).resolves.toBe(0);
    await inspector.getByLabel('Metrics').scrollIntoViewIfNeeded();
    await inspector.screenshot({ path: shot('hpa-inspector-bare.png') });
  });
});

// Every sample opens from File > Open Sample, draws cleanly in both themes, and a broken file
// opens nothing and names the path of each problem.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  openLab,
  openSample as openFromPalette,
  shot,
  skipReason,
  type Lab,
} from './harness';

const samples = readdirSync('assets/samples')
  .filter((f) => f.endsWith('.archlab.json'))
  .map((f) => f.replace(/\.archlab\.json$/, ''));

/** How many nodes the sample file itself holds: what the canvas must draw. */
const nodesInFile = (name: string): number =>
  (JSON.parse(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8')) as { nodes: unknown[] })
    .nodes.length;

describe.skipIf(!chromiumPath)(`samples and broken files${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({
      init: () => {
        // Drive the file-input fallback, which headless Chromium can answer.
        delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
      },
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function openSample(name: string) {
    await openFromPalette(lab, `${name}.archlab.json`);
    await lab.page.waitForTimeout(500);
  }

  for (const name of samples) {
    it(`opens the sample ${name} and draws every node`, async () => {
      const { page } = lab;
      await openSample(name);
      const expected = nodesInFile(name);
      expect(expected).toBeGreaterThan(2);
      await expect(page.locator('.react-flow__node-arch').count()).resolves.toBe(expected);
      await page.screenshot({ path: shot(`sample-${name}.png`) });
      await page.evaluate(() => window.archlabTest.store.getState().setTheme('dark'));
      await page.waitForTimeout(200);
      await page.screenshot({ path: shot(`sample-${name}-dark.png`) });
      await page.evaluate(() => window.archlabTest.store.getState().setTheme('light'));
    });
  }

  it('opens nothing from a broken file and names the path of each problem', async () => {
    const { page } = lab;
    const before = await page.title();
    const broken = JSON.stringify({
      format: 'archlab',
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'a', kind: 'service', position: { x: 0, y: 0 }, props: { replicas: -1 } },
        { id: 'b', kind: 'client', position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e', from: 'b', to: 'zz', kind: 'call' }],
    });
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    await (
      await chooser
    ).setFiles({
      name: 'broken.archlab.json',
      mimeType: 'application/json',
      buffer: Buffer.from(broken),
    });
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain('Could not open broken.archlab.json');
    expect(text).toContain('nodes[0].props.replicas');
    await page.screenshot({ path: shot('load-error.png') });
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await page.title()).toBe(before);
  });
});

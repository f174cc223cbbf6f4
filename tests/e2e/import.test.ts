// File › Import of Online Boutique's manifests in the browser: the diagram, its report, a run,
// and the export of a drill to Chaos Mesh.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openLab, shot, skipReason, type Lab } from './harness';

const boutique = readFileSync(join(__dirname, '../fixtures/import/online-boutique.yaml'));

async function command(lab: Lab, text: string) {
  await lab.page.keyboard.press('Control+k');
  await lab.page.waitForSelector('[cmdk-input]');
  await lab.page.keyboard.type(text);
  await lab.page.keyboard.press('Enter');
}

describe.skipIf(!chromiumPath)(`import in the browser${skipReason}`, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ colorScheme: 'light' });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('imports Online Boutique: 12 nodes, 16 calls, the report with the dangling reference', async () => {
    const { page } = lab;
    const chooser = page.waitForEvent('filechooser');
    await command(lab, 'Import Kubernetes');
    await (
      await chooser
    ).setFiles({
      name: 'kubernetes-manifests.yaml',
      mimeType: 'application/yaml',
      buffer: boutique,
    });
    const dialog = page.locator('[role=dialog][aria-label="Import report"]');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('12 nodes and 16 calls');
    await expect(dialog.textContent()).resolves.toContain(
      'SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80',
    );
    await page.screenshot({ path: shot('import-report.png') });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length >= 13);
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(16);
    await expect(page.title()).resolves.toMatch(/kubernetes-manifests/);
    await page.keyboard.press('Shift+1').catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot('import-boutique.png') });
  });

  it('a file that is not Kubernetes or Compose names its place, and changes nothing', async () => {
    const { page } = lab;
    const chooser = page.waitForEvent('filechooser');
    await command(lab, 'Import Kubernetes');
    const prompt = page.getByRole('button', { name: 'Don’t Save' });
    if (await prompt.isVisible().catch(() => false)) await prompt.click();
    await (
      await chooser
    ).setFiles({
      name: 'notes.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('title: x\n'),
    });
    const alert = page.locator('[role=alertdialog]');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(
      'notes.yaml, document 0, line 1, column 1: neither a Kubernetes object',
    );
    await alert.getByRole('button', { name: 'OK' }).click();
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(16);
  });

  it('exports to Chaos Mesh from the export dialog', async () => {
    const { page } = lab;
    await command(lab, 'Export to Kubernetes');
    const dialog = page.locator('[role=dialog][aria-label="Export to tools"]');
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'Chaos Mesh' }).click();
    await page.screenshot({ path: shot('export-tools.png') });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kubernetes-manifests-chaos-mesh.yaml');
  });
});

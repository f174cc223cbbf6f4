// `archlab import` and `archlab export`, called directly with a captured output.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/node/cli/commands';
import { exportCommand, importCommand } from '../../../electron/node/cli/importExport';
import { loadDocument } from '../../../shared/model';

const boutique = join(__dirname, '../../fixtures/import/online-boutique.yaml');

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    tty: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    now: () => 0,
  };
  return io;
}

describe('archlab import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archlab-import-'));

  it('imports Online Boutique with a Markdown report, laid out by ELK', async () => {
    const io = capture();
    const out = join(dir, 'ob.archlab.json');
    const report = join(dir, 'import.md');
    expect(await importCommand([boutique], { out, report }, io)).toBe(0);
    expect(io.stdout).toMatch(/12 nodes, 16 edges; 1 dangling reference/);
    const loaded = loadDocument(readFileSync(out, 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    // ELK puts the load generator left of the frontend and the frontend left of its callees.
    const x = (id: string) => loaded.doc.nodes.find((n) => n.id === id)?.position.x ?? NaN;
    expect(x('loadgenerator')).toBeLessThan(x('frontend'));
    expect(x('frontend')).toBeLessThan(x('checkoutservice'));
    expect(x('checkoutservice')).toBeLessThan(x('paymentservice'));
    const md = readFileSync(report, 'utf8');
    expect(md).toContain(
      '| frontend | SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80 |',
    );
    expect(md).toContain('| ServiceAccount frontend | identity, not traffic |');
  });

  it('bad input: the place of the problem, exit 2, and no output file', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n',
    );
    const io = capture();
    const out = join(dir, 'never.archlab.json');
    expect(await importCommand([bad], { out }, io)).toBe(2);
    expect(io.stderr).toBe(
      `${bad}, document 0, line 4, column 1, spec.selector: Deployment x is missing spec.selector (required in apps/v1)\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a 50 MB file is refused from its size, before it is read', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
    const io = capture();
    expect(await importCommand([big], { out: join(dir, 'big.json') }, io)).toBe(2);
    expect(io.stderr).toMatch(/big\.yaml, document 0: the file is 50\.0 MB/);
  });

  it('exports a document to each tool, and refuses an unknown target or scenario', async () => {
    const doc = join(dir, 'ob.archlab.json');
    for (const to of ['k8s', 'istio', 'chaos-mesh', 'k6']) {
      const io = capture();
      const out = join(dir, `ob.${to}`);
      expect(await exportCommand(doc, { to, out }, io)).toBe(0);
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(50);
    }
    const io = capture();
    expect(await exportCommand(doc, { to: 'nomad', out: join(dir, 'x') }, io)).toBe(2);
    expect(io.stderr).toBe('--to: must be one of k8s, istio, chaos-mesh, k6, not "nomad"\n');
    const io2 = capture();
    expect(await exportCommand(doc, { to: 'k6', out: join(dir, 'y'), scenario: 'nope' }, io2)).toBe(
      2,
    );
    expect(io2.stderr).toBe('--scenario: no scenario "nope" (has "baseline")\n');
  });
});

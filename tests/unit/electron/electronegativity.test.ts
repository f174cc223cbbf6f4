// Doyensec's electronegativity over electron/ and bundles of main and preload (made here with
// esbuild, as electron-vite makes them, so the test needs no full build; `npm run
// check:electron` scans electron-vite's own output). No finding may go unexplained.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { scanElectron } from '../../../scripts/electronegativity.mjs';

const out = mkdtempSync(path.join(os.tmpdir(), 'archlab-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('electronegativity finds nothing in main and preload that a comment does not explain', async () => {
  const common = {
    bundle: true,
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  } as const;
  await build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    format: 'esm',
    outfile: path.join(out, 'main', 'index.js'),
  });
  await build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    format: 'cjs',
    outfile: path.join(out, 'preload', 'index.cjs'),
  });
  const result = await scanElectron({
    sources: 'electron',
    bundles: [path.join(out, 'main', 'index.js'), path.join(out, 'preload', 'index.cjs')],
  });
  expect(result.unexplained).toEqual([]);
  // The scan saw the bundles: what it raised there is what the sources explain.
  expect(result.bundleFindings.map((f) => f.id).sort()).toEqual([
    'CSP_GLOBAL_CHECK',
    'OPEN_EXTERNAL_JS_CHECK',
    'PRELOAD_JS_CHECK',
  ]);
});

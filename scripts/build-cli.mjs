// Bundle the CLI into out/cli/archlab.mjs and the sweep's worker beside it, so `npx archlab` runs
// without a TypeScript loader. `node scripts/build-cli.mjs DIR` writes them into DIR instead.
//
// The worker is three files: sweepWorker.mjs (the loader tinypool starts), sweepEngine.cjs (the
// engine bundle) and sweepEngine.cjs.cache (V8's code cache of it, saved after a warm-up run of a
// sample, so each worker thread skips parsing and compiling the bundle).
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'out/cli';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { archlab: 'electron/node/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  // Loaded on demand for --pdf and PNG charts, from node_modules: it does not survive bundling.
  // tinypool starts its workers from its own files, so it stays in node_modules too.
  external: ['playwright-core', 'tinypool'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

// CommonJS, so the loader can compile it as one script with a code cache (node:vm).
await build({
  ...common,
  entryPoints: { sweepEngine: 'electron/node/sweep/worker.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
});
copyFileSync('electron/node/sweep/cachedWorker.mjs', path.join(outdir, 'sweepWorker.mjs'));

// The code cache, made by the Node that builds (the one that runs the CLI, in the image too).
const loader = path.resolve(outdir, 'sweepWorker.mjs');
const sample = path.resolve('assets/samples/web-shop.archlab.json');
const made = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { readFileSync } from 'node:fs';
     const w = await import(${JSON.stringify(loader)});
     process.stdout.write(w.codeCacheAfterWarmUp(readFileSync(${JSON.stringify(sample)}, 'utf8')));`,
  ],
  { maxBuffer: 64 * 1024 * 1024 },
);
if (made.status !== 0) {
  process.stderr.write(made.stderr);
  throw new Error('build-cli: the sweep worker failed its warm-up run');
}
writeFileSync(path.join(outdir, 'sweepEngine.cjs.cache'), made.stdout);
console.log(`CLI built: ${outdir}/archlab.mjs`);

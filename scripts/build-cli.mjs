// Bundle the CLI into out/cli/archlab.mjs so `npx archlab` runs without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: {
    archlab: 'electron/node/cli/main.ts',
    // The sweep's worker threads load this file beside the CLI.
    sweepWorker: 'electron/node/sweep/worker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Loaded on demand for --pdf and PNG charts, from node_modules: it does not survive bundling.
  // tinypool starts its workers from its own files, so it stays in node_modules too.
  external: ['playwright-core', 'tinypool'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
console.log('CLI built: out/cli/archlab.mjs');

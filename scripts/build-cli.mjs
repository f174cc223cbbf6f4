// Bundle the CLI into out/cli/archlab.mjs (and the sweep's worker beside it) so `npx archlab`
// runs without a TypeScript loader. `node scripts/build-cli.mjs DIR` writes them into DIR instead.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'out/cli';

await build({
  entryPoints: {
    archlab: 'electron/node/cli/main.ts',
    // The sweep's worker threads load this file beside the CLI.
    sweepWorker: 'electron/node/sweep/worker.ts',
  },
  outdir,
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
console.log(`CLI built: ${outdir}/archlab.mjs`);

// Bundle the CLI into out/cli/archlab.mjs so `npx archlab` runs without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/node/cli/main.ts'],
  outfile: 'out/cli/archlab.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Loaded on demand for --pdf and PNG charts, from node_modules: it does not survive bundling.
  external: ['playwright-core'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
console.log('CLI built: out/cli/archlab.mjs');

#!/usr/bin/env node
// The `archlab` command: runs the CLI built by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/archlab.mjs', import.meta.url));
if (!existsSync(cli)) {
  console.error('archlab: the CLI is not built yet. Run `npm run build` first.');
  process.exit(2);
}
await import(pathToFileURL(cli).href);

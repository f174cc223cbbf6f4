// Build the web edition and serve it on 127.0.0.1. A build newer than every source it is made
// from is served as it is, so a second `npm start` (or the fallback after a failed download)
// serves within a second or two.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, preview } from 'vite';

const SOURCES = [
  'renderer',
  'shared',
  'assets',
  'vite.web.config.ts',
  'package.json',
  'package-lock.json',
];
const BUILT = 'out/web/index.html';

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Is out/web newer than everything it is built from? */
export function webBuildIsFresh(root = process.cwd()) {
  const built = path.join(root, BUILT);
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(root, s)) < builtAt);
}

export async function serveWeb({ port = Number(process.env.PORT ?? 4173) } = {}) {
  if (!webBuildIsFresh()) await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  const server = await preview({
    configFile: 'vite.web.config.ts',
    preview: { host: '127.0.0.1', port, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`ArchLab web edition: ${url}  (Ctrl+C to stop)`);
  return server;
}

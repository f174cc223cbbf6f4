// Build the web edition and serve it on 127.0.0.1.
import { build, preview } from 'vite';

export async function serveWeb({ port = Number(process.env.PORT ?? 4173) } = {}) {
  await build({ configFile: 'vite.web.config.ts', logLevel: 'warn' });
  const server = await preview({
    configFile: 'vite.web.config.ts',
    preview: { host: '127.0.0.1', port, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  console.log(`ArchLab web edition: ${url}  (Ctrl+C to stop)`);
  return server;
}

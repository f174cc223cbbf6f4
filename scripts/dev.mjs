// `npm run dev`: the desktop app with hot reload (electron-vite dev), fetching Electron's binary
// first when it is missing; when it cannot be had, say why and run the web edition's dev server.
import { spawn } from 'node:child_process';
import { startApp } from './startApp.mjs';

const root = process.cwd();
const started = await startApp({
  root,
  command: 'npm run dev',
  desktop: () =>
    new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        ['node_modules/electron-vite/bin/electron-vite.js', 'dev'],
        { stdio: 'inherit' },
      );
      child.on('exit', (code) => resolve(code ?? 0));
    }),
  web: async () => {
    const { createServer } = await import('vite');
    const server = await createServer({ configFile: 'vite.web.config.ts' });
    await server.listen();
    server.printUrls();
  },
});
if (started.edition === 'desktop') process.exit(started.code);

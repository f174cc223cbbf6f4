// `npm start`: build and open the desktop app (fetching Electron's binary first when it is
// missing); when the binary cannot be had, say why and serve the web edition.
import { buildAndLaunch, startApp } from './startApp.mjs';

const root = process.cwd();
const started = await startApp({
  root,
  command: 'npm start',
  desktop: (exe) => buildAndLaunch({ root, exe }),
  // vite is loaded only for the web edition.
  web: async () => (await import('./serveWeb.mjs')).serveWeb(),
});
if (started.edition === 'desktop') process.exit(started.code);

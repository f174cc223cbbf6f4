// `npm start`: build and open the desktop app (fetching Electron's binary first when it is
// missing); when the binary cannot be had, say why and serve the web edition.
import { buildAndLaunch, startApp } from './startApp.mjs';
import { serveWeb } from './serveWeb.mjs';

const root = process.cwd();
const started = await startApp({
  root,
  command: 'npm start',
  desktop: (exe) => buildAndLaunch({ root, exe }),
  web: () => serveWeb(),
});
if (started.edition === 'desktop') process.exit(started.code);

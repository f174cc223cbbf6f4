// What `npm start` and `npm run dev` do, with the steps passed in so tests can stand in for
// them: get the Electron binary (fetching it with Electron's installer when missing), then build
// and open the desktop app; only when the binary cannot be had, say why in one sentence and serve
// the web edition.
import { spawn, spawnSync } from 'node:child_process';
import { ensureElectron, fallbackSentence } from './electronBinary.mjs';

/**
 * @param {object} o
 * @param {string} o.root the project folder
 * @param {string} o.command what the user typed, for the retry advice
 * @param {(exe: string) => Promise<number>} o.desktop run the desktop app with the binary
 * @param {() => Promise<unknown>} o.web serve the web edition
 */
export async function startApp({
  root,
  env = process.env,
  command,
  desktop,
  web,
  log,
  installerOutput,
}) {
  const say = log ?? console.log;
  const electron = await ensureElectron({ root, env, log: say, installerOutput });
  if (electron.ok) return { edition: 'desktop', code: await desktop(electron.exe) };
  say(fallbackSentence(electron, { command }));
  await web();
  return { edition: 'web', electron };
}

/** electron-vite's production build of main, preload and renderer into out/. */
export function buildDesktop(root) {
  const built = spawnSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  return built.status ?? 1;
}

/** Build, then open the app folder (its package.json `main` is the built main process) with
 * Electron; resolves with Electron's exit code. */
export async function buildAndLaunch({ root, exe, env = process.env, build = buildDesktop }) {
  const status = await build(root);
  if (status !== 0) return status;
  const launchEnv = { ...env };
  // Electron started with this set runs as plain Node, not as the app.
  delete launchEnv.ELECTRON_RUN_AS_NODE;
  const child = spawn(exe, [root], { cwd: root, stdio: 'inherit', env: launchEnv });
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

// `npm start`: build and open the desktop app; without an Electron binary, serve the web edition.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';
import { serveWeb } from './serveWeb.mjs';

const root = process.cwd();
const exe = electronBinary(root);

if (!exe) {
  console.log(
    'The Electron binary is not installed (this install skipped its download), so ArchLab opens as the web edition in your browser instead.',
  );
  await serveWeb();
} else {
  const built = spawnSync(
    process.execPath,
    ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
    {
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(exe, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

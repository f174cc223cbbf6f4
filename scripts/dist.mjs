// `npm run dist`: fetch Electron's binary with its installer when missing (which also fills the
// download cache electron-builder reads), build, and package with electron-builder.
import { spawnSync } from 'node:child_process';
import { ensureElectron, fallbackSentence } from './electronBinary.mjs';
import { buildDesktop } from './startApp.mjs';

const root = process.cwd();
const electron = await ensureElectron({ root });
if (!electron.ok) {
  console.error(
    fallbackSentence(electron, {
      command: 'npm run dist',
      outcome: 'ArchLab cannot package the desktop app',
    }),
  );
  process.exit(1);
}
const built = buildDesktop(root);
if (built !== 0) process.exit(built);
const packaged = spawnSync(
  process.execPath,
  [
    'node_modules/electron-builder/cli.js',
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
process.exit(packaged.status ?? 1);

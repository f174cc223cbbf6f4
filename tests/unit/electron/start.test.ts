// `npm start`'s four paths, with a stand-in for Electron's installer in a throwaway project
// folder: the stand-in is run exactly as the real node_modules/electron/install.js would be.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureElectron } from '../../../scripts/electronBinary.mjs';
import { buildAndLaunch, startApp } from '../../../scripts/startApp.mjs';

// The stand-in installer: on `success` it unpacks a stand-in Electron (a script that records how
// it was started) and writes path.txt, as the real one does; on `unreachable` it fetches from a
// closed local port; on `checksum` it fails with sumchecker's message. It counts its runs.
const STAND_IN_INSTALLER = `
const fs = require('node:fs');
const path = require('node:path');
fs.appendFileSync(path.join(__dirname, 'attempts'), 'x');
const mode = process.env.STAND_IN_MODE;
if (mode === 'success') {
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  const exe = path.join(__dirname, 'dist', 'electron');
  fs.writeFileSync(exe, ${JSON.stringify(`#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const app = process.argv[2];
const main = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')).main;
fs.writeFileSync(process.env.STAND_IN_RECORD, JSON.stringify({
  app, main, mainText: fs.readFileSync(path.join(app, main), 'utf8'),
  runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null,
}));
`)}, { mode: 0o755 });
  fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
} else if (mode === 'unreachable') {
  fetch(process.env.STAND_IN_URL).catch((err) => { console.error(err.stack); process.exit(1); });
} else {
  const err = new Error('Generated checksum for "electron-v45.4.1-linux-x64.zip" did not match expected checksum.');
  console.error(err.stack);
  process.exit(1);
}
`;

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'archlab-start-'));
  roots.push(root);
  const electronDir = path.join(root, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(path.join(electronDir, 'install.js'), STAND_IN_INSTALLER);
  writeFileSync(path.join(electronDir, 'package.json'), '{"version":"45.4.1"}');
  writeFileSync(path.join(root, 'package.json'), '{"main":"out/main/index.js"}');
  return root;
}

const attempts = (root: string) => {
  const f = path.join(root, 'node_modules', 'electron', 'attempts');
  return existsSync(f) ? readFileSync(f, 'utf8').length : 0;
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** startApp with the real steps replaced by recorders; the build writes the main process. */
async function start(root: string, env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  let webServed = false;
  const result = await startApp({
    root,
    env: { ...env, PATH: process.env['PATH'] },
    command: 'npm start',
    log: (line) => lines.push(line),
    installerOutput: 'ignore',
    desktop: (exe) =>
      buildAndLaunch({
        root,
        exe,
        env: { STAND_IN_RECORD: path.join(root, 'record.json'), ELECTRON_RUN_AS_NODE: '1' },
        build: (dir) => {
          mkdirSync(path.join(dir, 'out', 'main'), { recursive: true });
          writeFileSync(path.join(dir, 'out', 'main', 'index.js'), '// built main');
          return 0;
        },
      }),
    web: async () => {
      webServed = true;
    },
  });
  return { result, lines, webServed };
}

describe('npm start', () => {
  it('fetches a missing binary with the installer, builds, and opens the built main', async () => {
    const root = project();
    const { result, lines, webServed } = await start(root, { STAND_IN_MODE: 'success' });
    expect(attempts(root)).toBe(1);
    expect(result).toEqual({ edition: 'desktop', code: 0 });
    expect(webServed).toBe(false);
    expect(lines.join('\n')).toMatch(/Downloading Electron 45\.4\.1/);
    const record = JSON.parse(readFileSync(path.join(root, 'record.json'), 'utf8'));
    expect(record).toEqual({
      app: root,
      main: 'out/main/index.js',
      mainText: '// built main',
      // Electron must start as the app, never as plain Node.
      runAsNode: null,
    });
  });

  it('falls back to the web edition with the host it could not reach', async () => {
    const root = project();
    const port = await closedPort();
    const { result, lines, webServed } = await start(root, {
      STAND_IN_MODE: 'unreachable',
      STAND_IN_URL: `http://127.0.0.1:${port}/electron.zip`,
    });
    expect(attempts(root)).toBe(1);
    expect(result.edition).toBe('web');
    expect(webServed).toBe(true);
    const sentence = lines.at(-1) ?? '';
    expect(sentence).toContain(`could not reach 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(sentence).toContain('run `npm start` again');
    expect(sentence).toContain('ELECTRON_MIRROR');
  });

  it('falls back with the checksum mismatch as the reason', async () => {
    const root = project();
    const { result, lines, webServed } = await start(root, { STAND_IN_MODE: 'checksum' });
    expect(result.edition).toBe('web');
    expect(webServed).toBe(true);
    expect(lines.at(-1)).toMatch(
      /because the Electron download failed its checksum check \(Generated checksum for "electron-v45\.4\.1-linux-x64\.zip" did not match/,
    );
  });

  it('does not try to download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const root = project();
    const { result, lines, webServed } = await start(root, {
      STAND_IN_MODE: 'success',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    });
    expect(attempts(root)).toBe(0);
    expect(result.edition).toBe('web');
    expect(webServed).toBe(true);
    expect(lines).toEqual([
      expect.stringMatching(
        /because ELECTRON_SKIP_BINARY_DOWNLOAD is set.*unset ELECTRON_SKIP_BINARY_DOWNLOAD and run `npm start` again\.$/,
      ),
    ]);
  });

  it('does not run the installer when the binary is there', async () => {
    const root = project();
    await start(root, { STAND_IN_MODE: 'success' });
    rmSync(path.join(root, 'record.json'));
    const { result, lines } = await start(root, { STAND_IN_MODE: 'checksum' });
    expect(attempts(root)).toBe(1);
    expect(result).toEqual({ edition: 'desktop', code: 0 });
    expect(lines).toEqual([]);
    expect(existsSync(path.join(root, 'record.json'))).toBe(true);
  });

  it("passes Electron's real installer the mirror, and its failure's host reaches the sentence", async () => {
    // The real install.js of this project, pointed at a local mirror that does not answer, an
    // empty cache and an empty dist folder (so an installed binary does not stop the attempt):
    // it can only fail, and writes nothing.
    const root = process.cwd();
    const port = await closedPort();
    const cache = mkdtempSync(path.join(os.tmpdir(), 'archlab-electron-cache-'));
    const dist = mkdtempSync(path.join(os.tmpdir(), 'archlab-electron-dist-'));
    roots.push(cache, dist);
    const env = {
      PATH: process.env['PATH'],
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: cache,
      ELECTRON_GET_NO_PROGRESS: '1',
    };
    const result = await ensureElectron({ root, env, log: () => {}, installerOutput: 'ignore' });
    expect(result).toMatchObject({
      ok: false,
      attempted: true,
      kind: 'unreachable',
      host: `127.0.0.1:${port}`,
    });
  });
});

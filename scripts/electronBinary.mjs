// The Electron binary for `npm start`, `npm run dev` and `npm run dist`: where it is, and fetching
// it through the Electron package's own installer (node_modules/electron/install.js, which honours
// ELECTRON_MIRROR, the proxy variables and the download cache) when it is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PROBE = path.join(import.meta.dirname, 'electronInstallerProbe.mjs');
const MIRROR_DOCS = 'https://www.electronjs.org/docs/latest/tutorial/installation#mirror';

/** The installed Electron executable, or null. Never asks the `electron` package (which would
 * start a download of its own). */
export function electronBinary(root, env = process.env) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative);
    return existsSync(p) ? p : null;
  }
  if (!existsSync(pathFile)) return null;
  const exe = path.join(dir, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

/** As Electron's installers have always read it: any non-empty value skips the download. */
export function skipVariableSet(env = process.env) {
  return Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
}

/**
 * The Electron executable, fetched with the installer when missing.
 * @returns {Promise<{ ok: true, exe: string, fetched: boolean } |
 *   { ok: false, attempted: boolean, kind: string, reason: string, host?: string }>}
 */
export async function ensureElectron({
  root,
  env = process.env,
  log = console.log,
  installerOutput = 'inherit',
} = {}) {
  const present = electronBinary(root, env);
  if (present) return { ok: true, exe: present, fetched: false };
  if (skipVariableSet(env)) {
    return {
      ok: false,
      attempted: false,
      kind: 'skipped',
      reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded',
    };
  }
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) {
    return {
      ok: false,
      attempted: false,
      kind: 'no-installer',
      reason: `the electron package is not installed (${installer} is missing; run npm install)`,
    };
  }
  const version = electronVersion(root);
  const from = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? 'GitHub';
  log(`Downloading Electron ${version} (once) from ${from} with its installer…`);
  const { code, reports } = await runInstaller(installer, root, env, installerOutput);
  const exe = electronBinary(root, env);
  if (code === 0 && exe) return { ok: true, exe, fetched: true };
  return { ok: false, attempted: true, ...reasonOf(reports, code, exe) };
}

function electronVersion(root) {
  try {
    const file = path.join(root, 'node_modules', 'electron', 'package.json');
    return JSON.parse(readFileSync(file, 'utf8')).version ?? '';
  } catch {
    return '';
  }
}

/** Run the installer with the probe; its output goes straight to the terminal (its progress bar
 * needs the terminal itself). */
function runInstaller(installer, root, env, output) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(PROBE).href, installer], {
      cwd: root,
      env: { ...env, ARCHLAB_INSTALLER_REPORT_FD: '3' },
      stdio: ['ignore', output, output, 'pipe'],
    });
    let text = '';
    child.stdio[3].setEncoding('utf8');
    child.stdio[3].on('data', (chunk) => (text += chunk));
    child.on('error', (error) =>
      resolve({ code: -1, reports: [{ kind: 'error', line: error.message }] }),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, reports: parseReports(text) }));
  });
}

function parseReports(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // A torn last line from a killed installer says nothing more.
    }
  }
  return out;
}

/** The installer's own reason, from what the probe saw. */
export function reasonOf(reports, code, exe) {
  const unreachable = reports.find((r) => r.kind === 'unreachable');
  if (unreachable) {
    return {
      kind: 'unreachable',
      host: unreachable.host,
      reason: `Electron's installer could not reach ${unreachable.host} (${unreachable.code})`,
    };
  }
  const line = reports.findLast((r) => r.kind === 'error' && r.line)?.line;
  if (line && /checksum/i.test(line)) {
    return {
      kind: 'checksum',
      reason: `the Electron download failed its checksum check (${stripErrorName(line)})`,
    };
  }
  const http = line?.match(/Response code (\d+ \([^)]*\)) for (\S+)/);
  if (http) {
    return {
      kind: 'http',
      reason: `the download server answered ${http[1]} for ${http[2]}`,
    };
  }
  if (line)
    return { kind: 'failed', reason: `Electron's installer failed: ${stripErrorName(line)}` };
  if (code === 0 && !exe) {
    return { kind: 'failed', reason: "Electron's installer finished but left no binary" };
  }
  return { kind: 'failed', reason: `Electron's installer exited with code ${code}` };
}

function stripErrorName(line) {
  return line.replace(/^[A-Za-z]*Error:\s*/, '');
}

/** One sentence: why there is no desktop app, and how to get it. `outcome` says what happens
 * instead (e.g. "ArchLab opens as the web edition in your browser instead of the desktop app"). */
export function fallbackSentence(result, { command = 'npm start', outcome } = {}) {
  const lead =
    outcome ?? 'ArchLab opens as the web edition in your browser instead of the desktop app';
  return `${lead} because ${result.reason}; to get the desktop app, ${advice(result, command)}.`;
}

function advice(result, command) {
  switch (result.kind) {
    case 'skipped':
      return `unset ELECTRON_SKIP_BINARY_DOWNLOAD and run \`${command}\` again`;
    case 'unreachable':
      return `run \`${command}\` again when ${result.host ?? 'the host'} is reachable, or set ELECTRON_MIRROR to a mirror you can reach (${MIRROR_DOCS})`;
    case 'checksum':
      return `run \`${command}\` again, or set ELECTRON_MIRROR to a mirror you trust (${MIRROR_DOCS})`;
    case 'no-installer':
      return `run \`npm install\`, then \`${command}\``;
    default:
      return `run \`${command}\` again, or set ELECTRON_MIRROR to another mirror (${MIRROR_DOCS})`;
  }
}

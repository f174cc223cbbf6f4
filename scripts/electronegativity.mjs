// `npm run check:electron`: Doyensec's electronegativity over electron/ and the built main and
// preload. Every finding must be explained where it is raised, by a comment on that line:
// `// eng-disable CHECK_ID` with the reason just above. The bundles lose those comments, so a
// finding in a bundle counts as explained when the sources explain as many of that check.
//
// Its CLI crashes on a commander version clash, so the runner is used directly. It is kept
// offline: its translation download (`got`) fails at once instead of retrying for seconds, and
// AvailableSecurityFixesGlobalCheck, which fetches Electron's release list, is left out (Electron
// updates are a dependency matter, not a property of this code).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

function loadRunner() {
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'got') return () => Promise.reject(new Error('offline'));
    return load.call(this, request, ...rest);
  };
  try {
    return require('@doyensec/electronegativity/dist/runner.js');
  } finally {
    Module._load = load;
  }
}

const electronVersion = () =>
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

/** The findings electronegativity reports for one file or folder (inline-disabled ones left out). */
async function scanOne(run, input) {
  const log = console.log;
  const info = console.info;
  const warn = console.warn;
  // Its translation loader and logger talk on the console; the findings are what matters here.
  console.log = console.info = console.warn = () => {};
  try {
    const result = await run(
      {
        input,
        customScan: [],
        excludeFromScan: OFFLINE_EXCLUDED,
        isRelative: false,
        isVerbose: false,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    if (result.errors.some((e) => !e.tolerable))
      throw new Error(
        `electronegativity could not parse: ${result.errors.map((e) => `${e.file}: ${e.message}`).join('; ')}`,
      );
    return result.issues.map((i) => ({
      id: i.id,
      file: path.relative(process.cwd(), i.file),
      line: i.location.line,
      column: i.location.column,
      severity: i.severity.name,
      sample: String(i.sample ?? '').trim(),
    }));
  } finally {
    console.log = log;
    console.info = info;
    console.warn = warn;
  }
}

/** A copy of the folder with its explanations switched off, to count what they explain. */
function withoutExplanations(dir) {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'archlab-eng-'));
  cpSync(dir, copy, { recursive: true });
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|cjs)$/.test(e.name))
        writeFileSync(p, readFileSync(p, 'utf8').replaceAll('eng-disable', 'eng-explained'));
    }
  };
  walk(copy);
  return copy;
}

const countById = (findings) => {
  const m = new Map();
  for (const f of findings) m.set(f.id, (m.get(f.id) ?? 0) + 1);
  return m;
};

/**
 * Scan the sources and the bundles. `unexplained` is every finding no comment explains.
 * @param {{ sources: string, bundles: string[] }} inputs
 */
export async function scanElectron({ sources, bundles }) {
  const run = loadRunner();
  const unexplained = await scanOne(run, sources);
  const bare = withoutExplanations(sources);
  let all;
  try {
    all = await scanOne(run, bare);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
  const explainedCount = all.length - unexplained.length;
  const explained = countById(all);
  for (const [id, n] of countById(unexplained)) explained.set(id, (explained.get(id) ?? 0) - n);
  // The bundles together, as the app is: a global check (navigation limits, permission handler,
  // CSP) looks across every file it is given.
  const together = mkdtempSync(path.join(os.tmpdir(), 'archlab-eng-bundles-'));
  let bundleFindings;
  try {
    for (const b of bundles)
      cpSync(b, path.join(together, path.basename(path.dirname(b)) + '-' + path.basename(b)));
    bundleFindings = await scanOne(run, together);
  } finally {
    rmSync(together, { recursive: true, force: true });
  }
  const left = new Map(explained);
  for (const f of bundleFindings) {
    const n = left.get(f.id) ?? 0;
    if (n > 0) left.set(f.id, n - 1);
    else unexplained.push(f);
  }
  return { unexplained, explained: explainedCount, bundleFindings };
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const bundles = ['out/main/index.js', 'out/preload/index.cjs'];
  if (!bundles.every((b) => existsSync(b)) || process.argv.includes('--build')) {
    const built = spawnSync(
      process.execPath,
      ['node_modules/electron-vite/bin/electron-vite.js', 'build'],
      {
        stdio: 'inherit',
      },
    );
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const { unexplained, explained, bundleFindings } = await scanElectron({
    sources: 'electron',
    bundles,
  });
  for (const f of unexplained)
    console.log(`${f.file}:${f.line}:${f.column}  ${f.id} (${f.severity})  ${f.sample}`);
  console.log(
    `electronegativity: ${unexplained.length} unexplained finding(s); ${explained} explained in electron/, ${bundleFindings.length} in the bundles, each matched by an explanation in the sources`,
  );
  process.exit(unexplained.length === 0 ? 0 : 1);
}

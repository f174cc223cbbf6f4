// The CLI image without Docker: assemble exactly what the Dockerfile's last stage copies into an
// empty folder (the build stage's bundles built the way it builds them), install what it
// installs, and run a sweep shard from there — away from the repository's node_modules.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { inlineExecutor } from '../../electron/node/sweep/pool';
import { runSweep, toNdjson } from '../../shared/sweep/schedule';
import { planSweep } from '../../shared/sweep/plan';
import { replicasDoc } from '../unit/sweep/docs';

const repo = path.resolve(import.meta.dirname, '../..');

interface Stage {
  name: string | undefined;
  lines: string[];
}

function stages(dockerfile: string): Stage[] {
  const out: Stage[] = [];
  const text = dockerfile.replace(/\\\n/g, ' ');
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ name: from[1], lines: [] });
    else out[out.length - 1]!.lines.push(line);
  }
  return out;
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.name === 'node_modules' || e.name === 'package-lock.json') return [];
    return e.isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

describe('the CLI image', () => {
  it('holds the CLI, its worker with its code cache, and tinypool, and runs a sweep shard with the same bytes', async () => {
    const all = stages(readFileSync(path.join(repo, 'Dockerfile'), 'utf8'));
    const build = all.find((s) => s.name === 'build')!;
    const final = all[all.length - 1]!;
    const tmp = mkdtempSync(path.join(tmpdir(), 'archlab-image-'));
    // The build stage, instruction by instruction, in a folder of its own: what it copies from
    // the repository is all its build has (npm ci becomes a link to the repository's modules).
    const buildRoot = path.join(tmp, 'build');
    mkdirSync(buildRoot);
    for (const line of build.lines) {
      const [op, ...rest] = line.split(/\s+/);
      if (op === 'WORKDIR') continue;
      if (op === 'COPY') {
        const dest = path.join(buildRoot, rest[rest.length - 1]!);
        for (const src of rest.slice(0, -1)) {
          const to = dest.endsWith('/') ? path.join(dest, path.basename(src)) : dest;
          mkdirSync(path.dirname(to), { recursive: true });
          cpSync(path.join(repo, src), to, { recursive: true });
        }
      } else if (op === 'RUN' && rest.includes('ci')) {
        symlinkSync(path.join(repo, 'node_modules'), path.join(buildRoot, 'node_modules'));
      } else if (op === 'RUN') {
        expect(rest).toEqual(['node', 'scripts/build-cli.mjs']);
        execFileSync(process.execPath, ['scripts/build-cli.mjs'], {
          cwd: buildRoot,
          stdio: 'pipe',
        });
      } else throw new Error(`the test does not know ${op}`);
    }
    // The last stage, instruction by instruction, into an empty folder.
    const root = path.join(tmp, 'image');
    mkdirSync(root);
    let entrypoint: string[] = [];
    for (const line of final.lines) {
      const [op, ...rest] = line.split(/\s+/);
      if (op === 'WORKDIR' || op === 'USER') continue;
      if (op === 'COPY') {
        const fromBuild = rest[0] === '--from=build';
        const args = fromBuild ? rest.slice(1) : rest;
        const dest = path.join(root, args[args.length - 1]!);
        for (const src of args.slice(0, -1)) {
          const from = fromBuild
            ? path.join(buildRoot, path.relative('/src', src))
            : path.join(repo, src);
          const to = dest.endsWith('/') ? path.join(dest, path.basename(src)) : dest;
          mkdirSync(path.dirname(to), { recursive: true });
          cpSync(from, to);
        }
      } else if (op === 'RUN') {
        // The same npm install, from npm's cache where it can. Not --offline: npm 11 asks for
        // the full packument here, which `npm ci` on a fresh machine has not cached (it fetches
        // only the abbreviated one), so a fresh CI machine may go to the registry once.
        expect(rest.slice(0, 2)).toEqual(['npm', 'install']);
        execFileSync('npm', [...rest.slice(1), '--prefer-offline'], { cwd: root, stdio: 'pipe' });
      } else if (op === 'ENTRYPOINT') {
        entrypoint = JSON.parse(rest.join(' ')) as string[];
      } else throw new Error(`the test does not know ${op}`);
    }
    expect(files(root).sort()).toEqual([
      'bin/archlab.mjs',
      'out/cli/archlab.mjs',
      'out/cli/sweepEngine.cjs',
      'out/cli/sweepEngine.cjs.cache',
      'out/cli/sweepWorker.mjs',
      'package.json',
    ]);
    expect(readdirSync(path.join(root, 'node_modules'))).toEqual([
      '.package-lock.json',
      'tinypool',
    ]);

    const doc = replicasDoc({
      parameters: [{ path: 'nodes.orders.props.replicas', values: [2, 3] }],
      seeds: 3,
    });
    const docFile = path.join(tmp, 'doc.archlab.json');
    writeFileSync(docFile, JSON.stringify(doc));
    expect(entrypoint[0]).toBe('node');
    const script = path.join(root, path.relative('/opt/archlab', entrypoint[1]!));
    const stdout = execFileSync(
      process.execPath,
      [script, 'sweep', docFile, '--shard', '1/2', '--jobs', '2', '--out', '-', '--quiet'],
      { cwd: root, encoding: 'utf8' },
    );
    const plan = planSweep(doc);
    const expected = await runSweep(doc, plan, {
      executor: inlineExecutor(),
      shard: { index: 1, count: 2 },
    });
    expect(stdout).toBe(toNdjson(expected));

    // A worker thread of the image takes the code cache its build saved.
    const loader = pathToFileURL(path.join(root, 'out/cli/sweepWorker.mjs')).href;
    const used = await new Promise<unknown>((resolve, reject) => {
      const w = new Worker(
        `import(${JSON.stringify(loader)}).then((m) => require('node:worker_threads').parentPort.postMessage(m.usedCodeCache));`,
        { eval: true },
      );
      w.once('message', (m) => void w.terminate().then(() => resolve(m)));
      w.once('error', reject);
    });
    expect(used).toBe(true);
  });
});

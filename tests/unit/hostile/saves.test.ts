// Saves that never damage a file: the attacks of the hardening review (a symlink, a 0600 file, a
// read-only file, a full disk, kill -9 in the middle of a save) replayed against the writer.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NotAFileError,
  ReadOnlyError,
  sweepStaleTemps,
  writeFileAtomic,
} from '../../../electron/node/atomicFile';
import { FileStore } from '../../../electron/node/fileStore';
import { replicasDoc } from '../sweep/docs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'archlab-saves-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = (f: string) => readFileSync(f, 'utf8');
const list = () => readdirSync(dir).sort();

describe('outputs that are not files', () => {
  it('writes through /dev/null and a named pipe, as a shell does, and leaves no temp file', async () => {
    await writeFileAtomic('/dev/null', 'thrown away');
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString()));
    const closed = new Promise((done) => reader.on('close', done));
    await writeFileAtomic(fifo, 'through the pipe');
    await closed;
    expect(got).toBe('through the pipe');
    expect(list()).toEqual(['pipe']);
  });

  it('refuses a folder with a sentence that names it, and the CLI says it in one line (exit 4: an output not written)', async () => {
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(NotAFileError);
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(`${dir} is a folder, not a file`);
    const doc = path.join(dir, 'doc.archlab.json');
    const sweep = { parameters: [{ path: 'nodes.orders.props.replicas', values: [1] }], seeds: 1 };
    writeFileSync(doc, JSON.stringify(replicasDoc(sweep)));
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/node/cli/main.ts', 'sweep', doc, '--out', dir, '--quiet'],
      { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' },
    );
    expect(cli.status).toBe(4);
    expect(cli.stderr).toBe(
      `archlab: cannot write: ${dir} is a folder, not a file: give the path of a file to write.\n`,
    );
  });
});

describe('saving through what the user has', () => {
  it('writes through a symlink to the real file and leaves the link a link', async () => {
    const real = path.join(dir, 'real.archlab.json');
    const link = path.join(dir, 'link.archlab.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new', { backup: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(read(real)).toBe('new');
    expect(read(`${real}.bak`)).toBe('old');
    expect(list()).toEqual(['link.archlab.json', 'real.archlab.json', 'real.archlab.json.bak']);
  });

  it('keeps a 0600 file 0600, and its .bak too', async () => {
    const file = path.join(dir, 'secret.archlab.json');
    writeFileSync(file, 'old', { mode: 0o600 });
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new', { backup: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
  });

  it('refuses a read-only file with a message and leaves it as it was', async () => {
    const file = path.join(dir, 'locked.archlab.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o444);
    const save = new FileStore(path.join(dir, 'data')).save(file, 'new');
    await expect(save).rejects.toThrow(ReadOnlyError);
    await expect(save).rejects.toThrow(/locked\.archlab\.json is read-only: it was not changed/);
    expect(read(file)).toBe('old');
    expect(list()).toEqual(['locked.archlab.json']);
  });
});

describe('a full disk', () => {
  const enospc = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  // The disk fills up 2 MB into the n-th temp file of the save (1: the .bak, 2: the document).
  const fullAt = (n: number) => {
    let created = 0;
    return async (tmp: string) => {
      if (++created !== n) return;
      await writeFile(tmp, Buffer.alloc(2 * 1024 * 1024, 0x61));
      throw enospc();
    };
  };

  it('while writing the .bak: the previous .bak and the document stay whole, no temp file', async () => {
    const file = path.join(dir, 'shop.archlab.json');
    writeFileSync(file, 'v2');
    writeFileSync(`${file}.bak`, 'v1');
    await expect(
      writeFileAtomic(file, 'v3', { backup: true, tmpfileCreated: fullAt(1) }),
    ).rejects.toThrow(/ENOSPC/);
    expect(read(file)).toBe('v2');
    expect(read(`${file}.bak`)).toBe('v1');
    expect(list()).toEqual(['shop.archlab.json', 'shop.archlab.json.bak']);
  });

  it('while writing the document: the document stays whole, no temp file', async () => {
    const file = path.join(dir, 'shop.archlab.json');
    writeFileSync(file, 'v2');
    await expect(
      writeFileAtomic(file, 'v3', { backup: true, tmpfileCreated: fullAt(2) }),
    ).rejects.toThrow(/ENOSPC/);
    expect(read(file)).toBe('v2');
    expect(read(`${file}.bak`)).toBe('v2');
    expect(list()).toEqual(['shop.archlab.json', 'shop.archlab.json.bak']);
  });
});

describe('kill -9 during saves', () => {
  const loop = path.join(__dirname, 'saveLoop.ts');
  const whole = (f: string) => {
    const v = JSON.parse(read(f)) as { n: number; pad: string };
    expect(v.pad).toHaveLength(1_000_000);
    return v.n;
  };

  it('leaves the document and its .bak whole, and the sweep removes the temp files', async () => {
    const file = path.join(dir, 'shop.archlab.json');
    // Kill times spread over a save's length, the same every run (no Math.random in tests).
    const delays = [0, 9, 23, 41, 67, 97];
    for (const delay of delays) {
      const child = spawn(process.execPath, ['--import', 'tsx', loop, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const n = whole(file);
      expect(whole(`${file}.bak`)).toBeLessThanOrEqual(n);
    }
    // What a kill -9 cannot clean up goes at the next open (stale once a minute old).
    const temps = list().filter((f) => !f.endsWith('.json') && !f.endsWith('.bak'));
    const old = new Date(Date.now() - 120_000);
    for (const t of temps) utimesSync(path.join(dir, t), old, old);
    await new FileStore(path.join(dir, 'data')).open(file);
    expect(list()).toEqual(['data', 'shop.archlab.json', 'shop.archlab.json.bak']);
  }, 60_000);
});

describe('the sweep of stale temp files', () => {
  it('removes old temp files of the given names only, and keeps fresh ones', async () => {
    const old = new Date(Date.now() - 120_000);
    const make = (name: string, stale = true) => {
      writeFileSync(path.join(dir, name), 'x');
      if (stale) utimesSync(path.join(dir, name), old, old);
    };
    make('shop.archlab.json');
    make('shop.archlab.json.3188245760');
    make('shop.archlab.json.bak.42');
    make('.shop.archlab.json.4242.1764650000000.tmp');
    make('shop.archlab.json.17', false);
    make('other.archlab.json.99');
    make('notes.2024');
    const removed = await sweepStaleTemps(dir, ['shop.archlab.json']);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual([
      '.shop.archlab.json.4242.1764650000000.tmp',
      'shop.archlab.json.3188245760',
      'shop.archlab.json.bak.42',
    ]);
    expect(list()).toEqual([
      'notes.2024',
      'other.archlab.json.99',
      'shop.archlab.json',
      'shop.archlab.json.17',
    ]);
  });

  it('sweeps the data folder and its recovery folder', async () => {
    const store = new FileStore(dir);
    await store.writeRecovery('k', '{}', 'window-1');
    const old = new Date(Date.now() - 120_000);
    for (const f of ['recent.json.123', 'recovery/abc.json.456']) {
      writeFileSync(path.join(dir, f), 'x');
      utimesSync(path.join(dir, f), old, old);
    }
    expect((await store.sweep()).map((f) => path.relative(dir, f))).toEqual([
      'recent.json.123',
      path.join('recovery', 'abc.json.456'),
    ]);
  });
});

describe('opening', () => {
  it('refuses invalid UTF-8 with its byte offset instead of replacing it', async () => {
    const file = path.join(dir, 'bad.archlab.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9, 0x22])]));
    await expect(new FileStore(path.join(dir, 'data')).open(file)).rejects.toThrow(
      /bad\.archlab\.json is not valid UTF-8 at byte 12 \(0xe9\)/,
    );
  });
});

import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/node/atomicFile';
import { FileStore } from '../../../electron/node/fileStore';
import {
  fitToDisplays,
  loadWindowState,
  saveWindowState,
} from '../../../electron/node/windowState';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'archlab-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic saves', () => {
  it('replaces the file whole and keeps the previous version as .bak', async () => {
    const file = path.join(dir, 'shop.archlab.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new', { backup: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the old file untouched when the write cannot happen', async () => {
    const file = path.join(dir, 'missing-dir', 'x.json');
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(/ENOENT/);
  });
});

describe('the file store', () => {
  it('remembers recent files, newest first, without duplicates', async () => {
    const store = new FileStore(path.join(dir, 'data'));
    const a = path.join(dir, 'a.archlab.json');
    const b = path.join(dir, 'b.archlab.json');
    await store.save(a, '{}');
    await store.save(b, '{}');
    await store.open(a);
    expect(await store.recent()).toEqual([a, b]);
  });

  it('keeps recovery copies apart from the user file and clears them', async () => {
    const store = new FileStore(path.join(dir, 'data'));
    await store.writeRecovery('/home/u/shop.archlab.json', '{"name":"draft"}', 'w1');
    const [copy] = await store.readRecovery(new Set(['w1']), 'w1');
    expect(copy).toMatchObject({ key: '/home/u/shop.archlab.json', text: '{"name":"draft"}' });
    await store.clearRecovery('/home/u/shop.archlab.json', 'w1');
    expect(await store.readRecovery(new Set(), 'w1')).toEqual([]);
  });

  it('offers a window’s recovery copy to no other window while it is open', async () => {
    const store = new FileStore(path.join(dir, 'data'));
    const key = 'untitled:Untitled.archlab.json';
    await store.writeRecovery(key, '{"name":"one"}', 'w1');
    await store.writeRecovery(key, '{"name":"two"}', 'w2');
    // w3 opens while w1 and w2 are open: nothing to restore.
    expect(await store.readRecovery(new Set(['w1', 'w2', 'w3']), 'w3')).toEqual([]);
    // w1 closes: its copy goes to w3, and only to w3; w2's own copy is still w2's alone.
    const taken = await store.readRecovery(new Set(['w2', 'w3']), 'w3');
    expect(taken.map((c) => c.text)).toEqual(['{"name":"one"}']);
    expect(await store.readRecovery(new Set(['w2', 'w3', 'w4']), 'w4')).toEqual([]);
    // w3 restores and saves it: clearing its copy leaves w2's untouched.
    await store.clearRecovery(key, 'w3');
    const left = await store.readRecovery(new Set(['w4']), 'w4');
    expect(left.map((c) => c.text)).toEqual(['{"name":"two"}']);
  });

  it('refuses a directory and names it', async () => {
    await expect(new FileStore(dir).open(dir)).rejects.toThrow(/is not a file/);
  });
});

describe('window state', () => {
  it('round-trips through disk', async () => {
    await saveWindowState(dir, { x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(await loadWindowState(dir)).toEqual({
      x: 10,
      y: 20,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('recentres a window saved on a display that is gone', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(
      fitToDisplays({ x: 3000, y: 100, width: 1200, height: 800, maximized: false }, displays),
    ).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(
      fitToDisplays({ x: 100, y: 100, width: 300, height: 200, maximized: false }, displays),
    ).toEqual({
      x: 100,
      y: 100,
      width: 800,
      height: 560,
      maximized: false,
    });
  });
});

// Documents on disk: open, atomic save with a backup, recent files, and recovery copies written
// by autosave (kept in the app's data folder, never over the user's file).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sweepStaleTemps, writeFileAtomic } from './atomicFile';
import { decodeUtf8 } from './utf8';
import type { OpenedFile, RecoveryCopy } from '../../shared/protocol';

const RECENT_LIMIT = 10;
/** A document larger than this is refused before reading (a hostile or wrong file). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export class FileStore {
  constructor(private readonly dataDir: string) {}

  private get recentFile() {
    return path.join(this.dataDir, 'recent.json');
  }
  private get recoveryDir() {
    return path.join(this.dataDir, 'recovery');
  }

  async open(file: string): Promise<OpenedFile> {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error(`${file} is not a file`);
    if (stat.size > MAX_DOCUMENT_BYTES) {
      throw new Error(`${file} is ${stat.size} bytes; documents are at most ${MAX_DOCUMENT_BYTES}`);
    }
    const decoded = decodeUtf8(await fs.readFile(file));
    if (!decoded.ok) throw new Error(`${file} ${decoded.message}`);
    // Temp files of saves of this document that never finished (a crash, a kill -9).
    await sweepStaleTemps(path.dirname(file), [path.basename(file)]);
    await this.addRecent(file);
    const text = decoded.text;
    return { path: file, name: path.basename(file), text };
  }

  async save(file: string, text: string): Promise<{ path: string }> {
    await writeFileAtomic(file, text, { backup: true });
    await this.addRecent(file);
    return { path: file };
  }

  /** Remove the temp files that writes killed midway left in the data folder (call at start). */
  async sweep(): Promise<string[]> {
    return [...(await sweepStaleTemps(this.dataDir)), ...(await sweepStaleTemps(this.recoveryDir))];
  }

  async recent(): Promise<string[]> {
    try {
      const list: unknown = JSON.parse(await fs.readFile(this.recentFile, 'utf8'));
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  async addRecent(file: string): Promise<void> {
    const list = (await this.recent()).filter((f) => f !== file);
    list.unshift(file);
    await fs.mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.recentFile, JSON.stringify(list.slice(0, RECENT_LIMIT), null, 2));
  }

  // Recovery copies belong to the window that wrote them (`owner`, unique to one window of one
  // app session). A copy is offered only once its window is gone: reading hands such copies to the
  // reading window, so a second window never offers the work of one still open.

  private recoveryPath(owner: string, key: string) {
    const hash = createHash('sha256').update(`${owner}\n${key}`).digest('hex').slice(0, 16);
    return path.join(this.recoveryDir, `${hash}.json`);
  }

  private async recoveryFiles(): Promise<{ file: string; copy: OwnedCopy }[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.recoveryDir);
    } catch {
      return [];
    }
    const found: { file: string; copy: OwnedCopy }[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = path.join(this.recoveryDir, name);
      try {
        const c = JSON.parse(await fs.readFile(file, 'utf8')) as OwnedCopy;
        if (typeof c.key === 'string' && typeof c.text === 'string') found.push({ file, copy: c });
      } catch {
        // A torn or foreign file in the recovery folder is left alone, not offered.
      }
    }
    return found;
  }

  /** Write `owner`'s copy of the document `key` (replacing any it took over from a closed window). */
  async writeRecovery(key: string, text: string, owner: string): Promise<void> {
    await fs.mkdir(this.recoveryDir, { recursive: true });
    const target = this.recoveryPath(owner, key);
    const copy: OwnedCopy = { key, text, savedAt: new Date().toISOString(), owner };
    await writeFileAtomic(target, JSON.stringify(copy));
    for (const f of await this.recoveryFiles())
      if (f.file !== target && f.copy.owner === owner && f.copy.key === key)
        await fs.rm(f.file, { force: true });
  }

  /**
   * The copies left by windows that are no longer open (`live` holds the owners still open),
   * newest first; `reader` takes them over, so no other window offers them too.
   */
  async readRecovery(live: ReadonlySet<string>, reader: string): Promise<RecoveryCopy[]> {
    const copies: RecoveryCopy[] = [];
    for (const { file, copy } of await this.recoveryFiles()) {
      if (copy.owner === reader) {
        copies.push(plain(copy));
      } else if (copy.owner === undefined || !live.has(copy.owner)) {
        await writeFileAtomic(file, JSON.stringify({ ...copy, owner: reader }));
        copies.push(plain(copy));
      }
    }
    return copies.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** Remove `owner`'s copies of the document `key`. */
  async clearRecovery(key: string, owner: string): Promise<void> {
    for (const f of await this.recoveryFiles())
      if (f.copy.owner === owner && f.copy.key === key) await fs.rm(f.file, { force: true });
  }
}

interface OwnedCopy extends RecoveryCopy {
  /** The window that wrote it (absent in copies written before copies had owners). */
  owner?: string;
}

const plain = ({ key, text, savedAt }: OwnedCopy): RecoveryCopy => ({ key, text, savedAt });

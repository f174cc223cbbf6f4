// Writing files so that nothing is ever damaged: write-file-atomic (what npm itself uses) writes a
// temp file beside the target, flushes it, keeps the target's mode and owner, renames it over the
// target (through a symlink to the real file) and removes the temp file on any error. Around it:
// a read-only file is refused with a message instead of replaced, the previous version is kept as
// `.bak` written the same way (a full disk leaves the old .bak whole), and temp files that a
// killed process left behind are swept when their folder is next used.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

export interface WriteOptions {
  /** Keep the previous content as `<file>.bak` (as draw.io desktop does). */
  backup?: boolean;
  /** Called once each temp file exists, before it is written (tests inject failures here). */
  tmpfileCreated?: (tmp: string) => Promise<void> | void;
}

/** A save refused because the file may not be written. */
export class ReadOnlyError extends Error {
  constructor(file: string) {
    super(`${file} is read-only: it was not changed. Save a copy elsewhere, or make it writable.`);
    this.name = 'ReadOnlyError';
  }
}

/** An output path that names something other than a file: a folder, say. */
export class NotAFileError extends Error {
  constructor(file: string, what: string) {
    super(`${file} is ${what}, not a file: give the path of a file to write.`);
    this.name = 'NotAFileError';
  }
}

/**
 * Write `data` to `file` atomically (see the top of this file). A character device or a pipe
 * (/dev/null, /dev/stdout, a FIFO) cannot be replaced by a rename: it is written through, as a
 * shell's `>` does.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const real = await fs.realpath(file).catch(() => file);
  const stat = await fs.stat(real).catch(() => null);
  if (stat !== null) {
    if (stat.isDirectory()) throw new NotAFileError(file, 'a folder');
    if (stat.isCharacterDevice() || stat.isFIFO()) return fs.writeFile(real, data);
    if (!stat.isFile()) throw new NotAFileError(file, 'a device or socket');
    if (!(await writable(real, stat.mode))) throw new ReadOnlyError(file);
  }
  const lib = { tmpfileCreated: options.tmpfileCreated };
  if (options.backup && stat !== null) {
    const old = await fs.readFile(real);
    await writeFileAtomicLib(`${real}.bak`, old, { ...lib, mode: stat.mode & 0o7777 });
  }
  const bytes =
    typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await writeFileAtomicLib(real, bytes, lib);
}

/** Read-only as the user sees it: no write bit at all, or no write access for this process. */
async function writable(file: string, mode: number): Promise<boolean> {
  if ((mode & 0o222) === 0) return false;
  return fs.access(file, constants.W_OK).then(
    () => true,
    () => false,
  );
}

// Temp names: write-file-atomic's `<name>.<uint32>`, and `.<name>.<pid>.<ms>.tmp` of the writer
// it replaced.
const TEMP = /^(?:(.+)\.\d{1,10}|\.(.+)\.\d+\.\d+\.tmp)$/;
/** A temp file younger than this may belong to a save still running in another window. */
const STALE_MS = 60_000;

/**
 * Remove the temp files left in `dir` by writes that never finished (a crash, a kill -9): those
 * whose target is one of `names` (every name when omitted) and older than a minute. Returns the
 * paths removed; a file that cannot be examined or removed is left alone.
 */
export async function sweepStaleTemps(
  dir: string,
  names?: readonly string[],
  nowMs = Date.now(),
): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    const target = m?.[1] ?? m?.[2];
    if (target === undefined) continue;
    const base = target.endsWith('.bak') ? target.slice(0, -4) : target;
    if (names !== undefined ? !names.includes(base) : !/\.(json|bak)$/.test(target)) continue;
    const full = path.join(dir, entry);
    try {
      const stat = await fs.lstat(full);
      if (!stat.isFile() || nowMs - stat.mtimeMs < STALE_MS) continue;
      await fs.rm(full);
      removed.push(full);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

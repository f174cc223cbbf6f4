import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Write a file so that a crash leaves either the old content or the new, never half of each:
 * write a temp file beside it, flush it to disk, then rename over the target.
 * With `backup`, the previous version is kept as `<name>.bak` first (as draw.io desktop does).
 */
export async function atomicWrite(file: string, text: string, options: { backup?: boolean } = {}) {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (options.backup) {
      await fs.copyFile(file, `${file}.bak`).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

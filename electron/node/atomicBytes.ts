import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Write text or bytes so that a crash leaves the old file or the new one, never half of each:
 * a temp file beside the target, flushed to disk, then renamed over it (as atomicWrite.ts does
 * for text documents; this one also takes the PDF and PNG bytes of reports).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`,
  );
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

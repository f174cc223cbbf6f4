// The texts of files chosen for import, each refused by its size before it is read.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/io/import';
import type { OpenedFile } from '../../shared/protocol';

export async function readImportFiles(paths: string[]): Promise<OpenedFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const size = (await stat(path)).size;
      if (size > MAX_IMPORT_BYTES)
        throw new Error(
          `${basename(path)} is ${(size / 1024 / 1024).toFixed(1)} MB; an import reads files of up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
        );
      return { path, name: basename(path), text: await readFile(path, 'utf8') };
    }),
  );
}

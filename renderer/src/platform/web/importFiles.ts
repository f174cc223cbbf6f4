// Files to import in the browser: a file input that takes several YAML files at once.
import { MAX_IMPORT_BYTES } from '../../../../shared/io/import';
import type { OpenedFile } from '../../../../shared/protocol';

export function pickImportFiles(): Promise<OpenedFile[] | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.yaml,.yml,.json,application/yaml,text/yaml';
    input.onchange = () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) return resolve(null);
      readAll(files).then(resolve, reject);
    };
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

export function readAll(files: File[]): Promise<OpenedFile[]> {
  return Promise.all(
    files.map(async (f) => {
      if (f.size > MAX_IMPORT_BYTES)
        throw new Error(
          `${f.name} is ${(f.size / 1024 / 1024).toFixed(1)} MB; an import reads files of up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
        );
      return { path: '', name: f.name, text: await f.text() };
    }),
  );
}

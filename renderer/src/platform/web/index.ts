import type { FromHost } from '../../../../shared/protocol';
import type { Platform } from '../types';
import { openFile, openRecent, recentFiles, saveFile, saveFileAs } from './files';
import { pickImportFiles } from './importFiles';
import { webRecovery } from './recovery';
import { downloadExport } from './download';

/** The web edition: the engine in a Web Worker, files through the browser's file APIs. */
export function webPlatform(): Platform {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const listeners = new Set<(m: FromHost) => void>();
  worker.onmessage = (event: MessageEvent<FromHost>) => {
    for (const l of listeners) l(event.data);
  };
  worker.onerror = (event) => {
    const m: FromHost = {
      type: 'error',
      code: 'E_RUN_FAILED',
      message: `The engine worker failed: ${event.message}`,
    };
    for (const l of listeners) l(m);
  };
  return {
    kind: 'web',
    engine: {
      send: (message) => worker.postMessage(message),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    files: {
      open: openFile,
      save: saveFile,
      saveAs: saveFileAs,
      recent: recentFiles,
      openPath: openRecent,
      importFiles: pickImportFiles,
    },
    exports: {
      save: (data, name, type) => Promise.resolve(downloadExport(data, name, type.mime)),
      pdf: () => Promise.resolve(null),
    },
    recovery: webRecovery,
    setTitle: (title) => {
      document.title = title;
    },
    onMenuCommand: () => () => undefined,
    onOpenFile: () => () => undefined,
    onCloseRequest: () => () => undefined,
  };
}

import type { ArchlabBridge, FromHost } from '../../../shared/protocol';
import type { Platform } from './types';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The desktop edition: everything goes through the preload's `window.archlab`. */
export function electronPlatform(bridge: ArchlabBridge): Platform {
  return {
    kind: 'desktop',
    engine: {
      send: (message) => void bridge.engineSend(message),
      subscribe: (listener) => bridge.on('engine:message', (m) => listener(m as FromHost)),
    },
    files: {
      open: () => bridge.openFile(),
      save: async (text, current) => {
        const r = await bridge.saveFile({ ...(current.path ? { path: current.path } : {}), text });
        return r && { path: r.path, name: baseName(r.path) };
      },
      saveAs: async (text, suggestedName) => {
        const r = await bridge.saveFileAs({ suggestedName, text });
        return r && { path: r.path, name: baseName(r.path) };
      },
      recent: async () =>
        (await bridge.recentFiles()).map((path) => ({ path, name: baseName(path) })),
      openPath: (path) => bridge.openPath(path),
      importFiles: () => bridge.importFiles(),
    },
    exports: {
      save: async (data, suggestedName, type) => {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        return bridge.exportFile({
          suggestedName,
          base64: toBase64(bytes),
          filterName: type.name,
          extensions: type.extensions,
        });
      },
      pdf: async (html, landscape) => fromBase64(await bridge.printToPdf({ html, landscape })),
    },
    recovery: {
      write: (key, text) => bridge.writeRecovery({ key, text }),
      read: () => bridge.readRecovery(),
      clear: (key) => bridge.clearRecovery(key),
    },
    setTitle: (title) => void bridge.setTitle(title),
    onMenuCommand: (listener) => bridge.on('menu:command', (id) => listener(String(id))),
    onOpenFile: (listener) => bridge.on('app:openFile', (p) => listener(String(p))),
    onCloseRequest: (listener) =>
      bridge.on('app:closeRequest', () => {
        void listener().then((close) => {
          if (close) void bridge.confirmClose();
        });
      }),
  };
}

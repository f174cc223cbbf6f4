// The preload: exposes `window.archlab`, one named function per IPC channel of
// shared/protocol.ts, and nothing else (no raw ipcRenderer).
import { contextBridge, ipcRenderer } from 'electron';
import {
  ipcEvents,
  type ArchlabBridge,
  type IpcArgsInput,
  type IpcChannel,
  type IpcEvent,
} from '../../shared/protocol';

/** Each channel takes the arguments its zod tuple in shared/protocol.ts accepts. */
const invoke = <C extends IpcChannel>(channel: C, ...args: IpcArgsInput<C>) =>
  ipcRenderer.invoke(channel, ...args);

const bridge: ArchlabBridge = {
  info: () => invoke('app:info'),
  engineSend: (message) => invoke('engine:send', message),
  openExternal: (url) => invoke('shell:openExternal', url),
  setTitle: (title) => invoke('window:setTitle', title),
  confirmClose: () => invoke('window:confirmClose'),
  openFile: () => invoke('file:open'),
  openPath: (path) => invoke('file:openPath', path),
  importFiles: () => invoke('file:import'),
  saveFile: (req) => invoke('file:save', req),
  saveFileAs: (req) => invoke('file:saveAs', req),
  recentFiles: () => invoke('file:recent'),
  exportFile: (req) => invoke('file:export', req),
  printToPdf: (req) => invoke('export:pdf', req),
  writeRecovery: (req) => invoke('recovery:write', req),
  readRecovery: () => invoke('recovery:read'),
  clearRecovery: (key) => invoke('recovery:clear', key),
  on: (event: IpcEvent, listener) => {
    if (!ipcEvents.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('archlab', bridge);

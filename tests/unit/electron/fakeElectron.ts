// A fake of the `electron` module for loading electron/main/index.ts in Node. It behaves as
// Electron does where main relies on it (ipcMain.handle refuses a second handler for a channel,
// every new web contents is announced with app's 'web-contents-created', loadURL resolves on
// 'did-finish-load', whenReady resolves once) and records everything main asks of it.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Listener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: { url: string } | null;
}

interface DialogAnswer {
  canceled: boolean;
  filePaths?: string[];
  filePath?: string;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  url = '';
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly session = {
    webRequest: {
      onBeforeRequest: (fn: unknown) => record('session.onBeforeRequest', fn),
    },
  };
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  async printToPDF() {
    return new Uint8Array([37, 80, 68, 70]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly id = nextId++;
  readonly webContents = new FakeWebContents();
  title = '';
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: FakeWebContents) {
    return FakeBrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }
  async loadURL(url: string) {
    this.webContents.url = url;
    this.webContents.emit('did-finish-load');
  }
  setTitle(title: string) {
    this.title = title;
  }
  close() {
    const event = {
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyed = true;
  }
  destroy() {
    this.destroyed = true;
  }
  show() {}
  maximize() {}
  restore() {}
  focus() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
}

/** Everything main asked for, in order: [what, argument]. */
export const calls: [string, unknown][] = [];
function record(what: string, arg: unknown) {
  calls.push([what, arg]);
}

export const handlers = new Map<string, Listener>();
export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  },
};

let ready: () => void = () => {};
const whenReadyPromise = new Promise<void>((resolve) => (ready = resolve));
const userData = mkdtempSync(path.join(os.tmpdir(), 'archlab-main-'));

class FakeApp extends EventEmitter {
  readonly name = 'ArchLab';
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`getPath(${name}) is not faked`);
    return userData;
  }
  getVersion() {
    return '0.1.0';
  }
  requestSingleInstanceLock() {
    return true;
  }
  quit() {
    record('app.quit', null);
  }
  whenReady() {
    return whenReadyPromise;
  }
}
export const app = new FakeApp();
/** Fire 'ready' (Electron does once its browser process is up). */
export function becomeReady() {
  ready();
}

export const Menu = {
  buildFromTemplate(template: unknown) {
    return { template };
  },
  setApplicationMenu(menu: unknown) {
    record('Menu.setApplicationMenu', menu);
  },
};

/** Answers the dialogs give, in order; a dialog with no answer left is cancelled. */
export const dialogAnswers: DialogAnswer[] = [];
export const dialog = {
  async showOpenDialog(_win: unknown, options: unknown) {
    record('dialog.showOpenDialog', options);
    return dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(_win: unknown, options: unknown) {
    record('dialog.showSaveDialog', options);
    return dialogAnswers.shift() ?? { canceled: true };
  },
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (fn: unknown) => record('session.onHeadersReceived', fn),
    },
    setPermissionRequestHandler: (fn: unknown) => record('session.setPermissionRequestHandler', fn),
    setPermissionCheckHandler: (fn: unknown) => record('session.setPermissionCheckHandler', fn),
  },
};

export const shell = {
  async openExternal(url: unknown) {
    record('shell.openExternal', url);
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export function recorded(what: string): unknown[] {
  return calls.filter(([w]) => w === what).map(([, arg]) => arg);
}

export const fakeUserData = userData;
export { FakeBrowserWindow as BrowserWindow };

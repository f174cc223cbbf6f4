// The Electron main process: windows, menus, dialogs and IPC wiring. Everything that can be
// written without Electron lives in electron/node and is tested there.
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineHost } from '../node/engineHost';
import { FileStore } from '../node/fileStore';
import { writeFileAtomic } from '../node/atomicBytes';
import { checkInvoke } from '../node/ipc';
import { buildMenuSpec } from '../node/menu';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl, isTrustedSender } from '../node/security';
import { fitToDisplays, loadWindowState, saveWindowState } from '../node/windowState';
import type { AppInfo, IpcChannel } from '../../shared/protocol';

const rendererHtml = path.join(import.meta.dirname, '../renderer/index.html');
const appUrl = process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(rendererHtml).href;
const dataDir = app.getPath('userData');
const files = new FileStore(dataDir);
let mainWindow: BrowserWindow | null = null;
let engine: EngineHost | null = null;
/** Recovery copies are owned per window of this app session (webContents ids restart each run). */
const SESSION = randomUUID();
const windowOwner = (webContentsId: number) => `${SESSION}:${webContentsId}`;
/** Windows whose renderer has said they may close. */
const closeConfirmed = new Set<number>();
const pendingOpen: string[] = process.argv.slice(1).filter((a) => a.endsWith('.archlab.json'));

function handle(channel: IpcChannel, fn: (event: IpcMainInvokeEvent, args: unknown[]) => unknown) {
  ipcMain.handle(channel, (event, ...raw: unknown[]) => {
    const args = checkInvoke(channel, event.senderFrame?.url, appUrl, raw);
    return fn(event, args as unknown[]);
  });
}

function sendToRenderer(event: string, payload: unknown) {
  mainWindow?.webContents.send(event, payload);
}

function installMenu() {
  const spec = buildMenuSpec(process.platform, app.name);
  const template: MenuItemConstructorOptions[] = spec.map((menu) => ({
    label: menu.label,
    submenu: menu.items.map((item): MenuItemConstructorOptions => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'role') {
        return {
          role: item.role as NonNullable<MenuItemConstructorOptions['role']>,
          ...(item.label ? { label: item.label } : {}),
        };
      }
      return {
        label: item.label,
        // Shown, not registered: the renderer handles every shortcut, so text fields keep
        // their own Ctrl+C/V/Z, Delete and arrow keys.
        ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
        click: () => sendToRenderer('menu:command', item.id),
      };
    }),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function createWindow() {
  const saved = fitToDisplays(
    await loadWindowState(dataDir),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'ArchLab',
    icon: path.join(import.meta.dirname, '../../assets/icon.png'),
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.on('close', (event) => {
    // The renderer asks about unsaved changes (Save / Don't Save / Cancel) and confirms with
    // `window:confirmClose`; until then the window stays.
    if (!closeConfirmed.has(win.id)) {
      event.preventDefault();
      win.webContents.send('app:closeRequest', null);
      return;
    }
    const b = win.getNormalBounds();
    void saveWindowState(dataDir, { ...b, maximized: win.isMaximized() });
  });
  await win.loadURL(appUrl);
  mainWindow = win;
}

function startEngine() {
  engine = new EngineHost({ workerPath: path.join(import.meta.dirname, 'engineWorker.js') });
  engine.onMessage((message) => sendToRenderer('engine:message', message));
}

function registerIpc() {
  handle('app:info', (): AppInfo => ({
    name: app.name,
    version: app.getVersion(),
    platform: process.platform,
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
  }));
  handle('engine:send', (_e, [message]) => engine?.send(message));
  handle('shell:openExternal', async (_e, [url]) => {
    if (typeof url !== 'string' || !isSafeExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  });
  handle('window:setTitle', (_e, [title]) => mainWindow?.setTitle(String(title)));
  handle('window:confirmClose', (event) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!win) return;
    closeConfirmed.add(win.id);
    win.close();
  });
  handle('file:open', async () => {
    if (!mainWindow) return null;
    const r = await dialog.showOpenDialog(mainWindow, {
      properties: ['openFile'],
      filters: [{ name: 'ArchLab documents', extensions: ['archlab.json', 'json'] }],
    });
    const file = r.filePaths[0];
    return r.canceled || !file ? null : files.open(file);
  });
  handle('file:openPath', (_e, [file]) => files.open(String(file)));
  handle('file:save', async (_e, [req]) => {
    const { path: file, text } = req as { path?: string; text: string };
    if (file) return files.save(file, text);
    return saveAs('Untitled.archlab.json', text);
  });
  handle('file:saveAs', (_e, [req]) => {
    const { suggestedName, text } = req as { suggestedName: string; text: string };
    return saveAs(suggestedName, text);
  });
  handle('file:recent', () => files.recent());
  handle('file:export', async (_e, [req]) => {
    const { suggestedName, base64, filterName, extensions } = req as {
      suggestedName: string;
      base64: string;
      filterName: string;
      extensions: string[];
    };
    if (!mainWindow) return null;
    const r = await dialog.showSaveDialog(mainWindow, {
      defaultPath: suggestedName,
      filters: [{ name: filterName, extensions }],
    });
    if (r.canceled || !r.filePath) return null;
    await writeFileAtomic(r.filePath, Buffer.from(base64, 'base64'));
    return { path: r.filePath };
  });
  handle('export:pdf', async (_e, [req]) => {
    const { html, landscape } = req as { html: string; landscape: boolean };
    // A hidden, sandboxed window with scripts off renders the print view; nothing is fetched.
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        javascript: false,
        partition: 'archlab-print',
      },
    });
    try {
      win.webContents.session.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !details.url.startsWith('data:') }),
      );
      await win.loadURL(
        `data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`,
      );
      const pdf = await win.webContents.printToPDF({ landscape, printBackground: true });
      return Buffer.from(pdf).toString('base64');
    } finally {
      win.destroy();
    }
  });
  handle('recovery:write', (e, [req]) => {
    const { key, text } = req as { key: string; text: string };
    return files.writeRecovery(key, text, windowOwner(e.sender.id));
  });
  handle('recovery:read', (e) => {
    const live = new Set(BrowserWindow.getAllWindows().map((w) => windowOwner(w.webContents.id)));
    return files.readRecovery(live, windowOwner(e.sender.id));
  });
  handle('recovery:clear', (e, [key]) =>
    files.clearRecovery(String(key), windowOwner(e.sender.id)),
  );
}

async function saveAs(suggestedName: string, text: string) {
  if (!mainWindow) return null;
  const r = await dialog.showSaveDialog(mainWindow, {
    defaultPath: suggestedName,
    filters: [{ name: 'ArchLab documents', extensions: ['archlab.json'] }],
  });
  return r.canceled || !r.filePath ? null : files.save(r.filePath, text);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    for (const file of argv.filter((a) => a.endsWith('.archlab.json')))
      sendToRenderer('app:openFile', file);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (mainWindow) sendToRenderer('app:openFile', file);
    else pendingOpen.push(file);
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    void engine?.terminate();
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      });
    });
    // Only the clipboard, for copy/paste of components between windows; nothing else.
    session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
      callback(
        (permission === 'clipboard-read' || permission === 'clipboard-sanitized-write') &&
          isTrustedSender(wc.getURL(), appUrl),
      ),
    );
    registerIpc();
    installMenu();
    startEngine();
    await createWindow();
    mainWindow?.webContents.once('did-finish-load', () => {
      for (const file of pendingOpen.splice(0)) sendToRenderer('app:openFile', file);
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
}

// The Electron main process: windows, menus, dialogs and IPC wiring. Everything that can be
// written without Electron lives in electron/node and is tested there.
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineHost } from '../node/engineHost';
import { readImportFiles } from '../node/importFiles';
import { FileStore } from '../node/fileStore';
import { writeFileAtomic } from '../node/atomicFile';
import { documentArgs, PathGrants } from '../node/grants';
import { checkDocumentText, registerIpcHandlers } from '../node/ipc';
import { buildMenuSpec } from '../node/menu';
import { allowPermission, CONTENT_SECURITY_POLICY as CSP, safeExternalUrl } from '../node/security';
import { fitToDisplays, loadWindowState, saveWindowState } from '../node/windowState';
import type { AppInfo } from '../../shared/protocol';

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
/** The only paths the renderer may open or save to: those main handed out. */
const grants = new PathGrants();
const pendingOpen: string[] = documentArgs(process.argv.slice(1)).map((f) => grants.grant(f));

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
      // The preload exposes one function per protocol channel through contextBridge, never
      // ipcRenderer itself; main checks the sender and arguments of every call.
      preload: path.join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in a new window (every window open is denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
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
  mainWindow = win;
  // Files from the command line or the OS that arrived before the window, once the page is up.
  win.webContents.once('did-finish-load', () => {
    for (const file of pendingOpen.splice(0)) sendToRenderer('app:openFile', file);
  });
  await win.loadURL(appUrl);
}

function startEngine() {
  engine = new EngineHost({ workerPath: path.join(import.meta.dirname, 'engineWorker.js') });
  engine.onMessage((message) => sendToRenderer('engine:message', message));
}

function registerIpc() {
  registerIpcHandlers<IpcMainInvokeEvent>(ipcMain, appUrl, {
    'app:info': (): AppInfo => ({
      name: app.name,
      version: app.getVersion(),
      platform: process.platform,
      versions: {
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
      },
    }),
    'engine:send': (_e, [message]) => engine?.send(message),
    'shell:openExternal': (_e, [raw]) => openExternal(raw),
    'window:setTitle': (_e, [title]) => mainWindow?.setTitle(title),
    'window:confirmClose': (event) => {
      const win = BrowserWindow.fromWebContents(event.sender);
      if (!win) return;
      closeConfirmed.add(win.id);
      win.close();
    },
    'file:open': async () => {
      if (!mainWindow) return null;
      const r = await dialog.showOpenDialog(mainWindow, {
        properties: ['openFile'],
        filters: [{ name: 'ArchLab documents', extensions: ['archlab.json', 'json'] }],
      });
      const file = r.filePaths[0];
      return r.canceled || !file ? null : files.open(grants.grant(file));
    },
    'file:openPath': (_e, [file]) => files.open(grants.check('file:openPath', file)),
    'file:import': async () => {
      if (!mainWindow) return null;
      const r = await dialog.showOpenDialog(mainWindow, {
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Kubernetes or Compose YAML', extensions: ['yaml', 'yml', 'json'] }],
      });
      return r.canceled || r.filePaths.length === 0 ? null : readImportFiles(r.filePaths);
    },
    'file:save': (_e, [{ path: file, text }]) => {
      checkDocumentText('file:save', text);
      // A path main did not hand out (a recovered copy's, say) is confirmed in the save dialog.
      if (file && grants.has(file)) return files.save(grants.check('file:save', file), text);
      return saveAs(file ?? 'Untitled.archlab.json', text);
    },
    'file:saveAs': (_e, [{ suggestedName, text }]) =>
      saveAs(suggestedName, checkDocumentText('file:saveAs', text)),
    'file:recent': async () => {
      const list = await files.recent();
      grants.grantAll(list);
      return list;
    },
    'file:export': async (_e, [{ suggestedName, base64, filterName, extensions }]) => {
      if (!mainWindow) return null;
      const r = await dialog.showSaveDialog(mainWindow, {
        defaultPath: suggestedName,
        filters: [{ name: filterName, extensions }],
      });
      if (r.canceled || !r.filePath) return null;
      await writeFileAtomic(r.filePath, Buffer.from(base64, 'base64'));
      return { path: r.filePath };
    },
    'export:pdf': (_e, [{ html, landscape }]) => printToPdf(html, landscape),
    'recovery:write': (e, [{ key, text }]) =>
      files.writeRecovery(key, checkDocumentText('recovery:write', text), windowOwner(e.sender.id)),
    'recovery:read': (e) => {
      const live = new Set(BrowserWindow.getAllWindows().map((w) => windowOwner(w.webContents.id)));
      return files.readRecovery(live, windowOwner(e.sender.id));
    },
    'recovery:clear': (e, [key]) => files.clearRecovery(key, windowOwner(e.sender.id)),
  });
}

/** Hand a link to the system browser or mail client: the parsed URL, https or plain mailto. */
async function openExternal(raw: string): Promise<boolean> {
  const url = safeExternalUrl(raw);
  if (!url) return false;
  // Only a parsed https URL or a plain mailto: (safeExternalUrl) reaches the system.
  await shell.openExternal(url.href); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}

/** A hidden, sandboxed window with scripts off renders the print view; nothing is fetched. */
async function printToPdf(html: string, landscape: boolean): Promise<string> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      partition: 'archlab-print',
      disableBlinkFeatures: 'Auxclick',
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
}

/** Every web contents main creates: no navigation away, no new windows, no webviews. */
function lockDown(contents: WebContents) {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
}

async function saveAs(suggestedName: string, text: string) {
  if (!mainWindow) return null;
  const r = await dialog.showSaveDialog(mainWindow, {
    defaultPath: suggestedName,
    filters: [{ name: 'ArchLab documents', extensions: ['archlab.json'] }],
  });
  return r.canceled || !r.filePath ? null : files.save(grants.grant(r.filePath), text);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    for (const file of documentArgs(argv)) sendToRenderer('app:openFile', grants.grant(file));
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    const granted = grants.grant(file);
    if (mainWindow) sendToRenderer('app:openFile', granted);
    else pendingOpen.push(granted);
  });
  app.on('web-contents-created', (_e, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    void engine?.terminate();
    if (process.platform !== 'darwin') app.quit();
  });
  void app.whenReady().then(async () => {
    // Temp files of writes a crash or kill -9 cut short, in the data folder.
    void files.sweep();
    // The policy is the constant CONTENT_SECURITY_POLICY, which the scanner cannot read here; the
    // test of main checks it is the page's own meta policy.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const headers = details.responseHeaders;
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CSP] } }); // eng-disable CSP_GLOBAL_CHECK
    });
    // Only the clipboard, for copy/paste of components between windows; nothing else. The check
    // handler answers the synchronous queries (navigator.permissions, clipboard API checks).
    session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
      callback(allowPermission(permission, wc.getURL(), appUrl)),
    );
    session.defaultSession.setPermissionCheckHandler((wc, permission) =>
      allowPermission(permission, wc?.getURL(), appUrl),
    );
    grants.grantAll(await files.recent());
    registerIpc();
    installMenu();
    startEngine();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
}

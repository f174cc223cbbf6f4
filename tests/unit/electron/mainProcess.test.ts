// electron/main/index.ts loaded against a fake `electron` module that records what main asks of
// it: every channel has its handler behind the sender check, the window is locked down, the menus
// come from the command registry, and a compromised renderer can reach no file main did not hand
// out, no link but https and plain mail, and no unbounded save.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fake from './fakeElectron';
import { buildMenuSpec } from '../../../electron/node/menu';
import { CONTENT_SECURITY_POLICY } from '../../../electron/node/security';
import { ipcChannels, type IpcChannel } from '../../../shared/protocol';

vi.mock('electron', () => import('./fakeElectron'));
vi.mock('../../../electron/node/engineHost', () => ({
  EngineHost: class {
    readonly sent: unknown[] = [];
    onMessage() {}
    send(message: unknown) {
      this.sent.push(message);
    }
    async terminate() {}
  },
}));

const docText = JSON.stringify({ format: 'archlab', nodes: [] });
const argvDoc = path.join(fake.fakeUserData, 'from-argv.archlab.json');
const dialogDoc = path.join(fake.fakeUserData, 'picked.archlab.json');
const secret = path.join(fake.fakeUserData, 'secret.txt');
let savedArgv: string[];
let win: fake.FakeBrowserWindow;
let appUrl: string;

/** Valid arguments for every channel, so a refusal can only come from the check under test. */
const validArgs: Record<IpcChannel, unknown[]> = {
  'app:info': [],
  'engine:send': [{ type: 'ping', id: 1 }],
  'shell:openExternal': ['https://kubernetes.io/'],
  'window:setTitle': ['t'],
  'window:confirmClose': [],
  'file:open': [],
  'file:openPath': [argvDoc],
  'file:import': [],
  'file:save': [{ path: argvDoc, text: docText }],
  'file:saveAs': [{ suggestedName: 'a.archlab.json', text: docText }],
  'file:recent': [],
  'file:export': [
    { suggestedName: 'a.png', base64: 'AA==', filterName: 'PNG', extensions: ['png'] },
  ],
  'export:pdf': [{ html: '<p>x</p>', landscape: false }],
  'recovery:write': [{ key: 'k', text: docText }],
  'recovery:read': [],
  'recovery:clear': ['k'],
};

function invoke(channel: string, args: unknown[], senderUrl: string | null = appUrl) {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = {
    sender: win.webContents,
    senderFrame: senderUrl === null ? null : { url: senderUrl },
  };
  return Promise.resolve().then(() => handler(event, ...args));
}

beforeAll(async () => {
  writeFileSync(argvDoc, docText);
  writeFileSync(dialogDoc, docText);
  writeFileSync(secret, 'do not read');
  savedArgv = process.argv;
  process.argv = [process.argv[0] ?? 'electron', '--some-flag', argvDoc];
  delete process.env['ELECTRON_RENDERER_URL'];
  await import('../../../electron/main/index');
  fake.becomeReady();
  await vi.waitFor(() => expect(fake.FakeBrowserWindow.all.length).toBeGreaterThan(0));
  win = fake.FakeBrowserWindow.all[0]!;
  await vi.waitFor(() => expect(win.webContents.url).not.toBe(''));
  appUrl = win.webContents.url;
});

afterAll(() => {
  process.argv = savedArgv;
});

describe('the main process, loaded against a fake electron', () => {
  it('has a handler for every channel of the protocol, and no other', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.keys(ipcChannels).sort());
  });

  it.each(Object.keys(ipcChannels))('%s refuses a sender that is not our page', async (c) => {
    const args = validArgs[c as IpcChannel];
    const page = new URL(appUrl);
    for (const sender of [
      `file://evilhost${page.pathname}`,
      'file:///tmp/evil.html',
      'https://evil.example/',
      `file://user@${page.pathname}`,
      null,
    ]) {
      await expect(invoke(c, args, sender)).rejects.toThrow(`${c}: refused a call from`);
    }
  });

  it('loads our page in a window with the secure preferences', () => {
    expect(appUrl).toMatch(/^file:\/\/\/.*\/renderer\/index\.html$/);
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'enableBlinkFeatures',
    ])
      expect(prefs).not.toHaveProperty(risky);
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('sends the Content-Security-Policy with every response, and the page carries it too', () => {
    const [onHeaders] = fake.recorded('session.onHeadersReceived') as [
      (d: unknown, cb: (r: unknown) => void) => void,
    ];
    let answer: unknown;
    onHeaders({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (answer = r));
    expect(answer).toEqual({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    // A file:// page gets no response headers: the meta tag is its policy (frame-ancestors is
    // ignored in a meta tag, so it is left out there).
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(
      CONTENT_SECURITY_POLICY.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    );
  });

  it('grants only the clipboard, to our page, when asked and when checked', () => {
    const [request] = fake.recorded('session.setPermissionRequestHandler') as [
      (wc: unknown, p: string, cb: (ok: boolean) => void) => void,
    ];
    const [check] = fake.recorded('session.setPermissionCheckHandler') as [
      (wc: unknown, p: string) => boolean,
    ];
    const ours = { getURL: () => appUrl };
    const theirs = { getURL: () => 'https://evil.example/' };
    const asked = (wc: unknown, p: string) => {
      let ok: boolean | undefined;
      request(wc, p, (v) => (ok = v));
      return ok;
    };
    expect(asked(ours, 'clipboard-read')).toBe(true);
    expect(asked(theirs, 'clipboard-read')).toBe(false);
    expect(asked(ours, 'media')).toBe(false);
    expect(asked(ours, 'openExternal')).toBe(false);
    expect(check(ours, 'clipboard-sanitized-write')).toBe(true);
    expect(check(ours, 'geolocation')).toBe(false);
    expect(check(null, 'clipboard-read')).toBe(false);
  });

  it('builds the menus from the command registry; a click sends the command', () => {
    const [menu] = fake.recorded('Menu.setApplicationMenu') as [
      { template: { label: string; submenu: { label?: string; click?: () => void }[] }[] },
    ];
    const spec = buildMenuSpec(process.platform, 'ArchLab');
    expect(menu.template.map((m) => m.label)).toEqual(spec.map((m) => m.label));
    const commands = spec.flatMap((m) => m.items).filter((i) => i.kind === 'command');
    const items = menu.template.flatMap((m) => m.submenu).filter((i) => i.click);
    expect(items.map((i) => i.label)).toEqual(commands.map((c) => c.label));
    items[0]!.click!();
    expect(win.webContents.sent.at(-1)).toEqual(['menu:command', commands[0]!.id]);
  });

  it('denies navigation, redirects, webviews and new windows in every web contents', async () => {
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    for (const contents of [win.webContents, other]) {
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const e = { defaultPrevented: false, preventDefault: () => (e.defaultPrevented = true) };
        contents.emit(event, e, 'https://evil.example/');
        expect(e.defaultPrevented, event).toBe(true);
      }
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
        action: 'deny',
      });
    }
  });

  it('hands only https and plain mailto links to the system, as parsed URLs', async () => {
    const before = fake.recorded('shell.openExternal').length;
    const tries: [string, boolean][] = [
      ['https://kubernetes.io/docs/concepts/', true],
      ['mailto:team@example.com?subject=Hi', true],
      ['http://example.com/', false],
      ['mailto:team@example.com?attach=/etc/passwd', false],
      ['mailto:?to=team@example.com', false],
      ['file:///etc/passwd', false],
      ['https://user:pw@example.com/', false],
    ];
    for (const [url, ok] of tries) expect(await invoke('shell:openExternal', [url]), url).toBe(ok);
    expect(fake.recorded('shell.openExternal').slice(before)).toEqual([
      'https://kubernetes.io/docs/concepts/',
      'mailto:team@example.com?subject=Hi',
    ]);
  });

  it('sends the file from the command line once the page is up, and lets it be opened', async () => {
    expect(win.webContents.sent).toContainEqual(['app:openFile', argvDoc]);
    await expect(invoke('file:openPath', [argvDoc])).resolves.toMatchObject({ text: docText });
  });

  it('refuses to open a path it did not hand out', async () => {
    await expect(invoke('file:openPath', [secret])).rejects.toThrow(
      /file:openPath: refused .*secret\.txt.*did not hand out/,
    );
    await expect(invoke('file:openPath', ['relative/secret.txt'])).rejects.toThrow(/refused/);
  });

  it('lets a path picked in the open dialog be opened again', async () => {
    fake.dialogAnswers.push({ canceled: false, filePaths: [dialogDoc] });
    await expect(invoke('file:open', [])).resolves.toMatchObject({ path: dialogDoc });
    await expect(invoke('file:openPath', [dialogDoc])).resolves.toMatchObject({ text: docText });
  });

  it('asks in the save dialog before writing a path it did not hand out', async () => {
    const target = path.join(fake.fakeUserData, 'bashrc');
    const dialogs = fake.recorded('dialog.showSaveDialog').length;
    await expect(invoke('file:save', [{ path: target, text: 'pwned' }])).resolves.toBeNull();
    expect(fake.recorded('dialog.showSaveDialog').slice(dialogs)).toEqual([
      expect.objectContaining({ defaultPath: target }),
    ]);
    expect(existsSync(target)).toBe(false);
  });

  it('saves to a path it handed out', async () => {
    const text = JSON.stringify({ format: 'archlab', nodes: [], saved: true });
    await expect(invoke('file:save', [{ path: argvDoc, text }])).resolves.toEqual({
      path: argvDoc,
    });
    expect(readFileSync(argvDoc, 'utf8')).toBe(text);
  });

  it('refuses a save or recovery copy larger than a document may be', async () => {
    const tooLong = 'x'.repeat(50 * 1024 * 1024 + 1);
    await expect(invoke('file:save', [{ path: argvDoc, text: tooLong }])).rejects.toThrow(
      /file:save: bad arguments \(\[0\]\.text/,
    );
    // Within the character limit, but over 50 MiB of UTF-8.
    const wide = '€'.repeat(20 * 1024 * 1024);
    await expect(invoke('recovery:write', [{ key: 'k', text: wide }])).rejects.toThrow(
      /recovery:write: refused 62914560 bytes/,
    );
    await expect(invoke('file:saveAs', [{ suggestedName: 'a', text: wide }])).rejects.toThrow(
      /file:saveAs: refused/,
    );
  });
});

// The command registry: what each catalogued command does. Menus (native and in the window),
// shortcuts and the command palette all dispatch through `runCommand(id)`.
import { commandCatalogue, type CommandId, type CommandInfo } from '../../../shared/commands';
import { startRun, stopRun } from '../run/engineClient';
import { useStore } from '../store';
import { newDocument, openDocument, saveDocument } from './fileActions';
import { exportDrawio, exportMermaid, exportReport, exportTraces } from '../exports/exportActions';
import { openExportDialog } from '../exports/ExportDialog';
import { importDocument } from '../imports/importActions';
import { importTraces } from '../imports/traceImport';
import { openToolExport } from '../exports/ToolExportDialog';
import { shownRun } from '../store/runSelectors';

export interface Command extends CommandInfo {
  run(): void | Promise<unknown>;
  enabled?(): boolean;
}

type Handlers = Partial<Record<CommandId, Pick<Command, 'run' | 'enabled'>>>;

const store = () => useStore.getState();
const running = () => ['starting', 'running', 'paused'].includes(store().run.status);

const handlers: Handlers = {
  'file.new': { run: newDocument },
  'file.openRecent': { run: () => store().openPicker('recent') },
  'file.openSample': { run: () => store().openPicker('samples') },
  'file.open': { run: openDocument },
  'file.import': { run: importDocument },
  'file.importTraces': { run: importTraces },
  'file.exportTools': { run: openToolExport },
  'file.save': { run: () => saveDocument(false) },
  'file.saveAs': { run: () => saveDocument(true) },
  'file.exportPng': { run: () => openExportDialog('png') },
  'file.exportSvg': { run: () => openExportDialog('svg') },
  'file.exportPdf': { run: () => openExportDialog('pdf') },
  'file.exportMermaid': { run: exportMermaid },
  'file.exportDrawio': { run: exportDrawio },
  'file.exportReport': { run: exportReport, enabled: () => !!shownRun(store()) },
  'file.exportTraces': { run: exportTraces, enabled: () => !!shownRun(store()) },
  'view.commandPalette': { run: () => store().setCommandPaletteOpen(true) },
  'view.togglePalette': { run: () => store().togglePanel('palette') },
  'view.toggleInspector': { run: () => store().togglePanel('inspector') },
  'view.toggleBottomPanel': { run: () => store().togglePanel('bottom') },
  'view.theme.system': { run: () => store().setTheme('system') },
  'view.theme.light': { run: () => store().setTheme('light') },
  'view.theme.dark': { run: () => store().setTheme('dark') },
  'run.start': { run: () => startRun(), enabled: () => !running() },
  'run.stop': { run: stopRun, enabled: running },
  'help.about': { run: () => store().set({ aboutOpen: true }) },
  'help.startPage': { run: () => store().set({ startPageOpen: true }) },
  'help.shortcuts': { run: () => store().set({ helpSheet: { kind: 'shortcuts' } }) },
  'help.docs': { run: () => store().set({ helpSheet: { kind: 'docs' } }) },
};

/** Add or replace what commands do (the canvas registers its own: zoom to fit, undo, …). */
export function registerHandlers(extra: Handlers) {
  Object.assign(handlers, extra);
}

export function commands(): Command[] {
  return commandCatalogue.flatMap((info) => {
    const h = handlers[info.id];
    return h ? [{ ...info, ...h }] : [];
  });
}

export function runCommand(id: string): boolean {
  const h = handlers[id as CommandId];
  if (!h || (h.enabled && !h.enabled())) return false;
  void Promise.resolve(h.run()).catch((e: unknown) => {
    console.error(`Command ${id} failed`, e);
  });
  return true;
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** Does a keyboard event match a catalogue shortcut such as `Mod+Shift+S` or `F5`? */
export function matchesShortcut(e: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const want = new Set(parts);
  const mod = isMac() ? e.metaKey : e.ctrlKey;
  if (want.has('Mod') !== mod) return false;
  if (want.has('Shift') !== e.shiftKey) return false;
  if (want.has('Alt') !== e.altKey) return false;
  if (key.length === 1 && /[0-9]/.test(key)) return e.code === `Digit${key}`;
  return e.key.toLowerCase() === key.toLowerCase();
}

// The command catalogue: ids, labels, shortcuts and menu places. The renderer attaches what each
// command does (renderer/src/app/commands.ts); the desktop main process builds its native menus
// from this same list, and a menu click dispatches the id back to the renderer.

export type MenuName = 'File' | 'Edit' | 'View' | 'Run' | 'Help';

export interface CommandInfo {
  id: string;
  label: string;
  /** `Mod` is Ctrl on Windows/Linux and Cmd on macOS. */
  shortcut?: string;
  menu?: MenuName;
  /** Starts a new group in its menu. */
  separatorBefore?: boolean;
}

export const commandCatalogue = [
  { id: 'file.new', label: 'New', shortcut: 'Mod+N', menu: 'File' },
  { id: 'file.open', label: 'Open…', shortcut: 'Mod+O', menu: 'File' },
  { id: 'file.openSample', label: 'Open Sample…', menu: 'File' },
  { id: 'file.save', label: 'Save', shortcut: 'Mod+S', menu: 'File', separatorBefore: true },
  { id: 'file.saveAs', label: 'Save As…', shortcut: 'Mod+Shift+S', menu: 'File' },
  { id: 'edit.undo', label: 'Undo', shortcut: 'Mod+Z', menu: 'Edit' },
  { id: 'edit.redo', label: 'Redo', shortcut: 'Mod+Shift+Z', menu: 'Edit' },
  { id: 'edit.selectAll', label: 'Select All', shortcut: 'Mod+A', menu: 'Edit', separatorBefore: true },
  { id: 'edit.delete', label: 'Delete', shortcut: 'Delete', menu: 'Edit' },
  { id: 'view.commandPalette', label: 'Command Palette…', shortcut: 'Mod+K', menu: 'View' },
  { id: 'view.zoomToFit', label: 'Zoom to Fit', shortcut: 'Shift+1', menu: 'View', separatorBefore: true },
  { id: 'view.togglePalette', label: 'Toggle Palette', shortcut: 'Mod+1', menu: 'View', separatorBefore: true },
  { id: 'view.toggleInspector', label: 'Toggle Inspector', shortcut: 'Mod+2', menu: 'View' },
  { id: 'view.toggleBottomPanel', label: 'Toggle Run Panel', shortcut: 'Mod+J', menu: 'View' },
  { id: 'view.theme.system', label: 'Theme: Follow System', menu: 'View', separatorBefore: true },
  { id: 'view.theme.light', label: 'Theme: Light', menu: 'View' },
  { id: 'view.theme.dark', label: 'Theme: Dark', menu: 'View' },
  { id: 'run.start', label: 'Run Scenario', shortcut: 'F5', menu: 'Run' },
  { id: 'run.stop', label: 'Stop Run', shortcut: 'Shift+F5', menu: 'Run' },
  { id: 'help.about', label: 'About ArchLab', menu: 'Help' },
] as const satisfies readonly CommandInfo[];

export type CommandId = (typeof commandCatalogue)[number]['id'];

/** `Mod+Shift+S` → `CmdOrCtrl+Shift+S` (an Electron accelerator). */
export function toAccelerator(shortcut: string): string {
  return shortcut.replace(/\bMod\b/g, 'CmdOrCtrl');
}

/** `Mod+Shift+S` as shown to a user on this platform: `Ctrl+Shift+S` or `⌘⇧S`. */
export function displayShortcut(shortcut: string, mac: boolean): string {
  if (!mac) return shortcut.replace(/\bMod\b/g, 'Ctrl');
  return shortcut
    .replace(/\bMod\+/g, '⌘')
    .replace(/\bShift\+/g, '⇧')
    .replace(/\bAlt\+/g, '⌥');
}

// The command catalogue: ids, labels, shortcuts and menu places. The renderer attaches what each
// command does (renderer/src/app/commands.ts); the desktop main process builds its native menus
// from this same list, and a menu click dispatches the id back to the renderer.

export type MenuName = 'File' | 'Edit' | 'Arrange' | 'View' | 'Run' | 'Help';

/** The menus in the order both menu bars show them (the native one and the web edition's). */
export const MENU_ORDER: readonly MenuName[] = ['File', 'Edit', 'Arrange', 'View', 'Run', 'Help'];

export interface CommandInfo {
  id: string;
  label: string;
  /** `Mod` is Ctrl on Windows/Linux and Cmd on macOS. */
  shortcut?: string;
  menu?: MenuName;
  /** Starts a new group in its menu. */
  separatorBefore?: boolean;
  /** Other keys that run it too (shown in the shortcuts sheet, matched by the window). */
  alsoShortcuts?: readonly string[];
}

export const commandCatalogue = [
  { id: 'file.new', label: 'New', shortcut: 'Mod+N', menu: 'File' },
  { id: 'file.open', label: 'Open…', shortcut: 'Mod+O', menu: 'File' },
  { id: 'file.openRecent', label: 'Open Recent…', shortcut: 'Mod+Shift+O', menu: 'File' },
  { id: 'file.openSample', label: 'Open Sample…', menu: 'File' },
  { id: 'file.import', label: 'Import Kubernetes / Compose…', menu: 'File' },
  { id: 'file.importTraces', label: 'Import Traces (OTLP / Jaeger)…', menu: 'File' },
  { id: 'file.save', label: 'Save', shortcut: 'Mod+S', menu: 'File', separatorBefore: true },
  { id: 'file.saveAs', label: 'Save As…', shortcut: 'Mod+Shift+S', menu: 'File' },
  {
    id: 'file.exportPng',
    label: 'Export as PNG…',
    shortcut: 'Mod+Shift+E',
    menu: 'File',
    separatorBefore: true,
  },
  { id: 'file.exportSvg', label: 'Export as SVG…', menu: 'File' },
  { id: 'file.exportPdf', label: 'Export as PDF…', menu: 'File' },
  { id: 'file.exportMermaid', label: 'Export as Mermaid (.mmd)', menu: 'File' },
  { id: 'file.exportDrawio', label: 'Export as draw.io (.drawio)', menu: 'File' },
  { id: 'file.exportTools', label: 'Export to Kubernetes, Istio, Chaos Mesh, k6…', menu: 'File' },
  { id: 'file.exportReport', label: 'Export Run Report (HTML)', menu: 'File' },
  { id: 'file.exportTraces', label: 'Export Run Traces (OpenTelemetry JSON)', menu: 'File' },
  { id: 'edit.undo', label: 'Undo', shortcut: 'Mod+Z', menu: 'Edit' },
  {
    id: 'edit.redo',
    label: 'Redo',
    shortcut: 'Mod+Shift+Z',
    alsoShortcuts: ['Mod+Y'],
    menu: 'Edit',
  },
  { id: 'edit.cut', label: 'Cut', shortcut: 'Mod+X', menu: 'Edit', separatorBefore: true },
  { id: 'edit.copy', label: 'Copy', shortcut: 'Mod+C', menu: 'Edit' },
  { id: 'edit.paste', label: 'Paste', shortcut: 'Mod+V', menu: 'Edit' },
  { id: 'edit.duplicate', label: 'Duplicate', shortcut: 'Mod+D', menu: 'Edit' },
  { id: 'edit.delete', label: 'Delete', shortcut: 'Delete', menu: 'Edit' },
  {
    id: 'edit.selectAll',
    label: 'Select All',
    shortcut: 'Mod+A',
    menu: 'Edit',
    separatorBefore: true,
  },
  { id: 'edit.find', label: 'Find Component…', shortcut: 'Mod+F', menu: 'Edit' },
  { id: 'edit.quickAdd', label: 'Add Component…', shortcut: 'Mod+Shift+A', menu: 'Edit' },
  { id: 'edit.connectTo', label: 'Connect to…', shortcut: 'Mod+L', menu: 'Edit' },
  { id: 'edit.addStickyNote', label: 'Add Sticky Note', menu: 'Edit' },
  { id: 'edit.addText', label: 'Add Text', menu: 'Edit' },
  // A sticky note's colour: the note's right-click menu and the inspector; no menu bar item.
  { id: 'note.colorYellow', label: 'Note Colour: Yellow' },
  { id: 'note.colorBlue', label: 'Note Colour: Blue' },
  { id: 'note.colorGreen', label: 'Note Colour: Green' },
  { id: 'note.colorPink', label: 'Note Colour: Pink' },
  // Moving the selection with the arrow keys (Shift: a bigger step); no menu item.
  { id: 'edit.moveLeft', label: 'Move Selection Left', shortcut: 'ArrowLeft' },
  { id: 'edit.moveRight', label: 'Move Selection Right', shortcut: 'ArrowRight' },
  { id: 'edit.moveUp', label: 'Move Selection Up', shortcut: 'ArrowUp' },
  { id: 'edit.moveDown', label: 'Move Selection Down', shortcut: 'ArrowDown' },
  { id: 'edit.moveLeftFar', label: 'Move Selection Left (Big Step)', shortcut: 'Shift+ArrowLeft' },
  {
    id: 'edit.moveRightFar',
    label: 'Move Selection Right (Big Step)',
    shortcut: 'Shift+ArrowRight',
  },
  { id: 'edit.moveUpFar', label: 'Move Selection Up (Big Step)', shortcut: 'Shift+ArrowUp' },
  { id: 'edit.moveDownFar', label: 'Move Selection Down (Big Step)', shortcut: 'Shift+ArrowDown' },
  { id: 'arrange.groupZone', label: 'Group into Zone', shortcut: 'Mod+G', menu: 'Arrange' },
  { id: 'arrange.groupTeam', label: 'Group into Team', shortcut: 'Mod+Alt+G', menu: 'Arrange' },
  { id: 'arrange.ungroup', label: 'Ungroup', shortcut: 'Mod+Shift+G', menu: 'Arrange' },
  {
    id: 'arrange.alignLeft',
    label: 'Align Left',
    menu: 'Arrange',
    separatorBefore: true,
  },
  { id: 'arrange.alignCenter', label: 'Align Centres', menu: 'Arrange' },
  { id: 'arrange.alignRight', label: 'Align Right', menu: 'Arrange' },
  { id: 'arrange.alignTop', label: 'Align Top', menu: 'Arrange' },
  { id: 'arrange.alignMiddle', label: 'Align Middles', menu: 'Arrange' },
  { id: 'arrange.alignBottom', label: 'Align Bottom', menu: 'Arrange' },
  {
    id: 'arrange.distributeH',
    label: 'Distribute Horizontally',
    menu: 'Arrange',
    separatorBefore: true,
  },
  { id: 'arrange.distributeV', label: 'Distribute Vertically', menu: 'Arrange' },
  {
    id: 'arrange.autoLayout',
    label: 'Auto-Layout',
    shortcut: 'Mod+Shift+L',
    menu: 'Arrange',
    separatorBefore: true,
  },
  { id: 'arrange.autoLayoutAll', label: 'Auto-Layout Everything', menu: 'Arrange' },
  { id: 'arrange.snapToGrid', label: 'Toggle Snap to Grid', menu: 'Arrange' },
  { id: 'view.commandPalette', label: 'Command Palette…', shortcut: 'Mod+K', menu: 'View' },
  {
    id: 'view.zoomToFit',
    label: 'Zoom to Fit',
    shortcut: 'Shift+1',
    menu: 'View',
    separatorBefore: true,
  },
  { id: 'view.zoomIn', label: 'Zoom In', shortcut: 'Mod+=', menu: 'View' },
  { id: 'view.zoomOut', label: 'Zoom Out', shortcut: 'Mod+-', menu: 'View' },
  { id: 'view.toggleMinimap', label: 'Toggle Minimap', menu: 'View' },
  {
    id: 'view.togglePalette',
    label: 'Toggle Palette',
    shortcut: 'Mod+1',
    menu: 'View',
    separatorBefore: true,
  },
  { id: 'view.toggleInspector', label: 'Toggle Inspector', shortcut: 'Mod+2', menu: 'View' },
  { id: 'view.toggleBottomPanel', label: 'Toggle Run Panel', shortcut: 'Mod+J', menu: 'View' },
  { id: 'view.theme.system', label: 'Theme: Follow System', menu: 'View', separatorBefore: true },
  { id: 'view.theme.light', label: 'Theme: Light', menu: 'View' },
  { id: 'view.theme.dark', label: 'Theme: Dark', menu: 'View' },
  { id: 'run.start', label: 'Run Scenario', shortcut: 'F5', menu: 'Run' },
  { id: 'run.stop', label: 'Stop Run', shortcut: 'Shift+F5', menu: 'Run' },
  { id: 'help.startPage', label: 'Start Page', menu: 'Help' },
  { id: 'help.shortcuts', label: 'Keyboard Shortcuts', shortcut: 'Mod+/', menu: 'Help' },
  { id: 'help.docs', label: 'Documentation', shortcut: 'F1', menu: 'Help' },
  { id: 'help.about', label: 'About ArchLab', menu: 'Help', separatorBefore: true },
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

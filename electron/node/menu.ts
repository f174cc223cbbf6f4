// The native menu, described as plain data from the command catalogue. main turns it into an
// Electron Menu; tests check it here without Electron.
import {
  MENU_ORDER,
  commandCatalogue,
  toAccelerator,
  type CommandInfo,
} from '../../shared/commands';

export type MenuItemSpec =
  | { kind: 'command'; id: string; label: string; accelerator?: string }
  | { kind: 'separator' }
  | { kind: 'role'; role: string; label?: string };

export interface MenuSpec {
  label: string;
  items: MenuItemSpec[];
}

export function buildMenuSpec(
  platform: string,
  appName: string,
  catalogue: readonly CommandInfo[] = commandCatalogue,
): MenuSpec[] {
  const menus: MenuSpec[] = [];
  if (platform === 'darwin') {
    menus.push({
      label: appName,
      items: [
        { kind: 'role', role: 'about' },
        { kind: 'separator' },
        { kind: 'role', role: 'hide' },
        { kind: 'role', role: 'quit' },
      ],
    });
  }
  for (const name of MENU_ORDER) {
    const items: MenuItemSpec[] = [];
    for (const c of catalogue) {
      if (c.menu !== name) continue;
      if (c.separatorBefore && items.length > 0) items.push({ kind: 'separator' });
      items.push({
        kind: 'command',
        id: c.id,
        label: c.label,
        ...(c.shortcut ? { accelerator: toAccelerator(c.shortcut) } : {}),
      });
    }
    if (name === 'View') {
      items.push(
        { kind: 'separator' },
        { kind: 'role', role: 'togglefullscreen' },
        { kind: 'role', role: 'toggleDevTools' },
      );
    }
    if (name === 'File' && platform !== 'darwin') {
      items.push({ kind: 'separator' }, { kind: 'role', role: 'quit', label: 'Exit' });
    }
    menus.push({ label: name, items });
  }
  return menus;
}

import { describe, expect, it } from 'vitest';
import { buildMenuSpec } from '../../../electron/node/menu';
import { commandCatalogue } from '../../../shared/commands';

describe('native menus from the command catalogue', () => {
  it('puts every catalogued command with a menu into that menu, with its accelerator', () => {
    const menus = buildMenuSpec('linux', 'ArchLab');
    expect(menus.map((m) => m.label)).toEqual(['File', 'Edit', 'Arrange', 'View', 'Run', 'Help']);
    const items = menus.flatMap((m) => m.items);
    for (const c of commandCatalogue) {
      if (!('menu' in c)) continue;
      const item = items.find((i) => i.kind === 'command' && i.id === c.id);
      expect(item, c.id).toBeDefined();
    }
    const save = items.find((i) => i.kind === 'command' && i.id === 'file.saveAs');
    expect(save).toMatchObject({ label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S' });
  });

  it('adds the application menu on macOS and Exit elsewhere', () => {
    expect(buildMenuSpec('darwin', 'ArchLab')[0]?.label).toBe('ArchLab');
    const file = buildMenuSpec('win32', 'ArchLab')[0];
    expect(file?.items.at(-1)).toEqual({ kind: 'role', role: 'quit', label: 'Exit' });
  });
});

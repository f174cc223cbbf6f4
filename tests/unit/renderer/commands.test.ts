// The command registry: every catalogued command has a handler, shortcuts are unambiguous, and
// commands that need a selection say so.
import { describe, expect, it, vi } from 'vitest';
import { commandCatalogue, type CommandInfo } from '../../../shared/commands';
import { newNode } from '../../../shared/model';
import { commands, matchesShortcut, runCommand } from '../../../renderer/src/app/commands';
import { registerEditorCommands } from '../../../renderer/src/app/editorCommands';
import { useStore } from '../../../renderer/src/store';

registerEditorCommands();

const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
  ({
    key: k,
    code: /^[0-9]$/.test(k) ? `Digit${k}` : `Key${k.toUpperCase()}`,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  }) as KeyboardEvent;

describe('the command registry', () => {
  it('has a handler for every catalogued command', () => {
    const handled = new Set(commands().map((c) => c.id));
    expect(commandCatalogue.filter((c) => !handled.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('gives no two commands the same shortcut', () => {
    const seen = new Map<string, string>();
    for (const c of commandCatalogue) {
      const info: CommandInfo = c;
      for (const k of [info.shortcut, ...(info.alsoShortcuts ?? [])]) {
        if (k === undefined) continue;
        expect(seen.get(k), `${c.id} and ${seen.get(k)}`).toBeUndefined();
        seen.set(k, c.id);
      }
    }
    expect(seen.get('Mod+Y')).toBe('edit.redo');
  });

  it('matches shortcuts with their exact modifiers', () => {
    vi.stubGlobal('navigator', { platform: 'Linux x86_64' });
    expect(matchesShortcut(key('z', { ctrlKey: true }), 'Mod+Z')).toBe(true);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Z')).toBe(false);
    expect(matchesShortcut(key('Z', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+Z')).toBe(true);
    expect(matchesShortcut(key('ArrowLeft'), 'ArrowLeft')).toBe(true);
    expect(matchesShortcut(key('ArrowLeft', { shiftKey: true }), 'ArrowLeft')).toBe(false);
    expect(matchesShortcut(key('!', { shiftKey: true, code: 'Digit1' }), 'Shift+1')).toBe(true);
    vi.unstubAllGlobals();
  });

  it('refuses selection commands without a selection, and runs them with one', () => {
    const s = useStore.getState();
    s.apply([{ type: 'addNode', node: newNode('service', 'orders', { x: 0, y: 0 }) }]);
    s.select([]);
    expect(runCommand('edit.delete')).toBe(false);
    expect(runCommand('edit.moveRight')).toBe(false);
    s.select(['orders']);
    expect(runCommand('edit.moveRightFar')).toBe(true);
    expect(useStore.getState().doc.nodes[0]?.position).toEqual({ x: 32, y: 0 });
    expect(runCommand('edit.undo')).toBe(true);
    expect(useStore.getState().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
    expect(runCommand('edit.delete')).toBe(true);
    expect(useStore.getState().doc.nodes).toEqual([]);
  });

  it('duplicates the selection as one undo step', () => {
    const s = useStore.getState();
    s.apply([{ type: 'addNode', node: newNode('cache', 'c', { x: 0, y: 0 }) }]);
    s.select(['c']);
    runCommand('edit.duplicate');
    expect(useStore.getState().doc.nodes.map((n) => n.kind)).toContain('cache');
    const caches = useStore.getState().doc.nodes.filter((n) => n.kind === 'cache');
    expect(caches).toHaveLength(2);
    expect(useStore.getState().selectedNodes).toEqual([caches[1]?.id]);
    runCommand('edit.undo');
    expect(useStore.getState().doc.nodes.filter((n) => n.kind === 'cache')).toHaveLength(1);
  });
});

import { Command } from 'cmdk';
import { displayShortcut } from '../../../shared/commands';
import { useStore } from '../store';
import { commands, runCommand } from './commands';

const mac = /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl/Cmd+K: every command with its shortcut, searchable. */
export function CommandPalette() {
  const open = useStore((s) => s.commandPaletteOpen);
  const setOpen = useStore((s) => s.setCommandPaletteOpen);
  return (
    <Command.Dialog open={open} onOpenChange={setOpen} label="Command palette" className="cmdk">
      <Command.Input placeholder="Type a command…" />
      <Command.List>
        <Command.Empty>No command matches.</Command.Empty>
        {commands().map((c) => (
          <Command.Item
            key={c.id}
            value={`${c.menu ?? ''} ${c.label}`}
            disabled={c.enabled ? !c.enabled() : false}
            onSelect={() => {
              setOpen(false);
              runCommand(c.id);
            }}
          >
            <span className="muted small cmd-menu">{c.menu}</span>
            <span>{c.label}</span>
            {c.shortcut && <kbd>{displayShortcut(c.shortcut, mac)}</kbd>}
          </Command.Item>
        ))}
      </Command.List>
    </Command.Dialog>
  );
}

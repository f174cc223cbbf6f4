import { useEffect } from 'react';
import { commands, runCommand, matchesShortcut } from './commands';
import { platform } from '../platform';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Keyboard shortcuts and native menu clicks, both dispatched through the command registry. */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) && !(e.ctrlKey || e.metaKey)) return;
      const hit = commands().find((c) => c.shortcut && matchesShortcut(e, c.shortcut));
      if (hit && runCommand(hit.id)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const off = platform().onMenuCommand((id) => runCommand(id));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);
}

import { useEffect } from 'react';
import { commands, runCommand, matchesShortcut } from './commands';
import { platform } from '../platform';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Shortcuts that still act while a text field has the focus; the rest belong to the field. */
const GLOBAL_WHILE_TYPING = /^(file\.|run\.|view\.(commandPalette|toggle))/;
/** Keyboard copy, cut and paste arrive as clipboard events (see canvas/clipboard.ts). */
const VIA_CLIPBOARD_EVENTS = new Set(['edit.copy', 'edit.cut', 'edit.paste']);

/** Keyboard shortcuts and native menu clicks, both dispatched through the command registry. */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (document.querySelector('[cmdk-dialog], .modal')) return;
      const hit = commands().find((c) =>
        [c.shortcut, ...(c.alsoShortcuts ?? [])].some((k) => k && matchesShortcut(e, k)),
      );
      if (!hit || VIA_CLIPBOARD_EVENTS.has(hit.id)) return;
      if (typing(e.target) && !GLOBAL_WHILE_TYPING.test(hit.id)) return;
      if (runCommand(hit.id)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    const off = platform().onMenuCommand((id) => runCommand(id));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);
}

// The system clipboard, as JSON text. Keyboard copy/cut/paste go through the browser's clipboard
// events (no permission needed, and they reach other windows and apps); menu and palette commands
// use the async Clipboard API. If the page may not read the clipboard, the last text this window
// copied is used instead.
import { deleteSelection, pasteText, selectionText } from './editActions';

let lastCopied: string | null = null;

export async function copyToClipboard(cut = false): Promise<boolean> {
  const text = selectionText();
  if (!text) return false;
  lastCopied = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Not allowed here: the in-window copy still works.
  }
  if (cut) deleteSelection();
  return true;
}

export async function pasteFromClipboard(): Promise<boolean> {
  let text: string | null = null;
  try {
    text = await navigator.clipboard.readText();
  } catch {
    text = lastCopied;
  }
  return text ? pasteText(text) : false;
}

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Keyboard copy, cut and paste on the canvas (not in text fields), through clipboard events. */
export function installClipboardEvents(): () => void {
  const onCopy = (e: ClipboardEvent, cut: boolean) => {
    if (typing(e.target) || !e.clipboardData) return;
    const text = selectionText();
    if (!text) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', text);
    lastCopied = text;
    if (cut) deleteSelection();
  };
  const copy = (e: ClipboardEvent) => onCopy(e, false);
  const cut = (e: ClipboardEvent) => onCopy(e, true);
  const paste = (e: ClipboardEvent) => {
    if (typing(e.target)) return;
    const text = e.clipboardData?.getData('text/plain') || lastCopied;
    if (!text) return;
    e.preventDefault();
    pasteText(text);
  };
  document.addEventListener('copy', copy);
  document.addEventListener('cut', cut);
  document.addEventListener('paste', paste);
  return () => {
    document.removeEventListener('copy', copy);
    document.removeEventListener('cut', cut);
    document.removeEventListener('paste', paste);
  };
}

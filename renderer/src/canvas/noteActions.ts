// Adding a note where the user is looking (the middle of the visible canvas), and colouring the
// selected sticky notes.
import type { Note } from '../../../shared/model';
import { nextId } from '../../../shared/model';
import { useStore } from '../store';
import { flow } from './flowApi';

const SIZE: Record<Note['kind'], Note['size']> = {
  sticky: { width: 200, height: 140 },
  text: { width: 220, height: 48 },
};

/** The canvas point at the middle of the visible canvas, or the origin before the canvas is up. */
function visibleCentre(): { x: number; y: number } {
  const pane = document.querySelector('.canvas .react-flow');
  const rf = flow();
  if (!pane || !rf) return { x: 0, y: 0 };
  const r = pane.getBoundingClientRect();
  return rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}

/** Add a sticky note or a free text in the middle of the view and select it. */
export function addNote(kind: Note['kind']): string | null {
  const { doc, apply, select } = useStore.getState();
  const size = SIZE[kind];
  const c = visibleCentre();
  const note: Note = {
    id: nextId(doc, 'note'),
    kind,
    text: kind === 'sticky' ? '' : 'Text',
    position: { x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2) },
    size,
    color: 'yellow',
  };
  const r = apply([{ type: 'addNote', note }]);
  if (!r.ok) return null;
  select([note.id]);
  return note.id;
}

/** The selected notes that are sticky notes (free text has no colour). */
export function selectedStickyNotes(): Note[] {
  const { doc, selectedNodes } = useStore.getState();
  const picked = new Set(selectedNodes);
  return (doc.notes ?? []).filter((n) => n.kind === 'sticky' && picked.has(n.id));
}

/** Give every selected sticky note this colour, in one undo step. */
export function colourSelectedNotes(color: Note['color']): void {
  const ops = selectedStickyNotes()
    .filter((n) => n.color !== color)
    .map((n) => ({ type: 'updateNote' as const, id: n.id, patch: { color } }));
  if (ops.length > 0) useStore.getState().apply(ops);
}

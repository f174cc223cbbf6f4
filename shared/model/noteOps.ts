// Operations on the canvas's notes (sticky notes and free text). Notes share the one id space of
// nodes, edges and groups, since the canvas draws them side by side.
import { hasId, indexOf } from './checks';
import { Note, type ArchDocument } from './document';
import { done, fail, insertAt, parseAs, removeAt, replaceAt } from './opHelpers';
import type { OpOf, Step } from './opTypes';

const notesOf = (doc: ArchDocument): readonly Note[] => doc.notes ?? [];

/** The document with `notes`, leaving the field out when there are none (files stay as they were). */
function withNotes(doc: ArchDocument, notes: Note[]): ArchDocument {
  const { notes: _old, ...rest } = doc;
  return notes.length > 0 ? { ...rest, notes } : rest;
}

export function addNote(doc: ArchDocument, op: OpOf<'addNote'>): Step {
  const notes = notesOf(doc);
  const at = op.index ?? notes.length;
  const parsed = parseAs(Note, op.note, ['notes', at]);
  if (!parsed.ok) return parsed;
  const note = parsed.value;
  if (hasId(indexOf(doc), note.id) || notes.some((n) => n.id === note.id))
    return fail(`notes[${at}].id`, `id "${note.id}" is already used`);
  return done(withNotes(doc, insertAt(notes, note, op.index)), [
    { type: 'removeNote', id: note.id },
  ]);
}

export function removeNote(doc: ArchDocument, op: OpOf<'removeNote'>): Step {
  const notes = notesOf(doc);
  const at = notes.findIndex((n) => n.id === op.id);
  const note = notes[at];
  if (!note) return fail(op.id, `there is no note "${op.id}"`);
  return done(withNotes(doc, removeAt(notes, at)), [{ type: 'addNote', note, index: at }]);
}

export function updateNote(doc: ArchDocument, op: OpOf<'updateNote'>): Step {
  const notes = notesOf(doc);
  const at = notes.findIndex((n) => n.id === op.id);
  const note = notes[at];
  if (!note) return fail(op.id, `there is no note "${op.id}"`);
  const parsed = parseAs(Note, { ...note, ...op.patch, id: note.id }, ['notes', at]);
  if (!parsed.ok) return parsed;
  const back: Record<string, unknown> = {};
  for (const key of Object.keys(op.patch)) back[key] = note[key as keyof Note];
  return done(withNotes(doc, replaceAt(notes, at, parsed.value)), [
    { type: 'updateNote', id: note.id, patch: back as OpOf<'updateNote'>['patch'] },
  ]);
}

/** Whether `id` is a note of the document. */
export function isNote(doc: Pick<ArchDocument, 'notes'>, id: string): boolean {
  return (doc.notes ?? []).some((n) => n.id === id);
}

// Notes in the exports: a sticky note as a box in its colour, free text as text alone, both with
// their text broken between words and the box grown to hold it (never clipped).
import type { Note } from '../model';
import type { Rect } from './look';
import { wrapWords } from './textLayout';
import { escapeAttr, escapeXml, num } from './xml';

/** Sticky-note fills (editor.css `.note-sticky.note-*`). */
export const NOTE_FILLS: Record<Note['color'], string> = {
  yellow: '#fff3a8',
  blue: '#cfe6ff',
  green: '#d3f2d5',
  pink: '#ffd6e4',
};
/** A sticky note's text colour, dark on its light fill in either theme. */
const STICKY_TEXT = '#2b2b2b';
const FONT_SIZE = 14;
const LINE = 19;
const PAD_X = 10;
const PAD_Y = 8;

/** A note's text in lines: its own line breaks kept, long lines broken between words. */
export function noteLines(note: Note): string[] {
  const inner = note.size.width - 2 * PAD_X;
  return note.text.split(/\r?\n/).flatMap((p) => wrapWords(p, inner, FONT_SIZE));
}

/** Where a note is drawn: its own box, taller where its text needs more room. */
export function noteRect(note: Note): Rect {
  const need = noteLines(note).length * LINE + 2 * PAD_Y;
  return { ...note.position, width: note.size.width, height: Math.max(note.size.height, need) };
}

export function noteSvg(note: Note, textColor: string): string {
  const r = noteRect(note);
  const sticky = note.kind === 'sticky';
  const lines = noteLines(note);
  const x = r.x + PAD_X;
  const spans = lines
    .map((l, i) => `<tspan x="${num(x)}"${i > 0 ? ` dy="${LINE}"` : ''}>${escapeXml(l)}</tspan>`)
    .join('');
  return (
    `<g data-id="${escapeAttr(note.id)}" data-kind="note-${note.kind}">` +
    (sticky
      ? `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" ` +
        `rx="3" fill="${NOTE_FILLS[note.color]}" stroke="#00000022"/>`
      : '') +
    (lines.some((l) => l !== '')
      ? `<text x="${num(x)}" y="${num(r.y + PAD_Y + FONT_SIZE)}" font-size="${FONT_SIZE}" ` +
        `fill="${sticky ? STICKY_TEXT : textColor}">${spans}</text>`
      : '') +
    '</g>'
  );
}

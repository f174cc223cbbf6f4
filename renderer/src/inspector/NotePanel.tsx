// The inspector for selected notes: what they are and, for sticky notes, their colour (one undo
// step for all of them). Their text is edited on the canvas (double-click).
import { NOTE_COLORS, type Note } from '../../../shared/model';
import { colourSelectedNotes } from '../canvas/noteActions';

const NAMES: Record<Note['color'], string> = {
  yellow: 'Yellow',
  blue: 'Blue',
  green: 'Green',
  pink: 'Pink',
};

export function NotePanel({ notes }: { notes: readonly Note[] }) {
  const sticky = notes.filter((n) => n.kind === 'sticky');
  const first = notes[0]!;
  const title =
    notes.length === 1
      ? first.kind === 'sticky'
        ? 'Sticky note'
        : 'Text'
      : `${notes.length} notes`;
  const colours = new Set(sticky.map((n) => n.color));
  const shared = colours.size === 1 ? [...colours][0] : undefined;
  return (
    <>
      <div className="inspector-kind">{title}</div>
      <p className="muted small">
        Double-click {notes.length === 1 ? 'it' : 'one'} on the canvas to edit its text.
      </p>
      {sticky.length > 0 && (
        <fieldset className="note-colours">
          <legend>Colour</legend>
          {NOTE_COLORS.map((c) => (
            <label key={c} className="note-colour">
              <input
                type="radio"
                name="note-colour"
                value={c}
                checked={shared === c}
                onChange={() => colourSelectedNotes(c)}
              />
              <span className={`note-swatch note-sticky note-${c}`} aria-hidden="true" />
              {NAMES[c]}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

import { memo, useEffect, useRef, useState } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { useStore } from '../store';
import type { NoteFlowNode } from './flowModel';

/**
 * A sticky note or free text on the canvas. Double-click to edit in place (Escape or a click
 * outside keeps the text, Ctrl+Enter too); drag to move; resize from its edges when selected.
 */
export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) {
      box.current?.focus();
      box.current?.select();
    }
  }, [editing]);
  const finish = () => {
    setEditing(false);
    if (draft !== note.text)
      useStore.getState().apply([{ type: 'updateNote', id: note.id, patch: { text: draft } }]);
  };
  return (
    <div
      className={`note note-${note.kind} note-${note.color}${selected ? ' selected' : ''}`}
      data-note-id={note.id}
      title={editing ? undefined : note.text}
      onDoubleClick={(e) => {
        e.stopPropagation();
        setDraft(note.text);
        setEditing(true);
      }}
    >
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={40}
        minHeight={24}
        onResizeEnd={(_e, p) => {
          const size = { width: Math.round(p.width), height: Math.round(p.height) };
          const position = { x: Math.round(p.x), y: Math.round(p.y) };
          useStore
            .getState()
            .apply([{ type: 'updateNote', id: note.id, patch: { size, position } }]);
        }}
      />
      {editing ? (
        <textarea
          ref={box}
          className="note-edit nodrag nowheel"
          aria-label="Note text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={finish}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) finish();
          }}
        />
      ) : (
        <div className="note-body">
          {note.text === '' ? <span className="muted">Double-click to write</span> : note.text}
        </div>
      )}
    </div>
  );
});

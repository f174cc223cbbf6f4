import { memo, useState } from 'react';
import { Search } from 'lucide-react';
import { NODE_KINDS } from '../../../shared/model';
import { kindLooks } from './kinds';

export const PALETTE_MIME = 'application/x-archlab-kind';

/** The left palette: every node kind, searchable, dragged onto the canvas to add one. */
export const Palette = memo(function Palette() {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const kinds = NODE_KINDS.map((k) => kindLooks[k]).filter(
    (l) => !q || l.name.toLowerCase().includes(q) || l.hint.toLowerCase().includes(q),
  );
  return (
    <aside className="panel palette" aria-label="Palette">
      <header className="panel-title">Components</header>
      <label className="search">
        <Search size={14} aria-hidden />
        <input
          placeholder="Search components"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <ul className="palette-list">
        {kinds.map((look) => (
          <li
            key={look.kind}
            className="palette-item"
            draggable
            data-kind={look.kind}
            title={look.hint}
            onDragStart={(e) => {
              e.dataTransfer.setData(PALETTE_MIME, look.kind);
              e.dataTransfer.effectAllowed = 'copy';
            }}
          >
            <span className="palette-icon" style={{ color: look.color }}>
              <look.icon size={18} aria-hidden />
            </span>
            <span className="palette-text">
              <span className="palette-name">{look.name}</span>
              <span className="palette-hint">{look.hint}</span>
            </span>
          </li>
        ))}
        {kinds.length === 0 && <li className="muted small">No component matches “{query}”.</li>}
      </ul>
    </aside>
  );
});

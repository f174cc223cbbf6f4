import { useStore } from '../store';
import { kindLooks } from '../canvas/kinds';
import { keyFigures } from '../canvas/ArchNode';

/** The right inspector: the selection's properties, or the document's when nothing is selected. */
export function Inspector() {
  const doc = useStore((s) => s.doc);
  const selected = useStore((s) => s.selectedNodes);
  const node = selected.length === 1 ? doc.nodes.find((n) => n.id === selected[0]) : undefined;
  return (
    <aside className="panel inspector" aria-label="Inspector">
      <header className="panel-title">Inspector</header>
      {node ? (
        <section className="inspector-body">
          <div className="inspector-kind" style={{ color: kindLooks[node.kind].color }}>
            {kindLooks[node.kind].name}
          </div>
          <h2 className="inspector-name">{node.label ?? node.id}</h2>
          <p className="muted small">{keyFigures(node)}</p>
        </section>
      ) : (
        <section className="inspector-body">
          <div className="inspector-kind">Document</div>
          <h2 className="inspector-name">{doc.name}</h2>
          <dl className="facts">
            <dt>Components</dt>
            <dd>{doc.nodes.length}</dd>
            <dt>Links</dt>
            <dd>{doc.edges.length}</dd>
            <dt>Zones &amp; teams</dt>
            <dd>{doc.groups.length}</dd>
            <dt>Scenarios</dt>
            <dd>{doc.scenarios.map((s) => s.name).join(', ') || 'none'}</dd>
          </dl>
          <p className="muted small">Select a component to edit its properties.</p>
        </section>
      )}
    </aside>
  );
}

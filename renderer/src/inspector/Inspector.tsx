import { useStore } from '../store';
import { isActive } from '../store/runSelectors';
import { kindLooks } from '../canvas/kinds';
import { keyFigures } from '../canvas/ArchNode';
import { edgeSummary } from '../canvas/ArchEdge';
import { GROUP_LABELS, displayName, nodeName } from '../../../shared/model';
import { INSPECTOR_FIGURES } from '../../../shared/io/figureHelp';
import { EdgeForm, GroupForm, NodeForm } from './forms';
import { NotePanel } from './NotePanel';

/** The right inspector: the selection's properties, or the document's when nothing is selected. */
export function Inspector() {
  const doc = useStore((s) => s.doc);
  const selectedNodes = useStore((s) => s.selectedNodes);
  const selectedEdges = useStore((s) => s.selectedEdges);
  const picked = new Set(selectedNodes);
  const nodes = doc.nodes.filter((n) => picked.has(n.id));
  const groups = doc.groups.filter((g) => picked.has(g.id));
  const edgeIds = new Set(selectedEdges);
  const edges = doc.edges.filter((e) => edgeIds.has(e.id));
  // Remount the forms when the selection changes, so drafts and errors never leak across.
  const key = [...selectedNodes, '|', ...selectedEdges].join(',');
  const count = nodes.length + groups.length + edges.length;
  const notes = (doc.notes ?? []).filter((n) => picked.has(n.id));
  const first = nodes[0];
  return (
    <aside className="panel inspector" aria-label="Inspector">
      <header className="panel-title">Inspector</header>
      <section className="inspector-body" key={key}>
        {count === 0 && notes.length === 0 && <DocumentPanel />}
        {count === 0 && notes.length > 0 && <NotePanel notes={notes} />}
        {count > 1 && <p className="muted small">{count} items selected</p>}
        {nodes.length > 0 && (
          <>
            {nodes.length === 1 && first ? (
              <>
                <div className="inspector-kind" style={{ color: kindLooks[first.kind].color }}>
                  {kindLooks[first.kind].name}{' '}
                  <span className="inspector-name">{displayName(first)}</span>
                </div>
                <p className="muted small" title={INSPECTOR_FIGURES.node}>
                  {keyFigures(first)}
                </p>
              </>
            ) : (
              <div className="inspector-kind">{nodes.length} components</div>
            )}
            <LiveNote />
            <NodeForm nodes={nodes} />
          </>
        )}
        {nodes.length === 0 && edges.length > 0 && (
          <>
            <div className="inspector-kind">
              {edges.length === 1 && edges[0]
                ? `${edges[0].kind === 'call' ? 'Call' : 'Publish'} ${nodeName(doc, edges[0].from)} → ${nodeName(doc, edges[0].to)}`
                : `${edges.length} links`}
            </div>
            {edges.length === 1 && edges[0] && (
              <p className="muted small" title={INSPECTOR_FIGURES.edge}>
                {edgeSummary(edges[0])}
              </p>
            )}
            <EdgeForm edges={edges} />
          </>
        )}
        {nodes.length === 0 && edges.length === 0 && groups.length > 0 && (
          <>
            <div className="inspector-kind">
              {groups.length === 1 && groups[0]
                ? `${GROUP_LABELS[groups[0].kind]} ${displayName(groups[0])}`
                : `${groups.length} groups`}
            </div>
            <GroupForm groups={groups} />
          </>
        )}
      </section>
    </aside>
  );
}

function DocumentPanel() {
  const doc = useStore((s) => s.doc);
  return (
    <>
      <div className="inspector-kind">Document</div>
      <h2 className="inspector-name">{doc.name}</h2>
      <label className="field">
        <span>Name</span>
        <input
          key={doc.name}
          aria-label="Document name"
          defaultValue={doc.name}
          onBlur={(e) => {
            const name = e.target.value.trim();
            if (name && name !== doc.name) useStore.getState().apply([{ type: 'setName', name }]);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea
          key={doc.description ?? ''}
          aria-label="Document description"
          rows={5}
          maxLength={4000}
          placeholder="What this architecture shows, and what to try with it"
          defaultValue={doc.description ?? ''}
          onBlur={(e) => {
            const description = e.target.value.trim();
            if (description !== (doc.description ?? ''))
              useStore.getState().apply([{ type: 'setDescription', description }]);
          }}
        />
      </label>
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
      <p className="muted small">Select a component, link or group to edit its properties.</p>
    </>
  );
}

/** During a run: which edits the run takes now and which wait for the next run. */
function LiveNote() {
  const active = useStore((s) => isActive(s.run.status));
  if (!active) return null;
  return (
    <p className="muted small live-note" data-testid="live-note">
      Live run: replicas, version, error rate, client rate, service time, an external API’s latency
      and a link’s latency apply now, recorded so the drill replays; other changes apply to the next
      run.
    </p>
  );
}

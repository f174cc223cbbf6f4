// Problems: the architecture checks of the document, before running. Clicking one selects its
// nodes and edges on the canvas.
import { CHECKS } from '../../../shared/drills/checks';
import { useStore } from '../store';
import { useChecks } from './useChecks';

export function ProblemsTab() {
  const warnings = useChecks();
  const select = useStore((s) => s.select);
  if (warnings.length === 0)
    return (
      <p className="muted">
        No architecture warnings: no single points of failure, missing timeouts or probes found.
      </p>
    );
  return (
    <ul className="problems-list" aria-label="Architecture warnings">
      {warnings.map((w, i) => (
        <li key={i}>
          <button
            type="button"
            className={`problem ${w.severity}`}
            title={w.why}
            onClick={() => select(w.nodeIds, w.edgeIds)}
          >
            <code>{w.code}</code> <span className="muted small">{CHECKS[w.code].name}</span>
            <span className="problem-message">{w.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

import { useStore } from '../store';

/** A file that failed to open: one message naming the path of every problem. Nothing was changed. */
export function LoadErrorDialog() {
  const error = useStore((s) => s.loadError);
  const close = useStore((s) => s.setLoadError);
  if (!error) return null;
  return (
    <div className="modal-backdrop" role="presentation" onClick={() => close(null)}>
      <div
        className="modal"
        role="alertdialog"
        aria-labelledby="load-error-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="load-error-title">Could not open {error.file}</h2>
        <p className="muted">Nothing was opened and nothing on disk was changed.</p>
        <ul className="problem-list">
          {error.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
        <div className="modal-actions">
          <button type="button" className="tool primary" autoFocus onClick={() => close(null)}>
            OK
          </button>
        </div>
      </div>
    </div>
  );
}

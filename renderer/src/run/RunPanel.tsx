import { useStore } from '../store';
import { RunSummary } from './RunSummary';

/** The bottom panel: the state of the current run and its results. */
export function RunPanel() {
  const run = useStore((s) => s.run);
  return (
    <section className="panel bottom-panel" aria-label="Run panel">
      <header className="panel-title row">
        <span>Run</span>
        <span className="muted small" data-testid="run-status">
          {statusText(run.status)}
          {run.scenario ? ` · ${run.scenario} · seed ${run.seed ?? ''}` : ''}
        </span>
      </header>
      <div className="bottom-body">
        {(run.status === 'running' || run.status === 'paused' || run.status === 'starting') && (
          <div className="progress" role="progressbar" aria-valuenow={Math.round(run.fraction * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="progress-bar" style={{ width: `${Math.min(100, run.fraction * 100)}%` }} />
            <span className="progress-text">
              {run.tS.toFixed(0)} s of {run.durationS ?? '?'} s simulated
            </span>
          </div>
        )}
        {run.status === 'failed' && run.error && (
          <div className="problems" role="alert">
            <strong>{run.error.message}</strong>
            <ul>
              {run.error.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {run.status === 'done' && <RunSummary result={run.result} stopped={run.stopped === true} />}
        {run.status === 'idle' && (
          <p className="muted">
            Press <kbd>F5</kbd> or <strong>Run</strong> to simulate the selected scenario. Results, charts and
            the event log appear here.
          </p>
        )}
      </div>
    </section>
  );
}

function statusText(status: string) {
  switch (status) {
    case 'starting':
      return 'Starting…';
    case 'running':
      return 'Running';
    case 'paused':
      return 'Paused';
    case 'done':
      return 'Finished';
    case 'failed':
      return 'Failed';
    default:
      return 'Ready';
  }
}

import './run.css';
import { useResolvedTheme } from '../app/useTheme';
import { useStore } from '../store';
import { isActive, shownRun } from '../store/runSelectors';
import { ChartsTab } from './ChartsTab';
import { EventsTab } from './EventsTab';
import { useLive } from './liveStore';
import { RunControls } from './RunControls';
import { RunSummary } from './RunSummary';
import { CompareTab } from '../drills/CompareTab';
import { DrillTab } from '../drills/DrillTab';
import { useDrill, type BottomTab } from '../drills/drillStore';
import { ProblemsTab } from '../drills/ProblemsTab';
import { useChecks } from '../drills/useChecks';
import { VerdictTab } from '../drills/VerdictTab';
import { TransactionsTab } from '../transactions/TransactionsTab';
import { SweepTab } from '../sweep/SweepTab';
import { ConcurrencyTab } from '../lab/ConcurrencyTab';

const TABS: readonly BottomTab[] = [
  'drill',
  'summary',
  'verdict',
  'charts',
  'events',
  'transactions',
  'compare',
  'sweep',
  'concurrency',
  'problems',
];
const TAB_NAMES: Record<BottomTab, string> = {
  drill: 'Drill',
  summary: 'Summary',
  verdict: 'Verdict',
  charts: 'Charts',
  events: 'Events',
  transactions: 'Transactions',
  compare: 'Compare',
  sweep: 'Sweep',
  concurrency: 'Concurrency',
  problems: 'Problems',
};

/** The bottom panel: run controls, progress, and the results as figures, charts and events. */
export function RunPanel() {
  const theme = useResolvedTheme();
  const run = useStore((s) => s.run);
  const eventCount = useLive((s) => s.events.length);
  const tab = useDrill((d) => d.tab);
  const setTab = useDrill((d) => d.setTab);
  const problemCount = useChecks().length;
  const shown = useStore(shownRun);
  const active = isActive(run.status);
  return (
    <section className="panel bottom-panel" aria-label="Run panel">
      <header className="run-header">
        <div className="tabs" role="tablist">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab on' : 'tab'}
              onClick={() => setTab(t)}
            >
              {TAB_NAMES[t]}
              {t === 'events' && eventCount ? ` (${eventCount})` : ''}
              {t === 'problems' && problemCount ? ` (${problemCount})` : ''}
            </button>
          ))}
        </div>
        <span className="muted small" data-testid="run-status">
          {statusText(run.status)}
          {run.scenario ? ` · ${run.scenario} · seed ${run.seed ?? ''}` : ''}
        </span>
        <RunControls />
      </header>
      <div className="bottom-body" tabIndex={0}>
        {active && (
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={Math.round(run.fraction * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <div
              className="progress-bar"
              style={{ width: `${Math.min(100, run.fraction * 100)}%` }}
            />
            <span className="progress-text">
              {run.tS.toFixed(0)} s of {run.durationS ?? '?'} s simulated
              {run.status === 'paused' ? ' — paused' : ''}
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
        {tab === 'summary' && shown && <RunSummary run={shown} />}
        {tab === 'summary' && !shown && run.status === 'idle' && (
          <p className="muted">
            Press <kbd>F5</kbd> or <strong>Run</strong> to simulate the chosen scenario: batch runs
            as fast as the machine allows; live runs are paced so you can watch the canvas. Results,
            charts and the event log appear here.
          </p>
        )}
        {tab === 'charts' && <ChartsTab theme={theme} />}
        {tab === 'events' && <EventsTab />}
        {tab === 'drill' && <DrillTab />}
        {tab === 'verdict' && <VerdictTab />}
        {tab === 'compare' && <CompareTab />}
        {tab === 'sweep' && <SweepTab theme={theme} />}
        {tab === 'concurrency' && <ConcurrencyTab theme={theme} />}
        {tab === 'problems' && <ProblemsTab />}
        {tab === 'transactions' && <TransactionsTab />}
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

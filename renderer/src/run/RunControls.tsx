import { Pause, Play, RotateCcw, Square } from 'lucide-react';
import { useStore } from '../store';
import { pauseRun, setRunSpeed, startRun, stopRun } from './engineClient';
import { SPEEDS, speedLabel, useRunPrefs } from './runPrefs';

/** Scenario, batch or live, pace, and run / pause / stop / re-run. */
export function RunControls() {
  const scenarios = useStore((s) => s.doc.scenarios);
  const status = useStore((s) => s.run.status);
  const { scenario, mode, speed, setScenario, setMode } = useRunPrefs();
  const active = status === 'running' || status === 'paused' || status === 'starting';
  const chosen =
    scenario && scenarios.some((s) => s.name === scenario) ? scenario : scenarios[0]?.name;
  return (
    <div className="run-controls">
      <label className="small">
        Scenario{' '}
        <select
          aria-label="Scenario"
          value={chosen ?? ''}
          disabled={active || scenarios.length === 0}
          onChange={(e) => setScenario(e.target.value)}
        >
          {scenarios.length === 0 && <option value="">none</option>}
          {scenarios.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({s.durationS} s)
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="radiogroup" aria-label="Run mode">
        {(['batch', 'live'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            className={mode === m ? 'on' : undefined}
            disabled={active}
            title={
              m === 'batch' ? 'As fast as the machine allows' : 'Paced to the wall clock × speed'
            }
            onClick={() => setMode(m)}
          >
            {m === 'batch' ? 'Batch' : 'Live'}
          </button>
        ))}
      </div>
      {mode === 'live' && (
        <label className="small">
          Speed{' '}
          <select
            aria-label="Speed"
            value={speed}
            onChange={(e) => setRunSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {!active ? (
        <button
          type="button"
          className="tool primary"
          onClick={startRun}
          disabled={scenarios.length === 0}
        >
          {status === 'done' || status === 'failed' ? <RotateCcw size={15} /> : <Play size={15} />}
          <span>{status === 'done' || status === 'failed' ? 'Run again' : 'Run'}</span>
        </button>
      ) : (
        <>
          <button type="button" className="tool" onClick={() => pauseRun(status !== 'paused')}>
            {status === 'paused' ? <Play size={15} /> : <Pause size={15} />}
            <span>{status === 'paused' ? 'Resume' : 'Pause'}</span>
          </button>
          <button type="button" className="tool danger" onClick={stopRun}>
            <Square size={15} />
            <span>Stop</span>
          </button>
        </>
      )}
    </div>
  );
}

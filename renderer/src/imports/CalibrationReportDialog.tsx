// The calibration report: per service and call the figures and the spans they rest on, thin
// evidence flagged, and what was counted but not used; the whole report saves as Markdown.
import { create } from 'zustand';
import { THIN_SPANS, type CalibrationSummary } from '../../../shared/traces/in';
import { platform } from '../platform';

interface Shown {
  name: string;
  summary: CalibrationSummary;
  markdown: string;
}

const useCalibration = create<{ shown: Shown | null }>()(() => ({ shown: null }));

export const showCalibrationReport = (
  name: string,
  summary: CalibrationSummary,
  markdown: string,
) => useCalibration.setState({ shown: { name, summary, markdown } });

const int = (n: number) => n.toLocaleString('en-US');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

export function CalibrationReportDialog() {
  const { shown } = useCalibration();
  if (!shown) return null;
  const { summary: s, name, markdown } = shown;
  const c = s.counts;
  const close = () => useCalibration.setState({ shown: null });
  const save = () =>
    void platform().exports.save(markdown, `${name}-calibration.md`, {
      mime: 'text/markdown',
      name: 'Markdown',
      extensions: ['md'],
    });
  const issues = [
    c.orphans > 0 && `${int(c.orphans)} orphan spans`,
    c.serverLongerThanClient > 0 &&
      `${int(c.serverLongerThanClient)} server spans longer than their client span`,
    c.callOutsideParent > 0 && `${int(c.callOutsideParent)} calls outside their parent`,
    c.unansweredCalls > 0 && `${int(c.unansweredCalls)} calls with no known callee`,
  ].filter((x): x is string => typeof x === 'string');
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal import-report calibration-report"
        role="dialog"
        aria-label="Calibration report"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h3>Calibrated from {s.files.map((f) => f.file).join(', ')}</h3>
        <p>
          {int(c.spans)} spans in {int(c.traces)} traces over {s.figures.windowS.toFixed(1)} s,
          ending {s.figures.at}. Fields set from them are marked “from traces” in the inspector.
        </p>
        <table className="calibration-table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Requests</th>
              <th>Self time p50 / p99 (ms)</th>
              <th>Errors</th>
              <th>Rate</th>
            </tr>
          </thead>
          <tbody>
            {s.figures.nodes.map((n) => {
              const f = n.self ?? n.latency;
              return (
                <tr
                  key={n.name}
                  className={n.role !== 'client' && n.requests < THIN_SPANS ? 'thin' : ''}
                >
                  <td>
                    {n.name} <span className="muted small">{n.role}</span>
                  </td>
                  <td>
                    {int(n.requests)}
                    {n.role !== 'client' && n.requests < THIN_SPANS && ' ⚠'}
                  </td>
                  <td>{f ? `${ms(f.p50)} / ${ms(f.p99)} (${f.chosen.dist})` : '—'}</td>
                  <td>{n.role === 'client' ? '' : `${(n.errorRate * 100).toFixed(1)} %`}</td>
                  <td>{n.rps === null ? '' : `${n.rps.toFixed(1)}/s`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <table className="calibration-table">
          <thead>
            <tr>
              <th>Call</th>
              <th>Probability</th>
              <th>Calls</th>
              <th>Mode</th>
              <th>Spans</th>
            </tr>
          </thead>
          <tbody>
            {s.figures.edges.map((e) => (
              <tr key={`${e.from}→${e.to}`} className={e.withCall < THIN_SPANS ? 'thin' : ''}>
                <td>
                  {e.from} → {e.to}
                </td>
                <td>{(e.probability * 100).toFixed(1)} %</td>
                <td>{e.calls}</td>
                <td>{e.mode}</td>
                <td>
                  {int(e.attempts)}
                  {e.withCall < THIN_SPANS && ' ⚠'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {issues.length > 0 && <p className="small">Counted, not used: {issues.join('; ')}.</p>}
        <p className="muted small">⚠ fewer than {THIN_SPANS} spans: a rough figure.</p>
        <div className="modal-actions">
          <button type="button" className="tool" onClick={save}>
            Save report…
          </button>
          <button type="button" className="tool primary" onClick={close} autoFocus>
            OK
          </button>
        </div>
      </div>
    </div>
  );
}

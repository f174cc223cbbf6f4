// The verdict of the last finished run: SLOs with value and the moment each broke, per fault the
// time to detect and recover, its blast radius (outlined on the canvas) and the events that
// explain it, and retry amplification per hop.
import type { DrillVerdict, FaultVerdict } from '../../../shared/drills/verdict';
import { fmt, figuresLine, rates, verdictLine } from '../../../shared/slo/text';
import { useStore } from '../store';
import { isActive, shownRun, verdictOf } from '../store/runSelectors';
import type { FinishedRun } from '../store/runSlice';
import { LiveActionsOffer } from './LiveActionsOffer';
import { targetName } from './targets';

const s = (v: number | null) => (v === null ? '—' : `${fmt(v, 1)} s`);

export function VerdictTab() {
  const active = useStore((s) => isActive(s.run.status));
  const run = useStore(shownRun);
  if (active)
    return (
      <p className="muted">
        The verdict appears when this run finishes: SLOs, time to detect and recover per fault,
        blast radius and retry amplification.
      </p>
    );
  if (!run)
    return (
      <p className="muted">
        Run a scenario: the verdict of the last finished run appears here — SLOs, time to detect and
        recover per fault, blast radius, retry amplification and the events that explain it.
      </p>
    );
  const v = verdictOf(run);
  if (!v) return <p className="muted">This run could not be judged (see the console).</p>;
  return <Verdict run={run} v={v} />;
}

const WORD = { PASSED: 'PASSED', FAILED: 'FAILED', 'NO SLOS': 'NO SLOs TO JUDGE' } as const;
const TONE = { PASSED: 'pass', FAILED: 'fail', 'NO SLOS': 'none' } as const;

function Verdict({ run, v }: { run: FinishedRun; v: DrillVerdict }) {
  const amplified = v.hops.filter((h) => h.retries > 0 || h.perUserRequest > 1.0005);
  const summary = run.result.summary;
  const rate = rates(summary);
  const facts = {
    outcome: v.outcome,
    sloCount: v.slos.length,
    failed: v.slos.filter((x) => !x.pass).length,
    coverage: v.coverage,
    errorRate: v.headline.errorRate,
    worstP99Ms: v.headline.worstP99Ms,
    blastRadius: v.headline.blastRadius.map((id) => targetName(run.doc, id)),
    retryStorms: v.retryStorms.map((r) => ({
      ...r,
      from: targetName(run.doc, r.from),
      to: targetName(run.doc, r.to),
    })),
  };
  return (
    <div className="verdict" data-testid="verdict">
      <header className="verdict-head">
        <span className={`verdict-word ${TONE[v.outcome]}`} data-testid="verdict-word">
          {WORD[v.outcome]}
        </span>
        <span className="muted small">
          {run.docName} · {run.scenario} · seed {run.result.seed} ·{' '}
          {v.coverage.early
            ? `${fmt(v.coverage.ranS)} s of ${v.coverage.durationS} (stopped early)`
            : `${run.result.durationS} s`}{' '}
          · document v{run.docVersion}
        </span>
        <LiveActionsOffer run={run} />
      </header>
      <p className="verdict-facts" data-testid="verdict-facts">
        {verdictLine(facts)} {figuresLine(facts)}
      </p>
      <p className="small" data-testid="verdict-rates">
        Offered <span className="num">{rate.offered}/s</span> · goodput (ok){' '}
        <span className={`num${summary.goodputRps < summary.throughputRps ? ' bad' : ''}`}>
          {rate.goodput}/s
        </span>{' '}
        · failed <span className="num">{rate.failed}/s</span> · retry amplification{' '}
        <span className="num">×{fmt(summary.retryAmplification?.attemptsPerCall ?? 1, 3)}</span> per
        call
      </p>
      <div className="verdict-grid">
        <section aria-label="SLO verdicts">
          <h4>SLOs</h4>
          {v.slos.length === 0 && (
            <p className="muted small">No SLOs in this scenario: nothing was judged.</p>
          )}
          <table className="mini-table">
            <tbody>
              {v.slos.map((x, i) => (
                <tr key={i} className={x.pass ? 'pass' : 'fail'}>
                  <td>{x.pass ? '✓' : '✗'}</td>
                  <td>
                    {x.name} <span className="muted">({x.scope})</span>
                  </td>
                  <td className="num">{x.valueText}</td>
                  <td className="muted">{x.thresholdText}</td>
                  <td className="small">
                    {x.metric === 'recovery'
                      ? x.detail
                      : x.firstBrokeS === null
                        ? 'held every second'
                        : `${x.pass ? 'a second crossed it' : 'broke'} at ${fmt(x.firstBrokeS)} s (${
                            x.secondsBroken
                          } s over)`}
                    {x.metric !== 'recovery' && x.detail !== null && (
                      <span className="muted"> · {x.detail}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Retry amplification</h4>
          {amplified.length === 0 ? (
            <p className="muted small">
              Every hop: one attempt per user request or fewer; no retries.
            </p>
          ) : (
            <table className="mini-table">
              <thead>
                <tr>
                  <th>hop</th>
                  <th>attempts / user request</th>
                  <th>retries</th>
                </tr>
              </thead>
              <tbody>
                {amplified.map((h) => (
                  <tr key={h.edge}>
                    <td>
                      {targetName(run.doc, h.from)} → {targetName(run.doc, h.to)}
                    </td>
                    <td className={`num${h.perUserRequest > 1.5 ? ' bad' : ''}`}>
                      ×{fmt(h.perUserRequest, 2)}
                    </td>
                    <td className="num">{h.retries.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-label="Faults">
          <h4>Faults</h4>
          {v.faults.length === 0 && <p className="muted small">No faults in this run.</p>}
          {v.faults.map((f, i) => (
            <FaultCard key={i} f={f} run={run} />
          ))}
        </section>
      </div>
    </div>
  );
}

function FaultCard({ f, run }: { f: FaultVerdict; run: FinishedRun }) {
  const select = useStore((st) => st.select);
  if (!f.reached)
    return (
      <article className="fault-card not-reached" data-testid="fault-verdict">
        <header>
          <strong>{f.action}</strong> {targetName(run.doc, f.target)}{' '}
          <span className="muted small">timeline · {fmt(f.fromS)} s</span>
        </header>
        <p className="muted small">Not reached: the run was stopped before {fmt(f.fromS)} s.</p>
      </article>
    );
  return (
    <article className="fault-card" data-testid="fault-verdict">
      <header>
        <strong>{f.action}</strong> {targetName(run.doc, f.target)}{' '}
        <span className="muted small">
          {f.source === 'live' ? 'live' : 'timeline'} · {fmt(f.fromS)} s
          {f.toS > f.fromS ? ` – ${fmt(f.toS)} s` : ''}
        </span>
      </header>
      <dl className="ttx">
        <div>
          <dt>Time to detect</dt>
          <dd data-testid="ttd">{f.detectedAtS === null ? 'not detected' : s(f.ttdS)}</dd>
        </div>
        <div>
          <dt>Time to recover</dt>
          <dd data-testid="ttr">{f.recoveredAtS === null ? 'not within the run' : s(f.ttrS)}</dd>
        </div>
      </dl>
      {f.alreadyFailing && (
        <p className="small muted" data-testid="already-failing">
          Began while {f.alreadyFailing.label} (at {fmt(f.alreadyFailing.sinceS)} s) already had the
          system failing: counted here is only what changed after it.
        </p>
      )}
      <div className="blast">
        <span className="small">Blast radius:</span>{' '}
        {f.blastRadius.length === 0 ? (
          <span className="muted small">
            {f.alreadyFailing
              ? 'no node failed more than it already did before this fault'
              : 'no node saw more errors than its baseline'}
          </span>
        ) : (
          f.blastRadius.map((b) => (
            <button
              key={b.id}
              type="button"
              className="chip bad"
              title={`${b.errors} errors of ${b.completed} (${fmt(b.errorRate * 100, 2)} %, baseline ${fmt(
                b.baselineRate * 100,
                2,
              )} %)${b.via ? `, through ${b.via}` : ''}; ${Object.entries(b.causes)
                .map(([c, n]) => `${c} ${n}`)
                .join(', ')}`}
              onClick={() => select([b.id], [])}
            >
              {b.label} {fmt(b.errorRate * 100, 1)} %
              {f.alreadyFailing ? ` (was ${fmt(b.baselineRate * 100, 1)} %)` : ''}
            </button>
          ))
        )}
      </div>
      {f.events.length > 0 && (
        <ul className="explain small">
          {f.events.slice(0, 8).map((e, k) => (
            <li key={k} className={e.type === 'Warning' ? 'warn' : undefined}>
              <span className="num">{fmt(e.t, 2)} s</span> <strong>{e.reason}</strong> {e.object}:{' '}
              {e.message}
            </li>
          ))}
          {f.events.length > 8 && <li className="muted">… {f.events.length - 8} more in Events</li>}
        </ul>
      )}
    </article>
  );
}

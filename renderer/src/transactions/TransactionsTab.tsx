// The run panel's Transactions tab: define flows (left), and after a run the outcome table and
// the sequence diagram of a chosen instance (right).
import './transactions.css';
import { useMemo, useState } from 'react';
import type { TxTimeline } from '../../../shared/engine/txrun';
import { useStore } from '../store';
import { shownRun } from '../store/runSelectors';
import { FlowEditor } from './FlowEditor';
import { OutcomeTable } from './OutcomeTable';
import { SequenceDiagram } from './SequenceDiagram';

const OUTCOME: Record<string, string> = {
  committed: 'committed',
  rolled_back: 'rolled back',
  compensated: 'compensated',
  in_doubt: 'in doubt',
  inconsistent: 'inconsistent',
  pending: 'running',
};

/** The instance to show first: one that went wrong, else the first. */
const interesting = (ts: readonly TxTimeline[]) =>
  ts.find((t) => t.wasInDoubt) ?? ts.find((t) => t.outcome !== 'committed') ?? ts[0];

export function TransactionsTab() {
  const [flowId, setFlowId] = useState<string | null>(null);
  const [txId, setTxId] = useState<string | null>(null);
  const result = useStore((s) => shownRun(s)?.result);
  const flows = useMemo(() => result?.transactions ?? [], [result]);
  const timelines = useMemo(() => flows.flatMap((f) => f.timelines), [flows]);
  const shown = timelines.find((t) => t.tx === txId) ?? interesting(timelines);
  return (
    <div className="tx-tab" data-testid="transactions-tab">
      <section className="tx-left">
        <h3>Flows</h3>
        <FlowEditor selected={flowId} onSelect={setFlowId} />
      </section>
      <section className="tx-right">
        {!result && (
          <p className="muted">
            Run a scenario to see how each flow&apos;s instances ended, which ones blocked, and a
            sequence diagram of any of them.
          </p>
        )}
        {result && flows.length === 0 && (
          <p className="muted">This run had no transaction flow with a rate above 0.</p>
        )}
        {flows.length > 0 && <OutcomeTable flows={flows} />}
        {shown && result && (
          <div className="tx-instance">
            <label className="small">
              Instance{' '}
              <select
                aria-label="Instance"
                value={shown.tx}
                onChange={(e) => setTxId(e.target.value)}
              >
                {timelines.map((t) => (
                  <option key={t.tx} value={t.tx}>
                    {t.tx} — {t.wasInDoubt ? 'was in doubt, ' : ''}
                    {OUTCOME[t.outcome] ?? t.outcome}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small">
              {' '}
              started {((shown.startMs ?? 0) / 1000).toFixed(3)} s
              {shown.endMs !== null
                ? `, ended ${(shown.endMs / 1000).toFixed(3)} s`
                : ', not finished'}{' '}
              · coordinator {shown.coordinator}
            </span>
            <div className="tx-seq-wrap">
              <SequenceDiagram t={shown} endMs={result.durationS * 1000} />
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

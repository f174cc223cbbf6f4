// The outcome table of a run: per flow, how its instances ended, whether it blocked (in doubt,
// locks, waits) and whether the balance held — the figures of result.transactions.
import type { TxFlowResult } from '../../../shared/engine/txrun';

const n = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 3 });

export function OutcomeTable({ flows }: { flows: readonly TxFlowResult[] }) {
  return (
    <div className="tx-outcomes">
      {flows.map((f) => (
        <p key={f.flow} className="tx-summary small">
          {f.summary}
        </p>
      ))}
      <div className="tx-table-scroll">
        <table className="node-table tx-table" aria-label="Transaction outcomes">
          <thead>
            <tr>
              <th title="The transaction flow">Flow</th>
              <th title="How the flow commits: two-phase commit (2pc) or a saga of local steps with compensations">
                Protocol
              </th>
              <th className="num" title="Instances of the flow started during the run">
                Started
              </th>
              <th
                className="num"
                title="Instances due that could not start: no coordinator was up to take them (the flow was unavailable)"
              >
                Rejected
              </th>
              <th className="num" title="Instances that ended with every step committed">
                Committed
              </th>
              <th
                className="num"
                title="Instances that ended with every step undone by the protocol (an abort)"
              >
                Rolled back
              </th>
              <th
                className="num"
                title="Saga instances whose done steps were undone by their compensations"
              >
                Compensated
              </th>
              <th
                className="num"
                title="Instances still in doubt at the end: participants voted yes and never learnt the decision"
              >
                In doubt
              </th>
              <th
                className="num"
                title="Instances that ended with some steps applied and others not (a branch orphaned, or only part of the steps committed): a count of instances"
              >
                Ended inconsistent
              </th>
              <th className="num" title="Instances still running when the run ended">
                Running
              </th>
              <th
                className="num"
                title="Instances that were in doubt at some moment, even if resolved later"
              >
                Went in doubt
              </th>
              <th className="num" title="The longest time one row lock was held">
                Longest lock
              </th>
              <th
                className="num"
                title="Instances that waited for a row lock held by an instance in doubt"
              >
                Waited behind in-doubt
              </th>
              <th title="Whether the total of the watched accounts stayed what it started as (transfers only)">
                Balance
              </th>
              <th
                className="num"
                title="Time a reader saw the watched accounts add up to a different total than they started with: a duration, not a count of instances"
              >
                Total off for
              </th>
              <th
                className="num"
                title="Time a locking reader of the watched accounts would have waited on a lock"
              >
                Readers blocked
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.map((f) => {
              const o = f.outcomes;
              const longest = f.locks.reduce((m, l) => Math.max(m, l.maxMs), 0);
              return (
                <tr key={f.flow}>
                  <td>{f.name}</td>
                  <td>{f.protocol}</td>
                  <td className="num">{n(f.started)}</td>
                  <td className={f.rejected > 0 ? 'num bad' : 'num'}>{n(f.rejected)}</td>
                  <td className="num">{n(o.committed)}</td>
                  <td className="num">{n(o.rolled_back)}</td>
                  <td className="num">{n(o.compensated)}</td>
                  <td className={o.in_doubt > 0 ? 'num bad' : 'num'}>{n(o.in_doubt)}</td>
                  <td className={o.inconsistent > 0 ? 'num bad' : 'num'}>{n(o.inconsistent)}</td>
                  <td className="num">{n(o.pending)}</td>
                  <td className={f.inDoubtEver.instances > 0 ? 'num bad' : 'num'}>
                    {n(f.inDoubtEver.instances)}
                  </td>
                  <td className="num">{n(longest)} ms</td>
                  <td className={f.lockWaits.behindInDoubt > 0 ? 'num bad' : 'num'}>
                    {n(f.lockWaits.behindInDoubt)}
                  </td>
                  <td className={f.balance?.verdict === 'violated' ? 'bad' : ''}>
                    {f.balance?.verdict ?? 'not a transfer'}
                  </td>
                  <td className="num">{f.balance ? `${n(f.balance.inconsistentMs)} ms` : '–'}</td>
                  <td className="num">{f.balance ? `${n(f.balance.blockedMs)} ms` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

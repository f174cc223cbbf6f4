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
      <table className="node-table tx-table" aria-label="Transaction outcomes">
        <thead>
          <tr>
            <th>Flow</th>
            <th>Protocol</th>
            <th className="num">Started</th>
            <th className="num">Rejected</th>
            <th className="num">Committed</th>
            <th className="num">Rolled back</th>
            <th className="num">Compensated</th>
            <th className="num">In doubt</th>
            <th className="num">Inconsistent</th>
            <th className="num">Running</th>
            <th className="num">Went in doubt</th>
            <th className="num">Longest lock</th>
            <th className="num">Waited behind in-doubt</th>
            <th>Balance</th>
            <th className="num">Inconsistent</th>
            <th className="num">Readers blocked</th>
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
  );
}

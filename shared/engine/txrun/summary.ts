// One paragraph per flow that states what happened in figures (for the report and the app).
import type { BalanceVerdict } from '../tx/invariants';
import type { TxFlowResult } from './report';

export function verdictText(v: BalanceVerdict): NonNullable<TxFlowResult['balance']>['verdict'] {
  return v === 'conserved'
    ? 'conserved at every instant'
    : v === 'eventually'
      ? 'conserved eventually'
      : 'violated';
}

const NAMES: Record<string, string> = {
  local: 'Local',
  '2pc': '2PC',
  '3pc': '3PC',
  tcc: 'TCC',
  saga: 'Saga',
  'saga (choreographed)': 'Saga (choreographed)',
  outbox: 'Outbox',
};

export const protocolName = (p: string): string => NAMES[p] ?? p;

const s = (x: number) => `${Math.round(x * 1000) / 1000} s`;
const ms = (x: number) => (x >= 1000 ? s(x / 1000) : `${Math.round(x * 10) / 10} ms`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryOf(r: TxFlowResult): string {
  const o = r.outcomes;
  const out: string[] = [];
  const started = `${protocolName(r.protocol)} ${r.flow}: ${plural(r.started, 'instance')} started`;
  out.push(
    `${started}${r.rejected > 0 ? `, ${r.rejected} rejected (no coordinator up)` : ''}; ` +
      `${o.committed} committed, ${o.rolled_back} rolled back, ${o.compensated} compensated, ` +
      `${o.in_doubt} in doubt, ${o.inconsistent} inconsistent${o.pending > 0 ? `, ${o.pending} still running` : ''} at the end.`,
  );
  const d = r.inDoubtEver;
  if (d.instances > 0) {
    const longest = r.locks.reduce((m, l) => Math.max(m, l.maxMs), 0);
    const w = r.lockWaits;
    out.push(
      `Blocked: ${plural(d.instances, 'instance')} went in doubt (${plural(d.branches, 'participant')}), ` +
        `for up to ${s(d.maxS)}, with locks held up to ${ms(longest)}; ` +
        `${plural(w.behindInDoubt, 'transaction')} waited behind in-doubt locks` +
        (w.timedOut > 0 ? ` (${w.timedOut} lock waits timed out)` : '') +
        '.',
    );
  } else if (r.lockWaits.count > 0) {
    out.push(`${plural(r.lockWaits.count, 'lock wait')}, longest ${ms(r.lockWaits.maxMs)}.`);
  }
  if (r.inDoubt.length > 0)
    out.push(
      `Still in doubt at the end: ${r.inDoubt.map((i) => `${i.tx} (locks ${i.locks.join(', ') || 'none'})`).join('; ')}.`,
    );
  const b = r.balance;
  if (b) {
    const rows = b.rows.join(' + ');
    if (b.verdict === 'violated')
      out.push(`Balance (${rows}): violated — ${b.final} at the end, expected ${b.expected}.`);
    else
      out.push(
        `Balance (${rows}): ${b.verdict}` +
          (b.inconsistentMs > 0 ? `; inconsistent for ${ms(b.inconsistentMs)} in all` : '') +
          (b.blockedMs > 0 ? `; a locking reader was blocked ${ms(b.blockedMs)}` : '') +
          '.',
      );
  }
  if (r.latencyMs)
    out.push(
      `Finished instances took ${ms(r.latencyMs.mean)} on average (p99 ${ms(r.latencyMs.p99)}).`,
    );
  const anomalies = Object.entries(r.anomalies);
  if (anomalies.length > 0)
    out.push(`Anomalies: ${anomalies.map(([k, n]) => `${n} ${k}`).join(', ')}.`);
  return out.join(' ');
}

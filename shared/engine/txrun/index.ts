// Transaction flows inside simulation runs: the plan compile makes of the document's flows and
// transaction faults, the TxNet on the kernel, and result.transactions.
import type { TxPlan } from './plan';
import { txReport, type TxFlowResult } from './report';
import { TxRun } from './run';
import type { World } from '../world';

export { compileTx, isTxAction, TX_ACTIONS } from './plan';
export type { FlowPlan, TxPlan } from './plan';
export type { TxFlowResult, TxTimeline } from './report';
export { TxRun } from './run';

/** Start the document's transaction flows in this run (at t = 0). */
export function startTx(w: World, plan: TxPlan | null | undefined): void {
  if (plan) w.tx = new TxRun(w, plan);
}

/**
 * The run is over: a crash armed for a protocol step that no instance reached never happened,
 * and the event log says so (a drill with it would otherwise look clean).
 */
export function endTx(w: World): void {
  const run = w.tx;
  if (run === null) return;
  for (const a of run.unfired) {
    const flow = a.flow?.id ?? 'transactions';
    w.log.add(
      w.k.now,
      'Warning',
      'FaultNotFired',
      flow,
      `${a.kind} at ${a.protocolStep ?? ''} never fired: no instance of ${flow} reached that step${a.instance > 0 ? ` (instance ${a.instance})` : ''}`,
      { timeline: a.index, fault: a.kind, protocolStep: a.protocolStep },
    );
  }
  run.unfired.clear();
}

/** result.transactions: one entry per flow; [] when the document has none. */
export function txResult(w: World): TxFlowResult[] {
  return w.tx ? txReport(w.tx) : [];
}

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

/** result.transactions: one entry per flow; [] when the document has none. */
export function txResult(w: World): TxFlowResult[] {
  return w.tx ? txReport(w.tx) : [];
}

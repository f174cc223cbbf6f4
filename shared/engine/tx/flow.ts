// From the document's TransactionFlow to the runtime spec. A step's `action` names what the
// participant does to one row: "debit ROW", "credit ROW" (± options.amount), "add N ROW", or a bare
// ROW (+amount). txrun/plan.ts picks the coordinator process from the drawn call edges.
import type { TransactionFlow } from '../../model/document';
import { txOptions, type TxOptions, type TxSpec, type TxStep } from './common';

export function parseAction(action: string, amount: number): { row: string; delta: number } {
  const words = action.trim().split(/\s+/);
  const [verb, a, b] = words;
  if (verb === 'debit' && a !== undefined) return { row: a, delta: -amount };
  if (verb === 'credit' && a !== undefined) return { row: a, delta: amount };
  if (verb === 'add' && a !== undefined && b !== undefined && Number.isFinite(Number(a))) {
    return { row: b, delta: Number(a) };
  }
  return { row: action.trim() || 'row', delta: amount };
}

/** The runtime spec and options of instance `n` of a flow (ids `${flow.id}-${n}`). */
export function specOf(
  flow: TransactionFlow,
  coordinator: string,
  n = 1,
): { spec: TxSpec; options: TxOptions } {
  const options = txOptions(flow.options ?? {});
  const steps: TxStep[] = flow.steps.map((s) => ({
    participant: s.participant,
    ...parseAction(s.action, options.amount),
  }));
  return { spec: { id: `${flow.id}-${n}`, coordinator, steps }, options };
}

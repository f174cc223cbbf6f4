// The transaction subsystem's event log, in the engine's style of DESIGN.md:
// {t, type, reason, object, message, data} with t in simulated seconds (RunEvent). The object is the
// process the event happened at (a coordinator or a participant); data.tx names the transaction.
import type { RunEvent } from '../events';

export type TxEvent = RunEvent;

export class TxLog {
  readonly events: TxEvent[] = [];
  private readonly listeners: ((e: TxEvent) => void)[] = [];

  constructor(private readonly nowMs: () => number) {}

  /** Called for every event as it is added (the balance observer and txrun's copy into the run's log use it). */
  listen(fn: (e: TxEvent) => void): void {
    this.listeners.push(fn);
  }

  add(
    type: TxEvent['type'],
    reason: string,
    object: string,
    message: string,
    data: Record<string, unknown> = {},
  ): void {
    const e: TxEvent = { t: this.nowMs() / 1000, type, reason, object, message, data };
    this.events.push(e);
    for (const l of this.listeners) l(e);
  }

  normal(reason: string, object: string, message: string, data?: Record<string, unknown>): void {
    this.add('Normal', reason, object, message, data);
  }

  warning(reason: string, object: string, message: string, data?: Record<string, unknown>): void {
    this.add('Warning', reason, object, message, data);
  }

  /** Events of one transaction, as compact `t reason object` lines (for step-by-step tests). */
  trace(tx?: string): string[] {
    return this.events
      .filter((e) => tx === undefined || e.data['tx'] === tx || e.data['tx'] === undefined)
      .map((e) => `${e.t} ${e.reason} ${e.object}`);
  }
}

// What every protocol shares: the context it runs in (net, log, databases, options), the step a
// participant performs, the branch states the invariant checker reads, and a retry loop.
import { TransactionOptions } from '../../model/document';
import type { TxLog } from './events';
import type { LocalDb, LocalState } from './localDb';
import type { TxMessage, TxNet } from './txNet';

export type Protocol = 'local' | '2pc' | '3pc' | 'tcc' | 'saga' | 'outbox';
export type TxOptions = TransactionOptions;

/** Every option filled in from the model's defaults. */
export function txOptions(
  partial: { [K in keyof TxOptions]?: TxOptions[K] | undefined } = {},
): TxOptions {
  return TransactionOptions.parse(partial);
}

export interface TxContext {
  readonly net: TxNet;
  readonly log: TxLog;
  readonly options: TxOptions;
  /** The database of a participant process (participant id = database process id). */
  db(participant: string): LocalDb;
  /** A per-run counter, for unique local transaction ids. */
  seq(): number;
}

/** One participant's part: add `delta` to `row` of its database (negative = debit/reserve). */
export interface TxStep {
  participant: string;
  row: string;
  delta: number;
  /** Business failure injected at this step (the branch answers NO / Try fails / Tk fails). */
  fail?: boolean;
}

export interface TxSpec {
  id: string;
  /** The coordinator process (2PC/3PC/TCC/orchestrated Saga), or the producer (outbox). */
  coordinator: string;
  steps: readonly TxStep[];
}

/**
 * Where a participant's branch ended: 'none' (never touched), 'active' (working, uncommitted),
 * 'prepared' (voted yes / reserved, waiting for the decision), 'committed', 'aborted',
 * 'compensated' (committed then undone by a compensation), 'orphaned' (a reservation nobody will
 * ever release: TCC suspension without a fence).
 */
export type BranchState =
  'none' | 'active' | 'prepared' | 'committed' | 'aborted' | 'compensated' | 'orphaned';

export interface TxInstance {
  readonly id: string;
  readonly protocol: Protocol;
  readonly spec: TxSpec;
  /** Begin the transaction now. */
  start(): void;
  /** The state of each step's branch, keyed `${index}:${participant}`. */
  branches(): Record<string, BranchState>;
  /** The protocol reached its end (the coordinator, or the last participant, is done). */
  finished(): boolean;
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
  /** Effects the protocol let happen that break its promise (TCC without fence, duplicates). */
  anomalies?(): readonly TxAnomaly[];
}

export interface TxAnomaly {
  /** 'empty_rollback', 'suspension', 'duplicate_cancel', 'duplicate_confirm', 'duplicate_delivery'. */
  kind: string;
  step: number;
  atMs: number;
}

export function branchKey(i: number, step: TxStep): string {
  return `${i}:${step.participant}`;
}

/** A participant's branch state from its database's local transaction. */
export function fromLocal(s: LocalState | undefined): BranchState {
  switch (s) {
    case undefined:
      return 'none';
    case 'active':
      return 'active';
    case 'prepared':
      return 'prepared';
    case 'committed':
      return 'committed';
    case 'aborted':
      return 'aborted';
  }
}

/** A protocol message: its type, transaction, and the step it concerns when there are several. */
export interface Msg extends TxMessage {
  readonly step?: number;
  readonly ok?: boolean;
  readonly id?: string;
}

/**
 * Call `attempt` now and then every `everyMs` until `done()` (checked before each try); the
 * timers belong to `owner`, so a crash stops the loop (recovery restarts it).
 */
export function retryUntil(
  net: TxNet,
  owner: string,
  everyMs: number,
  done: () => boolean,
  attempt: () => void,
): void {
  const loop = () => {
    if (done()) return;
    attempt();
    net.schedule(everyMs, loop, owner);
  };
  loop();
}

/** The local transaction id of step `i` of a global transaction. */
export function localId(tx: string, i: number, suffix = ''): string {
  return `${tx}#${i}${suffix}`;
}

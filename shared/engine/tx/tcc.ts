// TCC (docs/semantics.md §13.4; Seata TCC mode and its fence, TCCFenceHandler): each participant
// offers Try (reserve at business level, in one short local transaction: no DB lock outlives
// it), Confirm (use the reservation) and Cancel (release it). The coordinator tries every branch,
// logs CONFIRM when every Try succeeded in stepTimeoutMs, else CANCEL, and resends phase 2 until each
// branch acknowledges. A step on row r with delta d keeps its reservation in row r#hold:TX:
//   d < 0 (debit)   Try r -= |d|, hold = |d|   Confirm hold = 0   Cancel hold = 0, r += |d|
//   d > 0 (credit)  Try hold = d               Confirm hold = 0, r += d   Cancel hold = 0
// With the fence (tcc_fence_log: TRIED 1, COMMITTED 2, ROLLBACKED 3, SUSPENDED 4, written in the
// same local transaction as the business change): a Cancel with no Try is an empty rollback
// (record SUSPENDED, do nothing); a Try finding that record is refused (suspension); repeated
// Confirm/Cancel do nothing. With `tccFence: false` each message runs the business code as is.
import {
  localId,
  retryUntil,
  type BranchState,
  type Msg,
  type TxAnomaly,
  type TxContext,
  type TxInstance,
  type TxSpec,
} from './common';
import type { RowOp } from './localDb';

type Fence = 'TRIED' | 'COMMITTED' | 'ROLLBACKED' | 'SUSPENDED';

/** The reservation row a TCC branch of `tx` keeps on `row` (the amount reserved, 0 once used). */
export const holdRow = (tx: string, row: string) => `${row}#hold:${tx}`;

export function createTcc(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const C = spec.coordinator;
  const tx = spec.id;
  const n = spec.steps.length;
  const data = (extra: Record<string, unknown> = {}) => ({ tx, ...extra });

  let logged: 'begun' | 'confirm' | 'cancel' | 'end' | undefined;
  let phase: 'idle' | 'try' | 'decided' = 'idle';
  let tried = new Set<number>();
  let acked = new Set<number>();
  let startMs: number | undefined;
  let endMs: number | undefined;
  /** What the business code actually did per branch (the checker's omniscient view). */
  const applied = spec.steps.map(() => ({ try: 0, confirm: 0, cancel: 0, tryAfterCancel: false }));
  const anomalies: TxAnomaly[] = [];

  const fenceRow = (i: number) => `tcc_fence_log:${tx}:${i}`;
  const send = (i: number, type: string) => {
    const s = spec.steps[i];
    if (s) net.send<Msg>(C, s.participant, { type, tx, step: i }, (m) => atParticipant(i, m));
  };
  const reply = (i: number, type: string, ok: boolean) => {
    const s = spec.steps[i];
    if (s) net.send<Msg>(s.participant, C, { type, tx, step: i, ok }, (m) => atCoord(i, m));
  };

  function start(): void {
    startMs = net.now();
    logged = 'begun';
    phase = 'try';
    log.normal('TransactionStarted', C, `Started TCC transaction ${tx}`, data());
    for (let i = 0; i < n; i++) send(i, 'TRY');
    net.schedule(
      options.stepTimeoutMs,
      () => {
        if (phase !== 'try') return;
        log.warning(
          'TryTimeout',
          C,
          `Not every Try answered in ${options.stepTimeoutMs} ms`,
          data(),
        );
        decide('cancel');
      },
      C,
    );
  }

  function decide(d: 'confirm' | 'cancel'): void {
    phase = 'decided';
    logged = d;
    log.normal('DecisionLogged', C, `Logged ${d.toUpperCase()} for ${tx}`, data({ decision: d }));
    for (let i = 0; i < n; i++) {
      retryUntil(
        net,
        C,
        options.retryMs,
        () => acked.has(i),
        () => send(i, d === 'confirm' ? 'CONFIRM' : 'CANCEL'),
      );
    }
  }

  function atCoord(i: number, m: Msg): void {
    if (m.type === 'TRIED' && phase === 'try') {
      if (!m.ok) return decide('cancel');
      tried.add(i);
      if (tried.size === n) decide('confirm');
    } else if (m.type === 'DONE' && m.ok && phase === 'decided') {
      acked.add(i);
      if (acked.size === n && logged !== 'end') {
        const d = logged;
        logged = 'end';
        endMs = net.now();
        if (d === 'confirm') log.normal('TransactionCommitted', C, `Confirmed ${tx}`, data());
        else log.normal('TransactionRolledBack', C, `Cancelled ${tx}`, data());
      }
    }
  }

  net.register(C, {
    onCrash: () => {
      phase = 'idle';
      tried = new Set();
      acked = new Set();
    },
    onRecover: () => {
      if (logged === undefined || logged === 'end') return;
      log.normal('CoordinatorRecovery', C, `Recovering ${tx} (${logged})`, data());
      decide(logged === 'confirm' ? 'confirm' : 'cancel');
    },
  });

  /**
   * The business code of step i, as its author would write it without a fence: Cancel puts the
   * money back without checking that Try ran (so an empty or repeated Cancel creates money).
   */
  function business(i: number, what: 'try' | 'confirm' | 'cancel'): RowOp[] {
    const s = spec.steps[i];
    if (s === undefined) return [];
    const amt = Math.abs(s.delta);
    const hold = holdRow(tx, s.row);
    if (s.delta < 0) {
      if (what === 'try')
        return [
          { row: s.row, delta: -amt },
          { row: hold, value: amt },
        ];
      if (what === 'confirm') return [{ row: hold, value: 0 }];
      return [
        { row: hold, value: 0 },
        { row: s.row, delta: amt },
      ];
    }
    if (what === 'try') return [{ row: hold, value: amt }];
    if (what === 'confirm')
      return [
        { row: hold, value: 0 },
        { row: s.row, delta: amt },
      ];
    return [{ row: hold, value: 0 }];
  }

  function atParticipant(i: number, m: Msg): void {
    const s = spec.steps[i];
    if (s === undefined) return;
    const P = s.participant;
    const db = ctx.db(P);
    const fence = db.committed(fenceRow(i)) as Fence | undefined;
    const lid = localId(tx, i, `:${m.type.toLowerCase()}:${ctx.seq()}`);
    const run = (what: 'try' | 'confirm' | 'cancel', fenceOp: RowOp, after: () => void) => {
      const ops = business(i, what);
      if (options.tccFence) ops.unshift(fenceOp);
      db.atomically(lid, ops, (r) => {
        if (!r.ok && r.cause === 'duplicate_key' && what === 'try') {
          log.warning('SuspendedTry', P, `Refused Try of ${tx}: its Cancel came first`, data());
          return reply(i, 'TRIED', false);
        }
        if (!r.ok) {
          log.warning('TransactionRolledBack', P, `${what} of ${tx} failed: ${r.cause}`, data());
          return reply(i, what === 'try' ? 'TRIED' : 'DONE', false);
        }
        const a = applied[i];
        if (a) a[what]++;
        after();
      });
    };
    if (m.type === 'TRY') {
      if (s.fail) {
        log.warning('TryFailed', P, `Try of ${tx} failed: business_error`, data());
        return reply(i, 'TRIED', false);
      }
      const late = (applied[i]?.cancel ?? 0) > 0;
      run('try', { row: fenceRow(i), insert: 'TRIED' }, () => {
        if (late) {
          const a = applied[i];
          if (a) a.tryAfterCancel = true;
          anomalies.push({ kind: 'suspension', step: i, atMs: net.now() });
          log.warning('Suspended', P, `Try of ${tx} ran after its Cancel: held forever`, data());
        } else
          log.normal('Tried', P, `Reserved ${Math.abs(s.delta)} on ${s.row} for ${tx}`, data());
        reply(i, 'TRIED', true);
      });
    } else if (m.type === 'CONFIRM') {
      if (options.tccFence && fence === 'COMMITTED') return reply(i, 'DONE', true);
      if (options.tccFence && fence !== 'TRIED') return reply(i, 'DONE', false);
      const again = (applied[i]?.confirm ?? 0) > 0;
      run('confirm', { row: fenceRow(i), value: 'COMMITTED' }, () => {
        if (again) anomalies.push({ kind: 'duplicate_confirm', step: i, atMs: net.now() });
        log.normal('Confirmed', P, `Confirmed ${tx}`, data({ duplicate: again }));
        reply(i, 'DONE', true);
      });
    } else if (m.type === 'CANCEL') {
      if (options.tccFence) {
        if (fence === 'ROLLBACKED' || fence === 'SUSPENDED') return reply(i, 'DONE', true);
        if (fence === 'COMMITTED') return reply(i, 'DONE', false);
        if (fence === undefined) {
          return db.atomically(lid, [{ row: fenceRow(i), insert: 'SUSPENDED' }], (r) => {
            if (!r.ok) return reply(i, 'DONE', false);
            log.normal(
              'EmptyRollback',
              P,
              `Cancel of ${tx} before its Try: nothing to release`,
              data(),
            );
            reply(i, 'DONE', true);
          });
        }
      }
      const a = applied[i];
      const kind =
        a && a.try === 0 ? 'empty_rollback' : a && a.cancel > 0 ? 'duplicate_cancel' : '';
      run('cancel', { row: fenceRow(i), value: 'ROLLBACKED' }, () => {
        if (kind) anomalies.push({ kind, step: i, atMs: net.now() });
        if (kind) log.warning('CancelAnomaly', P, `Cancel of ${tx} applied as ${kind}`, data());
        else log.normal('Compensated', P, `Cancelled ${tx}: reservation released`, data());
        reply(i, 'DONE', true);
      });
    }
  }

  for (const s of spec.steps) ctx.db(s.participant);

  function branch(i: number): BranchState {
    const a = applied[i];
    if (a === undefined) return 'none';
    if (a.tryAfterCancel) return 'orphaned';
    if (a.confirm > 0) return 'committed';
    if (a.cancel > 0) return 'aborted';
    return a.try > 0 ? 'prepared' : 'none';
  }

  return {
    id: tx,
    protocol: 'tcc',
    spec,
    start,
    branches: () =>
      Object.fromEntries(spec.steps.map((s, i) => [`${i}:${s.participant}`, branch(i)])),
    finished: () => logged === 'end',
    anomalies: () => anomalies,
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
